"""Survey forms out and answers in, for real: openpyxl files, LibreOffice round trip, the CLI.

One gmina of the bundled liderzy-kooperacji dataset (Olszynka Dolna, 1441812: 16 gmina
institutions plus 10 of its powiat and voivodeship). Its forms are written, converted
back to XLSX by LibreOffice (what an office suite changes must not matter), filled the way
respondents fill them, and imported; the ties are compared with what was filled, by hand,
under each rule.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from kokon_graph import build_network, read_dataset
from kokon_graph.cli import main
from kokon_graph.errors import SurveyError
from kokon_graph.io import Dataset
from kokon_graph.survey import (
    candidates,
    fill_form,
    import_answers,
    survey_status,
    write_forms,
    write_survey_dataset,
)
from kokon_graph.survey.forms import META_SHEET
from tests.conftest import REPO

DATASET = REPO / "datasets" / "liderzy-kooperacji"
SCOPE = "gmina:1441812"
WAVE = "2026"
TODAY = dt.date(2026, 3, 10)
OPS, SZK1, POL, PCPR, PPP = "1441812-OPS", "1441812-SZK1", "1441812-POL", "1441-PCPR", "1441-PPP"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return read_dataset(DATASET)


@pytest.fixture(scope="module")
def forms_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("survey") / "forms"
    write_forms(dataset, out, scope=SCOPE, wave=WAVE, today=TODAY)
    return out


@pytest.fixture(scope="module")
def office_forms(forms_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The forms folder with every form opened and saved again by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: run scripts/setup.sh")
    out = tmp_path_factory.mktemp("office") / "forms"
    shutil.copytree(forms_dir, out)
    converted = out.parent / "converted"
    profile = out.parent / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc Office Open XML",
            "--outdir",
            str(converted),
            *sorted(str(p) for p in (out / "forms").glob("*.xlsx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for path in converted.glob("*.xlsx"):
        shutil.copy(path, out / "forms" / path.name)
    assert len(list(converted.glob("*.xlsx"))) == len(list((out / "forms").glob("*.xlsx")))
    return out


def _file(folder: Path, institution: str) -> Path:
    return next((folder / "forms").glob(f"*_{institution}.xlsx"))


def _fill_scenario(folder: Path) -> None:
    """What the respondents filled (the expected ties below are worked out from this)."""
    answers = folder / "answers"

    def fill(who: str, rows: dict, **kw: object) -> None:
        src = _file(folder, who)
        fill_form(src, rows, out=answers / src.name, **kw)  # type: ignore[arg-type]

    fill(
        OPS,
        {
            SZK1: {
                "cooperates": "tak",
                "kind_information": "tak",
                "kind_joint_action": "tak",
                "frequency": "co tydzień",
                "since": 2015,
                "trust_reliability": 4,
                "trust_openness": 3,
                "trust_mission": 4,
                "value_resources": 3,
                "value_involvement": 3,
                "value_influence": 2,
            },
            PCPR: {"cooperates": "tak", "kind_information": "tak"},
            POL: {"cooperates": "nie"},
        },
        free=[
            {
                "partner_name": "Fundacja Dobry Start",
                "partner_type": "organizacja pozarządowa",
                "partner_place": "Olszynka Dolna",
                "cooperates": "tak",
                "kind_joint_action": "tak",
            }
        ],
        role="kierownik / dyrektor",
        date=dt.date(2026, 3, 2),
    )
    fill(
        SZK1,
        {
            OPS: {"cooperates": "tak", "kind_joint_action": "tak", "trust_reliability": 3},
            POL: {"cooperates": "tak", "kind_information": "tak"},
        },
    )
    fill(POL, {OPS: {"cooperates": "tak"}, SZK1: {"cooperates": "nie"}})
    fill(PCPR, {})  # returned blank
    fill(PPP, {OPS: {"cooperates": "tak", "trust_openness": 5}})  # a rating of 5


def _filled_copy(forms: Path, tmp_path: Path) -> Path:
    """A copy of a forms folder with the scenario's answers in its answers/."""
    folder = tmp_path / "forms"
    shutil.copytree(forms, folder)
    _fill_scenario(folder)
    return folder


