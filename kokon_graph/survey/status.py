"""Which forms came back: per respondent, and per gmina and sector with the response rate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kokon_graph.errors import KokonError
from kokon_graph.survey.answers import FormAnswers, answer_files, read_answer_files
from kokon_graph.survey.forms import MANIFEST

__all__ = ["STATUSES", "SurveyStatus", "survey_status"]

#: Statuses of a respondent's form, in the order they are counted.
STATUSES = ("complete", "incomplete", "empty", "invalid", "missing")


@dataclass(frozen=True)
class SurveyStatus:
    """What :func:`survey_status` found.

    Attributes
    ----------
    respondents
        One row per institution asked: ``id``, ``name``, ``gmina``, ``place``,
        ``sector``, ``status`` (one of :data:`STATUSES`), ``answered`` (list
        partners answered), ``asked`` (partners listed), ``file``.
    summary
        One row per gmina (``place``) and sector: ``asked``, a column per
        status, ``response_rate`` (complete + incomplete over asked); a last
        row ``total``.
    """

    respondents: pd.DataFrame
    summary: pd.DataFrame


def survey_status(folder: str | Path) -> SurveyStatus:
    """The state of a survey: a forms folder (``survey.json``) and its ``answers/``.

    Raises
    ------
    KokonError
        If ``folder`` holds no ``survey.json`` (it is not a forms folder).
    """
    root = Path(folder)
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise KokonError(
            f"{root}: no {MANIFEST}; not a folder written by `kokon-graph survey forms`",
            hint="give the folder the forms were written to (returned forms go in its answers/)",
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    people = pd.DataFrame(manifest["respondents"])
    known = dict(zip(people["id"], people["name"], strict=True))
    answers = root / "answers"
    forms = read_answer_files(answer_files(answers) if answers.is_dir() else [], known)
    by_id: dict[str, FormAnswers] = {}
    for form in forms:
        by_id.setdefault(form.respondent, form)
    status, answered, asked, files = [], [], [], []
    for rid in people["id"]:
        got = by_id.get(rid)
        status.append(got.status if got else "missing")
        answered.append(got.answered if got else 0)
        asked.append(got.asked if got else 0)
        files.append(got.file if got else "")
    respondents = people[["id", "name", "gmina", "place", "sector"]].assign(
        status=status, answered=answered, asked=asked, file=files
    )
    counts = (
        pd.crosstab([respondents["place"], respondents["sector"]], respondents["status"])
        .reindex(columns=list(STATUSES), fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts.insert(2, "asked", counts[list(STATUSES)].sum(axis=1))
    total = {
        "place": "total",
        "sector": "",
        **{c: int(counts[c].sum()) for c in ("asked", *STATUSES)},
    }
    summary = pd.concat([counts, pd.DataFrame([total])], ignore_index=True)
    summary["response_rate"] = (
        (summary["complete"] + summary["incomplete"]) / summary["asked"]
    ).round(3)
    return SurveyStatus(respondents, summary)
