"""Is a difference real? Permutation tests on networks: QAP, MRQAP and change between waves.

Network observations are not independent (every tie shares its two actors with
other ties), so ordinary p-values do not apply. Each test here compares the
observed statistic with its distribution over random relabelings that keep the
structure of the data:

* **QAP correlation** (:func:`qap_correlation`; Krackhardt 1987, Hubert 1987):
  Pearson's correlation between the off-diagonal cells of two relations on the
  same actors (e.g. cooperation before and after, cooperation and referrals,
  cooperation and "same sector"), against the correlations obtained when the
  rows and columns of one relation are permuted together;
* **MRQAP** (:func:`mrqap`): the least-squares regression of one relation on
  several others, each coefficient tested by Dekker, Krackhardt & Snijders'
  (2007) *double semi-partialling*: the predictor is regressed on the other
  predictors, its residual matrix permuted, and the t-statistic of the permuted
  residual in the full regression compared with the observed t;
* **change between waves** (:func:`change_test`): the change in density and in
  (dyadic) reciprocity between two waves on the same actors, against the
  changes obtained when, for each pair of actors independently, the two waves'
  states of the pair (both arcs together) are swapped with probability ½ — a
  paired randomisation test with the dyad as the unit.

Every p-value is ``(1 + #{|permuted| ≥ |observed|}) / (1 + N)`` (two-sided,
the observed labelling counted as one of the permutations; one-sided values
are given too) with its Monte Carlo standard error ``√(p (1 − p) / N)``; the
permutations come from ``numpy.random.default_rng(seed)`` so a run with the
same seed gives the same p-values.

Speed: nothing is ever a dense ``n × n`` matrix. A relation is a sparse matrix
or a vector of labels ("same sector": ``x_ij = [g_i = g_j]``); every statistic
reduces to permuted cross-products ``Σ_ij A[π(i), π(j)] · B[i, j]``, computed
from the nonzero cells of one side (or from label counts when both are labels),
so 2,000 permutations of a voivodeship take seconds (benchmarks/results/change.md).

References
----------
Krackhardt, D. (1987). QAP partialling as a test of spuriousness. Social
Networks 9(2), 171–186. doi:10.1016/0378-8733(87)90012-8

Hubert, L. J. (1987). Assignment Methods in Combinatorial Data Analysis. Marcel Dekker.

Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007). Sensitivity of MRQAP
tests to collinearity and autocorrelation conditions. Psychometrika 72(4),
563–581. doi:10.1007/s11336-007-9016-1
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.errors import ChangeTestError

__all__ = [
    "DEFAULT_PERMUTATIONS",
    "ChangeTestError",
    "Relation",
    "change_test",
    "mrqap",
    "p_value",
    "qap_correlation",
]

#: Permutations drawn unless told otherwise.
DEFAULT_PERMUTATIONS = 2000
#: Fewest actors a permutation test accepts (2 actors have only 2 labelings).
MIN_ACTORS = 3
#: Largest n × n of a binary relation looked up in a dense byte array (100 MB).
_DENSE_CELLS = 100_000_000


@dataclass(frozen=True)
class Relation:
    """One relation on ``n`` actors: a sparse matrix of values, or labels (``[g_i = g_j]``).

    Exactly one of ``matrix`` and ``labels`` is set. Labels ``""`` (no value)
    never match anything. The diagonal is ignored.
    """

    name: str
    matrix: sp.csr_array | None = None
    labels: np.ndarray | None = None

    @property
    def n(self) -> int:
        """Number of actors."""
        if self.matrix is not None:
            return int(self.matrix.shape[0])
        assert self.labels is not None
        return len(self.labels)

    def cells(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows, columns and values of the nonzero off-diagonal cells (matrices only)."""
        assert self.matrix is not None
        coo = self.matrix.tocoo()
        keep = (coo.row != coo.col) & (coo.data != 0)
        return (
            coo.row[keep].astype(np.int64),
            coo.col[keep].astype(np.int64),
            coo.data[keep].astype(np.float64),
        )

    def codes(self) -> np.ndarray:
        """Label codes, -1 for no value (labels only)."""
        assert self.labels is not None
        values = np.asarray(self.labels).astype(str)
        codes, _ = pd.factorize(values)
        codes[values == ""] = -1
        return codes.astype(np.int64)


