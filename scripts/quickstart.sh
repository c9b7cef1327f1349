#!/usr/bin/env bash
# One command on a fresh machine: install everything, then run the main job on the bundled data:
# check the four example datasets, then analyse, map and report one of them into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
OUT="${KOKON_OUT:-out}"
set -x
for dataset in datasets/liderzy-kooperacji datasets/kooperacja-efektywna datasets/praski-kokon datasets/zawsze-rodzina; do
  kokon-graph validate "$dataset" --strict
done
D=datasets/kooperacja-efektywna
kokon-graph info "$D"
kokon-graph analyze "$D" --out "$OUT/kooperacja-efektywna/analysis"
kokon-graph map "$D" --out "$OUT/kooperacja-efektywna/map.html" --scope powiat:2815
kokon-graph report "$D" --out "$OUT/kooperacja-efektywna/report" --lang pl
kokon-graph compare "$D" --before before --after after --out "$OUT/kooperacja-efektywna/compare"
set +x
echo "Done. Open $OUT/kooperacja-efektywna/report/report.html in a browser."
