"""Write outputs whole or not at all.

Every command that writes files builds them in a temporary sibling of the
target and moves them into place only when everything is written: a full disk,
a read-only folder or Ctrl-C leaves the previous output (or nothing), never a
half-written file or a folder that looks like a finished report.

:func:`staged_file` stages one file; :func:`staged_folder` stages a folder of
outputs (a report, an atlas, result tables). A full disk, a read-only place or a
missing permission raised while staging becomes a one-line
:class:`~kokon_graph.errors.OutputError`.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kokon_graph.errors import OutputError

__all__ = ["WRITE_ERRNOS", "output_error", "staged_file", "staged_folder"]

#: Causes of a failed write that are the place's fault, not a bug.
WRITE_ERRNOS = frozenset(
    {
        errno.ENOSPC,  # disk full
        errno.EDQUOT,  # quota exceeded
        errno.EFBIG,  # file too large (a size limit)
        errno.EACCES,  # no permission
        errno.EPERM,
        errno.EROFS,  # read-only file system
        errno.ENOTDIR,  # a file stands where a folder must go
        errno.EEXIST,
        errno.EISDIR,  # a folder stands where a file must go
    }
)


def output_error(err: OSError, target: Path | str) -> OutputError:
    """A one-line :class:`OutputError` for ``err`` raised while writing ``target``."""
    from kokon_graph.lang import tr

    cause = os.strerror(err.errno) if err.errno else str(err)
    full = err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return OutputError(
        tr(f"nie można zapisać {target}: {cause}", f"cannot write {target}: {cause}"),
        hint=tr("zwolnij miejsce na dysku", "free some disk space")
        if full
        else tr("wybierz folder z prawem zapisu", "choose a folder you can write to"),
    )


def _located(err: OutputError, target: Path) -> OutputError:
    """``err`` from a file staged inside a staged folder, naming the folder the user gave."""
    cause = err.__cause__
    return output_error(cause, target) if isinstance(cause, OSError) else err


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back for the few renames that put a finished output in place."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[Any] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


def _parent(target: Path) -> None:
    """Create ``target``'s folder; a file standing in the way is "not a directory"."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), err.filename) from err


@contextmanager
def staged_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it replaces ``path`` when the block ends well.

    The folder of ``path`` must exist.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with staged_file(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    tmp: Path | None = None
    held = _hold_sigint()
    try:
        try:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as err:
            if err.errno in WRITE_ERRNOS | {errno.ENOENT}:  # the folder must exist
                raise output_error(err, target) from err
            raise
        tmp = Path(name)
        os.close(fd)
        held = _release_sigint(held)  # a Ctrl-C that came meanwhile is raised here
        yield tmp
        with _no_interrupt():
            os.replace(tmp, target)
    except OSError as err:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if err.errno in WRITE_ERRNOS:
            raise output_error(err, target) from err
        raise
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _release_sigint(held)


@contextmanager
def staged_folder(out: str | Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``out``; its entries move into ``out`` when the block
    ends well (replacing entries of the same name, leaving other files of ``out`` alone).

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report"
    >>> with staged_folder(out) as stage:
    ...     _ = (stage / "a.csv").write_text("x")
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv']
    """
    target = Path(out)
    stage: Path | None = None
    held = _hold_sigint()
    try:
        try:
            if target.exists() and not target.is_dir():
                raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
            _parent(target)
            stage = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            )
        except OSError as err:
            if err.errno in WRITE_ERRNOS:
                raise output_error(err, target) from err
            raise
        held = _release_sigint(held)  # a Ctrl-C that came meanwhile is raised here
        yield stage
        with _no_interrupt():
            _move_in(stage, target)
    except OutputError as err:
        raise _located(err, target) from err.__cause__
    except OSError as err:
        if err.errno in WRITE_ERRNOS:
            raise output_error(err, target) from err
        raise
    finally:
        _release_sigint(held)
        if stage is not None:
            # a Ctrl-C in the middle of the removal would leave half the stage behind (a
            # nested stage lies beside its parent's, outside what the parent removes)
            with _no_interrupt():
                shutil.rmtree(stage, ignore_errors=True)


def _hold_sigint() -> set[Any] | None:
    """Keep Ctrl-C pending while a temporary file or folder is created and its name kept,
    so that an interrupt never leaves one behind (main thread, POSIX; else nothing)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release_sigint(previous: set[Any] | None) -> set[Any] | None:
    """Undo :func:`_hold_sigint` (a pending Ctrl-C is then delivered); ``None`` after."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    return None


def _move_in(stage: Path, target: Path) -> None:
    """Put the staged entries in ``target``: by one rename if ``target`` is new or empty."""
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        if target.exists():
            target.rmdir()
        os.replace(stage, target)
        return
    old = Path(tempfile.mkdtemp(prefix=".old.", dir=stage))
    for entry in sorted(stage.iterdir()):
        if entry == old:
            continue
        place = target / entry.name
        if os.path.lexists(place):
            os.replace(place, old / entry.name)
        os.replace(entry, place)