class _Lookup:
    """Values of one relation at arbitrary cells, vectorised."""

    def __init__(self, rel: Relation) -> None:
        self.n = rel.n
        if rel.matrix is not None:
            rows, cols, vals = rel.cells()
            keys = rows * self.n + cols
            order = np.argsort(keys)
            self.keys, self.vals = keys[order], vals[order]
            self.codes: np.ndarray | None = None
            # a binary relation on up to ~10,000 actors: one byte per cell, looked up directly
            # (random lookups in a sorted array of keys cost ten times more)
            self.dense: np.ndarray | None = None
            binary = len(vals) > 0 and bool(np.all(vals == vals[0]))
            if binary and self.n * self.n <= _DENSE_CELLS:
                self.dense = np.zeros(self.n * self.n, dtype=np.bool_)
                self.dense[keys] = True
                self.value = float(vals[0])
            # larger: a hash table of the cells (a sorted array costs 4x more per lookup)
            self.table = (
                _CellTable(keys, vals, cells=self.n * self.n)
                if self.dense is None and len(keys)
                else None
            )
            self.total = float(vals.sum())
            self.total_sq = float((vals**2).sum())
            self.rows, self.cols, self.cell_vals = rows, cols, vals
        else:
            self.codes = rel.codes()
            known = self.codes[self.codes >= 0]
            sizes = np.bincount(known).astype(float) if len(known) else np.zeros(0)
            self.total = self.total_sq = float((sizes * (sizes - 1)).sum())

    @property
    def is_labels(self) -> bool:
        return self.codes is not None

    def at(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        if self.codes is not None:
            a, b = self.codes[rows], self.codes[cols]
            return ((a == b) & (a >= 0) & (rows != cols)).astype(np.float64)
        keys = rows * self.n + cols
        if self.dense is not None:
            return self.dense[keys] * self.value
        if self.table is None:  # no cell
            return np.zeros(len(keys))
        return self.table.values(keys)


class _CellTable:
    """A hash table ``key → value`` of the nonzero cells of a relation (open addressing,
    linear probing, Fibonacci hashing), looked up for a whole array of keys at once.

    At a load of at most ¼ most keys are found (or found absent) at their first slot;
    the rest take a few more rounds on ever fewer keys. The keys are ``row · n + col``,
    from 0 to ``cells − 1`` (``cells = n²``), held in 4 bytes each while every possible
    key fits (up to 65,535 actors) so that the table stays in the processor's cache; a
    relation whose cells all hold one value (a binary one) keeps no array of values.

    >>> table = _CellTable(np.array([3, 10, 7]), np.array([1.0, 2.0, 5.0]), cells=16)
    >>> table.values(np.array([7, 4, 10, 3])).tolist()
    [5.0, 0.0, 2.0, 1.0]
    """

    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio

    def __init__(self, keys: np.ndarray, vals: np.ndarray, *, cells: int) -> None:
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        vals = np.asarray(vals, dtype=np.float64)
        bits = max(4, int(np.ceil(np.log2(4 * len(keys)))))
        self.mask = (1 << bits) - 1
        self.shift = np.uint64(64 - bits)
        # every key that may be looked up must fit, not only the stored ones
        small = cells <= np.iinfo(np.uint32).max
        self.dtype = np.dtype(np.uint32) if small else np.dtype(np.int64)
        self.empty = int(np.iinfo(np.uint32 if small else np.int64).max)  # never a key
        self.keys = np.full(1 << bits, self.empty, dtype=self.dtype)
        one = len(vals) > 0 and bool(np.all(vals == vals[0]))
        self.value = float(vals[0]) if one else 0.0
        self.vals: np.ndarray | None = None if one else np.zeros(1 << bits)
        slots = self._slots(keys)
        pending = np.arange(len(keys))
        while len(pending):  # each round places the first key of every free slot asked for
            free = self.keys[slots[pending]] == self.empty
            first = np.unique(slots[pending[free]], return_index=True)[1]
            placed = pending[free][first]
            self.keys[slots[placed]] = keys[placed]
            if self.vals is not None:
                self.vals[slots[placed]] = vals[placed]
            left = np.ones(len(keys), dtype=bool)
            left[placed] = False
            pending = pending[left[pending]]
            slots[pending] = (slots[pending] + 1) & self.mask

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.view(np.uint64) * self._MULTIPLIER) >> self.shift).view(np.int64)

    def values(self, keys: np.ndarray) -> np.ndarray:
        """The value at each key (0 where the cell is empty)."""
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        slots = self._slots(keys)
        wanted = keys.astype(self.dtype)
        # np.take is several times faster than fancy indexing here
        stored = np.take(self.keys, slots)
        found = stored == wanted  # whole arrays first
        todo = np.flatnonzero(~found & (stored != self.empty))
        where = slots  # the slot of each key found (values only)
        slots = slots[todo]
        while len(todo):  # collisions: the next slot, for ever fewer keys
            slots = (slots + 1) & self.mask
            stored = np.take(self.keys, slots)
            hit = stored == wanted[todo]
            found[todo[hit]] = True
            if self.vals is not None:
                where[todo[hit]] = slots[hit]
            again = ~hit & (stored != self.empty)
            todo, slots = todo[again], slots[again]
        if self.vals is None:
            return found * self.value
        return np.where(found, np.take(self.vals, where), 0.0)


