"""The property graph of a dataset, its typed views and its scopes.

A :class:`Network` wraps a (scoped) :class:`~kokon_graph.io.Dataset` and gives

* :attr:`Network.graph`: one :class:`networkx.MultiDiGraph` holding every node
  kind (:class:`~kokon_graph.model.NodeKind`) and edge kind
  (:class:`~kokon_graph.model.EdgeKind`), one edge per data row;
* typed views that analyses use: :meth:`Network.cooperation` (institutions),
  :meth:`Network.referral_graph`, :meth:`Network.affiliation` (institution ×
  group) and :meth:`Network.service_graph` (family × institution).

The views are built straight from the tables, which is what makes a national
dataset affordable (the full property graph of one has millions of edges), and
a test proves each view equals the same projection of :attr:`Network.graph`.

Node keys: institutions, groups and persons by their id (unique across the
three tables), families by their pseudonym, territories as ``teryt:<code>``.
Attributes whose value is missing are left out, never set to ``None``.

Scopes
------
``Scope.parse("powiat:2815")`` and friends restrict a network to a territory
or project. A territorial scope holds the institutions located in it **and**
the higher-level institutions whose territory contains it (a gmina's scope
holds its powiat's PCPR and PUP and its voivodeship's ROPS): the cooperation
models of the projects span the gmina and powiat levels, so a gmina's network
without them would hide the ties that matter most.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph._frames import isin
from kokon_graph.errors import ScopeError
from kokon_graph.io.dataset import Dataset
from kokon_graph.io.schema import LIST_SEPARATOR
from kokon_graph.model import ATTR_KIND, ATTR_TYPE, EdgeKind, NodeKind, normalize_token

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "INSTITUTION_ATTRS",
    "Network",
    "Relation",
    "RelationLike",
    "Scope",
    "build_network",
    "scope_dataset",
    "territory_node",
]

ScopeKind = Literal["all", "voivodeship", "powiat", "gmina", "project"]

_SCOPE_WORDS: Final[dict[str, ScopeKind]] = {
    "all": "all",
    "whole": "all",
    "cala": "all",
    "calosc": "all",
    "kraj": "all",
    "country": "all",
    "national": "all",
    "voivodeship": "voivodeship",
    "wojewodztwo": "voivodeship",
    "woj": "voivodeship",
    "region": "voivodeship",
    "powiat": "powiat",
    "county": "powiat",
    "pow": "powiat",
    "gmina": "gmina",
    "municipality": "gmina",
    "gm": "gmina",
    "project": "project",
    "projekt": "project",
}
_CODE_LENGTH: Final = {"voivodeship": 2, "powiat": 4, "gmina": 7}

#: Institution node attributes every view carries (besides extras in the property graph).
INSTITUTION_ATTRS: Final = (
    "name",
    "type",
    "sector",
    "level",
    "teryt",
    "voivodeship",
    "powiat",
    "gmina",
)


@dataclass(frozen=True)
class Scope:
    """Part of a dataset: the whole of it, a territory (by TERYT code) or a project.

    >>> Scope.parse("powiat:2815")
    Scope(kind='powiat', code='2815')
    >>> Scope.parse("2815011")
    Scope(kind='gmina', code='2815011')
    >>> str(Scope.parse("projekt:Liderzy Kooperacji"))
    'project:Liderzy Kooperacji'
    """

    kind: ScopeKind = "all"
    code: str = ""

    @classmethod
    def parse(cls, text: Scope | str | None) -> Scope:
        """Parse ``kind:code`` (``powiat:2815``, ``gmina:2815011``, ``project:NAME``), a bare
        TERYT code, or ``all``. Polish words (``wojewodztwo``, ``projekt``) work too; a
        :class:`Scope` is returned as it is (so parsing at the edge once is enough).

        Raises
        ------
        ScopeError
            For an unknown kind or a code of the wrong length.
        """
        if isinstance(text, Scope):
            return text
        if text is None or not text.strip() or normalize_token(text) in ("all", "cala", "kraj"):
            return cls()
        head, sep, tail = text.partition(":")
        if not sep:
            code = text.strip()
            kinds = {2: "voivodeship", 4: "powiat", 7: "gmina"}
            if code.isdigit() and len(code) in kinds:
                return cls(kinds[len(code)], code)  # type: ignore[arg-type]
            raise ScopeError(
                f"scope {text!r} is not understood",
                hint="use voivodeship:28, powiat:2815, gmina:2815011, project:NAME or all",
            )
        kind = _SCOPE_WORDS.get(normalize_token(head))
        if kind is None:
            raise ScopeError(
                f"scope kind {head.strip()!r} is not one of voivodeship, powiat, gmina, project",
                hint="use e.g. powiat:2815 or project:Liderzy Kooperacji",
            )
        code = tail.strip()
        if kind == "all":
            return cls()
        if kind == "project":
            if not code:
                raise ScopeError("project scope needs a project name", hint="project:NAME")
            return cls("project", code)
        if not (code.isdigit() and len(code) == _CODE_LENGTH[kind]):
            raise ScopeError(
                f"a {kind} scope needs a {_CODE_LENGTH[kind]}-digit TERYT code, not {code!r}",
                hint=f"e.g. {kind}:{'2815011'[: _CODE_LENGTH[kind]]}",
            )
        return cls(kind, code)

    def __str__(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind}:{self.code}"

    @property
    def is_all(self) -> bool:
        return self.kind == "all"

    def label(self, lang: model.Lang = "pl", territories: pd.DataFrame | None = None) -> str:
        """A readable name: ``powiat ostródzki (2815)``, ``cały zbiór`` / ``whole dataset``."""
        if self.kind == "all":
            return "cały zbiór danych" if lang == "pl" else "whole dataset"
        if self.kind == "project":
            return f"{'projekt' if lang == 'pl' else 'project'} {self.code}"
        word = model.TERRITORY_KINDS.label(self.kind, lang)
        name = ""
        if territories is not None and len(territories):
            match = territories.loc[territories["teryt"] == self.code, "name"]
            if len(match):
                name = str(match.iloc[0])
        polish_word = normalize_token(model.TERRITORY_KINDS.label(self.kind, "pl"))
        if name and normalize_token(name).startswith(polish_word + " "):
            return f"{name} ({self.code})"  # "powiat wilkecki", not "powiat powiat wilkecki"
        return f"{word} {name} ({self.code})" if name else f"{word} ({self.code})"


def territory_node(code: str) -> str:
    """The property-graph key of the territory with TERYT ``code``."""
    return f"teryt:{code}"


def _codes(teryt: pd.Series) -> pd.DataFrame:
    """Voivodeship, powiat and gmina codes contained in TERYT codes ("" where too short)."""
    length = teryt.str.len()
    return pd.DataFrame(
        {
            "voivodeship": teryt.str[:2].where(length >= 2, ""),
            "powiat": teryt.str[:4].where(length >= 4, ""),
            "gmina": teryt.str[:7].where(length >= 7, ""),
        },
        index=teryt.index,
    )


def _in_territory(teryt: pd.Series, code: str, *, with_higher: bool) -> pd.Series:
    """Codes inside the territory ``code`` (and, optionally, the territories containing it)."""
    inside = teryt.str.startswith(code)
    if with_higher:
        containing = [code[:n] for n in (2, 4) if n < len(code)]
        inside |= teryt.isin(containing)
    return inside.astype(bool)


def _has_project(values: pd.Series, project: str) -> pd.Series:
    wanted = normalize_token(project)
    return values.map(
        lambda v: any(normalize_token(p) == wanted for p in str(v).split(LIST_SEPARATOR))
    ).astype(bool)


def _wave_rows(frame: pd.DataFrame, wave: str | None) -> pd.DataFrame:
    if wave is None:
        return frame
    return frame[(frame["wave"] == wave) | (frame["wave"] == "")]


def scope_dataset(dataset: Dataset, scope: Scope | None = None, wave: str | None = None) -> Dataset:
    """The part of ``dataset`` in ``scope`` and ``wave``.

    Rows with an empty wave belong to every wave. Cooperation ties and
    referrals are kept when both ends are in scope; services and memberships
    when the institution (or person) is; families when they live in the
    territory (territorial scope) or are served in scope (project scope).

    Raises
    ------
    ScopeError
        If ``wave`` is not a wave of the dataset, or the scope holds no institution.
    """
    scope = scope or Scope()
    if wave is not None and wave not in dataset.waves:
        known = ", ".join(dataset.waves) or "none"
        raise ScopeError(
            f"wave {wave!r} is not in the data (waves: {known})",
            hint="run `kokon-graph info DATASET` to see the waves",
        )
    inst = dataset.institutions
    groups = dataset.groups
    territories = dataset.territories
    families = dataset.families
    if scope.kind == "all":
        keep_inst = pd.Series(True, index=inst.index)
        keep_groups = pd.Series(True, index=groups.index)
    elif scope.kind == "project":
        keep_groups = _has_project(groups["project"], scope.code)
        in_groups = set(groups.loc[keep_groups, "id"])
        members = dataset.memberships.loc[isin(dataset.memberships["group"], in_groups), "member"]
        via_persons = dataset.persons.loc[isin(dataset.persons["id"], set(members)), "institution"]
        keep_inst = _has_project(inst["project"], scope.code) | isin(
            inst["id"], set(members) | set(via_persons)
        )
    else:
        keep_inst = _in_territory(inst["teryt"], scope.code, with_higher=True)
        keep_groups = _in_territory(groups["teryt"], scope.code, with_higher=True)
        territories = territories[_in_territory(territories["teryt"], scope.code, with_higher=True)]
        families = families[families["teryt"].str.startswith(scope.code)]
    if not keep_inst.any():
        raise ScopeError(
            f"scope {scope} holds no institution",
            hint="check the code with `kokon-graph info DATASET`",
        )
    inst = inst[keep_inst]
    ids = set(inst["id"])
    persons = dataset.persons[isin(dataset.persons["institution"], ids)]
    groups = groups[keep_groups]
    member_ids = ids | set(persons["id"])
    memberships = _wave_rows(dataset.memberships, wave)
    memberships = memberships[
        isin(memberships["group"], set(groups["id"])) & isin(memberships["member"], member_ids)
    ]
    if scope.kind not in ("all", "project"):
        # a higher-level group belongs to a territorial scope only through members in it
        local = groups["teryt"].str.startswith(scope.code)
        groups = groups[local | isin(groups["id"], set(memberships["group"]))]
    coop = _wave_rows(dataset.cooperation, wave)
    coop = coop[isin(coop["source"], ids) & isin(coop["target"], ids)]
    services = _wave_rows(dataset.services, wave)
    services = services[isin(services["institution"], ids)]
    referrals = _wave_rows(dataset.referrals, wave)
    referrals = referrals[isin(referrals["source"], ids) & isin(referrals["target"], ids)]
    if scope.kind == "project":
        families = families[
            isin(families["id"], set(services["family"]) | set(referrals["family"]))
        ]
    fam_ids = set(families["id"])
    services = services[isin(services["family"], fam_ids)]
    referrals = referrals[isin(referrals["family"], fam_ids)]
    families = families.assign(
        coordinator=families["coordinator"].where(
            isin(families["coordinator"], set(persons["id"])), ""
        )
    )
    return dataset.with_tables(
        institutions=inst,
        territories=territories,
        cooperation=coop,
        groups=groups,
        memberships=memberships,
        persons=persons,
        families=families,
        services=services,
        referrals=referrals,
    )


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and value != value:
        return False
    if value is pd.NaT or value is pd.NA:
        return False
    return not (isinstance(value, str | tuple) and len(value) == 0)


def _attr_value(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, Any]]:
    cols = [c for c in columns if c in frame.columns]
    arrays = [frame[c].to_numpy(dtype=object) for c in cols]
    out = []
    for row in zip(*arrays, strict=True):
        out.append({c: _attr_value(v) for c, v in zip(cols, row, strict=True) if _present(v)})
    if not cols:
        out = [{} for _ in range(len(frame))]
    return out


class Network:
    """A dataset seen as a network, optionally restricted to a scope and a wave.

    Parameters
    ----------
    dataset
        A checked dataset (see :func:`kokon_graph.io.read_dataset`).
    scope
        The part of the data to keep; the whole dataset by default.
    wave
        Keep only rows of this survey wave (and rows with no wave).

    Examples
    --------
    ::

        net = build_network(dataset)
        g = net.cooperation(relation="information")
        powiat = net.scoped(Scope.parse("powiat:2815"))
    """

    def __init__(
        self, dataset: Dataset, *, scope: Scope | None = None, wave: str | None = None
    ) -> None:
        self.full_dataset = dataset
        self.scope = scope or Scope()
        self.wave = wave
        self.dataset = (
            dataset
            if self.scope.is_all and wave is None
            else scope_dataset(dataset, self.scope, wave)
        )
        self._views: dict[tuple[Any, ...], Any] = {}

    def __repr__(self) -> str:
        wave = f", wave={self.wave!r}" if self.wave else ""
        return (
            f"Network({self.dataset.name!r}, scope={str(self.scope)!r}{wave}, "
            f"institutions={len(self.dataset.institutions)})"
        )

    def scoped(self, scope: Scope | str | None = None, wave: str | None = None) -> Network:
        """The same data restricted to another scope and wave (from the full dataset)."""
        if isinstance(scope, str):
            scope = Scope.parse(scope)
        return Network(self.full_dataset, scope=scope, wave=wave)

    @property
    def waves(self) -> list[str]:
        """Waves of the full dataset."""
        return self.full_dataset.waves

    # ------------------------------------------------------------------ tables

    @cached_property
    def institutions(self) -> pd.DataFrame:
        """Institutions in scope, indexed by id, with ``voivodeship``, ``powiat``, ``gmina``
        codes derived from TERYT and ``territory_name`` where the territories table names it."""
        inst = self.dataset.institutions.set_index("id", drop=False)
        codes = _codes(inst["teryt"])
        names = dict(
            zip(
                self.full_dataset.territories["teryt"],
                self.full_dataset.territories["name"],
                strict=True,
            )
        )
        out = pd.concat([inst, codes], axis=1)
        out["territory_name"] = [names.get(code, "") for code in inst["teryt"].tolist()]
        out.index.name = None
        return out

    # ------------------------------------------------------------------ views

    def cooperation(
        self,
        *,
        relation: RelationLike = None,
        directed: bool = True,
    ) -> nx.DiGraph | nx.Graph:
        """The cooperation network of institutions.

        Every institution in scope is a node (isolates included), with the
        attributes in :data:`INSTITUTION_ATTRS`. An arc ``a -> b`` exists when
        ``a`` reported cooperating with ``b``, or ``b`` reported it with
        ``mutual`` set (a confirmed tie counts in both directions; it is not
        added twice when both sides reported it).

        Parameters
        ----------
        relation
            Keep only these cooperation kinds (``information``, ``resources``,
            ``joint_action``, ``agreement``, ``other``; Polish works too).
        directed
            ``False`` gives the symmetrised graph: an edge wherever an arc
            exists in either direction, with the larger of the two weights.

        Edge attributes
        ---------------
        weight
            Sum of the reported weights over kinds within a wave; across
            waves (no wave chosen) the largest per-wave sum.
        count
            Number of reports (rows) behind the arc, a confirmed (``mutual``)
            report counting for both directions.
        kinds
            The cooperation kinds, ``|``-separated, sorted.
        """
        rel = Relation.parse(relation)
        graph: nx.Graph = self.cached(
            ("cooperation", rel, directed), lambda: self._build_cooperation(rel, directed)
        )
        return graph

    def cached(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """The value of ``make()``, computed once per network and ``key``.

        The one cache of everything derived from the network: its graph views, its
        cooperation arc table and the matrices the analysis builds from that table.
        """
        if key not in self._views:
            self._views[key] = make()
        return self._views[key]

    def cooperation_arcs(self, relation: RelationLike = None) -> pd.DataFrame:
        """The arcs of the cooperation network, one row per ordered pair of institutions.

        The one cooperation rule, which :meth:`cooperation` (networkx) and the analysis'
        sparse matrices are both built from: an arc ``a -> b`` exists when ``a`` reported
        cooperating with ``b``, or ``b`` reported it with ``mutual`` set (not added twice
        when both sides reported it for the same kind and wave).

        Returns
        -------
        pandas.DataFrame
            ``source``, ``target`` (ids), ``weight`` (reported weights summed over kinds
            within a wave, the largest over waves), ``count`` (reports behind the arc) and
            ``kinds`` (``|``-separated, sorted); rows sorted by ``source`` and ``target``.
        """
        rel = Relation.parse(relation)
        arcs: pd.DataFrame = self.cached(("arcs", rel), lambda: self._arc_table(rel))
        return arcs

    def _arc_table(self, relation: Relation) -> pd.DataFrame:
        ids = self.institutions.index.astype(str)
        n = len(ids)
        rows = self.dataset.cooperation
        if relation.kinds is not None:
            rows = rows[rows["kind"].isin(relation.kinds)]
        src = ids.get_indexer(rows["source"]).astype(np.int64)
        dst = ids.get_indexer(rows["target"]).astype(np.int64)
        kind, kind_values = pd.factorize(rows["kind"], sort=True)
        wave, wave_values = pd.factorize(rows["wave"])
        weight = rows["weight"].to_numpy(dtype=np.float64)
        mutual = rows["mutual"].to_numpy(dtype=bool)
        nk, nw = max(len(kind_values), 1), max(len(wave_values), 1)

        def key(s: np.ndarray, t: np.ndarray, k: np.ndarray, w: np.ndarray) -> np.ndarray:
            return ((s * n + t) * nk + k.astype(np.int64)) * nw + w.astype(np.int64)

        # a confirmed (mutual) report counts backwards too, unless reported that way already
        back = key(dst[mutual], src[mutual], kind[mutual], wave[mutual])
        extra = ~np.isin(back, key(src, dst, kind, wave))
        s_all = np.concatenate([src, dst[mutual][extra]])
        t_all = np.concatenate([dst, src[mutual][extra]])
        k_all = np.concatenate([kind, kind[mutual][extra]]).astype(np.int64)
        w_all = np.concatenate([wave, wave[mutual][extra]]).astype(np.int64)
        weight_all = np.concatenate([weight, weight[mutual][extra]])
        keep = (s_all >= 0) & (t_all >= 0)
        s_all, t_all, k_all = s_all[keep], t_all[keep], k_all[keep]
        w_all, weight_all = w_all[keep], weight_all[keep]
        pair_all = s_all * max(n, 1) + t_all
        # weights: summed over kinds within a wave, the largest over waves
        per_wave, inverse = np.unique(pair_all * nw + w_all, return_inverse=True)
        wave_sum = np.bincount(inverse, weights=weight_all, minlength=len(per_wave))
        pairs, first = np.unique(per_wave // nw, return_index=True)
        best = np.maximum.reduceat(wave_sum, first) if len(pairs) else wave_sum[:0]
        at = np.searchsorted(pairs, pair_all)
        count = np.bincount(at, minlength=len(pairs))
        mask = np.zeros(len(pairs), dtype=np.int64)
        np.bitwise_or.at(mask, at, np.left_shift(1, k_all))
        names = {
            m: LIST_SEPARATOR.join(str(c) for i, c in enumerate(kind_values) if m >> i & 1)
            for m in np.unique(mask).tolist()
        }
        source, target = pairs // max(n, 1), pairs % max(n, 1)
        rank = np.empty(n, dtype=np.int64)
        rank[np.argsort(ids.to_numpy(dtype=object), kind="stable")] = np.arange(n)
        order = np.lexsort((rank[target], rank[source]))
        id_values = ids.to_numpy(dtype=object)
        return pd.DataFrame(
            {
                "source": id_values[source[order]],
                "target": id_values[target[order]],
                "weight": best[order].astype(np.float64),
                "count": count[order].astype(np.int64),
                "kinds": [names[m] for m in mask[order].tolist()],
            }
        )

    def _institution_nodes(self) -> list[tuple[str, dict[str, Any]]]:
        inst = self.institutions
        attrs = _records(inst, INSTITUTION_ATTRS)
        return list(zip(inst.index, attrs, strict=True))

    def _build_cooperation(self, relation: Relation, directed: bool) -> nx.Graph:
        import networkx as nx  # on first use: analyze builds no networkx graph

        arcs = self.cooperation_arcs(relation)
        graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
        graph.add_nodes_from(self._institution_nodes())
        rows = zip(
            arcs["source"].tolist(),
            arcs["target"].tolist(),
            arcs["weight"].tolist(),
            arcs["count"].tolist(),
            arcs["kinds"].tolist(),
            strict=True,
        )
        if directed:
            graph.add_edges_from(
                (s, t, {"weight": float(w), "count": int(c), "kinds": k}) for s, t, w, c, k in rows
            )
            return graph
        for s, t, w, c, k in rows:
            if graph.has_edge(s, t):
                data = graph[s][t]
                data["weight"] = max(data["weight"], float(w))
                data["count"] += int(c)
                data["kinds"] = LIST_SEPARATOR.join(
                    sorted(set(data["kinds"].split(LIST_SEPARATOR)) | set(k.split(LIST_SEPARATOR)))
                )
            else:
                graph.add_edge(s, t, weight=float(w), count=int(c), kinds=k)
        return graph

    def referral_graph(self) -> nx.DiGraph:
        """Institutions linked by the referrals between them.

        Edge attributes: ``weight`` and ``count`` (number of referrals
        ``source -> target``), ``answered`` (with an answer date), and one
        ``n_<status>`` count per referral status.
        """
        key = ("referrals",)
        if key not in self._views:
            import networkx as nx

            graph = nx.DiGraph()
            graph.add_nodes_from(self._institution_nodes())
            ref = self.dataset.referrals
            if len(ref):
                statuses = list(model.REFERRAL_STATUSES.codes)
                table = (
                    ref.assign(answered_=ref["answered"].notna().astype("int64"))
                    .groupby(["source", "target", "status"], sort=True)
                    .agg(n=("id", "size"), answered=("answered_", "sum"))
                )
                counts = table["n"].unstack("status", fill_value=0)
                counts = counts.reindex(columns=statuses, fill_value=0)
                answered = table["answered"].groupby(level=["source", "target"]).sum()
                totals = counts.sum(axis=1).to_numpy()
                columns = [counts[c].to_numpy() for c in statuses]
                answered_n = answered.reindex(counts.index).to_numpy()
                names = [f"n_{c}" for c in statuses]
                graph.add_edges_from(
                    (
                        s,
                        t,
                        {
                            "weight": int(totals[i]),
                            "count": int(totals[i]),
                            "answered": int(answered_n[i]),
                            **{name: int(col[i]) for name, col in zip(names, columns, strict=True)},
                        },
                    )
                    for i, (s, t) in enumerate(counts.index.tolist())
                )
            self._views[key] = graph
        return self._views[key]

    def affiliation(self) -> nx.Graph:
        """The two-mode network of institutions and the groups they sit in.

        Institution nodes have ``bipartite=0`` and the institution attributes;
        group nodes ``bipartite=1``, ``kind="group"``, ``type``, ``level``,
        ``teryt``, ``project``. A person's membership counts for the person's
        institution (edge attribute ``via="person"``); the edge attribute
        ``role`` is the highest role held (chair > coordinator > ...).
        """
        key = ("affiliation",)
        if key not in self._views:
            import networkx as nx

            graph = nx.Graph()
            graph.add_nodes_from(
                (n, {**a, ATTR_KIND: NodeKind.INSTITUTION, "bipartite": 0})
                for n, a in self._institution_nodes()
            )
            groups = self.dataset.groups
            for gid, attrs in zip(
                groups["id"],
                _records(groups, ("name", "type", "level", "teryt", "project")),
                strict=True,
            ):
                graph.add_node(gid, **attrs, kind=NodeKind.GROUP, bipartite=1)
            ms = self.dataset.memberships
            employer = dict(
                zip(self.dataset.persons["id"], self.dataset.persons["institution"], strict=True)
            )
            rank = {
                r: i
                for i, r in enumerate(
                    ("chair", "coordinator", "secretary", "member", "expert", "observer", "other")
                )
            }
            for group, member, role in zip(ms["group"], ms["member"], ms["role"], strict=True):
                via = "institution"
                if member in employer:
                    member, via = employer[member], "person"
                if graph.has_edge(member, group):
                    data = graph[member][group]
                    if rank.get(role, 99) < rank.get(data["role"], 99):
                        data["role"] = role
                    if via == "institution":
                        data["via"] = via
                else:
                    graph.add_edge(member, group, role=role, via=via)
            self._views[key] = graph
        return self._views[key]

    def service_graph(self) -> nx.Graph:
        """The two-mode network of families and the institutions serving them.

        Family nodes (``bipartite=1``) carry only ``kind`` and the gmina
        ``teryt``; institution nodes (``bipartite=0``) the institution
        attributes. Edge attributes: ``services`` (``|``-separated kinds) and
        ``count`` (service rows).
        """
        key = ("services",)
        if key not in self._views:
            import networkx as nx

            graph = nx.Graph()
            graph.add_nodes_from(
                (n, {**a, ATTR_KIND: NodeKind.INSTITUTION, "bipartite": 0})
                for n, a in self._institution_nodes()
            )
            fam = self.dataset.families
            graph.add_nodes_from(
                (f, {ATTR_KIND: NodeKind.FAMILY, "teryt": t, "bipartite": 1})
                for f, t in zip(fam["id"].tolist(), fam["teryt"].tolist(), strict=True)
            )
            srv = self.dataset.services
            if len(srv):
                pairs = srv.rename(
                    columns={"family": "source", "institution": "target", "service": "kind"}
                )
                kinds = _kinds_by_pair(pairs)
                counts = pairs.groupby(["source", "target"], sort=True).size()
                graph.add_edges_from(
                    (f, i, {"services": k, "count": c})
                    for f, i, k, c in zip(
                        counts.index.get_level_values(0).tolist(),
                        counts.index.get_level_values(1).tolist(),
                        kinds.reindex(counts.index).tolist(),
                        counts.tolist(),
                        strict=True,
                    )
                )
            self._views[key] = graph
        return self._views[key]

    # ------------------------------------------------------------------ property graph

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The property graph: every node and row of the scoped dataset.

        Built on first use. Node attribute :data:`~kokon_graph.model.ATTR_KIND`
        gives the node kind, edge attribute :data:`~kokon_graph.model.ATTR_TYPE`
        the edge kind; edge keys are ``<kind>:<row>`` and stable for a dataset.
        """
        import networkx as nx

        ds = self.dataset
        g = nx.MultiDiGraph(name=ds.name, scope=str(self.scope), wave=self.wave or "")
        # territories: every code named anywhere, linked to the one containing it
        codes: set[str] = set(ds.territories["teryt"])
        for frame in (ds.institutions, ds.groups, ds.families):
            for code in frame["teryt"].unique():
                if code:
                    codes.update(code[:n] for n in (2, 4, 7) if n <= len(code))
        terr = ds.territories.set_index("teryt")
        for code in sorted(codes):
            attrs: dict[str, Any] = {
                ATTR_KIND: NodeKind.TERRITORY,
                "id": code,
                "teryt": code,
                "territory_kind": {2: "voivodeship", 4: "powiat", 7: "gmina"}.get(
                    len(code), "other"
                ),
            }
            if code in terr.index:
                attrs["name"] = terr.at[code, "name"]
                if terr.at[code, "gmina_type"]:
                    attrs["gmina_type"] = terr.at[code, "gmina_type"]
            g.add_node(territory_node(code), **attrs)
            if len(code) > 2:
                parent = code[:2] if len(code) == 4 else code[:4]
                g.add_edge(
                    territory_node(code),
                    territory_node(parent),
                    key=f"{EdgeKind.LOCATED_IN}:{code}",
                    **{ATTR_TYPE: EdgeKind.LOCATED_IN},
                )
        inst = self.institutions
        extra = [c for c in ds.institutions.columns if c not in ("id",)]
        for node, attrs in zip(
            inst.index, _records(inst, (*extra, "voivodeship", "powiat", "gmina")), strict=True
        ):
            g.add_node(node, **attrs, **{ATTR_KIND: NodeKind.INSTITUTION, "id": node})
            if attrs.get("teryt"):
                g.add_edge(
                    node,
                    territory_node(attrs["teryt"]),
                    key=f"{EdgeKind.LOCATED_IN}:{node}",
                    **{ATTR_TYPE: EdgeKind.LOCATED_IN},
                )
        group_cols = [c for c in ds.groups.columns if c != "id"]
        for gid, attrs in zip(ds.groups["id"], _records(ds.groups, group_cols), strict=True):
            g.add_node(gid, **attrs, **{ATTR_KIND: NodeKind.GROUP, "id": gid})
            if attrs.get("teryt"):
                g.add_edge(
                    gid,
                    territory_node(attrs["teryt"]),
                    key=f"{EdgeKind.LOCATED_IN}:{gid}",
                    **{ATTR_TYPE: EdgeKind.LOCATED_IN},
                )
        for pid, attrs in zip(ds.persons["id"], _records(ds.persons, ("role",)), strict=True):
            g.add_node(pid, **attrs, **{ATTR_KIND: NodeKind.PERSON, "id": pid})
        for i, (pid, inst_id) in enumerate(
            zip(ds.persons["id"], ds.persons["institution"], strict=True)
        ):
            g.add_edge(
                pid, inst_id, key=f"{EdgeKind.EMPLOYMENT}:{i}", **{ATTR_TYPE: EdgeKind.EMPLOYMENT}
            )
        fam_cols = ("teryt", "size", "children", "problems", "plan_status")
        for fid, attrs in zip(ds.families["id"], _records(ds.families, fam_cols), strict=True):
            g.add_node(fid, **attrs, **{ATTR_KIND: NodeKind.FAMILY, "id": fid})
            g.add_edge(
                fid,
                territory_node(attrs["teryt"]),
                key=f"{EdgeKind.LOCATED_IN}:{fid}",
                **{ATTR_TYPE: EdgeKind.LOCATED_IN},
            )
        coordinated = ds.families[ds.families["coordinator"] != ""]
        for fid, pid in zip(coordinated["id"], coordinated["coordinator"], strict=True):
            g.add_edge(
                pid, fid, key=f"{EdgeKind.COORDINATION}:{fid}", **{ATTR_TYPE: EdgeKind.COORDINATION}
            )
        self._add_rows(
            g,
            EdgeKind.COOPERATION,
            ds.cooperation,
            "source",
            "target",
            ("kind", "weight", "since", "wave", "mutual"),
        )
        self._add_rows(
            g,
            EdgeKind.MEMBERSHIP,
            ds.memberships,
            "member",
            "group",
            ("role", "start", "end", "wave"),
        )
        self._add_rows(
            g,
            EdgeKind.SERVICE,
            ds.services,
            "institution",
            "family",
            ("service", "start", "end", "wave"),
        )
        self._add_rows(
            g,
            EdgeKind.REFERRAL,
            ds.referrals,
            "source",
            "target",
            ("id", "family", "sent", "status", "answered", "wave"),
        )
        return g

    @staticmethod
    def _add_rows(
        g: nx.MultiDiGraph,
        kind: str,
        frame: pd.DataFrame,
        source: str,
        target: str,
        columns: tuple[str, ...],
    ) -> None:
        for index, u, v, attrs in zip(
            frame.index, frame[source], frame[target], _records(frame, columns), strict=True
        ):
            g.add_edge(u, v, key=f"{kind}:{index}", **attrs, **{ATTR_TYPE: kind})

    # ------------------------------------------------------------------ description

    def describe(self) -> dict[str, pd.Series]:
        """Counts that ``kokon-graph info`` prints: by table, kind, sector, type, level,
        territory and wave."""
        ds = self.dataset
        inst = self.institutions
        out: dict[str, pd.Series] = {
            "tables": pd.Series(ds.counts(), name="rows"),
            "sector": inst["sector"].value_counts().sort_index(),
            "type": inst["type"].value_counts().sort_index(),
            "level": inst["level"].value_counts().sort_index(),
            "voivodeship": inst["voivodeship"][inst["voivodeship"] != ""]
            .value_counts()
            .sort_index(),
            "powiat": inst["powiat"][inst["powiat"] != ""].value_counts().sort_index(),
            "group_type": ds.groups["type"].value_counts().sort_index(),
            "cooperation_kind": ds.cooperation["kind"].value_counts().sort_index(),
            "referral_status": ds.referrals["status"].value_counts().sort_index(),
        }
        waves = {}
        for name in ("cooperation", "memberships", "services", "referrals"):
            counts = ds.table(name)["wave"].replace("", "(all waves)").value_counts()
            for wave, n in counts.items():
                waves[(name, wave)] = int(n)
        out["wave"] = (
            pd.Series(waves, dtype="int64").sort_index() if waves else pd.Series(dtype="int64")
        )
        return out


