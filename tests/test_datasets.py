"""The bundled example datasets: valid, reproducible, and holding the gaps their READMEs list.

Every planted gap is checked here from the CSV tables themselves (not through the
analysis module), so a README can never promise a gap that is not in the data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import read_dataset
from kokon_graph.cli import main
from kokon_graph.io.pseudonym import PSEUDONYM_PATTERN
from tests.conftest import REPO

DATASETS = REPO / "datasets"
NAMES = ("liderzy-kooperacji", "kooperacja-efektywna", "praski-kokon", "zawsze-rodzina")
PROJECTS = {
    "liderzy-kooperacji": "Liderzy Kooperacji",
    "kooperacja-efektywna": "Kooperacja – efektywna i skuteczna",
    "praski-kokon": "Praski kokon",
    "zawsze-rodzina": "Zawsze rodzina",
}
#: group types each dataset is about (the structure `info` must show)
GROUP_TYPES = {
    "liderzy-kooperacji": ("PZK", "WZK", "ZI", "ZZK", "GDP"),
    "kooperacja-efektywna": ("PGR", "PGD", "RGR", "ZI", "ZZK"),
    "praski-kokon": ("partnership", "ZI", "ZZK"),
    "zawsze-rodzina": ("ZI", "ZZK", "other"),
}


def _tables(name: str) -> dict[str, pd.DataFrame]:
    folder = DATASETS / name
    return {
        path.stem: pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in sorted(folder.glob("*.csv"))
    }


def _descriptor(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATASETS / name / "datapackage.json").read_text("utf-8"))
    return data


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_datasets_are_what_the_build_script_writes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(DATASETS / "_build" / "build_examples.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)
    for name in NAMES:
        built, committed = _files(tmp_path / name), _files(DATASETS / name)
        assert sorted(built) == sorted(committed), name
        changed = [f for f in built if built[f] != committed[f]]
        assert not changed, f"{name}: {changed} differ; run datasets/_build/build_examples.py"


@pytest.mark.parametrize("name", NAMES)
def test_dataset_is_valid_in_strict_mode(name: str) -> None:
    ds = read_dataset(DATASETS / name, strict=True)
    assert ds.warnings == []
    assert ds.waves == ["after", "before"]
    assert PROJECTS[name] in ds.projects
    assert ds.metadata["title"]
    assert ds.metadata["description"]
    # sizes: interesting on a map, small enough for a fast test suite
    assert 50 <= len(ds.institutions) <= 400
    assert 200 <= len(ds.families) <= 3000
    for wave in ("before", "after"):
        assert (ds.cooperation["wave"] == wave).any()
        assert (ds.services["wave"] == wave).any()
        assert (ds.referrals["wave"] == wave).any()


@pytest.mark.parametrize("name", NAMES)
def test_families_are_synthetic_pseudonyms_and_marked_so(name: str) -> None:
    assert _descriptor(name)["pseudonymised"] is True
    tables = _tables(name)
    ids = tables["families"]["id"]
    assert ids.map(lambda v: PSEUDONYM_PATTERN.fullmatch(v) is not None).all()
    assert ids.is_unique
    # read without a key: the marker alone lets it in, ids unchanged
    ds = read_dataset(DATASETS / name, pseudonym_key="another-key-0123456789abcdef")
    assert set(ds.families["id"]) == set(ids)
    # professionals only: persons carry an id, a role and an employer, nothing else
    assert list(tables["persons"].columns) == ["id", "role", "institution"]


@pytest.mark.parametrize("name", NAMES)
def test_validate_strict_on_the_command_line(name: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(DATASETS / name), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{DATASETS / name}: valid (institutions ")
    assert "warning" not in result.stdout


@pytest.mark.parametrize("name", NAMES)
def test_info_shows_the_planted_structure(name: str) -> None:
    result = CliRunner().invoke(main, ["info", str(DATASETS / name)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Dataset: {name} - {_descriptor(name)['title']}"
    assert "Waves: after, before" in lines
    assert any(line.startswith("Projects: ") and PROJECTS[name] in line for line in lines)
    groups = lines[lines.index("Groups by type:") + 1 :]
    shown = set()
    for line in groups:
        if not line.startswith("  "):
            break
        shown.add(line.split()[0])
    assert set(GROUP_TYPES[name]) <= shown, shown
    statuses = lines[lines.index("Referrals by status:") + 1 :]
    assert any(line.split()[0] == "no_answer" for line in statuses if line.startswith("  "))


# --------------------------------------------------------------------------- planted gaps


def _tied(coop: pd.DataFrame, a: str, b: str, wave: str) -> bool:
    pair = ((coop["source"] == a) & (coop["target"] == b)) | (
        (coop["source"] == b) & (coop["target"] == a)
    )
    return bool((pair & coop["wave"].isin([wave, ""])).any())


def _gaps() -> list[tuple[str, int, dict[str, Any]]]:
    return [
        (name, k, gap) for name in NAMES for k, gap in enumerate(_descriptor(name)["planted_gaps"])
    ]


def test_every_dataset_plants_the_four_kinds_of_gap() -> None:
    for name in NAMES:
        kinds = {gap["kind"] for gap in _descriptor(name)["planted_gaps"]}
        assert kinds == {
            "co_serving_without_tie",
            "social_assistance_without_tie",
            "unanswered_referrals",
            "group_missing_sectors",
        }, name


@pytest.mark.parametrize(("name", "k", "gap"), _gaps(), ids=lambda v: str(v)[:24])
def test_planted_gap_is_in_the_tables(name: str, k: int, gap: dict[str, Any]) -> None:
    t = _tables(name)
    coop, inst = t["cooperation"], t["institutions"].set_index("id")
    kind = gap["kind"]
    if kind == "co_serving_without_tie":
        a, b = gap["institutions"]
        srv = t["services"]
        shared = set(srv.loc[srv["institution"] == a, "family"]) & set(
            srv.loc[srv["institution"] == b, "family"]
        )
        assert len(shared) == gap["shared_families"] >= 3
        for wave in gap["waves"]:
            assert not _tied(coop, a, b, wave)
    elif kind == "social_assistance_without_tie":
        sa, gmina = gap["institution"], gap["gmina"]
        assert inst.loc[sa, "type"] in ("ops", "cus")
        assert inst.loc[sa, "teryt"] == gmina
        # every institution of those sectors around the gmina is listed ...
        around = inst["teryt"].isin([gmina, gmina[:4], gmina[:2]])
        local = inst[inst["sector"].isin(gap["sectors"]) & around]
        assert sorted(local.index) == sorted(gap["institutions"])
        # ... and none of them has a tie with the centre in those waves
        for wave in gap["waves"]:
            for other in gap["institutions"]:
                assert not _tied(coop, sa, other, wave), (other, wave)
    elif kind == "unanswered_referrals":
        ref = t["referrals"]
        to_target = ref[ref["target"] == gap["target"]]
        open_ = to_target[to_target["status"].isin(["no_answer", "sent"])]
        assert len(to_target) == gap["referrals"]
        assert len(open_) == gap["unanswered"]
        assert (open_["answered"] == "").all()
        assert gap["unanswered"] / gap["referrals"] >= 0.4
        # elsewhere in the dataset answers are the rule
        others = ref[ref["target"] != gap["target"]]
        assert others["status"].isin(["no_answer", "sent"]).mean() < 0.3
    else:
        ms, persons = t["memberships"], t["persons"].set_index("id")["institution"]
        rows = ms[ms["group"] == gap["group"]]
        assert len(rows)
        for wave in gap["waves"]:
            members = rows.loc[rows["wave"].isin([wave, ""]), "member"]
            employers = members.map(lambda m: persons.get(m, m))
            sectors = set(inst.loc[employers, "sector"])
            assert sectors, wave
            assert not sectors & set(gap["sectors"]), (wave, sectors)
    for a, b in gap.get("tied_after", []):
        assert _tied(coop, a, b, "after")
    for a, b in gap.get("untied_after", []):
        assert not _tied(coop, a, b, "after")
    del k


@pytest.mark.parametrize("name", NAMES)
def test_readme_lists_every_planted_gap_and_every_real_name(name: str) -> None:
    readme = (DATASETS / name / "README.md").read_text("utf-8")
    for heading in ("## What is real", "## What is synthetic", "## TERYT codes",
                    "## Survey waves", "## Planted coordination gaps"):  # fmt: skip
        assert heading in readme
    gaps = _descriptor(name)["planted_gaps"]
    section = readme.split("## Planted coordination gaps", 1)[1].split("\n## ", 1)[0]
    numbered = [line for line in section.splitlines() if line[:1].isdigit()]
    assert len(numbered) == len(gaps)
    for line, gap in zip(numbered, gaps, strict=True):
        assert gap["text"] in line
        for key in ("institution", "target", "group"):
            if key in gap:
                assert f"`{gap[key]}`" in line
        for i in gap.get("institutions", []):
            assert f"`{i}`" in line
    inst = _tables(name)["institutions"]
    assert set(inst["name_source"]) <= {"seed", "generic", "synthetic"}
    for _, row in inst[inst["name_source"] == "seed"].iterrows():
        assert row["name"] in readme, row["name"]
    assert PROJECTS[name] in readme


def test_real_codes_are_the_ones_the_readmes_call_real() -> None:
    """Codes called real are TERYT codes we know; invented ones use numbers real codes don't."""
    real = {
        "praski-kokon": {"14", "1465", "1465011", "1465088"},
        "zawsze-rodzina": {"12", "1261", "1261011"},
    }
    for name in NAMES:
        codes = set(_tables(name)["territories"]["teryt"])
        if name in real:
            assert codes == real[name]
            continue
        for code in codes:
            if len(code) == 4 and code not in ("0609", "2815"):
                assert 41 <= int(code[2:]) <= 59, code
            if len(code) == 7:
                assert 81 <= int(code[4:6]) <= 99, code
