"""What an output folder says about its own privacy: the README.txt beside the files.

Every folder of results (``kokon-graph analyze``) gets a short ``README.txt``
saying which command wrote it, the small-count threshold it applied (and,
with ``--min-count 1``, that its counts of families are exact) and the
fingerprint of the pseudonymisation key, so two folders can be told to come
from the same key. The key itself is never written.

>>> key_fingerprint(b"0123456789abcdef-secret")
'894946d6cc087d4b'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path
from typing import Final

from kokon_graph._version import __version__

__all__ = ["README_NAME", "key_fingerprint", "write_readme"]

README_NAME: Final = "README.txt"

#: Fixed label the fingerprint is keyed with, so it is no pseudonym of any family id.
_FINGERPRINT_LABEL: Final = b"kokon-graph key fingerprint v1"


def key_fingerprint(key: bytes) -> str:
    """16 hex digits that identify a key without revealing it (HMAC-SHA-256 of a fixed label)."""
    return hmac.new(key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]


def write_readme(
    out_dir: str | Path,
    *,
    command: str,
    min_count: int,
    fingerprint: str | None,
    date: dt.date | None = None,
) -> Path:
    """Write ``README.txt`` into ``out_dir`` (Polish first, then English) and return its path."""
    day = (date or dt.date.today()).isoformat()
    key_pl = fingerprint or "brak (dane były już spseudonimizowane albo bez rodzin)"
    key_en = fingerprint or "none (the data was pseudonymised already, or holds no families)"
    if min_count > 1:
        counts_pl = (
            f"Liczby rodzin (i skierowań) od 1 do {min_count - 1} są pokazane jako "
            f"„<{min_count}”; zero jako 0."
        )
        counts_en = (
            f"Counts of families (and referrals) from 1 to {min_count - 1} are shown as "
            f"'<{min_count}'; zero as 0."
        )
    else:
        counts_pl = (
            "UWAGA: liczby rodzin są DOKŁADNE, także 1 i 2 (--min-count 1). Takie liczby mogą "
            "wskazać konkretne rodziny: nie publikuj tych plików i nie przekazuj ich dalej."
        )
        counts_en = (
            "WARNING: counts of families are EXACT, 1 and 2 included (--min-count 1). Such "
            "counts can point to particular families: do not publish or pass on these files."
        )
    text = (
        f"kokon-graph {__version__}, {day}\n\n"
        f"Polecenie: {command}\n"
        f"Próg małych liczb (--min-count): {min_count}\n"
        f"{counts_pl}\n"
        f"Odcisk klucza pseudonimizacji: {key_pl}\n"
        "(sam klucz nigdy nie jest zapisywany)\n\n"
        f"Command: {command}\n"
        f"Small-count threshold (--min-count): {min_count}\n"
        f"{counts_en}\n"
        f"Pseudonymisation key fingerprint: {key_en}\n"
        "(the key itself is never written)\n"
    )
    path = Path(out_dir) / README_NAME
    path.write_text(text, encoding="utf-8")
    return path
