"""The ``kokon-graph`` command line: a thin layer over the Python API.

Each command lives in its own module and is imported only when it runs, so
``kokon-graph --help`` stays fast and a command's heavy dependencies (pyvis,
neo4j, matplotlib) load only for that command.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import warnings
from typing import Any, Final

import click

from kokon_graph._version import __version__
from kokon_graph.cli._help import KokonGroup, bi, pl_doc
from kokon_graph.errors import KokonError, KokonWarning

__all__ = ["COMMANDS", "SUMMARIES", "main"]

#: Every command: name -> "module:attribute" (imported when the command runs).
COMMANDS: dict[str, str] = {
    "validate": "kokon_graph.cli.dataset_cmds:validate",
    "info": "kokon_graph.cli.dataset_cmds:info",
    "generate": "kokon_graph.cli.generate_cmd:generate",
    "analyze": "kokon_graph.cli.analyze_cmd:analyze",
    "map": "kokon_graph.cli.map_cmd:map_command",
    "report": "kokon_graph.cli.report_cmd:report",
    "compare": "kokon_graph.cli.report_cmd:compare",
    "test": "kokon_graph.cli.significance_cmd:test_command",
    "export": "kokon_graph.cli.report_cmd:export",
    "neo4j": "kokon_graph.cli.neo4j_cmd:neo4j",
    "survey": "kokon_graph.cli.survey_cmd:survey",
    "template": "kokon_graph.cli.template_cmd:template",
    "atlas": "kokon_graph.cli.atlas_cmd:atlas",
}

#: The first paragraph of each command's help, so that ``kokon-graph --help`` lists the
#: commands without importing them (and pandas); a test keeps it equal to the commands' own.
SUMMARIES: dict[str, str] = {
    "validate": bi(
        "Sprawdź zbiór danych i wypisz każdy problem z plikiem, wierszem i kolumną.",
        "Check a dataset and list every problem, with file, row and column.",
    ),
    "info": bi(
        "Policz, co zawiera zbiór danych: wiersze, instytucje według sektora, typu, szczebla i "
        "terytorium, grupy, rodzaje współpracy, stany skierowań i fale badania.",
        "Count what a dataset holds: rows, institutions by sector, type, level and "
        "territory, groups, cooperation kinds, referral statuses and waves.",
    ),
    "generate": bi(
        "Zapisz w folderze OUT syntetyczny zbiór danych o realistycznym kształcie.",
        "Write a synthetic dataset of realistic shape to the folder OUT.",
    ),
    "analyze": bi(
        "Zmierz sieć współpracy i znajdź jej luki w koordynacji.",
        "Measure the cooperation network and find its coordination gaps.",
    ),
    "map": bi(
        "Narysuj interaktywną mapę sieci w jednym pliku HTML.",
        "Draw an interactive map of the network as one HTML file.",
    ),
    "report": bi(
        "Zapisz raport centralności i luk: report.xlsx, csv/*.csv, report.html.",
        "Write the centrality and gap report: report.xlsx, csv/*.csv, report.html.",
    ),
    "compare": bi(
        "Porównaj sieć przed i po: dwie fale jednego zbioru danych albo dwa zbiory.",
        "Compare the network before and after: two waves of one dataset, or two datasets.",
    ),
    "test": bi(
        "Sprawdź, czy zmiana między falami albo związek między sieciami to więcej niż przypadek.",
        "Test whether a change between waves, or a relation between networks, is more than noise.",
    ),
    "export": bi(
        "Wyeksportuj sieć współpracy do Gephi (GEXF 1.3), yEd/igraph (GraphML) albo JSON.",
        "Export the cooperation network for Gephi (GEXF 1.3), yEd/igraph (GraphML) or JSON.",
    ),
    "neo4j": bi(
        "Przechowuj sieć w Neo4j: schemat, wczytywanie, eksport i gotowe zapytania.",
        "Keep the network in Neo4j: schema, loading, export and ready queries.",
    ),
    "survey": bi(
        "Zbierz dane o sieci: ankiety dla instytucji i ich odpowiedzi zamienione na powiązania.",
        "Collect the network: survey forms for institutions, and their answers turned into ties.",
    ),
    "template": bi(
        "Zapisz skoroszyt Excela do wypełnienia własnymi danymi.",
        "Write an Excel workbook to fill in with your data.",
    ),
    "atlas": bi(
        "Zapisz atlas regionu: spis gmin według stanu i stronę z mapą dla całego regionu, "
        "każdego powiatu i każdej gminy.",
        "Write a regional atlas: an index of the gminas by status and a page with a map for "
        "the whole region, every powiat and every gmina.",
    ),
}


def report_error(err: KokonError) -> None:
    """Print a one-line cause and, if known, the remedy, to standard error."""
    from kokon_graph._text import terminal_safe
    from kokon_graph.lang import tr

    click.secho(f"{tr('Błąd', 'Error')}: {terminal_safe(str(err))}", fg="red", err=True)
    if err.hint:
        click.echo(f"{tr('Wskazówka', 'Hint')}: {terminal_safe(err.hint)}", err=True)


#: Commands whose ``--lang`` sets the language of the files they write.
_FILE_COMMANDS: Final = ("report", "compare", "map", "template", "atlas")


class _LazyGroup(KokonGroup):
    """A group that imports each command when it is used and turns errors into messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def short_help_of(self, ctx: click.Context, name: str, limit: int) -> str:
        """The command's line from :data:`SUMMARIES` (no command module is imported)."""
        from kokon_graph.cli._help import translated

        text = translated(SUMMARIES.get(name, "")) or ""
        return click.Command(name, help=text).get_short_help_str(limit)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with warnings.catch_warnings():
                # a warning about the data reads as one line, once, without a source location
                warnings.simplefilter("always", KokonWarning)
                shown, seen = warnings.showwarning, set()

                def show(message: Any, category: type[Warning], *args: Any, **kw: Any) -> None:
                    if not issubclass(category, KokonWarning):
                        shown(message, category, *args, **kw)
                    elif str(message) not in seen:
                        seen.add(str(message))
                        from kokon_graph.lang import tr

                        click.echo(f"{tr('Ostrzeżenie', 'Warning')}: {message}", err=True)

                warnings.showwarning = show
                return super().invoke(ctx)
        except KokonError as err:
            report_error(err)
            ctx.exit(2 if isinstance(err, ValueError) else 1)
        except click.UsageError as err:
            from kokon_graph.cli._help import in_polish

            raise in_polish(err) from None
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # the reader went away (`kokon-graph info ... | head`): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except KeyboardInterrupt:
            from kokon_graph.lang import tr

            if threading.current_thread() is threading.main_thread():
                # a second Ctrl-C while stopping must not turn into a traceback
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            click.echo(tr("Przerwano.", "Interrupted."), err=True)
            # Outputs were staged and are already cleaned up. Exit at once: writers cut short
            # (openpyxl's streaming sheets) complain, or re-raise the interrupt, when they are
            # collected at interpreter shutdown, which made the exit status -SIGINT at times.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        except Exception as err:
            if os.environ.get("KOKON_DEBUG"):
                raise
            from kokon_graph._output import WRITE_ERRNOS, output_error

            if isinstance(err, OSError) and err.errno in WRITE_ERRNOS:
                # a full disk or a read-only place met outside a staged output: still one line
                report_error(output_error(err, err.filename or "?"))
                ctx.exit(1)
            from kokon_graph.lang import tr

            click.secho(
                f"{tr('Błąd wewnętrzny', 'Internal error')}: {type(err).__name__}: {err}",
                fg="red",
                err=True,
            )
            click.echo(
                tr(
                    "Wskazówka: to błąd kokon-graph; uruchom ponownie z KOKON_DEBUG=1, aby "
                    "zobaczyć ślad wywołań, i zgłoś go",
                    "Hint: this is a bug in kokon-graph; rerun with KOKON_DEBUG=1 to see "
                    "the traceback and report it",
                ),
                err=True,
            )
            ctx.exit(1)


