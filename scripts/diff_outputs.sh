#!/usr/bin/env bash
# Byte-compare what `analyze`, `report` (CSV) and `map` write for every bundled dataset,
# on a base commit and on the working tree. Usage:
#   bash scripts/diff_outputs.sh [BASE_COMMIT] [OUT_DIR]
# The base is checked out with `git worktree add` and run with PYTHONPATH pointing at it
# (same interpreter and libraries as this checkout). Exit 0: identical, 1: differences listed.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-c02ca7e}"
OUT="${2:-$(mktemp -d)}"
PY="${KOKON_VENV:-.venv}/bin/python"
BASE_TREE="$OUT/base-tree"
if [ ! -d "$BASE_TREE" ]; then
    git worktree add --detach "$BASE_TREE" "$BASE" >/dev/null
fi
run() {  # run SIDE TREE
    local side=$1 tree=$2
    for d in datasets/*/; do
        [ -f "$d/institutions.csv" ] || continue
        local name
        name=$(basename "$d")
        local dest="$OUT/$side/$name"
        mkdir -p "$dest"
        (cd "$tree" && PYTHONPATH="$tree" "$OLDPWD/$PY" -m kokon_graph analyze "$OLDPWD/$d" \
            --out "$dest/analyze" --quiet >/dev/null)
        (cd "$tree" && PYTHONPATH="$tree" "$OLDPWD/$PY" -m kokon_graph report "$OLDPWD/$d" \
            --out "$dest/report" --format csv --no-map --quiet >/dev/null)
        for kind in cooperation referrals groups aggregate; do
            (cd "$tree" && PYTHONPATH="$tree" "$OLDPWD/$PY" -m kokon_graph map "$OLDPWD/$d" \
                --kind "$kind" --out "$dest/map-$kind.html" --quiet >/dev/null)
        done
    done
}
[ -d "$OUT/base" ] || run base "$BASE_TREE"  # kept from an earlier run into the same OUT_DIR
[ -z "${ONLY_BASE:-}" ] || exit 0
rm -rf "$OUT/branch"
run branch "$PWD"
if diff -r "$OUT/base" "$OUT/branch"; then
    echo "identical: $(find "$OUT/base" -type f | wc -l) files, base $BASE vs working tree ($OUT)"
else
    echo "DIFFERENT (see above; outputs in $OUT)"
    exit 1
fi
