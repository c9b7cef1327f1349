"""Small in-memory networks for examples, doctests and tests.

:func:`network_from_ties` turns a list of ties into a real
:class:`~kokon_graph.graph.Network` (through a :class:`~kokon_graph.io.Dataset`
with the canonical columns), so that hand-worked graphs and classic networks
go through exactly the code path a user's data takes. :func:`demo_network` is
a six-institution gmina used in the docstrings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from kokon_graph.graph import Network, build_network
from kokon_graph.io.dataset import Dataset, dtype_for, empty_table
from kokon_graph.io.schema import table

__all__ = ["demo_network", "frame", "network_from_ties"]

_DEFAULTS: dict[str, Any] = {
    "id": "",
    "str": "",
    "ref": "",
    "vocab": "",
    "teryt": "",
    "date": pd.NaT,
    "float": float("nan"),
    "int": pd.NA,
    "bool": False,
    "list": (),
}


def frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A table ``name`` with the canonical columns and dtypes, holding ``rows``.

    Columns missing from a row get the empty value of their kind.
    """
    spec = table(name)
    records = list(rows)
    if not records:
        return empty_table(name)
    data: dict[str, list[Any]] = {c.name: [] for c in spec.columns}
    extra = sorted({k for r in records for k in r} - set(data))
    for key in extra:
        data[key] = []
    for record in records:
        for col in spec.columns:
            data[col.name].append(record.get(col.name, _DEFAULTS[col.kind]))
        for key in extra:
            data[key].append(record.get(key, ""))
    out = pd.DataFrame(data)
    for col in spec.columns:
        dtype = dtype_for(col.kind)
        if dtype != "object":
            out[col.name] = out[col.name].astype(dtype)
    return out


def network_from_ties(
    ties: Sequence[tuple[str, str]] | Sequence[tuple[str, str, float]],
    *,
    directed: bool = True,
    sectors: Mapping[str, str] | None = None,
    nodes: Iterable[str] = (),
    teryt: Mapping[str, str] | None = None,
    **tables: Iterable[Mapping[str, Any]],
) -> Network:
    """A network of institutions joined by ``ties`` (``(source, target[, weight])``).

    ``directed=False`` marks every tie ``mutual`` (it then counts both ways).
    Institutions are the tie ends plus ``nodes``; their sector comes from
    ``sectors`` (default ``other``), their TERYT from ``teryt`` (default: the
    gmina ``1465011``). Further tables (``services=[...]``, ``families=[...]``)
    are passed as rows.

    >>> net = network_from_ties([("a", "b"), ("b", "c")], directed=False)
    >>> sorted(net.cooperation().edges())
    [('a', 'b'), ('b', 'a'), ('b', 'c'), ('c', 'b')]
    """
    sectors = dict(sectors or {})
    teryt = dict(teryt or {})
    names: list[str] = []
    for tie in ties:
        for node in tie[:2]:
            if node not in names:
                names.append(str(node))
    for node in nodes:
        if node not in names:
            names.append(str(node))
    institutions = frame(
        "institutions",
        (
            {
                "id": node,
                "name": f"Institution {node}",
                "type": "other",
                "sector": sectors.get(node, "other"),
                "level": "gmina" if len(teryt.get(node, "1465011")) == 7 else "powiat",
                "teryt": teryt.get(node, "1465011"),
            }
            for node in names
        ),
    )
    cooperation = frame(
        "cooperation",
        (
            {
                "source": str(tie[0]),
                "target": str(tie[1]),
                "kind": "information",
                "weight": float(tie[2]) if len(tie) > 2 else 1.0,
                "mutual": not directed,
            }
            for tie in ties
        ),
    )
    given = {name: frame(name, rows) for name, rows in tables.items()}
    if "territories" not in given:
        # name every territory used (a dataset without territories is valid, but this
        # keeps the examples free of the foundation's empty-name mapping)
        codes = sorted({c for c in institutions["teryt"] if c})
        given["territories"] = frame(
            "territories", ({"teryt": c, "name": f"Territory {c}"} for c in codes)
        )
    dataset = Dataset(institutions=institutions, cooperation=cooperation, name="ties", **given)
    return build_network(dataset)


