"""``--help`` in Polish or English: help texts as (Polish, English) pairs, chosen when shown.

click keeps one help text per command and option: the English one (docstrings and
``help=`` strings stay English, as the code is). :func:`bi` and :func:`pl_doc` put the
Polish text beside it, in one catalogue keyed by the English text; :class:`KokonCommand`
and :class:`KokonGroup` write the help screen (usage line, description, options,
commands and click's own words) in :func:`~kokon_graph.lang.current_lang` when it is
formatted. A test walks every command and option and asserts each has its Polish text.

Imports only click: ``kokon-graph --help`` stays light.

>>> _ = bi("Plik do zapisania.", "The file to write.")
>>> polish("The file to write.")
'Plik do zapisania.'
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any, Final, TypeVar

import click

from kokon_graph.lang import current_lang, localise_number, tr

__all__ = ["KokonCommand", "KokonGroup", "bi", "in_polish", "pl_doc", "polish", "translated"]

F = TypeVar("F", bound=Callable[..., Any])

#: English help text (as click stores it, cleaned) -> its Polish text.
_POLISH: dict[str, str] = {}

#: click's own words in the brackets after an option's help.
_EXTRA_PL: Final = (
    ("default: ", "domyślnie: "),
    ("env var: ", "zmienna środowiskowa: "),
    ("required", "wymagana"),
)

#: click's words in the usage line.
_USAGE_PL: Final = {
    "[OPTIONS]": "[OPCJE]",
    "COMMAND [ARGS]...": "POLECENIE [ARGUMENTY]...",
}

#: Placeholders of arguments and option values (metavars) in Polish help.
_METAVARS_PL: Final = {
    "AFTER_DATASET": "ZBIÓR_PO",
    "DATASET": "ZBIÓR",
    "DIRECTORY": "FOLDER",
    "DIR": "FOLDER",
    "FILE": "PLIK",
    "NAME": "NAZWA",
    "SCOPE": "ZAKRES",
    "WAVE": "FALA",
    "KINDS": "RODZAJE",
    "LIST": "LISTA",
    "MEASURE": "MIARA",
    "INSTITUTION_ID": "ID_INSTYTUCJI",
    "ATTRIBUTE": "CECHA",
    "RELATION": "RELACJA",
    "INTEGER RANGE": "LICZBA",
    "FLOAT RANGE": "LICZBA",
    "INTEGER": "LICZBA",
    "FLOAT": "LICZBA",
    "BEFORE": "PRZED",
    "AFTER": "PO",
    "KEY": "KLUCZ",
    "VALUE": "WARTOŚĆ",
    "PATH": "ŚCIEŻKA",
}
_METAVAR = re.compile(r"\b(" + "|".join(sorted(_METAVARS_PL, key=len, reverse=True)) + r")\b")


def _metavars_pl(text: str) -> str:
    """``text`` with its placeholders in Polish (``--out DIR`` -> ``--out FOLDER``)."""
    return _METAVAR.sub(lambda m: _METAVARS_PL[m.group()], text)


def bi(pl: str, en: str) -> str:
    """Give the English help text ``en`` its Polish text ``pl``; return ``en`` for click."""
    _POLISH[inspect.cleandoc(en)] = inspect.cleandoc(pl)
    return en


def pl_doc(pl: str) -> Callable[[F], F]:
    """Decorator under ``@click.command``: the Polish text of the function's docstring."""

    def register(f: F) -> F:
        bi(pl, f.__doc__ or "")
        return f

    return register


def polish(en: str) -> str | None:
    """The Polish text of English help text ``en``, if one was given."""
    return _POLISH.get(inspect.cleandoc(en))


def translated(en: str | None) -> str | None:
    """``en`` in the language of messages (English where no Polish text was given)."""
    if en is None or current_lang() != "pl":
        return en
    return polish(en) or en