def _school_answers(
    forms: Path, tmp_path: Path, answers: dict, free: tuple | list = ()
) -> tuple[Path, Path]:
    """A copy of a forms folder where only the first school answered (as given)."""
    folder = tmp_path / "forms"
    shutil.copytree(forms, folder)
    src = _file(folder, SZK1)
    return folder, fill_form(src, answers, free=free, out=folder / "answers" / src.name)


def _arcs(result_dataset: Dataset) -> set[tuple[str, str]]:
    net = build_network(result_dataset, scope=SCOPE, wave=WAVE)
    return {
        (a, b)
        for a, b in net.cooperation().edges()
        if not a.endswith("N01") and not b.endswith("N01")
    }


def test_one_form_per_institution_named_by_short_label(dataset: Dataset, forms_dir: Path) -> None:
    people = candidates(dataset, SCOPE)
    files = sorted(p.name for p in (forms_dir / "forms").glob("*.xlsx"))
    assert len(files) == len(people) == 27  # 16 of the gmina, 9 of its powiat, its MCPS
    assert "gops-olszynka-dolna_1441812-OPS.xlsx" in files
    template = pd.read_csv(forms_dir / "template.csv", dtype=str, keep_default_na=False)
    assert len(template) == 27 * 26  # every respondent x every other candidate
    assert set(template["respondent_id"]) == set(people["id"])
    assert (template["respondent_id"] != template["partner_id"]).all()


def test_form_has_drop_downs_protection_and_hidden_identity(forms_dir: Path) -> None:
    wb = load_workbook(_file(forms_dir, OPS))
    assert wb.sheetnames == ["Instrukcja", "Partnerzy", META_SHEET]
    meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(max_col=2, values_only=True) if r[0]}
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert wb.security is not None and wb.security.lockStructure
    assert (
        meta["dataset"],
        meta["scope"],
        meta["wave"],
        meta["respondent"],
        meta["form_version"],
    ) == (
        "liderzy-kooperacji",
        SCOPE,
        WAVE,
        OPS,
        "1",
    )
    ws = wb["Partnerzy"]
    assert ws.protection.sheet and wb["Instrukcja"].protection.sheet
    ids = [ws.cell(row=r, column=1).value for r in range(5, 5 + 26)]
    assert OPS not in ids and SZK1 in ids and "14-MCPS" in ids
    assert ws["A5"].protection.locked and ws["B5"].protection.locked  # the list is locked
    assert ws["D4"].protection.locked  # header
    assert ws.column_dimensions["E"].protection.locked is False  # answers open
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    yes_no = next(f for f in lists if "$D$2:$D$3" in f)
    assert "E5:E30" in lists[yes_no]  # cooperates, on every listed partner
    assert [wb[META_SHEET][f"D{r}"].value for r in (2, 3)] == ["tak", "nie"]
    assert any("$G$2:$G$5" in f for f in lists)  # ratings 1-4
    text = " ".join(
        str(c.value) for s in wb.worksheets for row in s.iter_rows() for c in row if c.value
    )
    assert "Ankieta o współpracy instytucji" in text
    assert "0609-PCPR-P1" not in text  # no person, no family


def test_forms_in_english(dataset: Dataset, tmp_path: Path) -> None:
    write_forms(dataset, tmp_path / "en", scope=SCOPE, wave=WAVE, lang="en", today=TODAY)
    wb = load_workbook(next((tmp_path / "en" / "forms").glob("*_1441812-OPS.xlsx")))
    assert wb.sheetnames[:2] == ["Instructions", "Partners"]
    assert wb[META_SHEET]["D2"].value == "yes"


def test_libreoffice_keeps_drop_downs_protection_and_identity(office_forms: Path) -> None:
    wb = load_workbook(_file(office_forms, OPS))
    assert META_SHEET in wb.sheetnames and wb[META_SHEET].sheet_state != "visible"
    ws = wb["Partnerzy"]
    assert ws.protection.sheet
    assert len(ws.data_validations.dataValidation) >= 5


