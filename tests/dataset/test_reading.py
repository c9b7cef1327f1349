"""Reading real-world files: encodings, delimiters, workbooks, datapackage.json."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from openpyxl import Workbook

from kokon_graph import Dataset, DatasetError, KokonError, build_network, read_dataset
from kokon_graph.io import write_dataset, write_workbook
from tests.conftest import VALID


def _graphs_equal(a: Dataset, b: Dataset) -> bool:
    ga, gb = build_network(a).graph, build_network(b).graph
    same_nodes = dict(ga.nodes(data=True)) == dict(gb.nodes(data=True))
    edges_a = sorted((u, v, k, sorted(d.items())) for u, v, k, d in ga.edges(keys=True, data=True))
    edges_b = sorted((u, v, k, sorted(d.items())) for u, v, k, d in gb.edges(keys=True, data=True))
    return same_nodes and edges_a == edges_b


def test_typed_values(valid_dataset: Dataset) -> None:
    coop = valid_dataset.cooperation
    assert coop["weight"].dtype == "float64"
    assert coop.loc[coop["source"] == "PUP1", "weight"].tolist() == [1.5, 1.5]  # "1,5"
    assert coop.at[1, "since"] == pd.Timestamp("2018-02-01")  # written 01.02.2018
    assert coop["mutual"].dtype == bool
    inst = valid_dataset.institutions.set_index("id")
    assert inst.at["ROPS28", "sector"] == "social_assistance"  # from the type's default
    assert inst.at["ROPS28", "level"] == "voivodeship"  # "województwo"
    assert inst.at["SZK2", "sector"] == "education"  # "EDUKACJA"
    assert inst.at["SAD1", "type"] == "court"  # "sąd rejonowy"
    assert inst.at["ROPS28", "address_public"] == "ul. Głowackiego 17"  # extra column kept
    groups = valid_dataset.groups.set_index("id")
    assert groups.at["ZI1", "type"] == "ZI"  # "zespół interdyscyplinarny"
    assert groups.at["ZI1", "level"] == "gmina"  # the type's default
    fam = valid_dataset.families
    assert fam["problems"].iloc[2] == ("poverty", "domestic_violence")  # "ubóstwo;przemoc domowa"
    assert fam["size"].dtype == "Int64"
    assert set(valid_dataset.referrals["status"]) == {
        "completed",
        "accepted",
        "no_answer",
        "sent",
        "rejected",
    }
    terr = valid_dataset.territories.set_index("teryt")
    assert terr.at["2815022", "gmina_type"] == "2"
    assert terr.at["2815", "kind"] == "powiat"


def test_cp1250_semicolon_copy_gives_the_same_graph(valid_dataset: Dataset, tmp_path: Path) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "cp1250", encoding="cp1250", delimiter=";")
    (folder / "datapackage.json").unlink()  # nothing tells the reader: it must detect both
    raw = (folder / "institutions.csv").read_bytes()
    assert "Ośrodek".encode("cp1250") in raw
    assert b";" in raw.splitlines()[0]
    again = read_dataset(folder, pseudonymised=True, strict=True)
    assert again.equals(valid_dataset), again.differences(valid_dataset)
    assert _graphs_equal(again, valid_dataset)


def test_utf8_with_bom(valid_dataset: Dataset, tmp_path: Path) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "bom", encoding="utf-8-sig")
    assert (folder / "institutions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    again = read_dataset(folder, strict=True)
    assert again.equals(valid_dataset), again.differences(valid_dataset)


def test_workbook_copy_gives_the_same_graph(valid_dataset: Dataset, tmp_path: Path) -> None:
    path = write_workbook(valid_dataset, tmp_path / "valid.xlsx")
    again = read_dataset(path, strict=True)  # the metadata sheet says: pseudonymised
    assert again.equals(valid_dataset), again.differences(valid_dataset)
    assert _graphs_equal(again, valid_dataset)


def test_workbook_as_excel_types_it(tmp_path: Path) -> None:
    """Numbers, dates and TERYT codes typed into Excel cells, not as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Instytucje"  # Polish sheet name
    sheet.append(["ID", "Nazwa", "Typ", "Sektor", "Poziom", "TERYT"])  # Polish headers
    sheet.append(["OPS1", "GOPS w Bolkowie", "GOPS", None, "gmina", 206011])  # zero lost
    sheet.append(["SZK1", "Szkoła w Bolkowie", "Szkoła", "Edukacja", "gmina", 206011])
    coop = book.create_sheet("współpraca")
    coop.append(["źródło", "cel", "rodzaj", "waga", "od kiedy", "fala"])
    coop.append(["OPS1", "SZK1", "wspólne działania", 2.5, dt.datetime(2020, 3, 1), 2021])
    path = tmp_path / "gmina.xlsx"
    book.save(path)
    dataset = read_dataset(path)
    inst = dataset.institutions.set_index("id")
    assert inst.at["OPS1", "teryt"] == "0206011"
    assert [w.rule for w in dataset.warnings] == ["teryt-padded"]
    row = dataset.cooperation.iloc[0]
    assert (row["kind"], row["weight"], row["wave"]) == ("joint_action", 2.5, "2021")
    assert row["since"] == pd.Timestamp("2020-03-01")


