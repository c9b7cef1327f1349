#!/usr/bin/env bash
# Byte-compare what `analyze`, `report` (CSV) and `map` write for every bundled dataset,
# on a base commit and on another commit (default: the working tree). Usage:
#   bash scripts/diff_outputs.sh [BASE_COMMIT] [OUT_DIR] [COMMIT]
# Commits are checked out with `git worktree add` and run with PYTHONPATH pointing at them
# (same interpreter and libraries as this checkout). Exit 0: identical, 1: differences listed.
# The base outputs are kept in OUT_DIR and reused by later runs into the same folder.
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
        (cd "$tree" && PYTHONPATH="$tree" "$OLDPWD/$PY" -m kokon_graph report "$OLDPWD/$d" \
            --out "$dest/report-min5-en" --format csv --no-map --min-count 5 --lang en \
            --quiet >/dev/null)
        for kind in cooperation referrals groups aggregate; do
            (cd "$tree" && PYTHONPATH="$tree" "$OLDPWD/$PY" -m kokon_graph map "$OLDPWD/$d" \
                --kind "$kind" --out "$dest/map-$kind.html" --quiet >/dev/null)
        done
    done
}
[ -d "$OUT/base" ] || run base "$BASE_TREE"  # kept from an earlier run into the same OUT_DIR
[ -z "${ONLY_BASE:-}" ] || exit 0
rm -rf "$OUT/branch"
TREE="$PWD"
if [ -n "${3:-}" ]; then
    TREE="$OUT/branch-tree"
    git worktree remove --force "$TREE" 2>/dev/null || true
    git worktree add --detach "$TREE" "$3" >/dev/null
fi
run branch "$TREE"
if diff -r "$OUT/base" "$OUT/branch"; then
    echo "identical: $(find "$OUT/base" -type f | wc -l) files, base $BASE vs ${3:-working tree} ($OUT)"
else
    echo "DIFFERENT (see above; outputs in $OUT)"
    exit 1
fi
