"""Krackhardt's (1994) graph-theoretical dimensions of informal organisation.

A network is a perfect hierarchy (an out-tree) when all four are 1; each
measures how far the network departs from one condition, as ``1 − V / max V``:

* **connectedness**: ``V`` the unordered pairs that cannot reach each other
  (weak components), ``max V`` all pairs;
* **hierarchy**: ``V`` the pairs that reach each other both ways, ``max V`` the
  pairs where at least one reaches the other (directed reachability);
* **efficiency**: ``V`` the edges of the symmetrised graph beyond the ``N_i − 1``
  a component of ``N_i`` institutions needs to stay connected, ``max V`` the most
  there could be, ``Σ_i (N_i − 1)(N_i − 2)/2``;
* **least-upper-boundedness**: ``V`` the pairs of one component without exactly
  one least upper bound (an institution that reaches both — either of them
  included — and is reached by every other institution that does),
  ``max V = Σ_i (N_i − 1)(N_i − 2)/2``. It needs the reachability of every
  pair and every candidate, so it is computed up to :data:`LUB_LIMIT`
  institutions and NaN (stated in the column's description) above.

References
----------
Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations.
In K. M. Carley & M. J. Prietula (eds.), Computational Organization Theory,
89–111. Lawrence Erlbaum. doi:10.4324/9781315806648
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

__all__ = ["LUB_LIMIT", "krackhardt"]

#: Largest network whose least-upper-boundedness is computed.
LUB_LIMIT = 300


def _ratio(v: float, max_v: float) -> float:
    return 1.0 - v / max_v if max_v > 0 else float("nan")


def _lub(arcs: sp.csr_array, comp: np.ndarray, sizes: np.ndarray) -> float:
    """Krackhardt's least-upper-boundedness.

    Reachability is reflexive and transitive, so whatever reaches an upper bound ``b`` of a
    pair reaches both of the pair: the institutions reaching ``b`` are some of the pair's
    upper bounds. ``b`` is reached by every upper bound (it is a least one) exactly when
    they are all of them, that is when as many institutions reach ``b`` as the pair has
    upper bounds. Counting that for all pairs of one institution at a time is whole-array
    work instead of a look at every pair's bounds.
    """
    n = arcs.shape[0]
    reach = np.isfinite(csgraph.shortest_path(arcs, directed=True, unweighted=True))
    np.fill_diagonal(reach, True)  # reflexive: a boss of a pair may be one of the two
    reached_by = reach.sum(axis=0)  # [b]: the institutions reaching b, b included
    violations = 0
    for i in range(n - 1):
        bounds = reach[:, i : i + 1] & reach[:, i + 1 :]  # column k: bounds of (i, i + 1 + k)
        least = np.count_nonzero(bounds & (reached_by[:, None] == bounds.sum(axis=0)), axis=0)
        same = comp[i + 1 :] == comp[i]
        violations += int(np.count_nonzero(same & (least != 1)))
    max_v = float(((sizes - 1) * (sizes - 2) / 2).sum())
    return _ratio(float(violations), max_v)


def krackhardt(arcs: sp.csr_array, reachable_ordered: float | None = None) -> dict[str, float]:
    """Krackhardt's four measures of a binary directed adjacency matrix.

    ``reachable_ordered``: the ordered pairs ``(u, v)``, ``u ≠ v``, with a directed path
    from ``u`` to ``v`` when already known (the shared path statistics); computed here
    otherwise.

    >>> import scipy.sparse as sp
    >>> tree = sp.csr_array(([1.0] * 4, ([0, 0, 1, 1], [1, 2, 3, 4])), shape=(5, 5))
    >>> sorted(set(krackhardt(tree).values()))
    [1.0]
    """
    n = arcs.shape[0]
    nan = float("nan")
    if n < 2:
        keys = ("connectedness", "hierarchy", "efficiency", "lub")
        return {f"krackhardt_{k}": nan for k in keys}
    a = sp.csr_array(arcs, dtype=np.float64)
    _, weak = csgraph.connected_components(a, directed=True, connection="weak")
    sizes = np.bincount(weak).astype(float)
    pairs = n * (n - 1) / 2
    connected_pairs = float((sizes * (sizes - 1) / 2).sum())
    _, strong = csgraph.connected_components(a, directed=True, connection="strong")
    s_sizes = np.bincount(strong).astype(float)
    mutual_ordered = float((s_sizes * (s_sizes - 1)).sum())
    if reachable_ordered is None:
        reachable_ordered = float(
            np.isfinite(csgraph.shortest_path(a, directed=True, unweighted=True)).sum() - n
        )
    any_way = reachable_ordered - mutual_ordered / 2
    sym = (a + a.T).tocsr()
    sym.data[:] = 1.0
    edges = np.bincount(weak[sp.triu(sym, k=1).tocoo().row], minlength=len(sizes))
    excess = float((edges - (sizes - 1)).sum())
    max_excess = float(((sizes - 1) * (sizes - 2) / 2).sum())
    return {
        "krackhardt_connectedness": connected_pairs / pairs,
        "krackhardt_hierarchy": _ratio(mutual_ordered / 2, any_way),
        "krackhardt_efficiency": _ratio(excess, max_excess),
        "krackhardt_lub": _lub(a, weak, sizes) if n <= LUB_LIMIT else nan,
    }
