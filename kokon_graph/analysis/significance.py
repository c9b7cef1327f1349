"""Tests of change on a dataset: which relations exist, and the results in plain words.

The permutation tests themselves are in :mod:`kokon_graph.analysis.change`;
this module builds their relations from a :class:`~kokon_graph.graph.Network`
and writes one table, with a sentence in Polish and English per row:

* :func:`change_tests` — did cooperation change between two waves? Paired
  permutation tests of the change in density and reciprocity, and the QAP
  correlation between the two waves (how much of the network stayed);
* :func:`relation_tests` — is cooperation related to other relations? QAP
  correlation of one relation with each other one, and their MRQAP regression
  (double semi-partialling).

A relation is named ``NAME`` or ``NAME@WAVE``:

* ``cooperation`` — cooperation ties (all kinds, or the kinds of ``relation``);
  a cooperation kind (``information``, ``resources``, ``joint_action``,
  ``agreement``, ``other``) — only that kind;
* ``referrals`` — a referral from one institution to the other (directed);
* ``share_group`` — the two institutions sit in a common group;
* ``same_<attribute>`` — the two institutions have the same value of an
  institution attribute (``same_sector``, ``same_type``, ``same_gmina``,
  ``same_powiat``, ...); an empty value matches nothing.

``@WAVE`` takes the relation in one survey wave (default: the network's wave).

>>> from kokon_graph.analysis._demo import demo_network
>>> table = change_tests(demo_network(), before="all", after="all", permutations=99)
>>> table["statistic"].tolist()
['density', 'reciprocity', 'correlation']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph import model
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.change import (
    DEFAULT_PERMUTATIONS,
    MIN_ACTORS,
    ChangeTestError,
    Relation,
    change_test,
    mrqap,
    qap_correlation,
)
from kokon_graph.graph import Network, RelationLike
from kokon_graph.lang import localise_number

__all__ = [
    "COMPARE_TEST_COLUMNS",
    "TEST_COLUMNS",
    "change_tests",
    "compare_change_tests",
    "number_text",
    "numbers_text",
    "p_text",
    "relation_names",
    "relation_of",
    "relation_tests",
]

#: The columns of every table here, in order.
TEST_COLUMNS = (
    "test",
    "relation_y",
    "relation_x",
    "statistic",
    "before",
    "after",
    "observed",
    "std_error",
    "t",
    "r_squared",
    "p_value",
    "p_greater",
    "p_less",
    "mc_error",
    "share_below",
    "share_above",
    "permutations",
    "seed",
    "actors",
    "sentence_pl",
    "sentence_en",
)

#: The columns of the tests of change in a comparison (``change_tests`` of ``compare``): the
#: relations are always cooperation in the two waves, and no regression columns.
COMPARE_TEST_COLUMNS = tuple(
    c
    for c in TEST_COLUMNS
    if c not in ("test", "relation_y", "relation_x", "std_error", "t", "r_squared")
)

#: ``--before all`` / ``--after all``: the network as built, every wave together.
ALL_WAVES = "all"

_SAME_PL = {
    "sector": "ten sam sektor",
    "type": "ten sam typ instytucji",
    "level": "ten sam szczebel",
    "gmina": "ta sama gmina",
    "powiat": "ten sam powiat",
    "voivodeship": "to samo województwo",
    "project": "ten sam projekt",
    "teryt": "ta sama jednostka TERYT",
}
_WAVE_PL = {"before": "przed", "after": "po"}
_FIXED = ("cooperation", "referrals", "share_group")


def _attributes(network: Network) -> list[str]:
    return [c for c in network.institutions.columns if c not in ("id", "name", "name_source")]


def relation_names(network: Network) -> list[str]:
    """Every relation name :func:`relation_of` accepts for ``network`` (without ``@WAVE``)."""
    kinds = [t.code for t in model.COOPERATION_KINDS.terms]
    return [*_FIXED, *kinds, *(f"same_{a}" for a in _attributes(network))]


def _split(spec: str, network: Network, option: str) -> tuple[str, str | None]:
    name, _, wave = spec.strip().partition("@")
    name = name.strip()
    if wave and wave != ALL_WAVES and wave not in network.waves:
        known = ", ".join(network.waves) or "none"
        raise ChangeTestError(
            f"{option} {spec!r}: wave {wave!r} is not in the data (waves: {known})",
            hint="write a relation as NAME or NAME@WAVE",
        )
    if name not in relation_names(network):
        raise ChangeTestError(
            f"{option} {spec!r}: no such relation",
            hint="use one of: " + ", ".join(relation_names(network)),
        )
    return name, (wave or None)


def _in_wave(network: Network, wave: str | None) -> Network:
    if wave is None or wave == network.wave:
        return network
    return network.scoped(network.scope, None if wave == ALL_WAVES else wave)


def _aligned(matrix: sp.csr_array, ids: list[str], target: list[str]) -> sp.csr_array:
    """``matrix`` (rows/columns in ``ids``) re-indexed onto the actors ``target``."""
    if ids == target:
        return matrix
    pos = pd.Index(ids).get_indexer(target)
    coo = matrix.tocoo()
    where = np.full(len(ids), -1, dtype=np.int64)
    where[pos[pos >= 0]] = np.flatnonzero(pos >= 0)
    r, c = where[coo.row], where[coo.col]
    keep = (r >= 0) & (c >= 0)
    return sp.csr_array((coo.data[keep], (r[keep], c[keep])), shape=(len(target), len(target)))


def relation_of(
    network: Network,
    spec: str,
    *,
    relation: RelationLike = None,
    option: str = "relation",
) -> Relation:
    """The relation named ``spec`` on the institutions of ``network`` (see the module docstring).

    Raises
    ------
    ChangeTestError
        For an unknown relation or wave (the message lists what exists).
    """
    name, wave = _split(spec, network, option)
    actors = [str(i) for i in network.institutions.index]
    if name.startswith("same_"):
        attribute = name.removeprefix("same_")
        values = network.institutions[attribute].fillna("").astype(str).str.strip()
        return Relation(spec, labels=values.to_numpy())
    net = _in_wave(network, wave)
    ids = [str(i) for i in net.institutions.index]
    if name == "share_group":
        members = table_codes(net).members(np.arange(table_codes(net).n_groups))
        together = (members @ members.T).tocsr()
        together.setdiag(0)
        together.eliminate_zeros()
        together.data[:] = 1.0
        return Relation(spec, matrix=_aligned(together, ids, actors))
    if name == "referrals":
        codes = table_codes(net)
        keep = (codes.ref_source >= 0) & (codes.ref_target >= 0)
        n = codes.n_institutions
        refs = sp.csr_array(
            (np.ones(int(keep.sum())), (codes.ref_source[keep], codes.ref_target[keep])),
            shape=(n, n),
        )
        refs.sum_duplicates()
        refs.data[:] = 1.0
        return Relation(spec, matrix=_aligned(refs, ids, actors))
    kinds = relation if name == "cooperation" else name
    arcs = cooperation_matrices(net, kinds).arcs
    return Relation(spec, matrix=_aligned(arcs, ids, actors))


# ------------------------------------------------------------------ words


def _decimals(value: float, digits: int) -> int:
    """Decimals that show ``value`` to ``digits`` significant digits (0 for large values)."""
    if value == 0 or not math.isfinite(value):
        return max(digits - 1, 0)
    return max(digits - 1 - math.floor(math.log10(abs(value))), 0)


def _fixed(value: float, decimals: int, lang: str) -> str:
    text = f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":  # rounds to zero: no "-0.00"
        text = text.lstrip("-")
    return localise_number(text, lang)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number_text(value: float, lang: str, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits, trailing zeros kept (``0.100``, never
    ``0.1`` beside ``0.110``), never in exponent form; decimal comma in Polish.

    >>> number_text(0.1, "en"), number_text(0.11, "pl"), number_text(0.00064, "en")
    ('0.100', '0,110', '0.000640')
    >>> number_text(12345.6, "en"), number_text(-2.5, "pl", 2)
    ('12346', '-2,5')
    """
    if _missing(value):
        return "—"
    return _fixed(value, _decimals(value, digits), lang)


