"""Synthetic datasets of realistic shape, from one gmina up to the whole country.

The generator fills a plan of Poland's territorial units
(:func:`territory_plan`: the real 16 voivodeships, 380 powiats and 2,477
gminas with the real mix of urban, rural and urban-rural gminas; names below
the voivodeship and codes below the voivodeship are synthetic but follow the
TERYT structure) with institutions, their cooperation in two survey waves
(``before`` and ``after`` a pilot, the after wave denser), groups at every
level, professionals, families in support, services and referrals, and plants
the coordination gaps the analyses look for:

* institutions serving the same family with no cooperation tie between them;
* gminas whose social assistance centre has no tie to its schools, its police
  or both (in the ``before`` wave; a third of them also ``after``);
* interdisciplinary teams (ZI) missing the health, police, justice or
  education sector;
* referrals never answered, more of them in a fifth of the gminas, and
  long answer delays at courts and hospitals;
* families served by three or four institutions with no coordinator.

Everything is drawn from random streams seeded by ``(seed, unit code)``, so the
same seed gives byte-identical files, and a powiat is the same whether it is
generated alone or as part of the country. The national dataset is written
powiat by powiat, so memory holds one powiat at a time.

Family ids are synthetic pseudonyms (``F-`` and 16 hex digits, as
:mod:`kokon_graph.io.pseudonym` produces); ``datapackage.json`` marks the
dataset as pseudonymised.

Examples
--------
::

    from kokon_graph.generate import generate
    summary = generate("out/powiat", scale="powiat", seed=1)
    summary.counts["institutions"]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, Literal

import numpy as np
import pandas as pd

from kokon_graph._version import __version__
from kokon_graph.errors import GeneratorError
from kokon_graph.generate._plan import GMINA_TYPE_TOTALS, TerritoryPlan, territory_plan
from kokon_graph.generate._units import (
    AFTER,
    BEFORE,
    Chunk,
    generate_powiat,
    generate_voivodeship,
    restrict_chunk,
)
from kokon_graph.io.schema import TABLES
from kokon_graph.lang import current_lang, localise_number, tr

__all__ = [
    "DEFAULT_FAMILIES_PER_GMINA",
    "GMINA_TYPE_TOTALS",
    "NATIONAL_FAMILIES",
    "SCALES",
    "GenerationSummary",
    "GeneratorError",
    "TerritoryPlan",
    "choose_territory",
    "generate",
    "scale_word",
    "territory_plan",
]

Scale = Literal["gmina", "powiat", "voivodeship", "national"]

#: The scales, smallest first.
SCALES: Final[tuple[Scale, ...]] = ("gmina", "powiat", "voivodeship", "national")
#: About this many families are in support nationally at the default density.
NATIONAL_FAMILIES: Final = 400_000
#: Mean number of families per gmina that gives :data:`NATIONAL_FAMILIES` nationally
#: (161.5 x 2,477 gminas = 400,035).
DEFAULT_FAMILIES_PER_GMINA: Final = 161.5
_CODE_LENGTH: Final = {"gmina": 7, "powiat": 4, "voivodeship": 2}
#: A scale's word in Polish messages: (nominative, genitive, its code's length in words).
_SCALE_PL: Final = {
    "gmina": ("gmina", "gminy", "7 cyfr"),
    "powiat": ("powiat", "powiatu", "4 cyfry"),
    "voivodeship": ("województwo", "województwa", "2 cyfry"),
    "national": ("kraj", "kraju", ""),
}
_TABLE_COLUMNS: Final = {t.name: t.core_column_names for t in TABLES}


@dataclass(frozen=True)
class GenerationSummary:
    """What :func:`generate` wrote.

    Attributes
    ----------
    path
        The dataset folder.
    scale, seed, territory
        What was generated (``territory`` is empty at national scale).
    counts
        Rows per table.
    """

    path: Path
    scale: str
    seed: int
    territory: str
    counts: dict[str, int] = field(default_factory=dict)


def scale_word(scale: str) -> str:
    """A scale as messages name it (``"województwo"`` in Polish, ``"voivodeship"`` in English).

    >>> from kokon_graph.lang import set_lang
    >>> reset = set_lang("pl"); scale_word("national"); reset()
    'kraj'
    """
    return tr(_SCALE_PL[scale][0], scale)


def choose_territory(scale: Scale, seed: int, plan: TerritoryPlan | None = None) -> str:
    """The territory a seed picks for a scale when none is given (``""`` for national).

    >>> choose_territory("powiat", 1) == choose_territory("powiat", 1)
    True
    >>> len(choose_territory("gmina", 7))
    7
    """
    if scale == "national":
        return ""
    plan = plan or territory_plan()
    rng = np.random.default_rng([seed, 99])
    frame = {"gmina": plan.gminas, "powiat": plan.powiats, "voivodeship": plan.voivodeships}[scale]
    return str(frame["teryt"].iloc[int(rng.integers(len(frame)))])


def _check_territory(scale: Scale, territory: str, plan: TerritoryPlan) -> None:
    length = _CODE_LENGTH[scale]
    frame = {"gmina": plan.gminas, "powiat": plan.powiats, "voivodeship": plan.voivodeships}[scale]
    _, of_scale, digits = _SCALE_PL[scale]
    first, last = frame["teryt"].iloc[0], frame["teryt"].iloc[-1]
    if len(territory) != length or not territory.isdigit():
        raise GeneratorError(
            tr(
                f"kod TERYT {of_scale} ma {digits}, a nie {territory!r}",
                f"a {scale} is named by a {length}-digit TERYT code, not {territory!r}",
            ),
            hint=tr(f"np. --territory {first}", f"e.g. --territory {first}"),
        )
    if territory not in set(frame["teryt"]):
        raise GeneratorError(
            tr(
                f"{of_scale} {territory} nie ma w planie terytoriów generatora",
                f"{scale} {territory} is not in the generator's territory plan",
            ),
            hint=tr(
                f"kody biegną od {first} do {last}",
                f"codes run from {first} to {last}; see kokon_graph.generate.territory_plan()",
            ),
        )


def _powiat_chunk(
    seed: int,
    plan: TerritoryPlan,
    powiat: pd.Series,
    families_per_gmina: float,
    gminas: pd.DataFrame | None = None,
) -> Chunk:
    pp = str(powiat["teryt"])
    vv = pp[:2]
    siblings = plan.powiats.loc[plan.powiats["voivodeship"] == vv, "teryt"].tolist()
    position = siblings.index(pp)
    neighbour = siblings[(position + 1) % len(siblings)] if len(siblings) > 1 else None
    if gminas is None:
        gminas = plan.gminas[plan.gminas["powiat"] == pp]
    return generate_powiat(
        seed, powiat, gminas, neighbour=neighbour, families_per_gmina=families_per_gmina
    )


def _voivodeship_chunk(seed: int, plan: TerritoryPlan, vv: str) -> Chunk:
    row = plan.voivodeships.set_index("teryt", drop=False).loc[vv]
    return generate_voivodeship(
        seed,
        row,
        plan.powiats[plan.powiats["voivodeship"] == vv],
        plan.gminas[plan.gminas["voivodeship"] == vv],
    )


def _chunks(
    scale: Scale, territory: str, seed: int, plan: TerritoryPlan, families_per_gmina: float
) -> Iterator[Chunk]:
    """The chunks of a dataset, in writing order: each voivodeship, then its powiats."""
    if scale in ("gmina", "powiat"):
        vv = territory[:2]
        chunk = _voivodeship_chunk(seed, plan, vv)
        powiat = plan.powiats.set_index("teryt", drop=False).loc[territory[:4]]
        chunk.extend(_powiat_chunk(seed, plan, powiat, families_per_gmina))
        yield restrict_chunk(chunk, gmina=territory if scale == "gmina" else None)
        return
    codes = [territory] if scale == "voivodeship" else plan.voivodeships["teryt"].tolist()
    by_powiat = dict(iter(plan.gminas.groupby("powiat", sort=True)))
    for vv in codes:
        yield _voivodeship_chunk(seed, plan, vv)
        for _, powiat in plan.powiats[plan.powiats["voivodeship"] == vv].iterrows():
            gminas = by_powiat[powiat["teryt"]]
            yield _powiat_chunk(seed, plan, powiat, families_per_gmina, gminas)


def _descriptor(
    scale: Scale,
    seed: int,
    territory: str,
    families_per_gmina: float,
    tables: list[str],
    plan: TerritoryPlan,
) -> dict[str, Any]:
    names = plan.territories().set_index("teryt")["name"]
    where = "Polska" if scale == "national" else f"{names.get(territory, territory)} ({territory})"
    return {
        "name": f"kokon-generated-{scale}{'-' + territory if territory else ''}-s{seed}",
        "title": f"Syntetyczna sieć kooperacji – {where} / synthetic cooperation network",
        "description": (
            "Synthetic data made by `kokon-graph generate`: no real institution, person or "
            "family. Voivodeship names and codes and the numbers of powiats and gminas are "
            "real; everything else is invented. Family ids are synthetic pseudonyms. Two "
            f"survey waves, {BEFORE!r} and {AFTER!r} (after a pilot of a cooperation model)."
        ),
        "profile": "tabular-data-package",
        "pseudonymised": True,
        "generator": {
            "program": "kokon-graph generate",
            "version": __version__,
            "scale": scale,
            "seed": seed,
            "territory": territory,
            "families_per_gmina": round(families_per_gmina, 3),
        },
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ","},
            }
            for name in tables
        ],
    }


def generate(
    out: str | Path,
    *,
    scale: Scale = "powiat",
    seed: int = 1,
    territory: str | None = None,
    families_per_gmina: float = DEFAULT_FAMILIES_PER_GMINA,
    overwrite: bool = False,
) -> GenerationSummary:
    """Write a synthetic dataset (CSV files and ``datapackage.json``) to ``out``.

    Parameters
    ----------
    out
        Folder to write; created if missing. It must be empty unless
        ``overwrite`` is true.
    scale
        ``"gmina"``, ``"powiat"`` or ``"voivodeship"`` (one territory with the
        institutions of the levels above it) or ``"national"``.
    seed
        Seed of every random draw; the same seed gives byte-identical files.
    territory
        TERYT code of the gmina (7 digits), powiat (4) or voivodeship (2) to
        generate; by default one picked by the seed (:func:`choose_territory`).
        Ignored at national scale.
    families_per_gmina
        Mean number of families in support per gmina over the country (cities
        have more, rural gminas fewer); the default gives about 400,000
        families and 1,000,000 referrals nationally. 0 gives no families.
    overwrite
        Replace the dataset files of a non-empty folder.

    Returns
    -------
    GenerationSummary

    Raises
    ------
    GeneratorError
        For an unknown scale or territory, a negative density or a non-empty
        folder without ``overwrite``.
    """
    if scale not in SCALES:
        raise GeneratorError(
            tr(f"nieznana skala {scale!r}", f"unknown scale {scale!r}"),
            hint=tr("podaj jedną z: ", "use one of ") + ", ".join(SCALES),
        )
    if seed < 0:
        raise GeneratorError(
            tr(
                f"ziarno musi wynosić 0 lub więcej, a nie {seed}",
                f"the seed must be 0 or more, not {seed}",
            ),
            hint=tr("np. --seed 1", "e.g. --seed 1"),
        )
    if not families_per_gmina >= 0:
        lang = current_lang()
        given = localise_number(str(families_per_gmina), lang)
        default = localise_number(f"{DEFAULT_FAMILIES_PER_GMINA:.1f}", lang)
        raise GeneratorError(
            tr(
                f"średnia liczba rodzin na gminę musi wynosić 0 lub więcej, a nie {given}",
                f"families per gmina must be 0 or more, not {given}",
            ),
            hint=tr(f"domyślnie {default}", f"the default is {default}"),
        )
    plan = territory_plan()
    if scale == "national":
        territory = ""
    elif territory is None:
        territory = choose_territory(scale, seed, plan)
    else:
        territory = territory.strip()
        _check_territory(scale, territory, plan)
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise GeneratorError(
            tr(f"{str(out)!r} to plik, nie folder", f"{str(out)!r} is a file"),
            hint=tr(
                "podaj folder, do którego zapisać zbiór danych",
                "give a folder to write the dataset",
            ),
        )
    if folder.exists() and any(folder.iterdir()) and not overwrite:
        raise GeneratorError(
            tr(f"folder {str(out)!r} nie jest pusty", f"{str(out)!r} is not empty"),
            hint=tr(
                "podaj nowy folder albo --overwrite, by zastąpić w nim pliki zbioru danych",
                "give a new folder, or --overwrite to replace the dataset files in it",
            ),
        )
    folder.mkdir(parents=True, exist_ok=True)
    counts = _write(folder, _chunks(scale, territory, seed, plan, families_per_gmina))
    written = [name for name in _TABLE_COLUMNS if counts[name] or name == "institutions"]
    for name in _TABLE_COLUMNS:
        if name not in written:
            (folder / f"{name}.csv").unlink()
    descriptor = _descriptor(scale, seed, territory, families_per_gmina, written, plan)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return GenerationSummary(
        path=folder,
        scale=scale,
        seed=seed,
        territory=territory,
        counts={name: counts[name] for name in written},
    )


def _write(folder: Path, chunks: Iterator[Chunk]) -> dict[str, int]:
    """Stream the chunks to one CSV file per table; return the rows written per table."""
    handles: dict[str, IO[str]] = {}
    counts = dict.fromkeys(_TABLE_COLUMNS, 0)
    try:
        for name, columns in _TABLE_COLUMNS.items():
            handle = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            handles[name] = handle
            handle.write(",".join(columns) + "\n")
        for chunk in chunks:
            for name, columns in _TABLE_COLUMNS.items():
                values = chunk.tables[name]
                n = len(values[columns[0]])
                if n:
                    handles[name].write(_csv_text([values[c] for c in columns], n))
                    counts[name] += n
    finally:
        for open_file in handles.values():
            open_file.close()
    return counts


def _csv_text(columns: list[list[str]], n: int) -> str:
    """``n`` rows as CSV text, exactly as :mod:`csv` writes them (minimal quoting).

    Most rows (ids, codes, dates, numbers) need no quoting and are joined
    directly, which is several times faster than :func:`csv.writer`; when a
    value holds a comma, a quote or a line break, the rows go through
    :mod:`csv`.

    >>> _csv_text([["a", "b, c"], ["1", "2"]], 2)
    'a,1\\n"b, c",2\\n'
    """
    text = "\n".join(map(",".join, zip(*columns, strict=True))) + "\n"
    if (
        text.count(",") == n * (len(columns) - 1)
        and text.count("\n") == n
        and '"' not in text
        and "\r" not in text
    ):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(zip(*columns, strict=True))
    return buffer.getvalue()
