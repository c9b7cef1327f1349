"""Pseudonymisation of family ids with a keyed hash (HMAC-SHA-256).

A family's id in a provider's records (a case number, often guessable) is
replaced on import by ``F-`` and the first 16 hex digits of
``HMAC-SHA-256(key, id)``. The same key gives the same pseudonym, so two
survey waves or two providers' files can be linked; without the key, the
pseudonym cannot be turned back into the id, nor confirmed by trying
candidate ids.

The key comes, in this order, from the ``key`` argument, the ``key_file``
argument, the environment variable ``KOKON_PSEUDONYM_KEY``, or the file named
by ``KOKON_PSEUDONYM_KEY_FILE``. It is never printed.

References
----------
GDPR (Regulation (EU) 2016/679), Art. 4(5) "pseudonymisation";
RFC 2104, HMAC: Keyed-Hashing for Message Authentication.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kokon_graph.errors import PseudonymKeyError
from kokon_graph.lang import tr
from kokon_graph.model import normalize_token

__all__ = [
    "KEY_ENV",
    "KEY_FILE_ENV",
    "MIN_KEY_LENGTH",
    "PSEUDONYM_PATTERN",
    "identifying_column_reason",
    "load_key",
    "pseudonymise",
    "pseudonymiser",
]

KEY_ENV = "KOKON_PSEUDONYM_KEY"
KEY_FILE_ENV = "KOKON_PSEUDONYM_KEY_FILE"
#: Shortest key accepted, in bytes: shorter keys make the pseudonyms guessable.
MIN_KEY_LENGTH = 16
#: What a pseudonym produced here looks like.
PSEUDONYM_PATTERN = re.compile(r"F-[0-9a-f]{16}")

_REMEDY = (
    f"set {KEY_ENV} (at least {MIN_KEY_LENGTH} characters, kept secret and the same for every "
    f"wave), or pass --pseudonym-key-file FILE, or mark an already pseudonymised dataset with "
    f'"pseudonymised": true in its datapackage.json'
)
_REMEDY_PL = (
    f"ustaw {KEY_ENV} (co najmniej {MIN_KEY_LENGTH} znaków, tajny i ten sam dla każdej fali) "
    f"albo podaj --pseudonym-key-file PLIK, albo oznacz zbiór już pseudonimizowany wpisem "
    f'"pseudonymised": true w jego datapackage.json'
)


def load_key(key: str | bytes | None = None, key_file: str | Path | None = None) -> bytes | None:
    """Find the pseudonymisation key; ``None`` if none is configured.

    Raises
    ------
    PseudonymKeyError
        If a key file is named but cannot be read, or the key is too short.
    """
    if key is None and key_file is None:
        key = os.environ.get(KEY_ENV) or None
        key_file = None if key else (os.environ.get(KEY_FILE_ENV) or None)
    if key is None and key_file is not None:
        try:
            key = Path(key_file).read_bytes().strip()
        except OSError as err:
            raise PseudonymKeyError(
                tr(
                    f"nie da się odczytać pliku klucza pseudonimizacji {str(key_file)!r}: "
                    f"{err.strerror}",
                    f"cannot read the pseudonymisation key file {str(key_file)!r}: {err.strerror}",
                ),
                hint=tr("sprawdź ścieżkę i uprawnienia", "check the path and its permissions"),
            ) from err
    if key is None:
        return None
    raw = key.encode("utf-8") if isinstance(key, str) else key
    if len(raw) < MIN_KEY_LENGTH:
        raise PseudonymKeyError(
            tr(
                f"klucz pseudonimizacji jest za krótki (bajtów: {len(raw)}; potrzeba co najmniej "
                f"{MIN_KEY_LENGTH}, aby pseudonimów nie dało się odgadnąć)",
                f"the pseudonymisation key is too short ({len(raw)} bytes; at least "
                f"{MIN_KEY_LENGTH} are needed so that pseudonyms cannot be guessed)",
            ),
            hint=tr("użyj dłuższego losowego klucza, np. ", "use a longer random key, e.g. ")
            + '`python -c "import secrets; print(secrets.token_urlsafe(32))"`',
        )
    return raw


def pseudonymise(family_id: str, key: bytes) -> str:
    """The pseudonym of one family id.

    >>> pseudonymise("12/2021", b"0123456789abcdef-secret")
    'F-6b4789f881d5658f'
    >>> key = b"0123456789abcdef-secret"
    >>> pseudonymise(" 12/2021 ", key) == pseudonymise("12/2021", key)
    True
    """
    digest = hmac.new(key, family_id.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"F-{digest[:16]}"


def pseudonymiser(key: bytes) -> Callable[[pd.Series], pd.Series]:
    """A function replacing a column of family ids by their pseudonyms (fast on millions)."""

    def apply(ids: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(ids, use_na_sentinel=True)
        mapped = [pseudonymise(str(u), key) for u in uniques]
        out = pd.Series(pd.array(mapped, dtype="str")[codes], index=ids.index, dtype="str")
        return out.where(codes >= 0, "")

    return apply


def missing_key_error(where: str) -> PseudonymKeyError:
    """The error raised when family ids must be pseudonymised and no key is set."""
    return PseudonymKeyError(
        tr(
            f"{where} zawiera identyfikatory rodzin, które trzeba pseudonimizować, a klucz nie "
            "jest ustawiony",
            f"{where} holds family ids that must be pseudonymised, and no key is set",
        ),
        hint=tr(_REMEDY_PL, _REMEDY),
    )


#: What a header looks like when its column identifies a person: stems found anywhere in
#: the header with its words glued together (``PESELmatki``, ``nr_dowodu_osobistego``,
#: Polish inflections: ``nazwiska``, ``telefonu``) and short words or abbreviations that
#: count only on their own (``data ur.``, ``tel.``, ``ul.``).
_IDENTIFYING: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        "a name",
        re.compile(
            r"nazwisk|imie|imion|surname|lastname|firstname|fullname|forename|givenname"
            r"|familyname|maidenname|rodowe"
        ),
        re.compile(r"\b(name|names|nazwa|nazwy)\b"),
    ),
    (
        "a national identification number",
        re.compile(
            r"pesel|dowod|paszport|passport|idcard|legitymac|socialsecurity|nationalid"
            r"|identitycard|idnumber"
        ),
        re.compile(r"\b(nip|ssn|dow|id os|nr id)\b"),
    ),
    (
        "an address",
        re.compile(
            r"adres|address|ulica|ulicy|street|zamieszk|meldun|kodpocztowy|pocztow|postcode"
            r"|postalcode|zipcode|miejscowosc|nrdomu|numerdomu|nrlokalu|numerlokalu"
            r"|nrmieszkania|numermieszkania|housenumber"
        ),
        re.compile(r"\b(ul|adr|zip|domu|lokalu)\b"),
    ),
    (
        "a phone number",
        re.compile(r"telefon|phone|komork|(nr|numer)tel|telkom|teldom"),
        re.compile(r"\b(tel|gsm|mobile|fax)\b"),
    ),
    ("an e-mail address", re.compile(r"mail"), None),
    (
        "a date of birth",
        re.compile(r"urodz|birth|dataur|dtur"),
        re.compile(r"\b(ur|dob|bday)\b"),
    ),
)


def identifying_column_reason(header: str) -> str | None:
    """Why a column header looks like a direct identifier of a person, or ``None``.

    >>> identifying_column_reason("Nazwisko matki")
    'a name'
    >>> identifying_column_reason("PESELmatki")
    'a national identification number'
    >>> identifying_column_reason("data ur.")
    'a date of birth'
    >>> identifying_column_reason("liczba_dzieci") is None
    True
    """
    spaced = normalize_token(header)
    glued = spaced.replace(" ", "")
    for reason, stems, words in _IDENTIFYING:
        if stems.search(glued) or (words is not None and words.search(spaced)):
            return reason
    return None