def _cross(a: _Lookup, b: _Lookup, perm: np.ndarray | None) -> float:
    """``Σ_{i≠j} A[π(i), π(j)] · B[i, j]`` (``π`` = identity when ``perm`` is None)."""
    if perm is None:
        perm = np.arange(a.n)
    if not b.is_labels:
        return float((a.at(perm[b.rows], perm[b.cols]) * b.cell_vals).sum())
    if not a.is_labels:
        inverse = np.empty_like(perm)
        inverse[perm] = np.arange(len(perm))
        return float((b.at(inverse[a.rows], inverse[a.cols]) * a.cell_vals).sum())
    assert a.codes is not None and b.codes is not None
    ca, cb = a.codes[perm], b.codes
    known = (ca >= 0) & (cb >= 0)
    if not known.any():
        return 0.0
    joint = ca[known] * (int(cb.max()) + 1) + cb[known]
    sizes = np.unique(joint, return_counts=True)[1].astype(float)
    return float((sizes * (sizes - 1)).sum())


def _permutations(n: int, count: int, seed: int) -> Callable[[], np.ndarray]:
    rng = np.random.default_rng(seed)
    return lambda: rng.permutation(n)


def p_value(observed: float, permuted: np.ndarray) -> dict[str, float]:
    """Two- and one-sided permutation p-values with their Monte Carlo standard error.

    ``p = (1 + #{|t_k| ≥ |t|}) / (1 + N)``; ``share_below`` is the share of
    permutations whose statistic is below the observed one (the "larger than in
    x% of random relabelings" of the sentences).

    >>> p_value(2.0, np.array([0.0, 1.0, -3.0, 0.5]))["p_value"]
    0.4
    """
    count = len(permuted)
    tol = 1e-12 * max(1.0, abs(observed))
    two = (1 + int(np.count_nonzero(np.abs(permuted) >= abs(observed) - tol))) / (1 + count)
    greater = (1 + int(np.count_nonzero(permuted >= observed - tol))) / (1 + count)
    less = (1 + int(np.count_nonzero(permuted <= observed + tol))) / (1 + count)
    return {
        "p_value": two,
        "p_greater": greater,
        "p_less": less,
        "mc_error": float(np.sqrt(two * (1 - two) / count)) if count else float("nan"),
        "share_below": float(np.count_nonzero(permuted < observed - tol) / count)
        if count
        else float("nan"),
        "share_above": float(np.count_nonzero(permuted > observed + tol) / count)
        if count
        else float("nan"),
    }


def _check(n: int, permutations: int, what: str) -> None:
    if n < MIN_ACTORS:
        raise ChangeTestError(
            f"{what} needs at least {MIN_ACTORS} actors, the data hold {n}",
            hint="widen --scope or choose another relation",
        )
    if permutations < 1:
        raise ChangeTestError(
            f"--permutations must be at least 1, not {permutations}",
            hint=f"the default is {DEFAULT_PERMUTATIONS}",
        )


