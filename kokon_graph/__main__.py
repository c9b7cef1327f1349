"""``python -m kokon_graph`` runs the command line."""

from kokon_graph.cli import main

if __name__ == "__main__":
    main()