def demo_network() -> Network:
    """Six institutions of one gmina and its powiat, five families, one team.

    >>> demo_network()
    Network('demo', scope='all', institutions=6)
    """
    inst = [
        ("OPS", "Ośrodek Pomocy Społecznej", "ops", "social_assistance", "gmina", "1465011"),
        ("SZK", "Szkoła Podstawowa nr 1", "school", "education", "gmina", "1465011"),
        ("POZ", "Przychodnia", "poz", "health", "gmina", "1465011"),
        ("NGO", "Fundacja Razem", "foundation", "ngo", "gmina", "1465011"),
        ("PCPR", "Powiatowe Centrum Pomocy Rodzinie", "pcpr", "family_support", "powiat", "1465"),
        ("KPP", "Komenda Powiatowa Policji", "kpp", "police", "powiat", "1465"),
    ]
    institutions = frame(
        "institutions",
        (
            {"id": i, "name": n, "type": t, "sector": s, "level": lv, "teryt": code}
            for i, n, t, s, lv, code in inst
        ),
    )
    ties = [
        ("OPS", "SZK", 2.0, True),
        ("OPS", "PCPR", 3.0, True),
        ("OPS", "POZ", 1.0, False),
        ("SZK", "POZ", 1.0, False),
        ("KPP", "PCPR", 1.0, False),
        ("NGO", "OPS", 1.0, False),
    ]
    # two survey answers rate each other (PARTNER 1-4), a third rates its partner only
    ratings = {
        ("OPS", "SZK"): dict.fromkeys(("trust_reliability", "value_resources"), 4.0),
        ("SZK", "OPS"): dict.fromkeys(("trust_reliability", "value_resources"), 2.0),
        ("NGO", "OPS"): dict.fromkeys(("trust_reliability", "value_resources"), 3.0),
    }
    ties.append(("SZK", "OPS", 2.0, True))  # the school's side of a confirmed tie
    cooperation = frame(
        "cooperation",
        (
            {
                "source": s,
                "target": t,
                "kind": "information",
                "weight": w,
                "mutual": m,
                **(
                    {"reported_by": s, "confirmed": s != "NGO", **ratings[(s, t)]}
                    if (s, t) in ratings
                    else {}
                ),
            }
            for s, t, w, m in ties
        ),
    )
    families = frame("families", ({"id": f"f{i}", "teryt": "1465011"} for i in range(1, 6)))
    served = {
        "f1": ("OPS", "SZK", "POZ", "KPP"),
        "f2": ("OPS", "POZ", "NGO"),
        "f3": ("OPS", "SZK"),
        "f4": ("POZ", "KPP", "NGO"),
        "f5": ("OPS",),
    }
    services = frame(
        "services",
        ({"family": f, "institution": i} for f, insts in served.items() for i in insts),
    )
    referrals = frame(
        "referrals",
        (
            {
                "id": rid,
                "family": fam,
                "source": src,
                "target": dst,
                "sent": pd.Timestamp(sent),
                "status": status,
                "answered": pd.Timestamp(answered) if answered else pd.NaT,
            }
            for rid, fam, src, dst, sent, status, answered in (
                ("r1", "f1", "OPS", "POZ", "2021-03-01", "accepted", "2021-03-04"),
                ("r2", "f2", "OPS", "POZ", "2021-03-02", "no_answer", ""),
                ("r3", "f4", "POZ", "KPP", "2021-03-03", "rejected", "2021-03-13"),
                ("r4", "f1", "SZK", "OPS", "2021-03-05", "completed", "2021-03-07"),
            )
        ),
    )
    territories = frame(
        "territories",
        (
            {"teryt": "14", "name": "mazowieckie", "kind": "voivodeship"},
            {"teryt": "1465", "name": "Warszawa", "kind": "powiat"},
            {"teryt": "1465011", "name": "Praga-Północ", "kind": "gmina", "gmina_type": "8"},
        ),
    )
    groups = frame(
        "groups",
        ({"id": "ZI", "name": "Zespół Interdyscyplinarny", "type": "ZI", "teryt": "1465011"},),
    )
    memberships = frame(
        "memberships",
        ({"group": "ZI", "member": m, "role": "member"} for m in ("OPS", "KPP", "SZK")),
    )
    dataset = Dataset(
        institutions=institutions,
        territories=territories,
        cooperation=cooperation,
        groups=groups,
        memberships=memberships,
        families=families,
        services=services,
        referrals=referrals,
        name="demo",
    )
    return build_network(dataset)
