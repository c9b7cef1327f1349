"""The language of messages: ``--lang``, else ``KOKON_LANG``, else the system's locale.

Messages (errors and hints, validation problems, suggestions, screen
summaries) follow :func:`current_lang`. The command line sets it once per run
(:func:`set_lang`); library code only reads it. Reports, maps and templates
take their own ``lang`` argument (Polish unless ``--lang`` or ``KOKON_LANG``
says otherwise).

>>> messages_lang_from({"LANG": "pl_PL.UTF-8"}), messages_lang_from({"LANG": "C.UTF-8"})
('pl', 'en')
>>> messages_lang_from({"KOKON_LANG": "pl", "LANG": "en_GB.UTF-8"})
'pl'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Final, Literal

__all__ = [
    "LANGUAGES",
    "LANG_ENV",
    "current_lang",
    "env_lang",
    "localise_number",
    "messages_lang_from",
    "set_lang",
    "tr",
]

Lang = Literal["pl", "en"]
LANG_ENV: Final = "KOKON_LANG"
LANGUAGES: Final = ("pl", "en")

_current: ContextVar[Lang | None] = ContextVar("kokon_lang", default=None)


def env_lang(environ: Mapping[str, str] | None = None) -> Lang | None:
    """``KOKON_LANG`` if set (``ValueError`` if it is neither ``pl`` nor ``en``)."""
    value = (environ if environ is not None else os.environ).get(LANG_ENV, "").strip().lower()
    if not value:
        return None
    if value not in LANGUAGES:
        raise ValueError(f"{LANG_ENV}={value!r} is not pl or en")
    return "pl" if value == "pl" else "en"


def messages_lang_from(environ: Mapping[str, str]) -> Lang:
    """The language of messages for an environment: ``KOKON_LANG``, else Polish for a Polish
    locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English."""
    chosen = env_lang(environ)
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "pl" if value.lower().startswith("pl") else "en"
    return "en"


def current_lang() -> Lang:
    """The language messages are written in now."""
    chosen = _current.get()
    if chosen is not None:
        return chosen
    try:
        return messages_lang_from(os.environ)
    except ValueError:
        return "en"


def set_lang(lang: Lang | None) -> Callable[[], None]:
    """Write messages in ``lang`` (``None``: as the environment says) until the returned
    function is called (the command line sets it for one run)."""
    token = _current.set(lang)
    return lambda: _current.reset(token)


def tr(pl: str, en: str) -> str:
    """``pl`` or ``en``, by :func:`current_lang`."""
    return pl if current_lang() == "pl" else en


#: What separates thousands in Polish: a non-breaking space (U+00A0), so that a number is
#: never broken across lines, and a character Windows-1250 consoles can show.
THOUSANDS_PL: Final = "\u00a0"


def localise_number(text: str, lang: str) -> str:
    """A number formatted by Python (``f"{x:,.2f}"``: ``1,234.5``) as ``lang`` writes it:
    ``1 234,5`` in Polish (a decimal comma, a non-breaking space between thousands), unchanged
    in English. Text around the number (``"%"``, ``"<3"``) passes through.

    This is the one place that knows how each language writes a number; each formatter
    (the report's, the map's, the tests' sentences, the screen summaries, the plots) only
    chooses the precision.

    >>> localise_number("1,234.5", "pl"), localise_number("0.25%", "pl")
    ('1\\xa0234,5', '0,25%')
    >>> localise_number("1,234.5", "en")
    '1,234.5'
    """
    if lang != "pl":
        return text
    return text.replace(",", THOUSANDS_PL).replace(".", ",")
