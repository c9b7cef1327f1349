"""The family, service, referral and membership tables of a network as integer codes.

Gap detection works on hundreds of thousands of families and a million
referrals; turning their string ids into integer codes once (one
``pandas.factorize`` per kind of id) makes every later step a numpy or
sparse-matrix operation. Institution codes are rows of
``network.institutions`` (``-1`` for an id outside the scope); family codes
are rows of the scoped families table. Cached per network (weakly).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.graph import Network

__all__ = ["TableCodes", "table_codes"]

_CACHE: weakref.WeakKeyDictionary[Network, TableCodes] = weakref.WeakKeyDictionary()


def _codes_in(known: pd.Series, *columns: pd.Series) -> list[np.ndarray]:
    """Codes of the values of ``columns`` among ``known`` (its row numbers; -1 if absent)."""
    n = len(known)
    together = pd.concat([known, *columns], ignore_index=True)
    codes, _ = pd.factorize(together)  # first appearance first: known ids get 0..n-1
    codes = codes.astype(np.int64)
    if not np.array_equal(codes[:n], np.arange(n)):
        raise ValueError("duplicate ids in the table the codes refer to")
    codes[codes >= n] = -1
    out = []
    start = n
    for col in columns:
        out.append(codes[start : start + len(col)])
        start += len(col)
    return out


@dataclass
class TableCodes:
    """Integer codes of the scoped tables of one network."""

    n_institutions: int
    n_families: int
    n_groups: int
    srv_family: np.ndarray
    srv_institution: np.ndarray
    ref_family: np.ndarray
    ref_source: np.ndarray
    ref_target: np.ndarray
    mem_institution: np.ndarray  # member institution (a person counts for its employer)
    mem_group: np.ndarray  # row of the groups table
    _extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def served(self) -> sp.csr_array:
        """Binary families × institutions matrix of services."""
        return self._incidence(self.srv_family, self.srv_institution)

    @cached_property
    def involved(self) -> sp.csr_array:
        """Binary families × institutions matrix of services and referrals (both ends)."""
        fam = np.concatenate([self.srv_family, self.ref_family, self.ref_family])
        inst = np.concatenate([self.srv_institution, self.ref_source, self.ref_target])
        return self._incidence(fam, inst)

    def _incidence(self, fam: np.ndarray, inst: np.ndarray) -> sp.csr_array:
        keep = (fam >= 0) & (inst >= 0)
        matrix = sp.csr_array(
            (np.ones(int(keep.sum())), (fam[keep], inst[keep])),
            shape=(self.n_families, self.n_institutions),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        return matrix

    @cached_property
    def shared(self) -> sp.csr_array:
        """Institutions × institutions: families both were involved with (``involvedᵀ·involved``).

        Zero diagonal."""
        product: sp.csr_array = (self.involved.T @ self.involved).tocsr()
        product.setdiag(0)
        product.eliminate_zeros()
        product.sort_indices()
        return product

    def members(self, group_rows: np.ndarray) -> sp.csr_array:
        """Binary institutions × groups matrix restricted to the groups at ``group_rows``.

        Columns follow ``group_rows``.
        """
        column_of = np.full(self.n_groups, -1, dtype=np.int64)
        column_of[group_rows] = np.arange(len(group_rows))
        known = self.mem_group >= 0
        cols = np.full(len(self.mem_group), -1, dtype=np.int64)
        cols[known] = column_of[self.mem_group[known]]
        keep = (cols >= 0) & (self.mem_institution >= 0)
        matrix = sp.csr_array(
            (np.ones(int(keep.sum())), (self.mem_institution[keep], cols[keep])),
            shape=(self.n_institutions, len(group_rows)),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        return matrix


def _make(network: Network) -> TableCodes:
    ds = network.dataset
    inst_ids = pd.Series(network.institutions.index.astype(str))
    srv, ref, ms = ds.services, ds.referrals, ds.memberships
    fam_ids = ds.families["id"]
    srv_family, ref_family = _codes_in(fam_ids, srv["family"], ref["family"])
    works_at = dict(zip(ds.persons["id"].tolist(), ds.persons["institution"].tolist(), strict=True))
    employer = pd.Series([works_at.get(m, m) for m in ms["member"].tolist()], dtype=str)
    srv_inst, ref_src, ref_dst, mem_inst = _codes_in(
        inst_ids,
        srv["institution"],
        ref["source"],
        ref["target"],
        employer,
    )
    (mem_group,) = _codes_in(ds.groups["id"], ms["group"])
    return TableCodes(
        n_institutions=len(inst_ids),
        n_families=len(fam_ids),
        n_groups=len(ds.groups),
        srv_family=srv_family,
        srv_institution=srv_inst,
        ref_family=ref_family,
        ref_source=ref_src,
        ref_target=ref_dst,
        mem_institution=mem_inst,
        mem_group=mem_group,
    )


def table_codes(network: Network) -> TableCodes:
    """The :class:`TableCodes` of ``network`` (computed once)."""
    codes = _CACHE.get(network)
    if codes is None:
        codes = _make(network)
        _CACHE[network] = codes
    return codes
