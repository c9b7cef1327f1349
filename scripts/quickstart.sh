#!/usr/bin/env bash
# One command on a fresh machine: install everything, then run the main job on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
set -x
kokon-graph validate tests/data/valid --strict
kokon-graph info tests/data/valid
