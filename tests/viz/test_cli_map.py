"""``kokon-graph map``: exact output and exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kokon_graph.cli import main
from tests.conftest import REPO, VALID


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_has_an_example() -> None:
    code, out, err = run("map", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: main map [OPTIONS] DATASET\n\n  Draw an interactive map")
    assert "  Example:\n    kokon-graph map datasets/praski-kokon --out mapa.html\n" in out
    for option in ("--kind", "--size-by", "--focus", "--steps", "--level", "--lang", "--scope"):
        assert f"  {option} " in out


def test_writes_a_map_and_says_what_is_on_it(tmp_path: Path) -> None:
    out = tmp_path / "mapa.html"
    code, stdout, err = run("map", str(VALID), "--out", str(out))
    assert (code, err) == (0, "")
    # 13 institutions; 12 ties, 11 co-serving gaps, 3 unanswered referral pairs, 2 OPS with
    # a sector gap (worked by hand in test_maps.py); no gap rests on 3 families or more, so
    # the 12 ties are the links drawn at the start
    assert stdout == (
        f"Wrote {out}: cooperation map, 13 nodes, 12 links "
        "(Cooperation ties 12, Gap: shared families, no cooperation 11, "
        "Gap: unanswered referrals 3, Gap: sector absent or untied in a gmina 2)\n"
    )
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Sieć współpracy instytucji</title>" in html


def test_other_kinds_scope_wave_and_language(tmp_path: Path) -> None:
    out = tmp_path / "ego.html"
    code, stdout, err = run(
        "map", str(VALID), "-o", str(out), "--kind", "ego", "--focus", "OPS1", "--lang", "en",
        "--wave", "after", "--no-gaps",
    )  # fmt: skip
    assert (code, err) == (0, "")
    # after the pilot OPS1 ties with SZK1, PCPR1, KPP1, NGO1 and POZ1 (SZK1-POZ1 is "before")
    assert stdout == f"Wrote {out}: ego map, 6 nodes, 5 links (Cooperation ties 5)\n"
    assert "<title>Neighbourhood of Miejski Ośrodek Pomocy Społecznej w Ostródzie</title>" in (
        out.read_text(encoding="utf-8")
    )
    code, stdout, err = run(
        "map", str(VALID), "-o", str(out), "--kind", "aggregate", "--scope", "powiat:2815",
        "--quiet",
    )  # fmt: skip
    assert (code, stdout, err) == (0, "", "")
    assert "Współpraca między gminami" in out.read_text(encoding="utf-8")


def test_options_that_cannot_work_fail_before_reading(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-dataset")
    out = str(tmp_path / "m.html")
    assert run("map", missing, "-o", out, "--kind", "ego") == (
        2,
        "",
        "Error: an ego map needs the institution at its centre\nHint: add --focus ID\n",
    )
    code, stdout, err = run("map", missing, "-o", out, "--size-by", "size")
    assert (code, stdout) == (2, "")
    assert err.startswith(
        "Error: 'size' is not a column of the centrality results\nHint: use one of: degree, "
    )
    code, stdout, err = run("map", missing, "-o", out, "--kind", "aggregate", "--size-by", "degree")
    assert (code, stdout) == (2, "")
    assert err.startswith("Error: an aggregate map is sized by the number of institutions")


def test_unknown_focus_and_unwritable_output(tmp_path: Path) -> None:
    out = str(tmp_path / "m.html")
    assert run("map", str(VALID), "-o", out, "--kind", "ego", "--focus", "OPS") == (
        2,
        "",
        "Error: institution 'OPS' is not in the network\nHint: did you mean OPS1, GOPS2, ROPS28?\n",
    )
    target = tmp_path / "missing-folder" / "m.html"
    assert run("map", str(VALID), "-o", str(target)) == (
        1,
        "",
        f"Error: cannot write {target}: No such file or directory\n"
        "Hint: choose a folder you can write to\n",
    )


def test_compares_two_waves_on_one_map(tmp_path: Path) -> None:
    out = tmp_path / "zmiany.html"
    code, stdout, err = run(
        "map",
        str(REPO / "datasets" / "kooperacja-efektywna"),
        "--compare",
        "before",
        "after",
        "--scope",
        "powiat:2815",
        "--out",
        str(out),
    )
    assert (code, err) == (0, "")
    assert stdout.startswith(f"Wrote {out}: compare map, ")
    for layer in ("Ties kept", "Ties gained", "Ties lost", "Gap opened", "Gap closed"):
        assert f"{layer}" in stdout  # counts checked against the CSV in test_maps.py
    assert "Zmiany współpracy: before → after" in out.read_text(encoding="utf-8")
    code, _, err = run(
        "map",
        str(REPO / "datasets" / "kooperacja-efektywna"),
        "--compare",
        "before",
        "x",
        "--out",
        str(tmp_path / "x.html"),
    )
    assert code != 0 and "wave 'x' is not in the dataset" in err