def _kinds_by_pair(arcs: pd.DataFrame) -> pd.Series:
    """The ``|``-joined sorted cooperation kinds of each (source, target) pair."""
    codes = sorted(set(arcs["kind"].unique()))
    bits = {code: 1 << i for i, code in enumerate(codes)}
    distinct = arcs[["source", "target", "kind"]].drop_duplicates()
    masks = (
        distinct.assign(bit=distinct["kind"].map(bits).astype("int64"))
        .groupby(["source", "target"], sort=True)["bit"]
        .sum()
    )
    names = {
        mask: LIST_SEPARATOR.join(c for c in codes if mask & bits[c]) for mask in masks.unique()
    }
    return masks.map(names)


def _relation_codes(relation: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if relation is None:
        return None
    items = [relation] if isinstance(relation, str) else list(relation)
    codes = []
    for item in items:
        for part in str(item).split(","):
            if not part.strip():
                continue
            code = model.COOPERATION_KINDS.normalize(part)
            if code is None:
                raise ScopeError(
                    f"{part.strip()!r} is not a cooperation kind",
                    hint=f"use one of {', '.join(model.COOPERATION_KINDS.codes)}",
                )
            codes.append(code)
    return tuple(sorted(set(codes))) or None


@dataclass(frozen=True)
class Relation:
    """Which cooperation kinds count as ties: all of them (``kinds is None``) or some.

    Parsed once where the user's words come in (the command line, :func:`build_network`'s
    callers) and passed on as it is; every function that takes a ``relation`` also accepts
    the raw words and parses them here.

    >>> Relation.parse("informacja, agreement")
    Relation(kinds=('agreement', 'information'))
    >>> Relation.parse(None).is_all, str(Relation.parse(["resources"]))
    (True, 'resources')
    """

    kinds: tuple[str, ...] | None = None

    @classmethod
    def parse(cls, value: RelationLike) -> Relation:
        """The relation named by ``value``: a :class:`Relation` (returned as it is), a
        comma-separated string of cooperation kinds (Polish works too), several such
        strings, or ``None`` (all kinds).

        Raises
        ------
        ScopeError
            For a word that is not a cooperation kind.
        """
        if isinstance(value, Relation):
            return value
        return cls(_relation_codes(value))

    def __str__(self) -> str:
        return ",".join(self.kinds or ())

    @property
    def is_all(self) -> bool:
        """Whether every cooperation kind counts."""
        return self.kinds is None


#: What a ``relation`` argument may be: parsed by :meth:`Relation.parse`.
RelationLike = Relation | str | Iterable[str] | None


def build_network(
    dataset: Dataset, *, scope: Scope | str | None = None, wave: str | None = None
) -> Network:
    """Build the :class:`Network` of a dataset, optionally scoped and for one wave."""
    if isinstance(scope, str):
        scope = Scope.parse(scope)
    return Network(dataset, scope=scope, wave=wave)
