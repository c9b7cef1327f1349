"""The report, compare and export commands: exact output, exit codes, help."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import Dataset, build_network
from kokon_graph.analysis.significance import change_tests
from kokon_graph.cli import main
from tests.conftest import VALID


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


REPORT_HELP = """\
Usage: main report [OPTIONS] DATASET

  Write the centrality and gap report: report.xlsx, csv/*.csv, report.html.

  The workbook has a summary, one sheet per result with Polish or English
  headers, and a sheet explaining every column; the CSV files are UTF-8 with
  BOM; the HTML page works offline. Counts of families below --min-count show as
  "<3".

  Example:
    kokon-graph report datasets/praski-kokon --out report/ --lang pl
    kokon-graph report my.xlsx -o out --scope powiat:2815 --wave after --format xlsx

Options:
  -o, --out DIR              Folder to write into (created if missing).
                             [required]
  --format LIST              Comma-separated: xlsx, csv, html.  [default:
                             xlsx,csv,html]
  --csv-delimiter [,|;]      ';' also writes decimal commas, for Polish Excel.
                             [default: ,]
  --relation KINDS           Only these cooperation kinds, comma-separated:
                             information, resources, joint_action, agreement,
                             other (default: all).
  --scope SCOPE              Part of the data: voivodeship:28, powiat:2815,
                             gmina:2815011, project:NAME (default: all).
  --wave WAVE                Survey wave to analyse (e.g. before, after, 2021);
                             default: all waves together.
  --lang [pl|en]             Language of labels and texts.  [default: pl]
  --min-count N              Show counts of families (and referrals) below N as
                             '<N'.  [default: 3; x>=1]
  --weighted-paths ALPHA     Also weighted closeness and betweenness
                             (weighted_paths): a tie of strength w has length
                             1/w^ALPHA (Opsahl et al. 2010): 0 gives the
                             unweighted values, 1 uses strength alone, 0.5 both
                             strength and the number of intermediaries.
                             [x>=0.0]
  --map / --no-map           Write the map of the scope (map.html) beside the
                             HTML report and link it.  [default: map]
  -q, --quiet                Print nothing but errors.
  --encoding NAME            Encoding of the CSV files (default: UTF-8, then
                             cp1250).
  --pseudonym-key-file FILE  File holding the key that pseudonymises family ids
                             (default: $KOKON_PSEUDONYM_KEY or
                             $KOKON_PSEUDONYM_KEY_FILE).
  --pseudonymised            The family ids are pseudonyms already; do not hash
                             them again.
  --strict                   Treat warnings as errors.
  -h, --help                 Show this message and exit.
"""


COMPARE_HELP = """\
Usage: main compare [OPTIONS] DATASET [AFTER_DATASET]

  Compare the network before and after: two waves of one dataset, or two
  datasets.

  Writes compare.xlsx, csv/*.csv and compare.html: ties gained and lost by
  sector pair, the change in density, reciprocity and centralization, the actors
  whose centrality moved most, gaps closed and opened, and the change per gmina
  and powiat. For two waves of one dataset, also the paired permutation tests of
  the change in density and reciprocity and the QAP correlation of the two
  waves, in words, with p-values and their Monte Carlo error (--permutations,
  --seed). With two datasets, --before and --after pick a wave in each (default:
  all waves).

  Example:
    kokon-graph compare datasets/praski-kokon --before before --after after --out cmp/
    kokon-graph compare survey-2019/ survey-2021/ --out cmp/ --scope powiat:2815

Options:
  --before WAVE              The wave before (default: before).
  --after WAVE               The wave after (default: after).
  --permutations N           Random relabelings of the tests of change (two
                             waves of one dataset); 0 leaves the tests out.
                             [default: 2000; x>=0]
  --seed INTEGER             Seed of the relabelings.  [default: 0]
  -o, --out DIR              Folder to write into (created if missing).
                             [required]
  --format LIST              Comma-separated: xlsx, csv, html.  [default:
                             xlsx,csv,html]
  --csv-delimiter [,|;]      ';' also writes decimal commas, for Polish Excel.
                             [default: ,]
  --relation KINDS           Only these cooperation kinds, comma-separated:
                             information, resources, joint_action, agreement,
                             other (default: all).
  --scope SCOPE              Part of the data: voivodeship:28, powiat:2815,
                             gmina:2815011, project:NAME (default: all).
  --lang [pl|en]             Language of labels and texts.  [default: pl]
  --min-count N              Show counts of families (and referrals) below N as
                             '<N'.  [default: 3; x>=1]
  -q, --quiet                Print nothing but errors.
  --encoding NAME            Encoding of the CSV files (default: UTF-8, then
                             cp1250).
  --pseudonym-key-file FILE  File holding the key that pseudonymises family ids
                             (default: $KOKON_PSEUDONYM_KEY or
                             $KOKON_PSEUDONYM_KEY_FILE).
  --pseudonymised            The family ids are pseudonyms already; do not hash
                             them again.
  --strict                   Treat warnings as errors.
  -h, --help                 Show this message and exit.
"""


EXPORT_HELP = """\
Usage: main export [OPTIONS] DATASET

  Export the cooperation network for Gephi (GEXF 1.3), yEd/igraph (GraphML) or
  JSON.

  Nodes are institutions with their attributes and measures, edges the
  cooperation ties with weight, count and kinds; every attribute keeps its type.
  Families are never exported.

  Example:
    kokon-graph export datasets/praski-kokon --format gexf --out praga.gexf
    kokon-graph export my.xlsx --out net.graphml --scope gmina:2815011 --wave after

Options:
  --format [gexf|graphml|json]  File format (default: from the --out suffix).
  -o, --out FILE                The file to write.  [required]
  --scope SCOPE                 Part of the data: voivodeship:28, powiat:2815,
                                gmina:2815011, project:NAME (default: all).
  --wave WAVE                   Survey wave to analyse (e.g. before, after,
                                2021); default: all waves together.
  --relation KINDS              Only these cooperation kinds, comma-separated:
                                information, resources, joint_action, agreement,
                                other (default: all).
  --measures / --no-measures    Add each institution's measures (centrality,
                                brokerage, holes, community).  [default:
                                measures]
  -q, --quiet                   Print nothing but errors.
  --encoding NAME               Encoding of the CSV files (default: UTF-8, then
                                cp1250).
  --pseudonym-key-file FILE     File holding the key that pseudonymises family
                                ids (default: $KOKON_PSEUDONYM_KEY or
                                $KOKON_PSEUDONYM_KEY_FILE).
  --pseudonymised               The family ids are pseudonyms already; do not
                                hash them again.
  --strict                      Treat warnings as errors.
  -h, --help                    Show this message and exit.
"""


@pytest.mark.parametrize(
    ("command", "text"),
    [("report", REPORT_HELP), ("compare", COMPARE_HELP), ("export", EXPORT_HELP)],
)
def test_help(command: str, text: str) -> None:
    assert run(command, "--help") == (0, text, "")


def test_report_writes_the_chosen_formats(
    tmp_path: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("report", str(VALID), "--out", str(out), "--format", "csv,xlsx")
    assert (code, stderr) == (0, "")
    files = len(valid_results) + 1  # one per result and the column guide
    assert stdout == (
        f"Report of valid (scope all) written to {out}:\n  csv/ ({files} files)\n  report.xlsx\n"
    )
    assert not (out / "report.html").exists() and not (out / "map.html").exists()
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    assert wb.sheetnames[0] == "Podsumowanie"


def test_report_html_links_the_map_of_the_scope(tmp_path: Path) -> None:
    code, stdout, _ = run(
        "report",
        str(VALID),
        "-o",
        str(tmp_path),
        "--format",
        "html",
        "--lang",
        "en",
        "--scope",
        "gmina:2815011",
        "--wave",
        "after",
    )
    assert code == 0
    assert stdout == (
        f"Report of valid (scope gmina:2815011, wave after) written to {tmp_path}:\n"
        "  report.html\n  map.html\n"
    )
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="map.html"' in page and "Open the network map" in page
    assert (tmp_path / "map.html").stat().st_size > 1000
    code, _, _ = run(
        "report", str(VALID), "-o", str(tmp_path / "b"), "--format", "html", "--no-map", "--quiet"
    )
    assert code == 0 and "map.html" not in (tmp_path / "b" / "report.html").read_text("utf-8")


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    assert run("report", str(VALID), "-o", str(tmp_path), "--format", "csv", "-q") == (0, "", "")
    assert run("compare", str(VALID), "-o", str(tmp_path), "--format", "csv", "-q") == (0, "", "")
    assert run("export", str(VALID), "-o", str(tmp_path / "n.json"), "-q") == (0, "", "")


def test_compare_two_waves(tmp_path: Path, valid_dataset: Dataset) -> None:
    code, stdout, stderr = run(
        "compare", str(VALID), "--out", str(tmp_path), "--format", "csv", "--seed", "5"
    )
    assert (code, stderr) == (0, "")
    # the tests of change follow, in words: the API's with the same seed and permutations
    api = change_tests(
        build_network(valid_dataset), before="before", after="after", permutations=2000, seed=5
    )
    assert stdout == (
        f"Comparison of valid (scope all, before → after) written to {tmp_path}:\n"
        "  ties gained 8, lost 1; gaps closed 6, opened 3\n  csv/\n"
        + "".join(f"{s}\n" for s in api["sentence_pl"])
    )
    written = pd.read_csv(tmp_path / "csv" / "change_tests.csv", encoding="utf-8-sig")
    for column in ("before", "after", "observed", "p_value", "mc_error", "share_below"):
        assert written[column].tolist() == pytest.approx(api[column].tolist(), nan_ok=True)
    assert written["statistic"].tolist() == ["density", "reciprocity", "correlation"]
    assert set(written["permutations"]) == {2000} and set(written["seed"]) == {5}
    code, _, _ = run(
        "compare",
        str(VALID),
        "-o",
        str(tmp_path / "none"),
        "--format",
        "csv",
        "--permutations",
        "0",
    )
    assert code == 0 and not (tmp_path / "none" / "csv" / "change_tests.csv").exists()


def test_compare_a_dataset_with_itself_reports_no_change(tmp_path: Path) -> None:
    code, stdout, _ = run(
        "compare", str(VALID), str(VALID), "--out", str(tmp_path), "--format", "xlsx,html"
    )
    assert code == 0
    assert stdout == (
        f"Comparison of valid → valid (scope all, all → all) written to {tmp_path}:\n"
        "  ties gained 0, lost 0; gaps closed 0, opened 0\n  compare.xlsx\n  compare.html\n"
    )
    assert "Brak zmian" in (tmp_path / "compare.html").read_text(encoding="utf-8")
    code, stdout, _ = run(
        "compare", str(VALID), "--before", "after", "--after", "after", "-o", str(tmp_path)
    )
    assert code == 0 and "ties gained 0, lost 0; gaps closed 0, opened 0" in stdout


def test_export_infers_the_format_from_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "gmina.graphml"
    code, stdout, _ = run("export", str(VALID), "--out", str(path), "--scope", "gmina:2815011")
    assert (code, stdout) == (0, f"Wrote {path} (graphml): 9 institutions, 13 ties\n")
    assert path.read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("report", str(VALID), "--out", "X", "--format", "pdf"),
            "Error: unknown report format pdf\nHint: use a comma-separated list of xlsx, csv, "
            "html (e.g. --format xlsx,html)\n",
        ),
        (
            ("compare", "a", "b", "c", "--out", "X"),
            "Error: compare takes one or two datasets, not 3\nHint: compare DATASET --before "
            "WAVE --after WAVE, or compare BEFORE AFTER\n",
        ),
        (
            ("export", str(VALID), "--out", "X/net.txt"),
            "Error: cannot tell the format of net.txt\nHint: give --format gexf, graphml or "
            "json (or name the file .gexf/.graphml/.json)\n",
        ),
        (
            ("compare", str(VALID), "--before", "x", "--out", "X"),
            "Error: wave 'x' is not in the data (waves: after, before)\nHint: run `kokon-graph "
            "info DATASET` to see the waves\n",
        ),
    ],
)
def test_errors_exit_2_with_a_hint(args: tuple[str, ...], message: str) -> None:
    assert run(*args) == (2, "", message)


def test_min_count_must_be_positive() -> None:
    code, _, stderr = run("report", str(VALID), "--out", "X", "--min-count", "0")
    assert code == 2
    assert "Invalid value for '--min-count': 0 is not in the range x>=1." in stderr


@pytest.mark.parametrize("command", ["report", "analyze", "compare"])
def test_out_is_checked_before_any_data_is_read(command: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    # the dataset does not exist: the error is about --out, so nothing was read first
    code, stdout, stderr = run(command, str(tmp_path / "no-such-data"), "--out", str(blocker / "o"))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"Error: cannot write the results to {blocker / 'o'}: {blocker}")