def numbers_text(values: Sequence[float], lang: str, digits: int = 3) -> list[str]:
    """Numbers read side by side ("from 0.080 to 0.110") at one precision: the decimals that
    give the largest ``digits`` significant digits, and each of the others at least two.

    >>> numbers_text([0.08, 0.11, 0.03], "en")
    ['0.080', '0.110', '0.030']
    >>> numbers_text([0.00064, 0.00077], "pl")
    ['0,000640', '0,000770']
    """
    shown = [abs(v) for v in values if not _missing(v) and math.isfinite(v) and v != 0]
    if not shown:
        return [number_text(v, lang, digits) for v in values]
    decimals = max(_decimals(max(shown), digits), *(_decimals(v, min(digits, 2)) for v in shown))
    return ["—" if _missing(v) else _fixed(v, decimals, lang) for v in values]


def _pct(share: float, lang: str) -> str:
    text = f"{100 * share:.1f}"
    return localise_number(text, lang) + "%"


def _count(n: int, lang: str) -> str:
    return localise_number(f"{n:,}", lang)


def p_text(row: Mapping[str, Any], lang: str) -> str:
    """The p-value of a row with its Monte Carlo error and the permutations drawn; p and its
    error at one precision, that of the error's first significant digit.

    >>> p_text({"p_value": 0.1, "mc_error": 0.0067, "permutations": 2000}, "en")
    'p = 0.100 ± 0.007, 2,000 permutations'
    >>> p_text({"p_value": 0.0005, "mc_error": 0.0005, "permutations": 2000}, "pl")
    'p = 0,0005 ± 0,0005; 2\xa0000 permutacji'
    """
    sep = "; " if lang == "pl" else ", "
    perms = "permutacji" if lang == "pl" else "permutations"
    p, error = row["p_value"], row["mc_error"]
    if _missing(p):
        shown = "p = —"
    else:
        decimals = _decimals(error, 1) if not _missing(error) and error > 0 else 3
        shown = f"p = {_fixed(p, decimals, lang)}"
        if not _missing(error):
            shown += f" ± {_fixed(error, decimals, lang)}"
    return f"{shown}{sep}{_count(int(row['permutations']), lang)} {perms}"


