"""Outputs are whole or absent: a full disk, a read-only place or Ctrl-C never leaves half
a report, map or table behind, and each is one line, not a bug report (issue 16).

The full disk is a real 8 KiB tmpfs (mounting needs root; the test container runs as root)
and, for any user, a real file size limit (``RLIMIT_FSIZE``: the kernel refuses with EFBIG).
The read-only folder is a real read-only bind mount (root ignores ``chmod``), else ``chmod``.
Ctrl-C is a real SIGINT sent to a running ``kokon-graph report``.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kokon_graph._output import staged_file, staged_folder
from kokon_graph.errors import OutputError
from tests.conftest import TEST_KEY, VALID

COMMANDS = {
    "report": ["report", str(VALID), "--out"],
    "analyze": ["analyze", str(VALID), "--quiet", "--out"],
    "map": ["map", str(VALID), "--out"],
    "export": ["export", str(VALID), "--out"],
}
TARGET = {"report": "r", "analyze": "a", "map": "m.html", "export": "x.gexf"}


def _cli(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def fsize() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "KOKON_PSEUDONYM_KEY": TEST_KEY, "KOKON_LANG": "en"}
    env.pop("KOKON_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "kokon_graph", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=fsize,
        timeout=300,
    )


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 KiB file system: a report, map or table set does not fit."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=8k", "tmpfs", str(disk)):
        pytest.skip("mounting a tmpfs needs root (the file size limit test still runs)")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A real folder nobody may write into."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "old.txt").write_text("kept", encoding="utf-8")
    if _mount("--bind", "-o", "ro", str(folder), str(folder)):
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
        return
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        pytest.skip("no way to make a folder read-only here")
    yield folder
    folder.chmod(0o755)


def _one_line_error(result: subprocess.CompletedProcess[str], cause: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Internal error" not in result.stderr and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and cause in lines[0], result.stderr
    assert len(lines) == 2 and lines[1].startswith("Hint: "), result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_full_disk_is_one_line_and_leaves_nothing(tiny_disk: Path, command: str) -> None:
    result = _cli(*COMMANDS[command], str(tiny_disk / TARGET[command]))
    _one_line_error(result, "No space left on device")
    assert os.listdir(tiny_disk) == []  # no half output, no staging left over


def test_full_disk_keeps_the_previous_report(tiny_disk: Path) -> None:
    old = tiny_disk / "r" / "report.html"
    old.parent.mkdir()
    old.write_text("previous report", encoding="utf-8")
    _one_line_error(_cli(*COMMANDS["report"], str(tiny_disk / "r")), "No space left on device")
    assert sorted(os.listdir(tiny_disk)) == ["r"]
    assert os.listdir(tiny_disk / "r") == ["report.html"]
    assert old.read_text(encoding="utf-8") == "previous report"


@pytest.mark.parametrize("command", ["report", "analyze", "export"])
def test_file_size_limit_is_one_line_and_leaves_nothing(tmp_path: Path, command: str) -> None:
    """The kernel's EFBIG for a file over ``RLIMIT_FSIZE``: another "the place is full"."""
    result = _cli(*COMMANDS[command], str(tmp_path / TARGET[command]), limit=2000)
    _one_line_error(result, "File too large")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("command", ["map", "export", "analyze"])
def test_read_only_folder_is_one_line(read_only: Path, command: str) -> None:
    result = _cli(*COMMANDS[command], str(read_only / TARGET[command]))
    assert result.returncode == 1, result.stderr
    assert "Internal error" not in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2, result.stderr
    assert os.listdir(read_only) == ["old.txt"]


def test_a_file_where_the_folder_must_go_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    result = _cli(*COMMANDS["map"], str(tmp_path / "blocker" / "m.html"))
    _one_line_error(result, "Not a directory")
    assert (tmp_path / "blocker").read_text(encoding="utf-8") == "x"


def test_ctrl_c_during_report_exits_130_quietly_and_leaves_nothing(tmp_path: Path) -> None:
    """SIGINT once the report is half-staged (some files written): nothing appears.

    The report starts with Ctrl-C's default action, as from a terminal: a test run started
    in the background by a shell (``bash scripts/test.sh &``) has SIGINT ignored, a child
    inherits that, and Python then leaves it ignored (the report ran on and exited 0).
    """
    env = {**os.environ, "KOKON_PSEUDONYM_KEY": TEST_KEY, "KOKON_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kokon_graph", *COMMANDS["report"], str(tmp_path / "r")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    staged: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in tmp_path.glob(".r.*.tmp") if any(p.rglob("*.*"))]
        if staged:
            break
        time.sleep(0.005)
    assert staged and proc.poll() is None, "the report finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip() == "Interrupted.", err
    assert os.listdir(tmp_path) == []


def test_staged_file_keeps_the_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), staged_file(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["map.html"]


def test_staged_folder_replaces_its_entries_and_leaves_other_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    (out / "csv" / "stale.csv").write_text("old", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with staged_folder(out) as stage:
        (stage / "csv").mkdir()
        (stage / "csv" / "new.csv").write_text("new", encoding="utf-8")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "csv",
        "csv/new.csv",
        "notes.txt",
    ]
    assert os.listdir(tmp_path) == ["out"]


def test_a_staged_folder_error_names_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="blocker"), staged_folder(tmp_path / "blocker"):
        pass
