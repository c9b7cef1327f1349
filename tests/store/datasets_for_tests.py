"""Datasets the store tests load: the bundled ones, tests/data/valid, edge cases, generated.

``edge_case_dataset`` writes a copy of tests/data/valid with everything a round
trip can get wrong added: extra institution and group columns (one entirely
empty, one with a space, a Polish letter, quotes, a comma and a line break in
its values), repeated cooperation and membership rows, a national-level
institution without TERYT code, families without size or problems, a
referral without an answer date, dates and booleans of every kind.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from kokon_graph.io import Dataset, read_dataset
from tests.conftest import REPO, TEST_KEY, VALID

BUNDLED = REPO / "datasets"


def bundled_dataset_paths() -> list[Path]:
    """Every bundled dataset folder (datasets/<name>/ holding institutions.csv)."""
    if not BUNDLED.is_dir():
        return []
    return sorted(p for p in BUNDLED.iterdir() if (p / "institutions.csv").exists())


def read(path: Path) -> Dataset:
    """A dataset as the CLI reads it (test key; bundled data is pseudonymised already)."""
    return read_dataset(path, pseudonym_key=TEST_KEY)


def _rewrite(path: Path, transform: object) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows = transform(rows)  # type: ignore[operator]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def edge_case_dataset(folder: Path) -> Path:
    """Write the edge-case dataset into ``folder`` and return it."""
    target = folder / "edge-cases"
    shutil.copytree(VALID, target)

    def institutions(rows: list[list[str]]) -> list[list[str]]:
        header = [*rows[0], "uwagi (puste)", "liczba pracowników", "kontakt"]
        out = [header]
        for i, row in enumerate(rows[1:]):
            extra = ["", str(10 + i) if i % 2 else "", ""]
            if i == 0:
                extra[2] = 'ul. "Nowa" 5, Olsztyn\ndrugi wiersz'
            out.append([*row, *extra])
        out.append(
            [
                "MRPiPS",
                "Ministerstwo Rodziny, Pracy i Polityki Społecznej",
                "other",
                "local_government",
                "national",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        return out

    _rewrite(target / "institutions.csv", institutions)

    def groups(rows: list[list[str]]) -> list[list[str]]:
        return [[*rows[0], "spotkania"]] + [
            [*r, str(i) if i else ""] for i, r in enumerate(rows[1:])
        ]

    _rewrite(target / "groups.csv", groups)

    def cooperation(rows: list[list[str]]) -> list[list[str]]:
        # the same (source, target, kind, wave) reported twice, with other weights and dates
        again = list(rows[1])
        again[3], again[4] = "5", ""
        national = ["MRPiPS", "ROPS28", "agreement", "2,5", "2020-01-01", "after", "false"]
        return [*rows, again, list(again), national]

    _rewrite(target / "cooperation.csv", cooperation)

    def memberships(rows: list[list[str]]) -> list[list[str]]:
        return [*rows, list(rows[1]), ["PGR1", "MRPiPS", "obserwator", "", "", "after"]]

    _rewrite(target / "memberships.csv", memberships)

    def families(rows: list[list[str]]) -> list[list[str]]:
        return [*rows, ["R/99/2021", "2815022", "", "", "", "", ""]]

    _rewrite(target / "families.csv", families)

    def referrals(rows: list[list[str]]) -> list[list[str]]:
        return [*rows, ["S99", "R/99/2021", "MRPiPS", "OPS1", "2021-05-05", "sent", "", ""]]

    _rewrite(target / "referrals.csv", referrals)
    return target