_num, _p = number_text, p_text


def relation_label(spec: str, lang: str) -> str:
    """A relation's name in words (``same_sector@after`` → "the same sector (wave after)")."""
    name, _, wave = spec.partition("@")
    if name.startswith("same_"):
        attr = name.removeprefix("same_")
        text = (
            _SAME_PL.get(attr, f"ta sama wartość: {attr}") if lang == "pl" else f"the same {attr}"
        )
    elif name == "cooperation":
        text = "współpraca" if lang == "pl" else "cooperation"
    elif name == "referrals":
        text = "skierowania" if lang == "pl" else "referrals"
    elif name == "share_group":
        text = "wspólna grupa" if lang == "pl" else "a shared group"
    else:
        text = model.COOPERATION_KINDS.label(name, "pl" if lang == "pl" else "en")
    if wave and wave != ALL_WAVES:
        shown = _WAVE_PL.get(wave, wave) if lang == "pl" else wave
        text += f" (fala {shown})" if lang == "pl" else f" (wave {shown})"
    return text


_STAT_PL = {"density": "gęstości", "reciprocity": "wzajemności"}


def _change_sentence(row: dict[str, Any], lang: str) -> str:
    stat, before, after, observed = row["statistic"], row["before"], row["after"], row["observed"]
    if not np.isfinite(observed):
        return (
            f"Zmiany {_STAT_PL[stat]} nie da się określić (brak więzi w jednej z fal)."
            if lang == "pl"
            else f"The change in {stat} is undefined (no ties in one of the waves)."
        )
    if observed == 0:
        return (
            f"Wartość {_STAT_PL[stat]} się nie zmieniła ({_num(before, lang)} w obu falach)."
            if lang == "pl"
            else f"The {stat} did not change ({_num(before, lang)} in both waves)."
        )
    rise = observed > 0
    share = row["share_below"] if rise else row["share_above"]
    first, second = numbers_text([before, after], lang)
    if lang == "pl":
        what = "Wzrost" if rise else "Spadek"
        return (
            f"{what} {_STAT_PL[stat]} z {first} do {second} jest "
            f"większy niż w {_pct(share, lang)} losowych przetasowań fal ({_p(row, lang)})."
        )
    what = "rise" if rise else "fall"
    return (
        f"The {what} in {stat} from {first} to {second} is larger than "
        f"in {_pct(share, lang)} of random relabelings of the waves ({_p(row, lang)})."
    )


