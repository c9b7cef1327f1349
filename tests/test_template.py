"""``kokon-graph template``: the workbook validates as written, headers and drop-downs in the
chosen language, a filled one round-trips (also after LibreOffice saves it), bad input."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kokon_graph import read_dataset
from kokon_graph.cli import main
from kokon_graph.io.schema import FILE_ONLY_TABLES, TABLES
from kokon_graph.model import normalize_token
from kokon_graph.template import (
    INSTRUCTIONS_SHEET,
    SHEET_NAMES,
    TEMPLATE_TABLES,
    filled_columns,
    header,
    write_template,
)
from tests._office import convert
from tests.conftest import REPO, TEST_KEY


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_template_as_written_validates_strictly(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "szablon.xlsx"
    assert run("template", "--out", str(path), "--lang", lang) == (0, f"{path}\n", "")
    code, out, _ = run("validate", str(path), "--strict")
    assert code == 0, out
    ds = read_dataset(path, strict=True)
    counts = ds.counts()
    # every table a person fills in holds the two example rows; the survey's own table is empty
    assert all(n == 2 for t, n in counts.items() if t not in FILE_ONLY_TABLES), counts
    assert all(counts[t] == 0 for t in FILE_ONLY_TABLES), counts
    # labels in the chosen language came back as codes
    assert sorted(ds.institutions["type"]) == ["ops", "school"]
    assert set(ds.referrals["status"]) == {"accepted", "no_answer"}
    assert list(ds.cooperation["mutual"]) == [True, False]
    assert ds.families["problems"].iloc[0] == ("poverty", "parenting")


def test_headers_sheets_and_drop_downs_are_in_the_chosen_language(tmp_path: Path) -> None:
    for lang in ("pl", "en"):
        path = write_template(tmp_path / f"{lang}.xlsx", lang=lang)
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[0] == INSTRUCTIONS_SHEET[lang]
        assert wb.sheetnames[1:] == [SHEET_NAMES[t.name][lang] for t in TEMPLATE_TABLES]
        for spec in TEMPLATE_TABLES:
            ws = wb[SHEET_NAMES[spec.name][lang]]
            assert [c.value for c in ws[1]] == [
                header(spec.name, c, lang) for c in filled_columns(spec)
            ]
            checked = {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation}
            for position, column in enumerate(filled_columns(spec), start=1):
                letter = openpyxl.utils.get_column_letter(position)
                has_list = column.vocab is not None or column.kind == "bool"
                assert (f"{letter}2" in checked) == has_list, (lang, spec.name, column.name)
        # the drop-downs offer the labels in the chosen language
        ws = wb[SHEET_NAMES["institutions"][lang]]
        (sector_check,) = [dv for dv in ws.data_validations.dataValidation if "D2" in str(dv.sqref)]
        sheet_name, cells = sector_check.formula1.lstrip("=").split("!")
        first, last = (c.replace("$", "") for c in cells.split(":"))
        offered = [c.value for (c,) in wb[sheet_name.strip("'")][f"{first}:{last}"]]
        want = {"pl": "pomoc i integracja społeczna", "en": "social assistance and integration"}
        assert offered[0] == want[lang]
        assert len(offered) == 14


def test_polish_headers_hold_no_english_column_name(tmp_path: Path) -> None:
    path = write_template(tmp_path / "pl.xlsx", lang="pl")
    wb = openpyxl.load_workbook(path, read_only=True)
    english = {c.name for t in TABLES for c in t.columns}
    for spec in TEMPLATE_TABLES:
        row = next(wb[SHEET_NAMES[spec.name]["pl"]].iter_rows(max_row=1, values_only=True))
        assert not english & {normalize_token(str(v)) for v in row}, spec.name
    wb.close()


@pytest.mark.slow
def test_a_filled_template_round_trips_also_through_libreoffice(tmp_path: Path) -> None:
    source = read_dataset(REPO / "datasets" / "praski-kokon", strict=True)
    path = write_template(tmp_path / "wypelniony.xlsx", lang="pl", data=source)
    code, out, _ = run("validate", str(path), "--pseudonymised", "--strict")
    assert code == 0, out
    back = read_dataset(path, pseudonymised=True, strict=True)
    assert back.differences(source) == []
    saved = convert(path, tmp_path / "lo", "xlsx")
    assert saved.exists()
    again = read_dataset(saved, pseudonymised=True, strict=True)
    assert again.differences(source) == []


def test_territory_of_a_scope_fills_the_territories_sheet(tmp_path: Path) -> None:
    dataset = REPO / "datasets" / "kooperacja-efektywna"
    path = tmp_path / "t.xlsx"
    code, _, err = run(
        "template", "--out", str(path), "--scope", "powiat:0441", "--territories", str(dataset)
    )
    assert code == 0, err
    ds = read_dataset(path, strict=True)
    codes = list(ds.territories["teryt"])
    assert codes[:2] == ["04", "0441"]
    assert len(codes) > 2
    assert all(c.startswith("0441") for c in codes[1:])
    # the examples sit in the first gmina of the territory
    assert set(ds.institutions["teryt"]) == {codes[2]}
    # a GUS TERC file works too
    terc = tmp_path / "TERC_Urzedowy_2024-01-01.csv"
    terc.write_text(
        "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n"
        "14;;;;MAZOWIECKIE;województwo;2024-01-01\n"
        "14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;2024-01-01\n"
        "14;65;08;8;Praga-Północ;dzielnica;2024-01-01\n"
        "14;65;11;8;Praga-Południe;dzielnica;2024-01-01\n"
        "02;01;01;1;Bolesławiec;gmina miejska;2024-01-01\n",
        encoding="cp1250",
    )
    path2 = write_template(tmp_path / "t2.xlsx", scope="powiat:1465", territories=terc)
    ds2 = read_dataset(path2, strict=True)
    assert list(ds2.territories["teryt"]) == ["14", "1465", "1465088", "1465118"]
    assert ds2.territories["name"].iloc[2] == "Praga-Północ"


def test_voivodeship_scope_needs_no_source_of_names(tmp_path: Path) -> None:
    path = write_template(tmp_path / "w.xlsx", scope="voivodeship:28")
    ds = read_dataset(path, strict=True)
    assert list(ds.territories["name"]) == ["warmińsko-mazurskie", "Praga-Północ"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "exists already"),
        (("--scope", "powiat:0441"), "the names of the units in powiat:0441 are not known"),
        (("--scope", "project:X"), "must be a territory"),
        (("--lang", "de"), "'de' is not one of 'pl', 'en'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "istnieje.xlsx"
    path.write_bytes(b"keep me")
    force = () if not args else ("--force",)
    code, _, err = run("template", "--out", str(path), *force, *args)
    assert code == 2
    assert message in err
    assert path.read_bytes() == b"keep me"  # nothing half-written
    assert TEST_KEY not in err
