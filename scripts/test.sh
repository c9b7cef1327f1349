#!/usr/bin/env bash
# Every check CI runs: lint, formatting, types, generated docs, then the test suite.
# Needs the environment made by scripts/setup.sh (or .ci/run). Extra arguments go to pytest;
# without any, the built wheel is also installed and run in a fresh environment at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. "${KOKON_VENV:-.venv}/bin/activate"
ruff check .
ruff format --check .
mypy
python scripts/gen_dataset_docs.py --check

# The store tests run over Bolt against a real Neo4j (tools/neo4j-server/), started here for
# this run only (its own state directory, a fresh database, a random password) and stopped
# after. Without Java they are skipped, saying why; KOKON_NEO4J_URI set already means "use
# that server" (the tests empty its database).
if [ -z "${KOKON_NEO4J_URI:-}" ]; then
  if command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
    KOKON_NEO4J_STATE="$(mktemp -d "${TMPDIR:-/tmp}/kokon-neo4j-test.XXXXXX")"
    export KOKON_NEO4J_STATE
    # shellcheck disable=SC2317  # called by the trap
    stop_neo4j() {
      bash scripts/neo4j-server.sh stop || true
      rm -rf "$KOKON_NEO4J_STATE"
    }
    trap stop_neo4j EXIT
    bash scripts/neo4j-server.sh start
    # shellcheck disable=SC1091
    . "$KOKON_NEO4J_STATE/env"
  else
    echo "test.sh: no Java, so no Neo4j server: the Neo4j store tests will be skipped" >&2
  fi
fi
python -m pytest "$@"
if [ $# -eq 0 ]; then
    bash scripts/test_install.sh
fi