def _qap_sentence(row: dict[str, Any], lang: str) -> str:
    y, x, r = (
        relation_label(row["relation_y"], lang),
        relation_label(row["relation_x"], lang),
        row["observed"],
    )
    if not np.isfinite(r):
        return (
            f"Korelacji relacji „{y}” i „{x}” nie da się obliczyć (jedna z nich jest stała)."
            if lang == "pl"
            else f"The correlation of {y} with {x} is undefined (one relation is constant)."
        )
    positive = r >= 0
    share = row["share_below"] if positive else row["share_above"]
    if lang == "pl":
        more = "większa" if positive else "mniejsza"
        return (
            f"Korelacja relacji „{y}” i „{x}”: r = {_num(r, lang)}, {more} niż w "
            f"{_pct(share, lang)} losowych przetasowań instytucji ({_p(row, lang)})."
        )
    more = "larger" if positive else "smaller"
    return (
        f"Correlation of {y} with {x}: r = {_num(r, lang)}, {more} than in {_pct(share, lang)} "
        f"of random relabelings of the institutions ({_p(row, lang)})."
    )


def _mrqap_sentence(row: dict[str, Any], lang: str) -> str:
    x = relation_label(row["relation_x"], lang)
    coef, t = _num(row["observed"], lang), _num(row["t"], lang, 3)
    if lang == "pl":
        return (
            f"Regresja (MRQAP), zmienna „{x}”: współczynnik {coef} (t = {t}); |t| co najmniej "
            f"tak duże dało {_pct(row['p_value'], lang)} przetasowań reszt ({_p(row, lang)})."
        )
    return (
        f"Regression (MRQAP), predictor '{x}': coefficient {coef} (t = {t}); a |t| at least this "
        f"large came "
        f"from {_pct(row['p_value'], lang)} of the relabelings of its residuals ({_p(row, lang)})."
    )


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    for row in rows:
        for lang in ("pl", "en"):
            maker = {"change": _change_sentence, "qap": _qap_sentence, "mrqap": _mrqap_sentence}
            row[f"sentence_{lang}"] = maker[row["test"]](row, lang)
    frame = pd.DataFrame(rows).reindex(columns=list(TEST_COLUMNS))
    return frame.astype({"permutations": "int64", "seed": "int64", "actors": "int64"})


def _actors(network: Network) -> int:
    n = len(network.institutions)
    if n < MIN_ACTORS:
        raise ChangeTestError(
            f"a permutation test needs at least {MIN_ACTORS} institutions, the scope holds {n}",
            hint="widen --scope",
        )
    return n