def _choose_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Set the language of messages as soon as ``--lang`` is read (it is eager, so that
    ``kokon-graph --lang pl --help`` is Polish too) and the default ``--lang`` of every
    command that writes files for people."""
    from kokon_graph.lang import env_lang, messages_lang_from, set_lang

    try:
        files = value or env_lang()
        messages = value or messages_lang_from(os.environ)
    except ValueError as err:
        raise click.UsageError(f"{err}; set it to pl or en, or unset it") from None
    ctx.call_on_close(set_lang("pl" if messages == "pl" else "en"))
    if files:
        ctx.default_map = {name: {"lang": files} for name in _FILE_COMMANDS}
    return value


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="kokon-graph",
    help=bi("Pokaż wersję i zakończ.", "Show the version and exit."),
)
@click.option(
    "--lang",
    "global_lang",
    type=click.Choice(["pl", "en"]),
    default=None,
    metavar="pl|en",
    is_eager=True,
    expose_value=False,
    callback=_choose_lang,
    help=bi(
        "Język komunikatów, podsumowań i (o ile polecenie nie mówi inaczej) raportów, map i "
        "szablonów (domyślnie: $KOKON_LANG, a gdy go brak, język systemu dla komunikatów i "
        "polski dla plików).",
        "Language of messages, summaries and (unless a command says otherwise) of reports, "
        "maps and templates (default: $KOKON_LANG, else the system's language for messages and "
        "Polish for files).",
    ),
)
@pl_doc(
    """Analizuj i pokazuj na mapie współpracę instytucji wspierających rodziny.

    Wczytaj zbiór danych (folder plików CSV albo skoroszyt .xlsx; zob.
    docs/dataset-format.md), sprawdź go i znajdź luki w koordynacji oraz
    centralnych aktorów jego sieci.

    \b
    Przykład:
      kokon-graph validate datasets/praski-kokon
      kokon-graph info datasets/praski-kokon
      kokon-graph --lang en validate datasets/praski-kokon
    """
)
def main() -> None:
    """Analyse and map the cooperation between institutions that support families.

    Read a dataset (a folder of CSV files or an .xlsx workbook; see
    docs/dataset-format.md), check it, and find the coordination gaps and the
    central actors in its network.

    \b
    Example:
      kokon-graph validate datasets/praski-kokon
      kokon-graph info datasets/praski-kokon
      kokon-graph --lang en validate datasets/praski-kokon
    """
