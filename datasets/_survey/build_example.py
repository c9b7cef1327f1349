"""Build the bundled, synthetic example of returned survey forms (liderzy-kooperacji, 1441812).

Run:  python datasets/_survey/build_example.py

Writes datasets/_survey/liderzy-kooperacji-1441812/: survey.json (what was sent to whom)
and answers/ (the forms that "came back"). The answers follow the dataset's own
`after` ties of the gmina, so the imported network resembles the data; ratings,
frequencies and years are drawn with a fixed seed. Realistic mistakes are planted:
a rating of 5, "nie" with a frequency filled, a free row naming a listed institution,
a partner typed in by hand, a blank form, forms never returned.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

import kokon_graph as kg
from kokon_graph.survey import fill_form, write_forms
from kokon_graph.survey._vocab import RATING_CODES

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = HERE / "liderzy-kooperacji-1441812"
SCOPE, WAVE = "gmina:1441812", "2026"
NOT_RETURNED = {"1441812-PAR2", "1441812-KS", "1441-SZP", "1441-SP", "14-MCPS", "1441-POW"}
BLANK = "1441812-NGO2"
FREQ = ["kilka razy w roku lub rzadziej", "mniej więcej raz w miesiącu", "co tydzień"]


def main() -> None:
    rng = random.Random(14)
    dataset = kg.read_dataset(REPO / "datasets" / "liderzy-kooperacji")
    tmp = Path(tempfile.mkdtemp())
    try:
        forms = write_forms(dataset, tmp / "s", scope=SCOPE, wave=WAVE, today=dt.date(2026, 3, 1))
        people = list(forms.respondents["id"])
        coop = dataset.cooperation[dataset.cooperation["wave"] == "after"]
        ties = {(s, t) for s, t in zip(coop["source"], coop["target"], strict=True)}
        # the hand-written README.md stays; what the script writes is made anew
        shutil.rmtree(OUT / "answers", ignore_errors=True)
        (OUT / "answers").mkdir(parents=True)
        shutil.copy(tmp / "s" / "survey.json", OUT / "survey.json")
        for rid, name in zip(forms.respondents["id"], forms.respondents["file"], strict=True):
            if rid in NOT_RETURNED:
                continue
            answers: dict[str, dict[str, object]] = {}
            if rid != BLANK:
                for pid in people:
                    if pid == rid or rng.random() < 0.1:  # some rows left unanswered
                        continue
                    if (rid, pid) in ties or ((pid, rid) in ties and rng.random() < 0.7):
                        answers[pid] = {
                            "cooperates": "tak",
                            "kind_information": "tak",
                            "kind_joint_action": "tak" if rng.random() < 0.5 else None,
                            "frequency": rng.choice(FREQ),
                            "since": rng.randint(2008, 2025),
                            **{k: rng.randint(2, 4) for k in RATING_CODES},
                        }
                    else:
                        answers[pid] = {"cooperates": "nie"}
            free: list[dict[str, object]] = []
            if rid == "1441812-SZK2":  # mistake: a rating of 5
                answers["1441812-OPS"] = {"cooperates": "tak", "trust_reliability": 5}
            if rid == "1441812-PRZ":  # mistake: "nie", yet how often is filled
                answers["1441812-POL"] = {"cooperates": "nie", "frequency": "co tydzień"}
            if rid == "1441812-BIB":  # mistake: a listed institution typed in a free row
                free.append({"partner_name": "GOPS Olszynka Dolna", "cooperates": "tak"})
            if rid == "1441812-OPS":  # a partner not on the list
                free.append(
                    {
                        "partner_name": "Fundacja Dobry Start",
                        "partner_type": "organizacja pozarządowa",
                        "partner_place": "Olszynka Dolna",
                        "cooperates": "tak",
                        "kind_joint_action": "tak",
                        "frequency": "mniej więcej raz w miesiącu",
                    }
                )
            fill_form(
                tmp / "s" / "forms" / name,
                answers,
                free=free,
                role=None if rid == BLANK else "kierownik / dyrektor",
                date=None if rid == BLANK else dt.date(2026, 3, rng.randint(2, 20)),
                out=OUT / "answers" / name,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