def change_tests(
    network: Network,
    *,
    before: str,
    after: str,
    relation: RelationLike = None,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame:
    """Did cooperation change between the waves ``before`` and ``after``?

    Returns the :data:`TEST_COLUMNS` table with three rows: the paired
    permutation tests of the change in ``density`` and ``reciprocity``
    (:func:`~kokon_graph.analysis.change.change_test`) and the QAP
    ``correlation`` of the two waves (1: nothing changed).

    Raises
    ------
    ChangeTestError
        A wave missing from the data, an unknown relation, fewer than 3 institutions.
    """
    n = _actors(network)
    spec = "cooperation"
    for label, wave in (("--before", before), ("--after", after)):
        if wave != ALL_WAVES and wave not in network.waves:
            known = ", ".join(network.waves) or "none"
            raise ChangeTestError(
                f"{label} {wave!r}: the data have no such wave (waves: {known})",
                hint="run `kokon-graph info DATASET` to see the waves",
            )
    y = relation_of(network, f"{spec}@{after}", relation=relation)
    x = relation_of(network, f"{spec}@{before}", relation=relation)
    assert y.matrix is not None and x.matrix is not None
    rows: list[dict[str, Any]] = []
    table = change_test(x.matrix, y.matrix, permutations=permutations, seed=seed)
    for record in table.to_dict("records"):
        rows.append(
            {"test": "change", "relation_y": y.name, "relation_x": x.name, "actors": n, **record}
        )
    qap = qap_correlation(y, x, permutations=permutations, seed=seed)
    rows.append(
        {
            "test": "qap",
            "relation_y": y.name,
            "relation_x": x.name,
            "statistic": "correlation",
            "actors": n,
            **qap,
        }
    )
    return _frame(rows)


def relation_tests(
    network: Network,
    *,
    y: str = "cooperation",
    x: Sequence[str] = ("same_sector", "share_group"),
    relation: RelationLike = None,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame:
    """Is relation ``y`` related to each relation in ``x``?

    Returns the :data:`TEST_COLUMNS` table: one QAP ``correlation`` row per
    ``x``, then one MRQAP row per term of the regression of ``y`` on all of
    ``x`` (``statistic`` = ``intercept`` or ``coefficient``; the p-value of a
    coefficient is the double-semi-partialling test of its t).
    """
    n = _actors(network)
    if not x:
        raise ChangeTestError("no relation to test against", hint="add --x RELATION")
    ly = relation_of(network, y, relation=relation, option="--y")
    lx = [relation_of(network, spec, relation=relation, option="--x") for spec in x]
    rows: list[dict[str, Any]] = []
    for rel in lx:
        qap = qap_correlation(ly, rel, permutations=permutations, seed=seed)
        rows.append(
            {
                "test": "qap",
                "relation_y": ly.name,
                "relation_x": rel.name,
                "statistic": "correlation",
                "actors": n,
                **qap,
            }
        )
    model_rows = mrqap(ly, lx, permutations=permutations, seed=seed)
    for record in model_rows.to_dict("records"):
        term = record.pop("term")
        if term == "intercept":
            continue
        rows.append(
            {
                "test": "mrqap",
                "relation_y": ly.name,
                "relation_x": term,
                "statistic": "coefficient",
                "observed": record.pop("coefficient"),
                "std_error": record.pop("std_error"),
                "actors": n,
                **{k: v for k, v in record.items() if k in TEST_COLUMNS},
            }
        )
    return _frame(rows)


def compare_change_tests(
    before: Network,
    after: Network,
    *,
    relation: RelationLike = None,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame | None:
    """The tests of change of a comparison, or None where they do not apply.

    They apply to two waves of one dataset in one scope with at least 3
    institutions: :func:`change_tests` on the institutions of the scope (all
    waves), cut to :data:`COMPARE_TEST_COLUMNS` (the relations are always
    cooperation in the two waves).

    >>> from kokon_graph.analysis._demo import demo_network
    >>> compare_change_tests(demo_network(), demo_network(), permutations=9) is None
    True
    """
    if (
        before.full_dataset is not after.full_dataset
        or before.wave is None
        or after.wave is None
        or before.wave == after.wave
        or str(before.scope) != str(after.scope)
    ):
        return None
    actors = after.scoped(after.scope, None)
    if len(actors.institutions) < MIN_ACTORS:
        return None
    table = change_tests(
        actors,
        before=before.wave,
        after=after.wave,
        relation=relation,
        permutations=permutations,
        seed=seed,
    )
    return table.loc[:, list(COMPARE_TEST_COLUMNS)]
