"""A bundled dataset re-saved as Excel does (`;`, Windows-1250) while its datapackage.json still
declares UTF-8 and `,`: the file is trusted, a warning says what was declared, what the file
is and what to do, and the data is the same."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kokon_graph import read_dataset
from kokon_graph.cli import main
from kokon_graph.errors import DatasetError
from tests.conftest import REPO

BUNDLED = REPO / "datasets" / "praski-kokon"


def _resave_like_excel(target: Path) -> Path:
    shutil.copytree(BUNDLED, target)
    for path in target.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        with path.open("w", encoding="cp1250", newline="") as f:
            csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    return target


def test_resaved_dataset_reads_the_same_with_one_warning_per_mismatch(tmp_path: Path) -> None:
    folder = _resave_like_excel(tmp_path / "resaved")
    original = read_dataset(BUNDLED, strict=True)
    ds = read_dataset(folder)
    assert ds.differences(original) == []
    mismatches = [w for w in ds.warnings if w.rule == "datapackage-mismatch"]
    delimiter = [w for w in mismatches if "delimiter" in w.message]
    encoding = [w for w in mismatches if "encoding" in w.message]
    assert len(delimiter) == len(list(folder.glob("*.csv")))
    # only files with a Polish letter differ between UTF-8 and Windows-1250
    assert 0 < len(encoding) < len(delimiter)
    groups = next(w for w in encoding if w.file == "groups.csv")
    assert groups.message == (
        "datapackage.json declares encoding 'utf-8', but the file is Windows-1250 (cp1250) "
        "(as after re-saving it in Excel); read as Windows-1250 (cp1250). Correct the resource "
        'in datapackage.json ("encoding": "cp1250") or delete its encoding'
    )
    assert delimiter[0].message == (
        "datapackage.json declares delimiter ',', but the file is separated by ';' (as after "
        "re-saving it in Excel); read with ';'. Correct the resource in datapackage.json "
        '("dialect": {"delimiter": ";"}) or delete its delimiter'
    )


def test_strict_mode_refuses_the_mismatch_and_the_cli_says_why(tmp_path: Path) -> None:
    folder = _resave_like_excel(tmp_path / "resaved")
    with pytest.raises(DatasetError):
        read_dataset(folder, strict=True)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0
    assert "datapackage-mismatch" in result.stdout
    assert "declares delimiter ','" in result.stdout


def test_an_encoding_given_by_the_user_is_obeyed(tmp_path: Path) -> None:
    folder = _resave_like_excel(tmp_path / "resaved")
    result = CliRunner().invoke(main, ["validate", str(folder), "--encoding", "utf-8"])
    assert result.exit_code == 2
    assert "cannot be decoded as utf-8" in result.stdout