@pytest.mark.parametrize("origin", ["openpyxl", "libreoffice"])
def test_ties_equal_what_was_filled_under_each_rule(
    dataset: Dataset, forms_dir: Path, office_forms: Path, origin: str, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir if origin == "openpyxl" else office_forms, folder)
    _fill_scenario(folder)
    with pytest.raises(SurveyError) as caught:
        import_answers(dataset, folder, wave=WAVE, today=TODAY)
    problems = caught.value.problems
    assert [(p.rule, p.column) for p in problems] == [
        ("bad-rating", "Zaufanie: otwartość na rozmowę")
    ]
    assert problems[0].file.endswith("_1441-PPP.xlsx[Partnerzy]") and problems[0].row is not None

    by_rule = {
        rule: import_answers(dataset, folder, wave=WAVE, rule=rule, skip_invalid=True, today=TODAY)
        for rule in ("union", "intersection", "reconstruction")
    }
    both = {(OPS, SZK1), (SZK1, OPS)}
    # union: every reported pair, both directions
    assert _arcs(by_rule["union"].dataset) == both | {
        (OPS, PCPR),
        (PCPR, OPS),
        (SZK1, POL),
        (POL, SZK1),
        (POL, OPS),
        (OPS, POL),
    }
    # intersection: only the pair both sides reported
    assert _arcs(by_rule["intersection"].dataset) == both
    # reconstruction: reports as given, plus PCPR -> OPS rebuilt (PCPR returned a blank form)
    assert _arcs(by_rule["reconstruction"].dataset) == both | {
        (OPS, PCPR),
        (PCPR, OPS),
        (SZK1, POL),
        (POL, OPS),
    }
    union = by_rule["union"]
    assert union.summary["answered"] == 3 and union.summary["asked"] == 27
    assert union.summary["one_sided_share"] == 0.75  # 3 of the 4 pairs rest on one side
    assert [f.respondent for f in union.skipped] == [PPP]
    assert [p.rule for p in union.warnings] == ["new-partner"]  # the typed-in foundation
    rows = union.dataset.cooperation
    rows = rows[rows["wave"] == WAVE]
    rated = rows[(rows["source"] == OPS) & (rows["target"] == SZK1)]
    assert sorted(rated["kind"]) == ["information", "joint_action"]
    assert set(rated["weight"]) == {3.0} and set(rated["trust_reliability"]) == {4.0}
    assert rated["confirmed"].all()
    rebuilt = by_rule["reconstruction"].dataset.cooperation
    rebuilt = rebuilt[(rebuilt["source"] == PCPR) & (rebuilt["wave"] == WAVE)]
    assert list(rebuilt["reported_by"]) == [OPS] and rebuilt["trust_reliability"].isna().all()
    responses = union.dataset.responses.set_index("respondent")["status"]
    assert (responses[OPS], responses[PCPR], responses[PPP], responses["14-MCPS"]) == (
        "incomplete",
        "empty",
        "invalid",
        "missing",
    )


def test_add_new_makes_the_typed_partner_an_institution(
    dataset: Dataset, forms_dir: Path, tmp_path: Path
) -> None:
    folder = _filled_copy(forms_dir, tmp_path)
    result = import_answers(
        dataset, folder, wave=WAVE, skip_invalid=True, add_new=True, today=TODAY
    )
    new = result.dataset.institutions.set_index("id").loc["1441812-N01"]
    assert (new["name"], new["type"], new["teryt"]) == ("Fundacja Dobry Start", "ngo", "1441812")
    written = write_survey_dataset(result, tmp_path / "out")
    back = read_dataset(written, strict=True)
    assert back.metadata["survey"][WAVE]["rule"] == "union"
    assert len(back.responses) == 27
    assert back.cooperation["reported_by"].eq(OPS).sum() == 4  # SZK1 x2 kinds, PCPR, new NGO


def test_status_lists_returned_missing_empty_and_invalid(forms_dir: Path, tmp_path: Path) -> None:
    folder = _filled_copy(forms_dir, tmp_path)
    status = survey_status(folder)
    by_id = status.respondents.set_index("id")["status"]
    assert by_id[[OPS, SZK1, POL, PCPR, PPP]].tolist() == [
        "incomplete",
        "incomplete",
        "incomplete",
        "empty",
        "invalid",
    ]
    total = status.summary.iloc[-1]
    assert (total["asked"], total["missing"], total["response_rate"]) == (27, 22, round(3 / 27, 3))


