"""Fixtures of the map tests: a headless Chromium, hostile data, the artefact folder."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kokon_graph import Dataset, read_dataset
from tests.conftest import REPO, TEST_KEY, VALID
from tests.viz.browser import Chromium

#: Screenshots of every kind of map land here (``artifacts/`` is not committed).
ARTIFACTS = REPO / "artifacts" / "maps"

#: Names that must show as text and never run, by the id that carries them.
HOSTILE = {
    "NGO1": "<script>alert(1)</script>",
    "SZK1": "<img src=x onerror=alert(2)>",
    "POZ1": "Fundacja „Korale” & \"Przyjaciele\" '<b>'",
}
HOSTILE_GROUP = ("PGR1", "<svg onload=alert(3)>PGR</svg>")
HOSTILE_TERRITORY = ("2815022", "</script><script>alert(4)</script>")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    browser = Chromium()
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _rewrite(path: Path, key: str, column: str, values: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row[key] in values:
            row[column] = values[row[key]]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def hostile_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """tests/data/valid with names that are HTML and script."""
    folder = tmp_path_factory.mktemp("hostile") / "valid"
    shutil.copytree(VALID, folder)
    _rewrite(folder / "institutions.csv", "id", "name", HOSTILE)
    _rewrite(folder / "groups.csv", "id", "name", dict([HOSTILE_GROUP]))
    _rewrite(folder / "territories.csv", "teryt", "name", dict([HOSTILE_TERRITORY]))
    return read_dataset(folder, pseudonym_key=TEST_KEY, strict=True)
