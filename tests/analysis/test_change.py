"""Tests of change: each observed statistic against an independent dense implementation
(numpy's corrcoef and lstsq on the n(n-1) off-diagonal cells, the literal permutation of
rows and columns), the p-values against the same permutations done densely, and hand cases."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from kokon_graph.analysis.change import (
    ChangeTestError,
    Relation,
    change_test,
    mrqap,
    p_value,
    qap_correlation,
)


def _random(n: int, p: float, seed: int, weighted: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = (rng.random((n, n)) < p).astype(float)
    if weighted:
        m *= rng.integers(1, 5, size=(n, n))
    np.fill_diagonal(m, 0)
    return m


def _off(m: np.ndarray) -> np.ndarray:
    return m[~np.eye(len(m), dtype=bool)]


def _same(labels: np.ndarray) -> np.ndarray:
    m = (labels[:, None] == labels[None, :]).astype(float)
    m[(labels == "")[:, None] | (labels == "")[None, :]] = 0
    np.fill_diagonal(m, 0)
    return m


def _dense_p(observed: float, permuted: list[float]) -> float:
    hits = sum(abs(v) >= abs(observed) - 1e-12 * max(1.0, abs(observed)) for v in permuted)
    return (1 + hits) / (1 + len(permuted))


def test_qap_correlation_equals_the_dense_computation() -> None:
    n, perms, seed = 15, 200, 7
    y = _random(n, 0.3, 1, weighted=True)
    x = _random(n, 0.3, 2) + 0.5 * y
    np.fill_diagonal(x, 0)
    got = qap_correlation(
        Relation("y", sp.csr_array(y)),
        Relation("x", sp.csr_array(x)),
        permutations=perms,
        seed=seed,
    )
    assert got["observed"] == pytest.approx(np.corrcoef(_off(y), _off(x))[0, 1])
    rng = np.random.default_rng(seed)
    permuted = []
    for _ in range(perms):
        perm = rng.permutation(n)
        permuted.append(np.corrcoef(_off(y), _off(x[perm][:, perm]))[0, 1])
    assert got["p_value"] == _dense_p(got["observed"], permuted)
    assert got["mean"] == pytest.approx(np.mean(permuted))
    assert got["mc_error"] == pytest.approx(np.sqrt(got["p_value"] * (1 - got["p_value"]) / perms))


def test_qap_correlation_with_a_label_relation() -> None:
    """ "Same sector" given as labels equals the dense 0/1 matrix (a "" label matches nothing)."""
    n = 14
    labels = np.array([*"aabbbcc", "", "a", "b", "c", "", "a", "b"])
    y = _random(n, 0.35, 5)
    got = qap_correlation(
        Relation("y", sp.csr_array(y)), Relation("same", labels=labels), permutations=100, seed=3
    )
    assert got["observed"] == pytest.approx(np.corrcoef(_off(y), _off(_same(labels)))[0, 1])
    rng = np.random.default_rng(3)
    permuted = []
    for _ in range(100):
        perm = rng.permutation(n)
        s = _same(labels)[perm][:, perm]
        permuted.append(np.corrcoef(_off(y), _off(s))[0, 1])
    assert got["p_value"] == _dense_p(got["observed"], permuted)


def _ols_t(design: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    beta, *_ = np.linalg.lstsq(design, target, rcond=None)
    resid = target - design @ beta
    sigma2 = resid @ resid / (len(target) - design.shape[1])
    se = np.sqrt(np.diag(np.linalg.inv(design.T @ design)) * sigma2)
    return beta, beta / se


def test_mrqap_dsp_equals_the_dense_algorithm() -> None:
    """Dekker, Krackhardt & Snijders (2007), the DSP steps done literally on dense matrices."""
    n, perms, seed = 12, 150, 11
    x1 = _random(n, 0.4, 21)
    labels = np.array(list("xxxyyyzzzxyz"))
    x2 = _same(labels)
    y = 0.8 * x1 + 0.5 * x2 + _random(n, 0.25, 22)
    np.fill_diagonal(y, 0)
    got = mrqap(
        Relation("y", sp.csr_array(y)),
        [Relation("x1", sp.csr_array(x1)), Relation("same", labels=labels)],
        permutations=perms,
        seed=seed,
    ).set_index("term")
    ones = np.ones(n * (n - 1))
    design = np.column_stack([ones, _off(x1), _off(x2)])
    beta, t = _ols_t(design, _off(y))
    assert got["coefficient"].to_numpy() == pytest.approx(beta)
    assert got["t"].to_numpy() == pytest.approx(t)
    resid_r2 = 1 - np.sum((_off(y) - design @ beta) ** 2) / np.sum((_off(y) - _off(y).mean()) ** 2)
    assert got["r_squared"].iloc[0] == pytest.approx(resid_r2)
    rng = np.random.default_rng(seed)
    drawn = [rng.permutation(n) for _ in range(perms)]
    mats = {"x1": x1, "same": x2}
    for k, name in enumerate(("x1", "same")):
        other = mats["same" if name == "x1" else "x1"]
        z = np.column_stack([ones, _off(other)])
        gamma, *_ = np.linalg.lstsq(z, _off(mats[name]), rcond=None)
        resid = mats[name] - (gamma[0] + gamma[1] * other)
        np.fill_diagonal(resid, 0)
        permuted = []
        for perm in drawn:
            e = resid[perm][:, perm]
            _, tp = _ols_t(np.column_stack([z, _off(e)]), _off(y))
            permuted.append(tp[-1])
        assert got.loc[name, "p_value"] == _dense_p(t[k + 1], permuted), name


def test_change_test_equals_the_dense_swap_of_dyads() -> None:
    """Each unordered pair's states swapped between the waves; density and dyadic reciprocity
    recomputed from the swapped matrices (the same random draws)."""
    n, perms, seed = 12, 300, 4
    before = _random(n, 0.15, 31)
    after = np.maximum(before, _random(n, 0.15, 32))
    after[after.T > 0] = np.maximum(after[after.T > 0], 0)
    got = change_test(sp.csr_array(before), sp.csr_array(after), permutations=perms, seed=seed)
    got = got.set_index("statistic")

    def density(m: np.ndarray) -> float:
        return m.sum() / (n * (n - 1))

    def reciprocity(m: np.ndarray) -> float:
        mutual = np.triu(m * m.T, 1).sum()
        tied = np.triu(((m + m.T) > 0).astype(float), 1).sum()
        return mutual / tied

    assert got.loc["density", "before"] == pytest.approx(density(before))
    assert got.loc["density", "after"] == pytest.approx(density(after))
    assert got.loc["reciprocity", "observed"] == pytest.approx(
        reciprocity(after) - reciprocity(before)
    )
    # the dyads with a tie in either wave, in the order of sp.triu(...).tocoo()
    pairs = sp.triu(sp.csr_array(before + before.T + after + after.T), k=1).tocoo()
    rng = np.random.default_rng(seed)
    swaps = rng.integers(0, 2, size=(perms, len(pairs.row)))
    dens, recs = [], []
    for swap in swaps:
        first, second = before.copy(), after.copy()
        for s, i, j in zip(swap, pairs.row, pairs.col, strict=True):
            if s:
                first[i, j], second[i, j] = after[i, j], before[i, j]
                first[j, i], second[j, i] = after[j, i], before[j, i]
        dens.append(density(second) - density(first))
        recs.append(reciprocity(second) - reciprocity(first))
    assert got.loc["density", "p_value"] == _dense_p(got.loc["density", "observed"], dens)
    assert got.loc["reciprocity", "p_value"] == _dense_p(got.loc["reciprocity", "observed"], recs)


def test_change_test_finds_a_planted_rise_and_not_a_null_one() -> None:
    n = 40
    before = _random(n, 0.05, 41)
    grown = np.maximum(before, _random(n, 0.05, 42))
    rise = change_test(sp.csr_array(before), sp.csr_array(grown), permutations=500, seed=1)
    assert rise.set_index("statistic").loc["density", "p_value"] < 0.01
    same = change_test(sp.csr_array(before), sp.csr_array(before), permutations=200, seed=1)
    row = same.set_index("statistic").loc["density"]
    assert row["observed"] == 0.0 and row["p_value"] == 1.0


def test_p_value_by_hand() -> None:
    """Observed 2 among permuted [0, 1, -3, 0.5]: |-3| >= 2 once, so (1 + 1) / 5 = 0.4;
    one-sided "greater": none >= 2, 1/5; share below: all 4 are below 2."""
    got = p_value(2.0, np.array([0.0, 1.0, -3.0, 0.5]))
    assert got["p_value"] == 0.4 and got["p_greater"] == 0.2 and got["share_below"] == 1.0
    assert got["mc_error"] == pytest.approx(np.sqrt(0.4 * 0.6 / 4))


def test_fewer_than_three_actors_is_refused() -> None:
    two = sp.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    with pytest.raises(ChangeTestError, match="at least 3 actors, the data hold 2"):
        change_test(two, two, permutations=10)
    with pytest.raises(ChangeTestError, match="at least 3 actors"):
        qap_correlation(Relation("a", two), Relation("b", two), permutations=10)


def test_qap_on_more_than_ten_thousand_actors_equals_sparse_indexing() -> None:
    """Above 10,000 actors a binary relation is looked up in a hash table (not a dense byte
    array): the permuted correlations equal those from scipy's own indexing of the permuted
    matrix (``x[π][:, π]``), permutation by permutation, for the same seed."""
    n, perms, seed = 10_050, 12, 3
    rng = np.random.default_rng(5)
    rows, cols = rng.integers(0, n, 40_000), rng.integers(0, n, 40_000)
    keep = rows != cols
    y = sp.csr_array((np.ones(keep.sum()), (rows[keep], cols[keep])), shape=(n, n))
    y.sum_duplicates()
    y.data[:] = 1.0
    noise = sp.random_array((n, n), density=2e-4, random_state=6, format="csr")
    noise.data[:] = 1.0
    x = ((y + noise) > 0).astype(np.float64).tocsr()
    x.setdiag(0)
    x.eliminate_zeros()
    from kokon_graph.analysis.change import _Lookup

    assert _Lookup(Relation("x", x)).table is not None  # the path under test
    got = qap_correlation(Relation("y", y), Relation("x", x), permutations=perms, seed=seed)
    cells = n * (n - 1)

    def corr(a: sp.csr_array, b: sp.csr_array) -> float:
        sab, sa, sb = a.multiply(b).sum(), a.sum(), b.sum()
        cov = sab - sa * sb / cells
        return float(cov / np.sqrt((sa - sa * sa / cells) * (sb - sb * sb / cells)))

    assert got["observed"] == pytest.approx(corr(x, y), rel=1e-12)
    draw = np.random.default_rng(seed)
    permuted = [corr(x[perm][:, perm], y) for perm in (draw.permutation(n) for _ in range(perms))]
    assert got["mean"] == pytest.approx(np.mean(permuted), rel=1e-9)
    assert got["p_value"] == _dense_p(got["observed"], permuted)


@pytest.mark.parametrize("largest", [10**9, 10**12])  # keys in 4 bytes, and in 8
@pytest.mark.parametrize("binary", [False, True])
def test_cell_table_finds_every_key_among_collisions(largest: int, binary: bool) -> None:
    """Every key found with its value among the collisions of 5,000 keys, absent ones not."""
    from kokon_graph.analysis.change import _CellTable

    rng = np.random.default_rng(0)
    keys = rng.choice(largest, size=5_000, replace=False)
    vals = np.full(5_000, 2.0) if binary else rng.random(5_000) + 1
    table = _CellTable(keys, vals, cells=largest)
    assert table.dtype == (np.uint32 if largest < 2**32 else np.int64)
    assert (table.vals is None) == binary
    order = rng.permutation(5_000)
    assert table.values(keys[order]).tolist() == vals[order].tolist()
    absent = np.setdiff1d(rng.choice(largest, size=5_000, replace=False), keys)
    assert not table.values(absent).any()


def test_cell_table_of_small_keys_refuses_large_ones() -> None:
    """Keys stored small but looked up on a larger network (n² beyond 4 bytes): a large key
    never matches a small one that equals it modulo 2^32."""
    from kokon_graph.analysis.change import _CellTable

    table = _CellTable(np.array([5, 9]), np.array([1.0, 1.0]), cells=70_000**2)
    assert table.dtype == np.int64
    assert table.values(np.array([5, 2**32 + 5, 9, 2**32 + 9])).tolist() == [1.0, 0.0, 1.0, 0.0]
