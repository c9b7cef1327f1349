"""Answers into a dataset: check every form, resolve partners, apply a rule, write.

::

    from kokon_graph.survey import import_answers, write_survey_dataset
    result = import_answers(dataset, "survey/answers", wave="2026", rule="union")
    write_survey_dataset(result, "out/with-2026")
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kokon_graph import model
from kokon_graph._output import staged_folder
from kokon_graph.errors import KokonError, Problem, SurveyError
from kokon_graph.graph import Scope
from kokon_graph.io import Dataset, empty_table, read_dataset, write_dataset
from kokon_graph.io.dataset import DATE_DTYPE
from kokon_graph.lang import tr
from kokon_graph.model import normalize_token
from kokon_graph.survey.answers import FormAnswers, Report, answer_files, read_answer_files
from kokon_graph.survey.forms import MANIFEST, candidates
from kokon_graph.survey.ties import Rule, one_sided_share, ties_from_reports

__all__ = ["SurveyImport", "import_answers", "write_survey_dataset"]

_NAME_MATCH = 0.85


@dataclass
class SurveyImport:
    """What :func:`import_answers` made.

    Attributes
    ----------
    dataset
        The original tables plus the wave's cooperation rows, the ``responses``
        rows and (with ``add_new``) the new institutions.
    forms
        Every form read, valid or not.
    skipped
        Forms left out as invalid (``skip_invalid``).
    warnings
        Problems that did not stop the import (free-row partners left out, ...).
    summary
        ``rule``, ``asked``, ``answered``, ``empty``, ``missing``, ``invalid``,
        ``response_rate``, ``ties`` (unordered pairs), ``one_sided_share``,
        ``new_institutions``.
    """

    dataset: Dataset
    forms: list[FormAnswers]
    skipped: list[FormAnswers] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def _answers_path(path: Path) -> tuple[Path, dict[str, Any] | None]:
    manifest = path / MANIFEST if path.is_dir() else None
    if manifest is not None and manifest.exists():
        return path / "answers", json.loads(manifest.read_text(encoding="utf-8"))
    return path, None


def _scope_of(
    forms: list[FormAnswers], manifest: dict[str, Any] | None, scope: str | None
) -> Scope:
    if scope:
        return Scope.parse(scope)
    if manifest is not None:
        return Scope.parse(str(manifest["scope"]))
    seen = Counter(f.identity.get("scope", "") for f in forms if f.identity.get("scope"))
    if not seen:
        raise KokonError(
            tr(
                "odpowiedzi nie mówią, której gminy ani powiatu dotyczą",
                "the answers do not say which gmina or powiat they cover",
            ),
            hint=tr(
                "podaj --scope gmina:KOD (albo powiat:KOD)",
                "give --scope gmina:CODE (or powiat:CODE)",
            ),
        )
    return Scope.parse(seen.most_common(1)[0][0])


def _check_identity(
    form: FormAnswers, *, dataset: str, scope: str, wave: str, asked: set[str], seen: dict[str, str]
) -> None:
    ident = form.identity
    if not ident:
        return
    checks = (
        ("dataset", dataset, tr("zbioru danych", "dataset")),
        ("scope", scope, tr("zakresu badania", "survey scope")),
        ("wave", wave, tr("fali", "wave")),
    )
    for key, expected, what in checks:
        got = ident.get(key, "")
        if got and got != expected:
            form.problems.append(
                Problem(
                    form.file,
                    None,
                    key,
                    tr(
                        f"to formularz dla {what} {got!r}, nie {expected!r}",
                        f"is a form for {what} {got!r}, not {expected!r}",
                    ),
                    "wrong-form",
                )
            )
    rid = form.respondent
    if rid not in asked:
        form.problems.append(
            Problem(
                form.file,
                None,
                "respondent",
                tr(
                    f"{rid!r} nie jest instytucją zakresu {scope}",
                    f"{rid!r} is not an institution of {scope}",
                ),
                "wrong-form",
            )
        )
    elif rid in seen:
        form.problems.append(
            Problem(
                form.file,
                None,
                "respondent",
                tr(
                    f"{rid!r} odpowiedziała już w {seen[rid]}",
                    f"{rid!r} answered already in {seen[rid]}",
                ),
                "duplicate-respondent",
            )
        )
    else:
        seen[rid] = form.file


def _type_place_match(name: str, people: pd.DataFrame) -> str | None:
    """The id of the candidate a short label (``GOPS Olszynka Dolna``) names, if any."""
    tokens = normalize_token(name).split()
    for k in range(1, min(len(tokens), 4)):
        kind = model.INSTITUTION_TYPES.normalize(" ".join(tokens[:k]))
        if kind is None:
            continue
        place = " ".join(tokens[k:])
        for pid, ptype, pplace in zip(people["id"], people["type"], people["place"], strict=True):
            if (
                ptype == kind
                and difflib.SequenceMatcher(None, place, normalize_token(pplace)).ratio()
                >= _NAME_MATCH
            ):
                return str(pid)
    return None


def _known_match(name: str, names: dict[str, str], people: pd.DataFrame) -> str | None:
    key = normalize_token(name)
    best, best_ratio = None, 0.0
    for iid, iname in names.items():
        ratio = difflib.SequenceMatcher(None, key, normalize_token(iname)).ratio()
        if ratio > best_ratio:
            best, best_ratio = iid, ratio
    if best is not None and best_ratio >= _NAME_MATCH:
        return best
    return _type_place_match(name, people)


def _new_institution(
    rep: Report, n: int, scope: Scope, territories: pd.DataFrame, respondent_teryt: str
) -> dict[str, str]:
    kind = model.INSTITUTION_TYPES.normalize(rep.free_type) if rep.free_type else None
    kind = kind or model.OTHER
    term = model.INSTITUTION_TYPES.term(kind)
    places = {
        normalize_token(str(n)): str(t)
        for t, n in zip(territories["teryt"], territories["name"], strict=True)
    }
    teryt = places.get(normalize_token(rep.free_place)) or respondent_teryt or scope.code
    level = term.level or model.OTHER
    if (level == "gmina" and len(teryt) < 7) or (level == "powiat" and len(teryt) < 4):
        level = model.OTHER
    return {
        "id": f"{scope.code}-N{n:02d}",
        "name": rep.free_name,
        "type": kind,
        "sector": term.sector or model.OTHER,
        "level": level,
        "teryt": teryt,
    }


def _resolve_free_rows(
    forms: list[FormAnswers], dataset: Dataset, people: pd.DataFrame, scope: Scope, add_new: bool
) -> pd.DataFrame:
    names = dict(zip(dataset.institutions["id"], dataset.institutions["name"], strict=True))
    teryt_of = dict(zip(dataset.institutions["id"], dataset.institutions["teryt"], strict=True))
    new: dict[str, dict[str, str]] = {}
    for form in forms:
        kept = []
        for rep in form.reports:
            if rep.partner:
                kept.append(rep)
                continue
            match = _known_match(rep.free_name, names, people)
            if match is not None:
                form.problems.append(
                    Problem(
                        rep.where,
                        rep.row,
                        "Instytucja",
                        tr(
                            f"{rep.free_name!r} wygląda jak {match} ({names[match]}), która jest "
                            "na liście: odpowiedz w jej wierszu",
                            f"{rep.free_name!r} looks like {match} ({names[match]}), which is "
                            "on the list: answer in its row instead",
                        ),
                        "known-partner",
                    )
                )
                continue
            key = normalize_token(rep.free_name)
            if not add_new:
                form.problems.append(
                    Problem(
                        rep.where,
                        rep.row,
                        "Instytucja",
                        tr(
                            f"{rep.free_name!r} nie ma na liście, pominięta; --add-new dodaje "
                            "ją jako nową instytucję",
                            f"{rep.free_name!r} is not on the list and is left out; --add-new "
                            "adds it as a new institution",
                        ),
                        "new-partner",
                        "warning",
                    )
                )
                continue
            if key not in new:
                new[key] = _new_institution(
                    rep, len(new) + 1, scope, dataset.territories, teryt_of.get(rep.respondent, "")
                )
            rep.partner = new[key]["id"]
            kept.append(rep)
        form.reports = kept
    frame = empty_table("institutions")
    if new:
        added = pd.DataFrame(list(new.values()))
        frame = pd.concat([frame, added], ignore_index=True).fillna("")
    return frame


def import_answers(
    dataset: Dataset,
    path: str | Path,
    *,
    wave: str,
    rule: Rule = "union",
    scope: str | None = None,
    skip_invalid: bool = False,
    add_new: bool = False,
    today: dt.date | None = None,
) -> SurveyImport:
    """Check every returned form and turn the answers into the cooperation rows of ``wave``.

    Parameters
    ----------
    dataset
        The dataset the forms were written from.
    path
        A folder of filled forms (``*.xlsx``) and CSV answer tables, a forms
        folder holding ``survey.json`` (its ``answers/`` are read), or one CSV
        file of answers in the template's columns.
    wave
        The wave the forms were written for.
    rule
        How reports become ties: ``union``, ``intersection`` or
        ``reconstruction`` (see :mod:`kokon_graph.survey.ties`).
    scope
        The survey's scope; by default the one the forms (or ``survey.json``) name.
    skip_invalid
        Leave invalid forms out (listed in ``skipped``) instead of failing.
    add_new
        Add partners typed in the free rows as new institutions; without it
        they are left out, with a warning each.
    today
        The latest year ``since`` may name (default: today).

    Raises
    ------
    SurveyError
        Listing every problem of every form, if any form is invalid (and
        ``skip_invalid`` is not set), if a CSV lacks required columns, or if
        the wave already holds cooperation in the scope.
    """
    root = Path(path)
    if not root.exists():
        raise KokonError(
            tr(f"{root}: nie ma takiego pliku ani folderu", f"{root}: no such file or folder"),
            hint=tr("podaj folder zwróconych formularzy", "give the folder of returned forms"),
        )
    folder, manifest = _answers_path(root)
    names = dict(zip(dataset.institutions["id"], dataset.institutions["name"], strict=True))
    files = answer_files(folder) if folder.exists() else []
    forms = read_answer_files(files, names, today=today)
    parsed = _scope_of(forms, manifest, scope)
    people = candidates(dataset, parsed)
    asked = set(people["id"])
    seen: dict[str, str] = {}
    for form in forms:
        _check_identity(
            form, dataset=dataset.name, scope=str(parsed), wave=wave, asked=asked, seen=seen
        )
    clash = dataset.cooperation[
        (dataset.cooperation["wave"] == wave)
        & dataset.cooperation["source"].isin(asked)
        & dataset.cooperation["target"].isin(asked)
    ]
    if len(clash):
        raise SurveyError.one(
            Problem(
                dataset.name,
                None,
                "wave",
                tr(
                    f"fala {wave!r} ma już wiersze współpracy w {parsed} ({len(clash)}); "
                    "zaimportuj odpowiedzi jako nową falę",
                    f"wave {wave!r} already holds {len(clash)} "
                    f"cooperation rows in {parsed}; import the answers as a new wave",
                ),
                "wave-exists",
            )
        )
    new_inst = _resolve_free_rows(forms, dataset, people, parsed, add_new)
    errors = [p for f in forms for p in f.errors]
    if errors and not skip_invalid:
        raise SurveyError(errors, source=str(root))
    skipped = [f for f in forms if f.errors]
    valid = [f for f in forms if not f.errors and f.respondent]
    answering = {f.respondent for f in valid if f.status in ("complete", "incomplete")}
    reports = [r for f in valid for r in f.reports]
    used_new = {r.partner for r in reports}
    new_inst = new_inst[new_inst["id"].isin(used_new)]
    ties = ties_from_reports(reports, answering, rule=rule, wave=wave)
    responses = _responses(people, forms, wave=wave, scope=str(parsed))
    institutions = pd.concat([dataset.institutions, new_inst], ignore_index=True)
    for col in dataset.institutions.columns:
        institutions[col] = (
            institutions[col].fillna("") if institutions[col].dtype == object else institutions[col]
        )
    cooperation = pd.concat([dataset.cooperation, ties], ignore_index=True)
    old_responses = dataset.responses[dataset.responses["wave"] != wave]
    metadata = dict(dataset.metadata)
    pairs = (
        ties[["source", "target"]].apply(lambda r: tuple(sorted(r)), axis=1).nunique()
        if len(ties)
        else 0
    )
    summary: dict[str, Any] = {
        "wave": wave,
        "scope": str(parsed),
        "rule": rule,
        "asked": len(people),
        "answered": len(answering),
        "empty": int((responses["status"] == "empty").sum()),
        "missing": int((responses["status"] == "missing").sum()),
        "invalid": len(skipped),
        "response_rate": round(len(answering) / len(people), 4) if len(people) else 0.0,
        "ties": int(pairs),
        "one_sided_share": round(one_sided_share(ties), 4) if len(ties) else 0.0,
        "new_institutions": len(new_inst),
    }
    survey_meta = (
        dict(metadata.get("survey", {})) if isinstance(metadata.get("survey"), dict) else {}
    )
    survey_meta[wave] = summary
    metadata["survey"] = survey_meta
    out = dataset.with_tables(
        institutions=institutions.reset_index(drop=True),
        cooperation=cooperation.reset_index(drop=True),
        responses=pd.concat([old_responses, responses], ignore_index=True),
    )
    out.metadata = metadata
    warnings = [p for f in valid for p in f.problems if p.severity == "warning"]
    return SurveyImport(out, forms, skipped, warnings, summary)


def _responses(
    people: pd.DataFrame, forms: list[FormAnswers], *, wave: str, scope: str
) -> pd.DataFrame:
    by_respondent: dict[str, FormAnswers] = {}
    for form in forms:
        if form.respondent and form.respondent not in by_respondent:
            by_respondent[form.respondent] = form
    rows = []
    for rid in people["id"]:
        got = by_respondent.get(rid)
        rows.append(
            {
                "respondent": rid,
                "wave": wave,
                "scope": scope,
                "status": got.status if got else "missing",
                "received": pd.Timestamp(got.received) if got and got.received else pd.NaT,
                "role": got.role if got else "",
                "form_version": got.identity.get("form_version", "") if got else "",
                "file": got.file if got else "",
            }
        )
    frame = pd.DataFrame(rows, columns=list(empty_table("responses").columns))
    frame["received"] = frame["received"].astype(DATE_DTYPE)
    return frame


def write_survey_dataset(result: SurveyImport, out: str | Path) -> Path:
    """Write the imported dataset as a new folder, checked by reading it back first.

    Everything is written to a temporary folder beside ``out`` and moved into
    place only when it reads back as a valid dataset: on an error nothing is
    left behind.

    Raises
    ------
    KokonError
        If ``out`` exists and is not an empty folder.
    DatasetError
        If the written dataset does not read back as valid (a bug).
    """
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KokonError(
            f"{target}: exists and is not an empty folder; the imported dataset is written "
            "to a new folder",
            hint="choose another --out",
        )
    with staged_folder(target) as stage:
        write_dataset(result.dataset, stage)
        read_dataset(stage, pseudonymised=True)
    return target
