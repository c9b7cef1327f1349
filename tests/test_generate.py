"""The generator: deterministic, valid, of the stated shape, with the real territorial counts.

The national territorial counts are published by GUS in the TERYT register
(state of 1 January 2022): 16 voivodeships, 380 powiats (314 land powiats and
66 cities with powiat rights) and 2,477 gminas, of which 302 urban (the 66
cities included), 662 urban-rural and 1,513 rural. They are checked on the
territory plan, without writing the national dataset (the benchmark does that).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import read_dataset
from kokon_graph.cli import main
from kokon_graph.generate import (
    GMINA_TYPE_TOTALS,
    GeneratorError,
    choose_territory,
    generate,
    territory_plan,
)
from kokon_graph.io import teryt_problem
from kokon_graph.io.pseudonym import PSEUDONYM_PATTERN
from kokon_graph.model import VOIVODESHIP_CODES

POWIAT = "1601"  # a land powiat of opolskie, the smallest voivodeship
VOIVODESHIP = "16"


def _read(folder: Path) -> dict[str, pd.DataFrame]:
    return {
        p.stem: pd.read_csv(p, dtype=str, keep_default_na=False)
        for p in sorted(folder.glob("*.csv"))
    }


@pytest.fixture(scope="module")
def powiat_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "powiat"
    generate(out, scale="powiat", seed=7, territory=POWIAT)
    return out


@pytest.fixture(scope="module")
def voivodeship_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "voivodeship"
    generate(out, scale="voivodeship", seed=7, territory=VOIVODESHIP)
    return out


# --------------------------------------------------------------------------- the plan


def test_plan_has_the_real_national_counts() -> None:
    plan = territory_plan()
    assert len(plan.voivodeships) == 16
    assert dict(zip(plan.voivodeships["teryt"], plan.voivodeships["name"], strict=True)) == (
        VOIVODESHIP_CODES
    )
    assert len(plan.powiats) == 380
    assert int(plan.powiats["city"].sum()) == 66
    assert len(plan.gminas) == 2477
    mix = plan.gminas["gmina_type"].value_counts().to_dict()
    assert mix == {"1": 302, "2": 1513, "3": 662} == GMINA_TYPE_TOTALS
    # every city with powiat rights is one urban gmina
    cities = plan.gminas[plan.gminas["city"]]
    assert len(cities) == 66
    assert (cities["gmina_type"] == "1").all()
    assert (cities["teryt"].str[4:] == "011").all()


def test_plan_follows_the_teryt_structure() -> None:
    plan = territory_plan()
    territories = plan.territories()
    assert territories["teryt"].is_unique
    assert all(teryt_problem(code) is None for code in territories["teryt"])
    powiats = plan.powiats
    number = powiats["teryt"].str[2:].astype(int)
    assert ((number >= 61) == powiats["city"]).all()  # cities 61, 62, ...; land powiats below
    for vv, group in powiats.groupby("voivodeship"):
        land = sorted(int(c[2:]) for c in group.loc[~group["city"], "teryt"])
        cities = sorted(int(c[2:]) for c in group.loc[group["city"], "teryt"])
        assert land == list(range(1, len(land) + 1)), vv
        assert cities == list(range(61, 61 + len(cities))), vv
    gminas = plan.gminas
    assert (gminas["teryt"].str[:4] == gminas["powiat"]).all()
    assert (gminas["teryt"].str[:2] == gminas["voivodeship"]).all()
    assert (gminas["teryt"].str[6] == gminas["gmina_type"]).all()
    for pp, group in gminas.groupby("powiat"):
        numbers = [int(c[4:6]) for c in group["teryt"]]
        assert numbers == list(range(1, len(numbers) + 1)), pp
        assert group["seat"].sum() == 1, pp
        # TERYT order: urban gminas first
        kinds = list(group["gmina_type"])
        assert kinds == sorted(kinds, key=lambda k: k != "1"), pp
    # the seat of a land powiat is a town (urban or urban-rural gmina)
    seats = gminas[gminas["seat"] & ~gminas["city"]]
    assert seats["gmina_type"].isin(["1", "3"]).all()
    assert gminas["weight"].mean() == pytest.approx(1.0)


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_byte_identical_files(tmp_path: Path, powiat_dir: Path) -> None:
    again = tmp_path / "again"
    generate(again, scale="powiat", seed=7, territory=POWIAT)
    names = sorted(p.name for p in powiat_dir.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (again / name).read_bytes() == (powiat_dir / name).read_bytes(), name
    other = tmp_path / "other"
    generate(other, scale="powiat", seed=8, territory=POWIAT)
    assert (other / "families.csv").read_bytes() != (powiat_dir / "families.csv").read_bytes()


def test_a_powiat_is_the_same_alone_or_in_its_voivodeship(
    powiat_dir: Path, voivodeship_dir: Path
) -> None:
    alone, whole = _read(powiat_dir), _read(voivodeship_dir)
    in_powiat = whole["families"][whole["families"]["teryt"].str.startswith(POWIAT)]
    assert alone["families"].reset_index(drop=True).equals(in_powiat.reset_index(drop=True))
    ids = set(alone["institutions"]["id"])
    assert ids <= set(whole["institutions"]["id"])
    ref = whole["referrals"]
    in_powiat_ref = ref[ref["family"].isin(set(in_powiat["id"]))]
    assert alone["referrals"].reset_index(drop=True).equals(in_powiat_ref.reset_index(drop=True))


def test_default_territory_is_picked_by_the_seed() -> None:
    assert choose_territory("powiat", 3) == choose_territory("powiat", 3)
    picks = {choose_territory("gmina", seed) for seed in range(20)}
    assert len(picks) > 10
    assert choose_territory("national", 3) == ""


# --------------------------------------------------------------------------- validity and shape


def test_powiat_dataset_is_valid_in_strict_mode(powiat_dir: Path) -> None:
    ds = read_dataset(powiat_dir, strict=True)
    assert ds.warnings == []
    assert ds.waves == ["after", "before"]
    descriptor = json.loads((powiat_dir / "datapackage.json").read_text("utf-8"))
    assert descriptor["pseudonymised"] is True
    assert descriptor["generator"]["seed"] == 7
    assert descriptor["generator"]["territory"] == POWIAT
    assert ds.families["id"].map(lambda v: PSEUDONYM_PATTERN.fullmatch(v) is not None).all()


def test_counts_per_unit_fall_in_the_stated_ranges(powiat_dir: Path) -> None:
    t = _read(powiat_dir)
    inst = t["institutions"]
    plan = territory_plan()
    gminas = plan.gminas[plan.gminas["powiat"] == POWIAT]
    per_gmina = inst[inst["level"] == "gmina"].groupby("teryt").size()
    assert sorted(per_gmina.index) == sorted(gminas["teryt"])
    assert per_gmina.between(10, 40).all()
    per_powiat = (inst["level"] == "powiat").sum()
    assert 15 <= per_powiat <= 25
    assert set(inst.loc[inst["level"] == "voivodeship", "type"]) >= {
        "rops",
        "voivodeship_office",
        "marshal_office",
    }
    # every gmina has its social assistance centre, office and interdisciplinary team
    for code in gminas["teryt"]:
        here = inst[inst["teryt"] == code]
        assert here["type"].isin(["ops", "cus"]).sum() == 1
        assert (here["type"] == "municipal_office").sum() == 1
    groups = t["groups"]
    counts = groups["type"].value_counts()
    assert counts["ZI"] == len(gminas)
    assert counts["PGR"] == counts["PGD"] == 1
    assert counts["WZK"] == counts["RGR"] == 1
    # families: each served by 1 to 4 institutions, mostly by the social assistance centre
    srv = t["services"]
    served = srv.groupby("family")["institution"].nunique()
    assert set(served.index) == set(t["families"]["id"])
    assert served.between(1, 4).all()
    assert set(served) == {1, 2, 3, 4}
    types = dict(zip(inst["id"], inst["type"], strict=True))
    by_sa = srv[srv["institution"].map(types).isin(["ops", "cus"])]["family"].nunique()
    assert by_sa / len(served) > 0.8
    # mean density near the default: about 400,000 families on 2,477 gminas
    families = t["families"]
    expected = (gminas["weight"] * 400_000 / 2477).sum()
    assert abs(len(families) - expected) < 5 * expected**0.5
    ref = t["referrals"]
    assert 1.5 < len(ref) / len(families) < 3.5
    assert {"completed", "accepted", "rejected", "no_answer", "sent"} <= set(ref["status"])
    unanswered = ref["status"].isin(["no_answer", "sent"])
    assert (ref.loc[unanswered, "answered"] == "").all()
    assert (ref.loc[~unanswered, "answered"] >= ref.loc[~unanswered, "sent"]).all()
    assert (ref["source"] != ref["target"]).all()
    coop = t["cooperation"]
    waves = coop["wave"].value_counts()
    assert waves["after"] > waves["before"]  # the after wave is denser


def test_ties_are_mostly_within_gmina_and_powiat(voivodeship_dir: Path) -> None:
    t = _read(voivodeship_dir)
    where = dict(zip(t["institutions"]["id"], t["institutions"]["teryt"], strict=True))
    coop = t["cooperation"]
    src, tgt = coop["source"].map(where), coop["target"].map(where)
    same_gmina = (src.str.len() == 7) & (src == tgt)
    same_powiat = src.str[:4] == tgt.str[:4]
    assert same_gmina.mean() > 0.4
    assert same_powiat.mean() > 0.8
    assert set(coop["kind"]) == {"information", "resources", "joint_action", "agreement", "other"}
    mutual = coop.groupby("wave")["mutual"].apply(lambda s: (s == "true").mean())
    assert mutual["after"] > mutual["before"]


def test_teryt_codes_everywhere_are_valid_and_in_the_territories(voivodeship_dir: Path) -> None:
    t = _read(voivodeship_dir)
    named = set(t["territories"]["teryt"])
    for table, column in (("institutions", "teryt"), ("groups", "teryt"), ("families", "teryt")):
        codes = set(t[table][column]) - {""}
        assert codes <= named, table
        assert all(teryt_problem(c) is None for c in codes), table
    inst = t["institutions"]
    lengths = inst["teryt"].str.len()
    assert (lengths[inst["level"] == "gmina"] == 7).all()
    assert (lengths[inst["level"] == "powiat"] == 4).all()
    assert (lengths[inst["level"] == "voivodeship"] == 2).all()
    assert (t["families"]["teryt"].str.len() == 7).all()
    terr = t["territories"]
    gm = terr[terr["kind"] == "gmina"]
    assert (gm["teryt"].str[6] == gm["gmina_type"]).all()


def test_planted_gaps_are_there(voivodeship_dir: Path) -> None:
    t = _read(voivodeship_dir)
    inst, coop = t["institutions"], t["cooperation"]
    types = dict(zip(inst["id"], inst["type"], strict=True))
    sectors = dict(zip(inst["id"], inst["sector"], strict=True))
    before = coop[coop["wave"] == "before"]
    pairs = set(zip(before["source"], before["target"], strict=True))
    pairs |= {(b, a) for a, b in pairs}
    # gminas whose social assistance centre has no tie to any of its schools
    no_school = 0
    for code, here in inst[inst["level"] == "gmina"].groupby("teryt"):
        sa = here.loc[here["type"].isin(["ops", "cus"]), "id"].iloc[0]
        schools = here.loc[here["type"] == "school", "id"]
        if not any((sa, s) in pairs for s in schools):
            no_school += 1
        del code
    assert no_school >= 3
    # co-serving institutions with no tie in the before wave
    srv = t["services"][t["services"]["wave"] == "before"]
    by_family = srv.groupby("family")["institution"].apply(lambda s: sorted(set(s)))
    co_serving = {(a, b) for insts in by_family for a in insts for b in insts if a < b}
    assert len(co_serving - pairs) > 0.2 * len(co_serving)
    # unanswered referrals, and interdisciplinary teams missing a sector
    assert (t["referrals"]["status"] == "no_answer").mean() > 0.05
    ms, groups = t["memberships"], t["groups"]
    employer = dict(zip(t["persons"]["id"], t["persons"]["institution"], strict=True))
    missing = 0
    for gid in groups.loc[groups["type"] == "ZI", "id"]:
        members = ms.loc[ms["group"] == gid, "member"].map(lambda m: employer.get(m, m))
        if not {"health", "police", "justice", "education"} <= set(members.map(sectors)):
            missing += 1
    assert missing >= 3
    # families with three or four institutions and no coordinator
    fam = t["families"].set_index("id")
    many = t["services"].groupby("family")["institution"].nunique() >= 3
    assert (fam.loc[many[many].index, "coordinator"] == "").sum() > 0
    del types


def test_gmina_scale_holds_one_gmina_with_the_levels_above(tmp_path: Path) -> None:
    code = "1601032"
    out = generate(tmp_path / "g", scale="gmina", seed=2, territory=code).path
    ds = read_dataset(out, strict=True)  # no isolated institution, no dangling reference
    inst = ds.institutions
    assert set(inst.loc[inst["level"] == "gmina", "teryt"]) == {code}
    assert set(inst.loc[inst["level"] == "powiat", "teryt"]) == {code[:4]}
    assert set(inst.loc[inst["level"] == "voivodeship", "teryt"]) == {code[:2]}
    assert set(ds.families["teryt"]) == {code}
    assert set(ds.territories["teryt"]) == {code, code[:4], code[:2]}


def test_families_per_gmina_scales_the_families(tmp_path: Path, powiat_dir: Path) -> None:
    few = generate(tmp_path / "few", scale="powiat", seed=7, territory=POWIAT,
                   families_per_gmina=20)  # fmt: skip
    many = len(_read(powiat_dir)["families"])
    assert few.counts["families"] < many / 4
    none = generate(tmp_path / "none", scale="powiat", seed=7, territory=POWIAT,
                    families_per_gmina=0)  # fmt: skip
    assert "families" not in none.counts
    assert not (tmp_path / "none" / "families.csv").exists()
    read_dataset(none.path, strict=True)


def test_bad_requests_raise_generator_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="4-digit TERYT code"):
        generate(tmp_path / "a", scale="powiat", territory="16")
    with pytest.raises(GeneratorError, match="not in the generator's territory plan"):
        generate(tmp_path / "a", scale="powiat", territory="1699")
    with pytest.raises(GeneratorError, match="unknown scale"):
        generate(tmp_path / "a", scale="country")  # type: ignore[arg-type]
    with pytest.raises(GeneratorError, match="families per gmina"):
        generate(tmp_path / "a", families_per_gmina=-1)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(GeneratorError, match="is not empty"):
        generate(tmp_path / "full")


# --------------------------------------------------------------------------- command line


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_help() -> None:
    code, out, _ = _run("generate", "--help")
    assert code == 0
    assert out.startswith("Usage: main generate [OPTIONS] OUT\n")
    assert "  kokon-graph generate --scale powiat --seed 1 out/powiat\n" in out
    for option in ("--scale [gmina|powiat|voivodeship|national]", "--seed", "--territory TERYT",
                   "--families-per-gmina N", "--overwrite", "--quiet"):  # fmt: skip
        assert option in out


def test_cli_writes_and_reports_every_table(tmp_path: Path) -> None:
    out = tmp_path / "g"
    code, stdout, stderr = _run(
        "generate", "--scale", "gmina", "--territory", "1601032", "--seed", "3", str(out)
    )
    assert code == 0, stderr
    tables = _read(out)
    order = ("institutions", "territories", "cooperation", "groups", "memberships", "persons",
             "families", "services", "referrals")  # fmt: skip
    counts = ", ".join(f"{name} {len(tables[name])}" for name in order)
    assert stdout == f"{out}: gmina 1601032, seed 3 ({counts})\n"
    assert stderr == ""
    # the same folder again: refused, with the remedy
    code, stdout, stderr = _run("generate", "--scale", "gmina", "--seed", "3", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"Error: {str(out)!r} is not empty",
        "Hint: give a new folder, or --overwrite to replace the dataset files in it",
    ]
    code, stdout, _ = _run("generate", "--scale", "gmina", "--territory", "1601032",
                           "--seed", "3", "--overwrite", "--quiet", str(out))  # fmt: skip
    assert (code, stdout) == (0, "")


def test_cli_rejects_bad_options(tmp_path: Path) -> None:
    code, _, err = _run("generate", "--scale", "national", "--territory", "16", str(tmp_path))
    assert code == 2
    assert "Error: --territory is not used with --scale national" in err
    code, _, err = _run("generate", "--scale", "powiat", "--territory", "1699", str(tmp_path / "x"))
    assert code == 2
    assert err.splitlines() == [
        "Error: powiat 1699 is not in the generator's territory plan",
        "Hint: codes run from 0201 to 3263; see kokon_graph.generate.territory_plan()",
    ]
    code, _, err = _run("generate", "--seed", "-1", str(tmp_path / "y"))
    assert code == 2
    assert "Invalid value for '--seed'" in err
    code, _, err = _run("generate", "--scale", "county", str(tmp_path / "z"))
    assert code == 2
    assert "Invalid value for '--scale'" in err
