"""The territory plan of the generator: Poland's administrative units, real in shape.

The plan has the real number of voivodeships (16, with their real TERYT codes
and names), of powiats in each voivodeship (land powiats and cities with powiat
rights) and of gminas in each voivodeship, and the real national mix of urban,
rural and urban-rural gminas. Everything below the voivodeship is synthetic:
powiat and gmina names are made up, codes follow the TERYT structure
(``WW PP GG R``; land powiats numbered from 01, cities with powiat rights from
61, gminas numbered urban first, then the others by name) without being the
codes of real units.

The plan does not depend on the generator's seed: the country is the same for
every seed, only what happens in it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import numpy as np
import pandas as pd

from kokon_graph.model import VOIVODESHIP_CODES

__all__ = [
    "GMINA_TYPE_TOTALS",
    "VOIVODESHIP_UNITS",
    "TerritoryPlan",
    "territory_plan",
]

#: Per voivodeship: (land powiats, cities with powiat rights, gminas), GUS / TERYT 2023.
VOIVODESHIP_UNITS: Final[dict[str, tuple[int, int, int]]] = {
    "02": (26, 4, 169),
    "04": (19, 4, 144),
    "06": (20, 4, 213),
    "08": (12, 2, 82),
    "10": (21, 3, 177),
    "12": (19, 3, 182),
    "14": (37, 5, 314),
    "16": (11, 1, 71),
    "18": (21, 4, 160),
    "20": (14, 3, 118),
    "22": (16, 4, 123),
    "24": (17, 19, 167),
    "26": (13, 1, 102),
    "28": (19, 2, 116),
    "30": (31, 4, 226),
    "32": (18, 3, 113),
}

#: Gminas of each type nationally (TERYT 2023): 1 urban (the 66 cities with powiat
#: rights included), 2 rural, 3 urban-rural.
GMINA_TYPE_TOTALS: Final[dict[str, int]] = {"1": 302, "2": 1513, "3": 662}

#: Share of gminas whose social assistance centre is a CUS (centrum usług społecznych).
CUS_SHARE: Final = 0.03
#: Share of gminas that took part in the (synthetic) pilot of a cooperation model.
PILOT_SHARE: Final = 0.10

_PLAN_SEED: Final = 20180401  # the start of the projects; any constant would do

_STEMS: Final = (
    "Brzoz", "Dąbr", "Grab", "Jabłon", "Wierzb", "Olsz", "Sosn", "Lip", "Buk", "Jawor",
    "Klon", "Kalin", "Głog", "Jesion", "Świerk", "Malin", "Żuraw", "Czajk", "Bocian", "Sokol",
    "Orl", "Wilk", "Lis", "Bobr", "Kozł", "Kamien", "Piask", "Glin", "Błot", "Łęg",
    "Bor", "Gór", "Dol", "Pol", "Łąk", "Rud", "Mokr", "Such", "Biał", "Czarn",
    "Zielon", "Star", "Now", "Wysok", "Krzyw", "Rad", "Mił", "Dobr", "Bogusław", "Jarosław",
    "Stanisław", "Mirosław", "Radosław", "Bolesław", "Kazimierz", "Władysław", "Wacław", "Trzcin",
    "Wrzos", "Orzech", "Wiśn", "Grusz", "Śliw", "Chmiel", "Jagodz", "Kruk", "Sikor", "Dzięcioł",
    "Przepiór", "Szczyg",
)  # fmt: skip
#: (suffix of the place name, suffix of the powiat adjective)
_SUFFIXES: Final = (
    ("ów", "owski"),
    ("owo", "owski"),
    ("ice", "icki"),
    ("in", "iński"),
    ("ec", "ecki"),
    ("nik", "nicki"),
)


@dataclass(frozen=True)
class TerritoryPlan:
    """Every voivodeship, powiat and gmina the generator can fill.

    Attributes
    ----------
    voivodeships
        ``teryt`` (2 digits), ``name``, ``adjective`` (``mazowiecki``).
    powiats
        ``teryt`` (4 digits), ``name``, ``voivodeship``, ``city`` (a city
        with powiat rights), ``adjective`` (``brzozowski``; the city's name for
        a city), ``pilot``.
    gminas
        ``teryt`` (7 digits), ``name``, ``gmina_type`` (``1``/``2``/``3``),
        ``voivodeship``, ``powiat``, ``city``, ``seat`` (seat of its powiat),
        ``sa_type`` (``ops`` or ``cus``), ``pilot``, ``weight`` (relative
        number of families in support; mean 1 over the country).
    """

    voivodeships: pd.DataFrame
    powiats: pd.DataFrame
    gminas: pd.DataFrame

    def territories(self) -> pd.DataFrame:
        """The ``territories`` table of the whole plan (teryt, name, kind, gmina_type)."""
        return pd.concat(
            [
                pd.DataFrame(
                    {
                        "teryt": self.voivodeships["teryt"],
                        "name": self.voivodeships["name"],
                        "kind": "voivodeship",
                        "gmina_type": "",
                    }
                ),
                pd.DataFrame(
                    {
                        "teryt": self.powiats["teryt"],
                        "name": self.powiats["name"],
                        "kind": "powiat",
                        "gmina_type": "",
                    }
                ),
                pd.DataFrame(
                    {
                        "teryt": self.gminas["teryt"],
                        "name": self.gminas["name"],
                        "kind": "gmina",
                        "gmina_type": self.gminas["gmina_type"],
                    }
                ),
            ],
            ignore_index=True,
        )


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` that add up to ``total``."""
    exact = total * weights / weights.sum()
    base = np.floor(exact).astype(int)
    short = total - int(base.sum())
    order = np.argsort(-(exact - base), kind="stable")
    base[order[:short]] += 1
    return base


