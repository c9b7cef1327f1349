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
python -m pytest "$@"
if [ $# -eq 0 ]; then
    bash scripts/test_install.sh
fi