def test_a_free_row_naming_a_listed_institution_is_caught(
    dataset: Dataset, forms_dir: Path, tmp_path: Path
) -> None:
    folder, _answer = _school_answers(
        forms_dir, tmp_path, {}, free=[{"partner_name": "GOPS Olszynka Dolna", "cooperates": "tak"}]
    )
    with pytest.raises(SurveyError) as caught:
        import_answers(dataset, folder, wave=WAVE, today=TODAY)
    (problem,) = caught.value.problems
    assert problem.rule == "known-partner" and OPS in problem.message


def test_nie_with_answers_and_duplicates_are_errors(
    dataset: Dataset, forms_dir: Path, tmp_path: Path
) -> None:
    folder, answer = _school_answers(
        forms_dir, tmp_path, {OPS: {"cooperates": "nie", "value_influence": 2}}
    )
    shutil.copy(answer, folder / "answers" / "copy.xlsx")
    with pytest.raises(SurveyError) as caught:
        import_answers(dataset, folder, wave=WAVE, today=TODAY)
    rules = sorted(p.rule for p in caught.value.problems)
    assert rules == ["answer-contradiction", "answer-contradiction", "duplicate-respondent"]


def test_csv_answers_import_like_forms(dataset: Dataset, forms_dir: Path, tmp_path: Path) -> None:
    template = pd.read_csv(forms_dir / "template.csv", dtype=str, keep_default_na=False)
    rows = template[
        ((template["respondent_id"] == OPS) & template["partner_id"].isin([SZK1, POL]))
        | ((template["respondent_id"] == SZK1) & (template["partner_id"] == OPS))
    ].copy()
    rows["cooperates"] = rows["partner_id"].map({SZK1: "tak", POL: "nie", OPS: "tak"})
    rows.to_csv(tmp_path / "answers.csv", index=False)
    result = import_answers(
        dataset, tmp_path / "answers.csv", wave=WAVE, rule="intersection", today=TODAY
    )
    assert _arcs(result.dataset) == {(OPS, SZK1), (SZK1, OPS)}


# -- the command line: bad input is one clear line, exit 2, nothing written


def _run(*args: str) -> object:
    return CliRunner().invoke(main, ["survey", *args])