@lru_cache(maxsize=1)
def territory_plan() -> TerritoryPlan:
    """The plan of Poland's territorial units used by the generator (cached).

    Examples
    --------
    >>> plan = territory_plan()
    >>> len(plan.voivodeships), len(plan.powiats), len(plan.gminas)
    (16, 380, 2477)
    >>> plan.gminas["gmina_type"].value_counts().sort_index().to_dict()
    {'1': 302, '2': 1513, '3': 662}
    """
    rng = np.random.default_rng(_PLAN_SEED)
    codes = sorted(VOIVODESHIP_UNITS)
    land_gminas = np.array([VOIVODESHIP_UNITS[c][2] - VOIVODESHIP_UNITS[c][1] for c in codes])
    cities_total = sum(VOIVODESHIP_UNITS[c][1] for c in codes)
    urban_quota = _largest_remainder(GMINA_TYPE_TOTALS["1"] - cities_total, land_gminas)
    mixed_quota = _largest_remainder(GMINA_TYPE_TOTALS["3"], land_gminas)
    pool = [(stem + s, stem, a) for stem in _STEMS for s, a in _SUFFIXES]

    voiv_rows: list[dict[str, object]] = []
    powiat_rows: list[dict[str, object]] = []
    gmina_rows: list[dict[str, object]] = []
    for vi, vv in enumerate(codes):
        n_land, n_cities, n_gminas = VOIVODESHIP_UNITS[vv]
        name = VOIVODESHIP_CODES[vv]
        voiv_rows.append({"teryt": vv, "name": name, "adjective": name[:-1]})
        picks = rng.choice(len(pool), size=n_gminas, replace=False)
        names = [pool[int(i)] for i in picks]
        # cities with powiat rights: powiat codes 61, 62, ...; one urban gmina each
        for ci in range(n_cities):
            place, _stem, _adj = names[ci]
            pp = f"{vv}{61 + ci:02d}"
            powiat_rows.append(
                {"teryt": pp, "name": place, "voivodeship": vv, "city": True, "adjective": place}
            )
            gmina_rows.append(
                {
                    "teryt": f"{pp}011",
                    "name": place,
                    "gmina_type": "1",
                    "voivodeship": vv,
                    "powiat": pp,
                    "city": True,
                    "seat": True,
                }
            )
        land_names = names[n_cities:]
        n_land_gminas = len(land_names)
        urban, mixed = int(urban_quota[vi]), int(mixed_quota[vi])
        rural = n_land_gminas - urban - mixed
        sizes = 3 + rng.multinomial(n_land_gminas - 3 * n_land, rng.dirichlet(np.full(n_land, 3.0)))
        towns = ["1"] * urban + ["3"] * mixed
        rng.shuffle(towns)
        if len(towns) < n_land:
            raise AssertionError(f"voivodeship {vv}: fewer towns than powiat seats")
        rest = towns[n_land:] + ["2"] * rural
        rng.shuffle(rest)
        cursor = 0
        rest_cursor = 0
        for pi in range(n_land):
            pp = f"{vv}{pi + 1:02d}"
            size = int(sizes[pi])
            members = land_names[cursor : cursor + size]
            cursor += size
            kinds = [towns[pi], *rest[rest_cursor : rest_cursor + size - 1]]
            rest_cursor += size - 1
            _seat, seat_stem, seat_adj = members[0]
            powiat_rows.append(
                {
                    "teryt": pp,
                    "name": f"powiat {seat_stem.lower()}{seat_adj}",
                    "voivodeship": vv,
                    "city": False,
                    "adjective": f"{seat_stem.lower()}{seat_adj}",
                }
            )
            entries = [
                (kind, place, i == 0)
                for i, ((place, _s, _a), kind) in enumerate(zip(members, kinds, strict=True))
            ]
            # TERYT order: urban gminas first, then the others by name
            entries.sort(key=lambda e: (e[0] != "1", e[1]))
            for gg, (kind, place, seat) in enumerate(entries, start=1):
                gmina_rows.append(
                    {
                        "teryt": f"{pp}{gg:02d}{kind}",
                        "name": place,
                        "gmina_type": kind,
                        "voivodeship": vv,
                        "powiat": pp,
                        "city": False,
                        "seat": seat,
                    }
                )
    gminas = pd.DataFrame(gmina_rows)
    n = len(gminas)
    gminas["sa_type"] = np.where(rng.random(n) < CUS_SHARE, "cus", "ops")
    pilot = rng.random(n) < PILOT_SHARE
    gminas["pilot"] = pilot
    base = np.select(
        [gminas["city"].to_numpy(), gminas["gmina_type"].to_numpy() == "1"],
        [5.0, 1.6],
        np.where(gminas["gmina_type"].to_numpy() == "3", 1.0, 0.7),
    )
    weight = base * rng.lognormal(0.0, 0.35, n)
    gminas["weight"] = weight / weight.mean()
    powiats = pd.DataFrame(powiat_rows)
    pilot_powiats = set(gminas.loc[pilot, "powiat"])
    powiats["pilot"] = powiats["teryt"].isin(pilot_powiats)
    return TerritoryPlan(
        voivodeships=pd.DataFrame(voiv_rows),
        powiats=powiats.sort_values("teryt", kind="stable").reset_index(drop=True),
        gminas=gminas.sort_values("teryt", kind="stable").reset_index(drop=True),
    )
