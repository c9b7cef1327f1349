"""Short labels of institutions (kokon_graph.labels): what staff call them, unique, short."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import read_dataset
from kokon_graph.cli import main
from kokon_graph.labels import (
    MAX_LENGTH,
    place_name,
    short_label,
    short_labels,
    short_name_problems,
    type_abbreviation,
)
from tests.conftest import REPO, TEST_KEY

BUNDLED = sorted(p for p in (REPO / "datasets").iterdir() if (p / "institutions.csv").is_file())


@pytest.mark.parametrize(
    ("name", "kind", "place", "expected"),
    [
        (
            "Gminny Ośrodek Pomocy Społecznej w Bolesławowie",
            "ops",
            "Bolesławowo",
            "GOPS Bolesławowo",
        ),
        ("Miejski Ośrodek Pomocy Społecznej w Krakowie", "ops", "Kraków", "MOPS Kraków"),
        ("Miejsko-Gminny Ośrodek Pomocy Społecznej", "ops", "Barczewo", "MGOPS Barczewo"),
        ("Centrum Usług Społecznych", "cus", "Lisin", "CUS Lisin"),
        ("Szkoła Podstawowa nr 1 im. Marii Konopnickiej", "school", "Brzozice", "SP 1 Brzozice"),
        ("Powiatowe Centrum Pomocy Rodzinie w Ostródzie", "pcpr", "Ostróda", "PCPR Ostróda"),
        ("Komenda Powiatowa Policji w Ostródzie", "police_hq", "Ostróda", "KPP Ostróda"),
        ("Komenda Miejska Policji w Olsztynie", "police_hq", "Olsztyn", "KMP Olsztyn"),
        ("Posterunek Policji w gminie Suchin", "police_station", "Suchin", "PP Suchin"),
        ("Przychodnia POZ nr 2", "poz", "Wólka", "POZ 2 Wólka"),
        ("Poradnia Psychologiczno-Pedagogiczna", "ppp", "Ostróda", "PPP Ostróda"),
        ("Powiatowy Urząd Pracy w Ostródzie", "pup", "Ostróda", "PUP Ostróda"),
        ("Urząd Miasta i Gminy Sikorice", "municipal_office", "Sikorice", "UMiG Sikorice"),
        ("Koło Gospodyń Wiejskich", "ngo", "Wólka", "KGW Wólka"),
        ("Parafia rzymskokatolicka B", "parish", "Wólka", "Parafia B Wólka"),
        # no place given: the one the name states
        ("Szkoła Podstawowa A – Nowa Praga", "school", "", "SP A Nowa Praga"),
        ("Komisariat Policji (Praga-Północ)", "police_station", "", "KP Praga-Północ"),
    ],
)
def test_short_label_is_type_number_and_place(
    name: str, kind: str, place: str, expected: str
) -> None:
    assert short_label(name, kind, place) == expected


def test_a_label_too_long_is_cut_at_a_word() -> None:
    label = short_label("Stowarzyszenie B", "ngo", "Grabowo Kociewskie Wielkie Dolne")
    assert len(label) <= MAX_LENGTH
    assert label.endswith("…")
    assert label.startswith("Stow. B Grabowo")


def test_other_types_take_the_first_word_of_the_name() -> None:
    assert type_abbreviation("Ministerstwo Rodziny", "other") == "Ministerstwo"


def test_powiat_place_is_its_seat_when_a_gmina_shares_the_stem() -> None:
    names = {"2815": "powiat ostródzki", "2815011": "Ostróda", "2815022": "Dąbrówno"}
    assert place_name("2815", names) == "Ostróda"
    # no gmina of that stem: the powiat's adjective
    assert place_name("2815", {"2815": "powiat ostródzki", "2815022": "Dąbrówno"}) == (
        "pow. ostródzki"
    )
    # a city with powiat rights is its own name; a gmina its name; a voivodeship its name
    assert place_name("1465", {"1465": "Warszawa"}) == "Warszawa"
    assert place_name("2815022", names) == "Dąbrówno"
    assert place_name("28", {}) == "warmińsko-mazurskie"
    assert place_name("", names) == ""


def _frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "name", "type", "teryt", "short_name"])


def test_short_name_overrides_unless_missing_or_repeated() -> None:
    frame = _frame(
        [
            ("A", "Gminny Ośrodek Pomocy Społecznej", "ops", "2815022", "Ośrodek w Dąbrównie"),
            ("B", "Szkoła Podstawowa nr 1", "school", "2815022", ""),
            ("C", "Szkoła Podstawowa nr 2", "school", "2815022", "Szkoła"),
            ("D", "Szkoła Podstawowa nr 3", "school", "2815022", "szkoła"),
        ]
    )
    labels = short_labels(frame, {"2815022": "Dąbrówno"})
    assert labels == {
        "A": "Ośrodek w Dąbrównie",
        "B": "SP 1 Dąbrówno",
        "C": "SP 2 Dąbrówno",
        "D": "SP 3 Dąbrówno",
    }
    problems = dict(short_name_problems(frame.set_index("id", drop=False)))
    assert set(problems) == {"B", "C", "D"}
    assert "no short name" in problems["B"]
    assert "also used by D" in problems["C"]


def test_labels_that_would_repeat_take_the_words_that_tell_them_apart() -> None:
    frame = _frame(
        [
            ("P1", "Parafia pw. św. Józefa", "parish", "2815022", ""),
            ("P2", "Parafia pw. św. Anny", "parish", "2815022", ""),
            ("S1", "Stowarzyszenie Rodzin", "ngo", "2815022", ""),
            ("S2", "Stowarzyszenie Rodzin", "ngo", "2815022", ""),
        ]
    ).drop(columns="short_name")
    assert short_labels(frame, {"2815022": "Dąbrówno"}) == {
        "P1": "Parafia Józefa Dąbrówno",
        "P2": "Parafia Anny Dąbrówno",
        # the same name twice: a counter is all that is left
        "S1": "Stow. Dąbrówno",
        "S2": "Stow. Dąbrówno (2)",
    }


@pytest.mark.parametrize("folder", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_institution_gets_a_unique_short_label(folder: Path) -> None:
    ds = read_dataset(folder, pseudonym_key=TEST_KEY)
    labels = short_labels(ds.institutions, ds.territories)
    assert len(labels) == len(ds.institutions)
    assert len(set(labels.values())) == len(labels)
    assert all(0 < len(label) <= MAX_LENGTH for label in labels.values())
    # shorter than the names they stand for, by about half or more
    names = ds.institutions["name"].str.len().sum()
    assert sum(map(len, labels.values())) < 0.6 * names


def test_validate_warns_about_missing_and_repeated_short_names(valid_copy: Path) -> None:
    path = valid_copy / "institutions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    chosen = {0: "ROPS Olsztyn", 1: "PCPR Ostróda", 2: "pcpr ostróda"}
    for i, row in enumerate(rows):
        row["short_name"] = chosen.get(i, "")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(main, ["validate", str(valid_copy)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "'short_name'" in line]
    assert len(lines) == len(rows) - 1  # every row but the ROPS, whose short name is fine
    assert lines[0].strip() == (
        "institutions.csv, row 3, column 'short_name': short name 'PCPR Ostróda' is also "
        f"used by {rows[2]['id']}; the derived label is used instead"
    )
    assert "row 5, column 'short_name': no short name" in lines[2]
    strict = CliRunner().invoke(main, ["validate", str(valid_copy), "--strict"])
    assert strict.exit_code == 2
