"""Turn returned survey forms into the cooperation ties of a new wave.

Run:  python examples/06_survey_import.py [OUT]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import kokon_graph as kg
from kokon_graph.survey import import_answers, survey_status, write_survey_dataset

FORMS = "datasets/_survey/liderzy-kooperacji-1441812"  # synthetic returned forms
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "liderzy-2026"

status = survey_status(FORMS)
total = status.summary.iloc[-1]
print(f"forms: {total['asked']} sent, response rate {total['response_rate']:.0%}")

dataset = kg.read_dataset("datasets/liderzy-kooperacji")
for rule in ("union", "intersection", "reconstruction"):
    result = import_answers(dataset, FORMS, wave="2026", rule=rule, skip_invalid=True)
    s = result.summary
    print(f"{rule:15} {s['ties']:3} ties, {s['one_sided_share']:.0%} reported by one side only")

result = import_answers(dataset, FORMS, wave="2026", rule="union", skip_invalid=True, add_new=True)
print("left out as invalid:", ", ".join(f.respondent for f in result.skipped))
write_survey_dataset(result, out)
network = kg.build_network(kg.read_dataset(out), scope="gmina:1441812", wave="2026")
print(f"wave 2026: {network.cooperation().number_of_edges()} directed ties, written to {out}")