def test_workbook_problems_name_the_sheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "institutions"
    sheet.append(["id", "name", "type", "sector", "level", "teryt"])
    sheet.append(["OPS1", "GOPS", "GOPS", "pomoc", "gmina", "0206011"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(DatasetError) as info:
        read_dataset(path)
    (problem,) = info.value.problems
    assert str(problem).startswith("bad.xlsx, sheet institutions, row 2, column 'sector': 'pomoc'")


def test_wrong_explicit_encoding_suggests_cp1250(valid_dataset: Dataset, tmp_path: Path) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "cp", encoding="cp1250", delimiter=";")
    (folder / "datapackage.json").unlink()
    with pytest.raises(DatasetError) as info:
        read_dataset(folder, encoding="utf-8", pseudonymised=True)
    problem = info.value.problems[0]
    assert problem.rule == "bad-encoding"
    assert problem.row == 2  # first non-ASCII character is in the first data row
    assert "Try --encoding=cp1250" in problem.message


def test_datapackage_is_honoured(tmp_path: Path) -> None:
    shutil.copy(VALID / "institutions.csv", tmp_path / "podmioty_2021.txt")
    text = (VALID / "cooperation.csv").read_text(encoding="utf-8").replace(",", "\t")
    (tmp_path / "ties.tsv").write_text(text.replace('"1\t5"', "1,5"), encoding="cp1250")
    (tmp_path / "datapackage.json").write_text(
        json.dumps(
            {
                "name": "ostroda-2021",
                "title": "Ostróda, badanie 2021",
                "resources": [
                    {"name": "institutions", "path": "podmioty_2021.txt"},
                    {
                        "name": "cooperation",
                        "path": "ties.tsv",
                        "encoding": "cp1250",
                        "dialect": {"delimiter": "\t"},
                    },
                    {"name": "budget", "path": "budget.csv"},
                ],
            }
        ),
        encoding="utf-8",
    )
    dataset = read_dataset(tmp_path)
    assert dataset.name == "ostroda-2021"
    assert dataset.metadata["title"] == "Ostróda, badanie 2021"
    assert len(dataset.cooperation) == 18
    assert dataset.cooperation["weight"].max() == 3.0
    assert [w.rule for w in dataset.warnings if w.rule == "unknown-file"] == ["unknown-file"]


def test_datapackage_paths_stay_inside_the_folder(tmp_path: Path) -> None:
    shutil.copy(VALID / "institutions.csv", tmp_path / "institutions.csv")
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "cooperation", "path": "../../etc/passwd"}]}),
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    assert [p.rule for p in info.value.problems] == ["bad-datapackage"]


def test_not_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(KokonError, match="does not exist"):
        read_dataset(tmp_path / "nothing")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(KokonError, match=r"neither a dataset folder nor an \.xlsx workbook"):
        read_dataset(tmp_path / "notes.txt")


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    (tmp_path / "institutions.csv").write_text(
        "id,name,type,sector,level,teryt\n\nOPS1,GOPS,GOPS,,gmina,2815022\n,,,,,\n"
        "SZK1,Szkoła,szkoła,,gmina,281502X\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (5, "teryt")


def test_round_trip_through_a_folder_keeps_every_type(
    valid_dataset: Dataset, tmp_path: Path
) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "copy")
    again = read_dataset(folder, strict=True)
    for name, frame in valid_dataset.tables():
        other = again.table(name)
        assert list(other.columns) == list(frame.columns), name
        assert [str(t) for t in other.dtypes] == [str(t) for t in frame.dtypes], name
    assert again.equals(valid_dataset)
    assert nx.utils.graphs_equal(
        build_network(again).cooperation(), build_network(valid_dataset).cooperation()
    )
