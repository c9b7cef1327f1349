"""The exceptions kokon_graph raises on purpose.

Every error has a one-line message saying what is wrong and, where one exists,
a :attr:`KokonError.hint` saying what to do next. The command line prints both
and never a traceback. Errors caused by the data or by an option's value subclass
:class:`ValueError` (the command line exits with 2 for them, 1 for the others).

The hierarchy::

    KokonError
    ├── DatasetError        the data breaks a rule (every problem with file, row, column)
    ├── PseudonymKeyError   family ids need a key and none was given
    ├── ScopeError          a scope, wave or relation that is malformed or not in the data
    ├── OptionError         an option's value cannot work
    │   ├── AnalyzeError    ... of ``analyze``
    │   ├── PartitionError  ... the partition attribute does not exist
    │   ├── ReportError     ... of a report, comparison or export
    │   ├── MapError        ... of a map (kind, measure, institution)
    │   └── GeneratorError  ... of the generator
    ├── StoreError          talking to the graph store failed (kokon_graph.store adds more)
    └── OutputError         an output cannot be written (disk full, read-only, no permission)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AnalyzeError",
    "ChangeTestError",
    "DatasetError",
    "GeneratorError",
    "KokonError",
    "KokonWarning",
    "MapError",
    "OptionError",
    "OutputError",
    "PartitionError",
    "Problem",
    "PseudonymKeyError",
    "ReportError",
    "ScopeError",
    "StoreError",
    "SurveyError",
]

Severity = Literal["error", "warning"]


class KokonError(Exception):
    """Base class of every error kokon_graph raises on purpose.

    Parameters
    ----------
    message
        What went wrong, in one line.
    hint
        What the user can do about it, or ``None``.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a dataset, located as a person finds it.

    Attributes
    ----------
    file
        File name, or ``workbook.xlsx[sheet]`` for a workbook sheet.
    row
        Row number as a spreadsheet shows it (the header is row 1), or ``None``
        when the problem concerns the whole file or column.
    column
        Column name, or ``None``.
    message
        What is wrong and what was expected. Never repeats a family's raw id.
    rule
        A short code for the kind of problem (``"unknown-value"``,
        ``"duplicate-id"``, ...), used to group and count problems.
    severity
        ``"error"`` makes the dataset invalid; ``"warning"`` does so only in
        strict mode.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    rule: str
    severity: Severity = "error"

    def __str__(self) -> str:
        from kokon_graph.lang import tr

        where = [self.file]
        if self.row is not None:
            where.append(tr(f"wiersz {self.row}", f"row {self.row}"))
        if self.column is not None:
            where.append(tr(f"kolumna {self.column!r}", f"column {self.column!r}"))
        return f"{', '.join(where)}: {self.message}"


class DatasetError(KokonError, ValueError):
    """A dataset could not be read: it lists every problem found, not only the first.

    Attributes
    ----------
    problems
        Every error (and, in strict mode, every warning), in file and row order.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str = "") -> None:
        from kokon_graph.lang import tr

        self.problems = list(problems)
        self.source = source
        first, more = _first_and_more(self.problems)
        where = f"{source}: " if source else ""
        super().__init__(
            tr(f"{where}niepoprawny zbiór danych: ", f"{where}invalid dataset: ") + first + more,
            hint=tr(
                "popraw wymienione wiersze i uruchom ponownie `kokon-graph validate`",
                "fix the listed rows and run `kokon-graph validate` again",
            ),
        )

    def counts(self) -> Counter[str]:
        """Number of problems per rule."""
        return Counter(p.rule for p in self.problems)


class PseudonymKeyError(KokonError):
    """Family ids need pseudonymising but no usable key was given."""


class ScopeError(KokonError, ValueError):
    """A scope (``powiat:2811``, ``project:...``) or wave that is malformed or not in the data."""


class StoreError(KokonError):
    """Talking to the graph store (Neo4j) failed."""


class OutputError(KokonError):
    """An output cannot be written: the disk is full, the place is read-only or not ours."""


class KokonWarning(UserWarning):
    """A result is computed, but something about the data changes how it reads.

    The command line prints it as one ``Warning:`` (``Ostrzeżenie:``) line, once."""


class OptionError(KokonError, ValueError):
    """An option or argument has a value that cannot work (the hint says which would)."""


class AnalyzeError(OptionError):
    """An option of ``analyze`` is not usable."""


class PartitionError(OptionError):
    """The partition attribute does not exist for institutions."""


class ChangeTestError(OptionError):
    """A test of change cannot run: unknown wave or relation, too few actors."""


class ReportError(OptionError):
    """A report, comparison or export was asked for in a way that cannot work."""


class MapError(OptionError):
    """A map cannot be drawn as asked (unknown kind, measure or institution)."""


class GeneratorError(OptionError):
    """The generator was asked for something it cannot do (unknown territory, bad option)."""


class SurveyError(DatasetError):
    """Survey answers (filled forms, a CSV of answers) could not be imported: every problem
    is listed, located by file, sheet, row and column."""

    def __init__(self, problems: Iterable[Problem], *, source: str = "") -> None:
        from kokon_graph.lang import tr

        super().__init__(problems, source=source)
        n = len(self.problems)
        first, more = _first_and_more(self.problems)
        self.args = (
            tr("niepoprawne odpowiedzi ankiety: ", "invalid survey answers: ") + first + more,
        )
        self.hint = (
            tr(
                "popraw wymienione formularze albo pomiń je opcją --skip-invalid",
                "fix the listed forms, or leave them out with --skip-invalid",
            )
            if n > 1 or (self.problems and self.problems[0].row is not None)
            else None
        )

    @classmethod
    def one(cls, problem: Problem) -> SurveyError:
        """The error of a single problem (a file that cannot be read at all)."""
        return cls([problem])


def _first_and_more(problems: list[Problem]) -> tuple[str, str]:
    """The first problem and ``(and N more problems)`` for an error's one line."""
    from kokon_graph.lang import tr

    n = len(problems)
    first = str(problems[0]) if problems else tr("brak szczegółów", "no details")
    if n <= 1:
        return first, ""
    return first, tr(
        f" (i więcej problemów: {n - 1})", f" (and {n - 1} more problem{'s' if n > 2 else ''})"
    )