def _option_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line of the help screen in the language of messages."""
    record = param.get_help_record(ctx)
    if record is None or current_lang() != "pl":
        return record
    spec, text = record
    spec = _metavars_pl(spec)
    en = param.help or ""
    if en and text.startswith(en):
        text = (polish(en) or en) + text[len(en) :]
    head, bracket, extra = text.rpartition("  [") if "  [" in text else ("", "", text)
    if not bracket and not text.startswith("["):
        return spec, text
    for word, pl in _EXTRA_PL:
        extra = extra.replace(word, pl)
    return spec, f"{head}{bracket}{extra}"


#: click's messages about a command line it cannot parse, and their Polish forms.
_USAGE_ERRORS_PL: Final = (
    (re.compile(r"^Missing option (.+)\.$"), r"Brak wymaganej opcji \1."),
    (re.compile(r"^Missing argument (.+)\.$"), r"Brak argumentu \1."),
    (re.compile(r"^Missing parameter: (.+)$"), r"Brak parametru \1"),
    (re.compile(r"^No such option '(.+)'\.(?: Did you mean (.+)\?)?$"), r"Nie ma opcji '\1'."),
    (re.compile(r"^No such command '(.+)'\.$"), r"Nie ma polecenia '\1'."),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), r"Nadmiarowe argumenty (\1)"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), r"Opcja '\1' wymaga wartości."),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), r"Opcja '\1' nie przyjmuje wartości."),
    (re.compile(r"^Invalid value for (.+?): (.+)$"), r"Niepoprawna wartość \1: \2"),
    (re.compile(r"'(.+)' is not one of (.+)\.$"), r"'\1' nie jest żadną z wartości: \2."),
    (re.compile(r"'(.+)' is not a valid (integer|float)\.$"), r"'\1' to nie liczba."),
    (
        re.compile(r"(\S+) is not in the range (.+)\.$"),
        lambda m: f"{localise_number(m[1], 'pl')} jest poza zakresem {m[2]}.",
    ),
    (re.compile(r"(File|Directory|Path) '(.+)' does not exist\.$"), r"'\2' nie istnieje."),
    (re.compile(r"(File|Directory|Path) '(.+)' is a file\.$"), r"'\2' to plik."),
    (re.compile(r"(File|Directory|Path) '(.+)' is a directory\.$"), r"'\2' to folder."),
)


def _polish_usage_message(message: str) -> str:
    for pattern, polish_form in _USAGE_ERRORS_PL:
        message = pattern.sub(polish_form, message)
    return message.replace(" Did you mean ", " Czy chodziło o ")


class _PolishUsageError(click.UsageError):
    """A usage error shown in Polish: the usage line, where help is, the message."""

    def __init__(self, message: str, ctx: click.Context | None = None) -> None:
        super().__init__(message, ctx)
        # written now: when it is shown the command has ended and with it the language
        self.usage = ctx.get_usage() if ctx is not None else ""

    def show(self, file: Any = None) -> None:
        if self.ctx is not None:
            click.echo(self.usage, err=True)
            click.echo(f"Spróbuj '{self.ctx.command_path} --help', aby zobaczyć pomoc.\n", err=True)
        click.echo(f"Błąd: {self.format_message()}", err=True)


def in_polish(err: click.UsageError) -> click.UsageError:
    """``err`` as the language of messages says: in Polish, or as it is."""
    if current_lang() != "pl" or isinstance(err, _PolishUsageError):
        return err
    return _PolishUsageError(_polish_usage_message(err.format_message()), ctx=err.ctx)


class KokonCommand(click.Command):
    """A command whose help screen, and whose complaints about its command line, speak the
    language of messages."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:
            raise in_polish(err) from None

    def get_short_help_str(self, limit: int = 45) -> str:
        if current_lang() != "pl" or self.short_help or not self.help:
            return super().get_short_help_str(limit)
        text = polish(self.help) or self.help
        return click.Command(self.name, help=text).get_short_help_str(limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [
            tr(_metavars_pl(_USAGE_PL.get(piece, piece)), piece)
            for piece in self.collect_usage_pieces(ctx)
        ]
        formatter.write_usage(ctx.command_path, " ".join(pieces), tr("Użycie: ", "Usage: "))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        help_text, self.help = self.help, translated(self.help)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = help_text

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            row
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (row := _option_record(param, ctx)) is not None
        ]
        if rows:
            with formatter.section(tr("Opcje", "Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class KokonGroup(KokonCommand, click.Group):
    """A group of commands whose help screen speaks the language of messages."""

    command_class = KokonCommand
    group_class = type

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self.short_help_of(ctx, name, limit)) for name in names]
        with formatter.section(tr("Polecenia", "Commands")):
            formatter.write_dl(rows)

    def short_help_of(self, ctx: click.Context, name: str, limit: int) -> str:
        """The one line that lists command ``name`` on the group's help screen."""
        command = self.get_command(ctx, name)
        return command.get_short_help_str(limit) if command is not None else ""


# click's own help option
bi("Pokaż tę pomoc i zakończ.", "Show this message and exit.")