def _correlation(sxy: float, x: _Lookup, y: _Lookup, cells: float) -> float:
    mx, my = x.total / cells, y.total / cells
    cov = sxy - cells * mx * my
    vx = x.total_sq - cells * mx * mx
    vy = y.total_sq - cells * my * my
    return float(cov / np.sqrt(vx * vy)) if vx > 0 and vy > 0 else float("nan")


def qap_correlation(
    y: Relation,
    x: Relation,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> dict[str, float]:
    """QAP test of the correlation between two relations on the same actors.

    Returns ``observed`` (Pearson's r over the ``n (n − 1)`` off-diagonal
    cells), the keys of :func:`p_value`, ``mean`` and ``sd`` of the permuted
    correlations, ``permutations`` and ``seed``.

    >>> import scipy.sparse as sp
    >>> a = sp.csr_array(np.eye(5, k=1) + np.eye(5, k=-1))
    >>> round(qap_correlation(Relation("a", a), Relation("b", a), permutations=99)["observed"], 6)
    1.0
    """
    n = y.n
    _check(n, permutations, "a QAP test")
    ly, lx = _Lookup(y), _Lookup(x)
    cells = float(n * (n - 1))
    observed = _correlation(_cross(lx, ly, None), lx, ly, cells)
    draw = _permutations(n, permutations, seed)
    permuted = np.array(
        [_correlation(_cross(lx, ly, draw()), lx, ly, cells) for _ in range(permutations)]
    )
    return {
        "observed": observed,
        **p_value(observed, permuted),
        "mean": float(np.nanmean(permuted)),
        "sd": float(np.nanstd(permuted)),
        "permutations": permutations,
        "seed": seed,
    }


def _solve(xtx: np.ndarray, xty: np.ndarray, yty: float, cells: float) -> tuple[np.ndarray, ...]:
    """OLS coefficients, standard errors and R² from the cross-product matrices."""
    inv = np.linalg.pinv(xtx)
    beta = inv @ xty
    rss = max(yty - float(beta @ xty), 0.0)
    dof = cells - len(beta)
    sigma2 = rss / dof if dof > 0 else float("nan")
    se = np.sqrt(np.maximum(np.diag(inv) * sigma2, 0.0))
    t = np.divide(beta, se, out=np.full(len(beta), np.nan), where=se > 0)
    return beta, se, t, np.asarray([rss])


def mrqap(
    y: Relation,
    predictors: Sequence[Relation],
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame:
    """MRQAP regression of ``y`` on ``predictors`` with double semi-partialling (DSP).

    Returns
    -------
    pandas.DataFrame
        One row per term (``intercept`` first, then each predictor by name):
        ``coefficient``, ``std_error``, ``t``, and for the predictors the DSP
        p-values (keys of :func:`p_value`, on the t-statistic),
        ``permutations`` and ``seed``; ``r_squared`` and ``cells`` repeat the
        model's R² and the number of dyads on every row.
    """
    n = y.n
    _check(n, permutations, "an MRQAP test")
    if not predictors:
        raise ChangeTestError("MRQAP needs at least one predictor", hint="add --x RELATION")
    cells = float(n * (n - 1))
    ly = _Lookup(y)
    lx = [_Lookup(p) for p in predictors]
    p = len(lx)

    def design() -> tuple[np.ndarray, np.ndarray]:
        """X'X and X'y of the full model (intercept first)."""
        size = p + 1
        xtx = np.zeros((size, size))
        xty = np.zeros(size)
        xtx[0, 0] = cells
        xty[0] = ly.total
        for i in range(p):
            xtx[0, i + 1] = xtx[i + 1, 0] = lx[i].total
            xty[i + 1] = _cross(lx[i], ly, None)
            xtx[i + 1, i + 1] = lx[i].total_sq
            for j in range(i):
                xtx[i + 1, j + 1] = xtx[j + 1, i + 1] = _cross(lx[i], lx[j], None)
        return xtx, xty

    xtx, xty = design()
    yty = ly.total_sq
    beta, se, t, rss = _solve(xtx, xty, yty, cells)
    tss = yty - ly.total**2 / cells
    r2 = 1 - float(rss[0]) / tss if tss > 0 else float("nan")
    names = ["intercept", *[r.name for r in predictors]]
    rows = [
        {"term": names[i], "coefficient": beta[i], "std_error": se[i], "t": t[i]}
        for i in range(p + 1)
    ]
    rng_draw = _permutations(n, permutations, seed)
    perms = [rng_draw() for _ in range(permutations)]
    for k in range(p):
        rows[k + 1].update(_dsp(k, lx, ly, cells, float(t[k + 1]), perms))
        rows[k + 1]["permutations"] = permutations
        rows[k + 1]["seed"] = seed
    frame = pd.DataFrame(rows)
    frame["r_squared"] = r2
    frame["cells"] = int(cells)
    return frame


def _dsp(
    k: int,
    lx: list[_Lookup],
    ly: _Lookup,
    cells: float,
    observed_t: float,
    perms: list[np.ndarray],
) -> dict[str, float]:
    """Dekker–Krackhardt–Snijders test of predictor ``k``: permute its residual on the others.

    With ``Z`` = intercept and the other predictors, ``E = X_k − Z γ`` the
    residual of ``X_k`` on ``Z``. For each permutation ``π``, the regression of
    ``y`` on ``[Z, E^π]`` needs only ``Z'E^π``, ``E^π'E^π = E'E`` and
    ``E^π'y``, each a combination of permuted cross-products of the relations.
    """
    others = [j for j in range(len(lx)) if j != k]
    q = len(others) + 1  # intercept + others
    ztz = np.zeros((q, q))
    ztz[0, 0] = cells
    ztx = np.zeros(q)
    ztx[0] = lx[k].total
    zty = np.zeros(q)
    zty[0] = ly.total
    for a, i in enumerate(others, start=1):
        ztz[0, a] = ztz[a, 0] = lx[i].total
        ztz[a, a] = lx[i].total_sq
        ztx[a] = _cross(lx[k], lx[i], None)
        zty[a] = _cross(lx[i], ly, None)
        for b, j in enumerate(others[: a - 1], start=1):
            ztz[a, b] = ztz[b, a] = _cross(lx[i], lx[j], None)
    gamma = np.linalg.pinv(ztz) @ ztx
    ete = max(lx[k].total_sq - float(gamma @ ztx), 0.0)
    yty = ly.total_sq
    permuted = np.empty(len(perms))
    for m, perm in enumerate(perms):
        # Σ E^π ∘ W = Σ X_k^π ∘ W − γ0 Σ W − Σ_l γ_l Σ X_l^π ∘ W, for W = each Z column and y
        def e_cross(w: _Lookup | None, w_total: float, perm: np.ndarray = perm) -> float:
            value = (_cross(lx[k], w, perm) if w is not None else lx[k].total) - gamma[0] * w_total
            for a, i in enumerate(others, start=1):
                value -= gamma[a] * (_cross(lx[i], w, perm) if w is not None else lx[i].total)
            return value

        zte = np.zeros(q)
        zte[0] = e_cross(None, cells)
        for a, i in enumerate(others, start=1):
            zte[a] = e_cross(lx[i], lx[i].total)
        ety = e_cross(ly, ly.total)
        xtx = np.zeros((q + 1, q + 1))
        xtx[:q, :q] = ztz
        xtx[:q, q] = xtx[q, :q] = zte
        xtx[q, q] = ete
        xty = np.append(zty, ety)
        _, _, t, _ = _solve(xtx, xty, yty, cells)
        permuted[m] = t[q]
    return p_value(observed_t, permuted)


def _dyads(before: sp.csr_array, after: sp.csr_array) -> tuple[np.ndarray, ...]:
    """For every unordered pair with a tie in either wave: arcs and mutuality in each wave."""
    n = before.shape[0]

    def binary(m: sp.csr_array) -> sp.csr_array:
        out = sp.csr_array(m, dtype=np.float64, copy=True)
        out.setdiag(0)
        out.eliminate_zeros()
        out.data[:] = 1.0
        return out

    b, a = binary(before), binary(after)
    pairs = sp.triu(b + b.T + a + a.T, k=1).tocoo()
    i, j = pairs.row, pairs.col
    lb, la = _Lookup(Relation("b", b)), _Lookup(Relation("a", a))
    arcs_b = lb.at(i, j) + lb.at(j, i)
    arcs_a = la.at(i, j) + la.at(j, i)
    return arcs_b, arcs_a, (arcs_b == 2).astype(float), (arcs_a == 2).astype(float), n


def change_test(
    before: sp.csr_array,
    after: sp.csr_array,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame:
    """Paired permutation tests of the change in density and reciprocity between two waves.

    ``before`` and ``after`` are adjacency matrices of the same actors in the
    same order. Under the null hypothesis the two waves are exchangeable pair by
    pair: each unordered pair's two states (its arcs in the first and in the
    second wave) are swapped with probability ½, independently.

    Returns
    -------
    pandas.DataFrame
        Rows ``density`` (arcs / (n (n − 1))) and ``reciprocity`` (mutual dyads /
        connected dyads): ``before``, ``after``, ``observed`` (after − before)
        and the keys of :func:`p_value`, ``permutations``, ``seed``.
    """
    n = before.shape[0]
    _check(n, permutations, "a permutation test of change")
    arcs_b, arcs_a, mut_b, mut_a, _ = _dyads(before, after)
    cells = float(n * (n - 1))
    d_arcs = arcs_a - arcs_b
    d_mut = mut_a - mut_b
    tied_b, tied_a = (arcs_b > 0).astype(float), (arcs_a > 0).astype(float)
    d_tied = tied_a - tied_b

    # the three differences side by side: one pass over the swaps (a matrix product)
    # instead of three
    diffs = np.column_stack([d_arcs, d_mut, d_tied])

    def stats(swap: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Density and reciprocity of both waves after swapping the pairs in ``swap`` (0/1)."""
        moved = swap @ diffs
        arcs_first = arcs_b.sum() + moved[:, 0]
        arcs_second = arcs_a.sum() - moved[:, 0]
        mut_first = mut_b.sum() + moved[:, 1]
        mut_second = mut_a.sum() - moved[:, 1]
        tied_first = tied_b.sum() + moved[:, 2]
        tied_second = tied_a.sum() - moved[:, 2]
        rec_first = np.divide(
            mut_first, tied_first, out=np.full_like(mut_first, np.nan), where=tied_first > 0
        )
        rec_second = np.divide(
            mut_second, tied_second, out=np.full_like(mut_second, np.nan), where=tied_second > 0
        )
        return arcs_first / cells, arcs_second / cells, rec_first, rec_second

    none = np.zeros((1, len(d_arcs)))
    dens_b, dens_a, rec_b, rec_a = (float(v[0]) for v in stats(none))
    rng = np.random.default_rng(seed)
    dens_diff = np.empty(permutations)
    rec_diff = np.empty(permutations)
    batch = max(1, 4_000_000 // max(len(d_arcs), 1))
    for start in range(0, permutations, batch):
        size = min(batch, permutations - start)
        swap = rng.integers(0, 2, size=(size, len(d_arcs))).astype(np.float64)
        first_d, second_d, first_r, second_r = stats(swap)
        dens_diff[start : start + size] = second_d - first_d
        rec_diff[start : start + size] = second_r - first_r
    rows = []
    for name, b, a, permuted in (
        ("density", dens_b, dens_a, dens_diff),
        ("reciprocity", rec_b, rec_a, rec_diff[np.isfinite(rec_diff)]),
    ):
        observed = a - b
        row = {"statistic": name, "before": b, "after": a, "observed": observed}
        row.update(p_value(observed, permuted) if np.isfinite(observed) else _no_test())
        row.update({"permutations": permutations, "seed": seed})
        rows.append(row)
    return pd.DataFrame(rows)


def _no_test() -> dict[str, float]:
    nan = float("nan")
    keys = ("p_value", "p_greater", "p_less", "mc_error", "share_below", "share_above")
    return dict.fromkeys(keys, nan)
