#!/usr/bin/env bash
# The package as users get it: build the wheel, install it into a fresh virtual environment
# (no system packages, nothing from this checkout on the path) and run the tour's main commands
# - validate, analyze, map, report - on a bundled dataset, from a folder outside the checkout.
# Called by scripts/test.sh (run without arguments, as CI does); takes about a minute (the dependencies come from pip's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# build from a clean copy of the sources, so the checkout gets no build/ or egg-info
mkdir "$WORK/src"
cp -r pyproject.toml README.md kokon_graph "$WORK/src/"
find "$WORK/src" -name __pycache__ -prune -exec rm -rf {} +
"$PYTHON" -m venv "$WORK/build-env"
"$WORK/build-env/bin/pip" wheel -q --no-deps -w "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/kokon_graph-*.whl)

"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "$WHEEL"
KG="$WORK/venv/bin/kokon-graph"
DATA="$REPO/datasets/praski-kokon"
cd "$WORK"
where=$("$WORK/venv/bin/python" -c 'import kokon_graph; print(kokon_graph.__file__)')
case "$where" in
"$WORK/venv/"*) ;;
*) echo "kokon_graph imported from $where, not from the installed wheel" >&2; exit 1 ;;
esac
"$KG" --version
"$KG" validate "$DATA" --strict
"$KG" analyze "$DATA" --out out/analysis --quiet
"$KG" map "$DATA" --out out/map.html
"$KG" report "$DATA" --out out/report --quiet
"$KG" template --out out/szablon.xlsx
for f in out/analysis/centrality.csv out/map.html out/report/report.xlsx out/report/report.html \
    out/szablon.xlsx; do
    test -s "$f" || { echo "missing: $f" >&2; exit 1; }
done
echo "installed wheel $(basename "$WHEEL"): validate, analyze, map, report and template work"