def test_cli_forms_status_import(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = _run("forms", str(DATASET), "--scope", SCOPE, "--wave", WAVE, "--out", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "27 forms written" in result.output  # type: ignore[attr-defined]
    _fill_scenario(out)
    result = _run("status", str(out), "--lang", "pl")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert re.search(r"1441-PCPR +puste", result.output)  # type: ignore[attr-defined]
    result = _run("status", str(out))  # the language of messages (English here)
    assert re.search(r"1441-PCPR +empty", result.output)  # type: ignore[attr-defined]
    target = tmp_path / "new"
    args = ["import", str(out), "--dataset", str(DATASET), "--wave", WAVE, "--out", str(target)]
    result = _run(*args)
    assert result.exit_code == 2 and not target.exists()  # type: ignore[attr-defined]
    assert "row" in result.output and "5" in result.output  # type: ignore[attr-defined]
    result = _run(*args, "--skip-invalid", "--rule", "reconstruction")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "rule reconstruction" in result.output and (target / "responses.csv").exists()  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", ["corrupted", "encrypted", "csv-columns", "other-dataset"])
def test_cli_bad_input_is_one_line_exit_2_nothing_written(
    case: str, forms_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    if case == "corrupted":
        good = _file(forms_dir, OPS).read_bytes()
        (answers / "form.xlsx").write_bytes(good[: len(good) // 2])
    elif case == "encrypted":
        # what Excel writes for a workbook with a password: an OLE compound file, not a zip
        (answers / "form.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    elif case == "csv-columns":
        (answers / "answers.csv").write_text("instytucja,partner,ocena\nA,B,3\n", encoding="utf-8")
    else:
        src = _file(forms_dir, OPS)
        wb = load_workbook(src)
        for row in wb[META_SHEET].iter_rows(max_col=2):
            if row[0].value == "dataset":
                row[1].value = "praski-kokon"
        wb.save(answers / src.name)
    target = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "survey",
            "import",
            str(answers),
            "--dataset",
            str(DATASET),
            "--wave",
            WAVE,
            "--scope",
            SCOPE,
            "--out",
            str(target),
        ],
    )
    assert result.exit_code == 2, result.output
    assert not target.exists()
    lines = [line for line in result.output.splitlines() if line.strip()]
    message = {
        "corrupted": "cannot be opened as an XLSX workbook",
        "encrypted": "password",
        "csv-columns": "missing columns",
        "other-dataset": "dataset 'praski-kokon'",
    }[case]
    assert message in result.output
    assert len([line for line in lines if not line.startswith(("Hint", "Nothing", "  "))]) == 1


def test_cli_forms_refuses_a_scope_that_is_not_a_territory(tmp_path: Path) -> None:
    result = _run(
        "forms",
        str(DATASET),
        "--scope",
        "voivodeship:14",
        "--wave",
        WAVE,
        "--out",
        str(tmp_path / "x"),
    )
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "gmina or a powiat" in result.output and not (tmp_path / "x").exists()  # type: ignore[attr-defined]


def test_bundled_example_imports_with_its_planted_mistakes(
    dataset: Dataset, tmp_path: Path
) -> None:
    folder = REPO / "datasets" / "_survey" / "liderzy-kooperacji-1441812"
    with pytest.raises(SurveyError) as caught:
        import_answers(dataset, folder, wave=WAVE)
    assert sorted(p.rule for p in caught.value.problems) == [
        "answer-contradiction",
        "bad-rating",
        "known-partner",
    ]
    result = import_answers(dataset, folder, wave=WAVE, skip_invalid=True)
    assert sorted(f.respondent for f in result.skipped) == [
        "1441812-BIB",
        "1441812-PRZ",
        "1441812-SZK2",
    ]
    status = survey_status(folder).respondents.set_index("id")["status"]
    assert status["1441812-NGO2"] == "empty" and (status == "missing").sum() == 6


def test_example_script_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "06_survey_import.py"), str(tmp_path / "out")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "intersection" in done.stdout and "0% reported by one side only" in done.stdout
    assert (tmp_path / "out" / "responses.csv").exists()


def test_trust_and_value_from_the_filled_ratings(
    dataset: Dataset, forms_dir: Path, tmp_path: Path
) -> None:
    """Scores worked out by hand from _fill_scenario (PARTNER: means of the dimensions)."""
    from kokon_graph.analysis import run_all

    folder = _filled_copy(forms_dir, tmp_path)
    result = import_answers(
        dataset, folder, wave=WAVE, rule="union", skip_invalid=True, today=TODAY
    )
    net = build_network(result.dataset, scope=SCOPE, wave=WAVE)
    results = run_all(net)
    scores = results["trust"].set_index("id")
    # SZK1 rated by OPS: trust (4 + 3 + 4) / 3, value (3 + 3 + 2) / 3
    assert scores.loc[SZK1, "trust"] == pytest.approx(11 / 3)
    assert scores.loc[SZK1, "value"] == pytest.approx(8 / 3)
    # OPS rated by SZK1 (reliability 3 only); POL's report of OPS holds no rating
    assert scores.loc[OPS, "raters"] == 1 and scores.loc[OPS, "trust"] == pytest.approx(3.0)
    (pair,) = results["trust_pairs"].itertuples()
    assert {pair.source, pair.target} == {OPS, SZK1}
    assert pair.disagreement == pytest.approx(abs(11 / 3 - 3))  # value: only one side rated
    (wave,) = results["survey_waves"].itertuples()
    assert (wave.rule, wave.asked, wave.answered, wave.ties) == ("union", 27, 3, 4)
    assert wave.one_sided_share == pytest.approx(0.75)
    assert wave.trust == pytest.approx((11 / 3 + 3) / 2)  # two rated reports
