"""The engine the bundled example datasets are built with: a small, deterministic network builder.

Every dataset is described in ``build_examples.py`` (its real institutions, its
territories, its groups and its planted gaps); this module draws the synthetic
rest (ties, staff, families, services, referrals) from a random stream seeded
by the dataset's name, checks every planted gap in the result and writes the
dataset folder. Nothing here reads the network: the checks work on the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kokon_graph import model
from kokon_graph.generate._units import SA_POWIAT_TIES as GENERATOR_SA_POWIAT_TIES
from kokon_graph.generate._units import SA_TIES as GENERATOR_SA_TIES
from kokon_graph.generate._units import TYPE_ABBREVIATIONS
from kokon_graph.io.schema import LIST_SEPARATOR, TABLES

SEED = 20240601
BEFORE, AFTER = "before", "after"
WAVES = (BEFORE, AFTER)
COLUMNS = {t.name: list(t.column_names) for t in TABLES}
COLUMNS["institutions"] = [*COLUMNS["institutions"], "name_source"]

#: name_source values: what the name of an institution is
SEED_NAME = "seed"  # named in the seed documents of the project
GENERIC_NAME = "generic"  # a body every such territory has, named by its function
INVENTED_NAME = "synthetic"  # invented

KINDS = ("information", "resources", "joint_action", "agreement", "other")
KIND_P = {BEFORE: (0.46, 0.16, 0.23, 0.10, 0.05), AFTER: (0.34, 0.15, 0.33, 0.15, 0.03)}
WEIGHT_P = (0.22, 0.30, 0.26, 0.14, 0.08)

#: service kinds by institution type (the first is the most common)
SERVICES = {
    "ops": ("social_work", "financial_aid", "family_assistant", "care_services"),
    "cus": ("social_work", "financial_aid", "family_assistant", "care_services"),
    "pcpr": ("counselling", "foster_care", "therapy"),
    "foster_care_organiser": ("foster_training", "counselling"),
    "pup": ("employment_support",),
    "ppp": ("counselling", "therapy", "education_support"),
    "school": ("education_support",),
    "preschool": ("education_support", "day_care"),
    "day_support": ("day_care",),
    "poz": ("health_care",),
    "hospital": ("health_care",),
    "mental_health": ("therapy", "addiction_treatment"),
    "gkrpa": ("addiction_treatment",),
    "court": ("probation",),
    "police_station": ("crisis_intervention",),
    "police_hq": ("crisis_intervention",),
    "oik": ("crisis_intervention", "counselling"),
    "ngo": ("community_activity", "counselling", "legal_aid"),
    "parish": ("financial_aid", "community_activity"),
    "cis_kis": ("employment_support",),
    "culture_centre": ("community_activity",),
    "library": ("community_activity",),
    "care_institution": ("foster_care",),
    "dps": ("care_services",),
    "housing_office": ("other",),
    "municipal_office": ("financial_aid",),
    "other": ("other",),
}
#: weight of an institution type as an extra service provider, and boosts by family feature
SERVE_BASE = {
    "pcpr": 0.3,
    "pup": 0.05,
    "ppp": 0.15,
    "school": 0.05,
    "preschool": 0.04,
    "day_support": 0.1,
    "poz": 0.3,
    "hospital": 0.05,
    "mental_health": 0.05,
    "gkrpa": 0.05,
    "court": 0.05,
    "police_station": 0.03,
    "police_hq": 0.02,
    "oik": 0.03,
    "ngo": 0.07,
    "parish": 0.1,
    "cis_kis": 0.03,
    "culture_centre": 0.02,
    "library": 0.01,
    "dps": 0.02,
    "housing_office": 0.05,
    "care_institution": 0.01,
}
SERVE_BOOST = {
    "pcpr": {"disability": 2.0, "parenting": 1.5, "domestic_violence": 0.8},
    "pup": {"unemployment": 4.0},
    "ppp": {"children": 0.6, "parenting": 1.5, "disability": 1.0},
    "school": {"children": 0.6, "parenting": 0.6},
    "preschool": {"children": 0.5},
    "day_support": {"children": 1.0, "parenting": 1.2},
    "poz": {"long_illness": 2.0, "disability": 1.5, "addiction": 0.5},
    "hospital": {"long_illness": 1.2, "disability": 0.4},
    "mental_health": {"addiction": 1.8, "domestic_violence": 0.4},
    "gkrpa": {"addiction": 2.5},
    "court": {"domestic_violence": 1.5, "parenting": 1.0, "addiction": 0.8},
    "police_station": {"domestic_violence": 2.0},
    "police_hq": {"domestic_violence": 1.0},
    "oik": {"domestic_violence": 2.5},
    "ngo": {"poverty": 0.3, "homelessness": 1.5, "migration": 2.0, "disability": 0.3},
    "parish": {"poverty": 0.6},
    "cis_kis": {"unemployment": 1.5, "homelessness": 1.0},
    "housing_office": {"housing": 3.0, "homelessness": 1.5},
    "dps": {"disability": 0.3, "long_illness": 0.4},
}
PROBLEMS = tuple(c for c in model.PROBLEM_AREAS.codes if c != model.OTHER)
FEATURES = (*PROBLEMS, "children")

#: chance of a tie between a gmina's social assistance centre and a local (powiat)
#: institution of each type, before the pilot: the generator's, plus the foster-care
#: organiser that only the examples have
SA_TIES = GENERATOR_SA_TIES
SA_POWIAT_TIES = {**GENERATOR_SA_POWIAT_TIES, "foster_care_organiser": 0.6}
HOME_SA = frozenset({"day_support", "cis_kis", "gkrpa", "ngo"})


def day(iso: str) -> int:
    """Day number of an ISO date."""
    return dt.date.fromisoformat(iso).toordinal()


def iso(number: int) -> str:
    """ISO date of a day number."""
    return dt.date.fromordinal(int(number)).isoformat()


@dataclass(frozen=True)
class Timeline:
    """Dates of one dataset: ``before`` runs up to the day before ``pilot``, ``after`` from
    ``pilot`` to ``end``."""

    history: str  # earliest "since" of a tie
    start: str  # earliest family entry
    pilot: str  # first day of the after wave
    end: str  # last day of the after wave

    @property
    def before_end(self) -> str:
        """The last day of the before wave."""
        return iso(day(self.pilot) - 1)

    def wave(self, number: int) -> str:
        return BEFORE if number < day(self.pilot) else AFTER


@dataclass
class Net:
    """One dataset while it is built."""

    key: str
    timeline: Timeline
    rng: np.random.Generator = field(init=False)
    territories: dict[str, str] = field(default_factory=dict)
    inst: dict[str, dict[str, str]] = field(default_factory=dict)
    candidates: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    blocked: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    groups: dict[str, dict[str, str]] = field(default_factory=dict)
    memberships: list[dict[str, str]] = field(default_factory=list)
    persons: list[dict[str, str]] = field(default_factory=list)
    families: list[dict[str, str]] = field(default_factory=list)
    services: list[dict[str, str]] = field(default_factory=list)
    referrals: list[dict[str, str]] = field(default_factory=list)
    cooperation: list[dict[str, str]] = field(default_factory=list)
    no_answer: dict[str, float] = field(default_factory=dict)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    _family_count: int = 0
    _referral_count: int = 0

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng([SEED, zlib.crc32(self.key.encode())])

    # ------------------------------------------------------------------ structure

    def territory(self, teryt: str, name: str) -> str:
        self.territories[teryt] = name
        return teryt

    def add(
        self,
        id_: str,
        name: str,
        type_: str,
        teryt: str,
        *,
        level: str | None = None,
        project: str = "",
        source: str = INVENTED_NAME,
        sector: str | None = None,
    ) -> str:
        if id_ in self.inst:
            raise ValueError(f"duplicate institution id {id_}")
        term = model.INSTITUTION_TYPES.term(type_)
        self.inst[id_] = {
            "id": id_,
            "name": name,
            "type": type_,
            "sector": sector or term.sector or model.OTHER,
            "level": level or term.level or model.OTHER,
            "teryt": teryt,
            "project": project,
            "name_source": source,
        }
        return id_

    def of_type(self, *types: str, teryt: str | None = None) -> list[str]:
        """Institution ids of these types (located exactly at ``teryt`` if given)."""
        return [
            i
            for i, row in self.inst.items()
            if row["type"] in types and (teryt is None or row["teryt"] == teryt)
        ]

    def tie(
        self,
        a: str,
        b: str,
        before: float = 1.0,
        after: float | None = None,
        *,
        kind: str | None = None,
    ) -> None:
        """A possible cooperation tie with its probability in each wave."""
        if a == b:
            return
        if after is None:
            after = min(1.0, before + (1.0 - before) * 0.35)
        key = (a, b) if a < b else (b, a)
        old = self.candidates.get(key)
        if old is not None:
            before, after = max(old[0], before), max(old[1], after)
            kind = kind or old[2]
        self.candidates[key] = [before, after, kind]

    def block(self, a: str, b: str, waves: Iterable[str] = WAVES) -> None:
        """No tie between ``a`` and ``b`` in these waves (a planted gap)."""
        key = (a, b) if a < b else (b, a)
        self.blocked.setdefault(key, set()).update(waves)

    def staff(self, institution: str, role: str, n: int = 1) -> list[str]:
        out = []
        for _ in range(n):
            k = sum(1 for p in self.persons if p["institution"] == institution) + 1
            pid = f"{institution}-P{k}"
            self.persons.append({"id": pid, "role": role, "institution": institution})
            out.append(pid)
        return out

    def person_of(self, institution: str, role: str | None = None) -> str | None:
        for p in self.persons:
            if p["institution"] == institution and (role is None or p["role"] == role):
                return p["id"]
        return None

    def group(
        self,
        id_: str,
        name: str,
        type_: str,
        teryt: str,
        start: str,
        *,
        end: str = "",
        project: str = "",
        level: str = "",
    ) -> str:
        self.groups[id_] = {
            "id": id_,
            "name": name,
            "type": type_,
            "level": level,
            "teryt": teryt,
            "project": project,
            "start": start,
            "end": end,
        }
        return id_

    def member(
        self, group: str, member: str, role: str = "member", wave: str = "", start: str = ""
    ) -> None:
        for row in self.memberships:
            if row["group"] == group and row["member"] == member and row["wave"] == wave:
                return
        self.memberships.append(
            {
                "group": group,
                "member": member,
                "role": role,
                "start": start or self.groups[group]["start"],
                "end": "",
                "wave": wave,
            }
        )

    # ------------------------------------------------------------------ synthetic units

    def synthetic_units(
        self,
        teryt: str,
        place: str,
        mix: Sequence[tuple[str, float]],
        *,
        level: str,
        project: str = "",
        names: dict[str, str] | None = None,
        letters: bool = False,
    ) -> dict[str, list[str]]:
        """Add institutions of the types in ``mix`` at ``teryt``.

        ``mix`` holds ``(type, n)``: an integer ``n`` adds that many, a fraction
        adds one with that probability. Names are "<type name>[ nr k] <place>".
        """
        names = names or {}
        counts: dict[str, int] = {}
        for type_, n in mix:
            k = int(n) if n >= 1 else int(self.rng.random() < n)
            counts[type_] = counts.get(type_, 0) + k
        out: dict[str, list[str]] = {}
        for type_, n in counts.items():
            for k in range(1, n + 1):
                abbr = ABBR[type_]
                id_ = f"{teryt}-{abbr}{k if n > 1 else ''}"
                head = names.get(type_, HEADS.get(type_, model.INSTITUTION_TYPES.label(type_)))
                if n > 1:
                    lettered = letters or type_ in LETTERED
                    head = f"{head} {chr(64 + k)}" if lettered else f"{head} nr {k}"
                out.setdefault(type_, []).append(
                    self.add(
                        id_, f"{head} {place}".strip(), type_, teryt, level=level, project=project
                    )
                )
        return out

    def local_ties(
        self,
        sa: str,
        office: str | None,
        local: dict[str, list[str]],
        higher: dict[str, str],
    ) -> None:
        """The usual ties of a gmina: every institution with its social assistance centre
        or office, the centre with the powiat, a few more among the others."""
        if office:
            self.tie(sa, office, 1.0, 1.0)
        flat = [i for ids in local.values() for i in ids if i not in (sa, office)]
        for i in flat:
            type_ = self.inst[i]["type"]
            home = sa if (type_ in HOME_SA or office is None) else office
            self.tie(i, home, 1.0, 1.0)
            if type_ in SA_TIES:
                self.tie(i, sa, SA_TIES[type_])
            if type_ == "school" and "ppp" in higher:
                self.tie(i, higher["ppp"], 0.6, 0.7)
            if type_ == "police_station" and "police_hq" in higher:
                self.tie(i, higher["police_hq"], 1.0, 1.0)
            if type_ == "poz" and "hospital" in higher:
                self.tie(i, higher["hospital"], 0.5, 0.55)
            if type_ == "day_support" and "pcpr" in higher:
                self.tie(i, higher["pcpr"], 0.3, 0.45)
        for type_, p in SA_POWIAT_TIES.items():
            if type_ in higher:
                self.tie(sa, higher[type_], p)
        if office and "powiat_office" in higher:
            self.tie(office, higher["powiat_office"], 0.8, 0.85)
        for _ in range(round(0.5 * len(flat))):
            if len(flat) < 2:
                break
            a, b = self.rng.choice(len(flat), size=2, replace=False)
            self.tie(flat[int(a)], flat[int(b)], 0.5, 0.6)

    def powiat_ties(self, units: dict[str, list[str]], hub: str, office: str | None) -> None:
        social = {
            "oik",
            "care_institution",
            "dps",
            "foster_care_organiser",
            "ngo",
            "ppp",
            "foster_family",
            "other",
        }
        if office:
            self.tie(hub, office, 1.0, 1.0)
        one = {t: ids[0] for t, ids in units.items()}
        for type_, ids in units.items():
            for i in ids:
                if i in (hub, office):
                    continue
                self.tie(i, hub if (type_ in social or office is None) else office, 1.0, 1.0)
        for a, b, p in (
            ("pcpr", "pup", 0.8),
            ("pcpr", "court", 0.8),
            ("pcpr", "police_hq", 0.5),
            ("pcpr", "ppp", 0.7),
            ("court", "police_hq", 0.8),
            ("hospital", "mental_health", 0.6),
            ("pcpr", "oik", 0.9),
            ("police_hq", "oik", 0.6),
            ("pup", "powiat_office", 0.9),
        ):
            if a in one and b in one:
                self.tie(one[a], one[b], p)

    # ------------------------------------------------------------------ families

    def family_id(self) -> str:
        self._family_count += 1
        digest = hashlib.blake2b(f"{self.key}/{self._family_count}".encode(), digest_size=8)
        return f"F-{digest.hexdigest()}"

    def cohort(
        self,
        n: int,
        teryt: str,
        *,
        problems: dict[str, float],
        must: Sequence[tuple[str | tuple[str, ...], str | None, float]] = (),
        pool: Sequence[str] = (),
        extra: tuple[int, int] = (0, 2),
        children: tuple[int, int] = (0, 4),
        adults: tuple[int, int] = (1, 2),
        total_size: int | None = None,
        coordinators: Sequence[str] = (),
        p_coordinator: float = 0.0,
        plan: dict[str, float] | None = None,
        entry: tuple[str, str] | None = None,
        referrals: float = 1.2,
        service_start: str | None = None,
    ) -> list[str]:
        """Add ``n`` families living in gmina ``teryt`` and their services and referrals.

        ``must`` lists ``(institution, service or None, probability)`` every family
        gets (with that probability); ``extra`` more come from ``pool``, weighted
        by the family's problems. ``total_size`` makes the family sizes add up to
        that number (the sizes a seed document reports).
        """
        rng = self.rng
        t = self.timeline
        lo, hi = entry or (t.start, t.end)
        plan = plan or {"none": 1.0}
        plan_codes = list(plan)
        plan_p = np.array([plan[c] for c in plan_codes])
        plan_p = plan_p / plan_p.sum()
        ids = []
        kids = rng.integers(children[0], children[1] + 1, size=n)
        grown = rng.integers(adults[0], adults[1] + 1, size=n)
        sizes = kids + grown
        if total_size is not None:
            sizes = _fit_sizes(rng, sizes, kids + 1, total_size)
            grown = sizes - kids
        for f in range(n):
            fid = self.family_id()
            ids.append(fid)
            has = [p for p in PROBLEMS if rng.random() < problems.get(p, 0.0)]
            entry_day = int(rng.integers(day(lo), day(hi) + 1))
            coordinator = ""
            if coordinators and rng.random() < p_coordinator:
                coordinator = coordinators[int(rng.integers(len(coordinators)))]
            self.families.append(
                {
                    "id": fid,
                    "teryt": teryt,
                    "size": str(int(sizes[f])),
                    "children": str(int(kids[f])),
                    "problems": LIST_SEPARATOR.join(has),
                    "plan_status": plan_codes[int(rng.choice(len(plan_codes), p=plan_p))],
                    "coordinator": coordinator,
                }
            )
            serving: list[tuple[str, str | None]] = []
            for choice, service, p in must:
                if isinstance(choice, tuple):
                    inst = choice[int(rng.integers(len(choice)))]
                else:
                    inst = choice
                if rng.random() < p and inst not in [s[0] for s in serving]:
                    serving.append((inst, service))
            n_extra = int(rng.integers(extra[0], extra[1] + 1))
            options = [i for i in pool if i not in [s[0] for s in serving]]
            if n_extra and options:
                features = set(has) | ({"children"} if kids[f] else set())
                weights = np.array(
                    [
                        SERVE_BASE.get(self.inst[i]["type"], 0.02)
                        + sum(
                            v
                            for k, v in SERVE_BOOST.get(self.inst[i]["type"], {}).items()
                            if k in features
                        )
                        for i in options
                    ]
                )
                picks = rng.choice(
                    len(options),
                    size=min(n_extra, len(options)),
                    replace=False,
                    p=weights / weights.sum(),
                )
                serving += [(options[int(i)], None) for i in picks]
            starts = []
            for inst, service in serving:
                type_ = self.inst[inst]["type"]
                kinds = SERVICES.get(type_, ("other",))
                kind = service or kinds[int(rng.integers(len(kinds)))]
                start = entry_day + int(rng.integers(0, 90))
                if service_start:
                    start = max(start, day(service_start))
                start = min(start, day(t.end))
                starts.append(start)
                end = ""
                if rng.random() < 0.4:
                    end = iso(min(start + int(rng.integers(60, 540)), day(t.end)))
                self.services.append(
                    {
                        "family": fid,
                        "institution": inst,
                        "service": kind,
                        "start": iso(start),
                        "end": end,
                        "wave": t.wave(start),
                    }
                )
            self._family_referrals(fid, teryt, [s[0] for s in serving], pool, entry_day, referrals)
        return ids

    def _family_referrals(
        self,
        family: str,
        teryt: str,
        serving: list[str],
        pool: Sequence[str],
        entry_day: int,
        rate: float,
    ) -> None:
        rng = self.rng
        t = self.timeline
        if not serving:
            return
        outside = [i for i in pool if i not in serving]
        for _ in range(int(rng.poisson(rate * len(serving)))):
            target = serving[int(rng.integers(len(serving)))]
            others = [i for i in serving if i != target]
            if others and (not outside or rng.random() < 0.75):
                source = others[int(rng.integers(len(others)))]
            elif outside:
                source = outside[int(rng.integers(len(outside)))]
            else:
                continue
            sent = min(entry_day + int(rng.integers(0, 300)), day(t.end))
            wave = t.wave(sent)
            wave_end = day(t.pilot) - 1 if wave == BEFORE else day(t.end)
            p_none = self.no_answer.get(target, 0.1) * (0.7 if wave == AFTER else 1.0)
            if wave_end - sent < 21 and rng.random() < 0.7:
                status, answered = "sent", ""
            elif rng.random() < p_none:
                status, answered = "no_answer", ""
            else:
                status = ("completed", "accepted", "rejected", "other")[
                    int(rng.choice(4, p=(0.46, 0.34, 0.14, 0.06)))
                ]
                median = {"court": 16.0, "hospital": 10.0, "mental_health": 12.0}.get(
                    self.inst[target]["type"], 6.0
                )
                delay = min(round(median * rng.lognormal(0.0, 0.8)), 240)
                answered = iso(sent + delay)
            self._referral_count += 1
            self.referrals.append(
                {
                    "id": f"S-{self._referral_count:05d}",
                    "family": family,
                    "source": source,
                    "target": target,
                    "sent": iso(sent),
                    "status": status,
                    "answered": answered,
                    "wave": wave,
                }
            )
        del teryt

    def serving(self) -> dict[str, list[str]]:
        """Institutions serving each family, in order of their first service."""
        out: dict[str, list[str]] = {}
        for r in self.services:
            out.setdefault(r["family"], [])
            if r["institution"] not in out[r["family"]]:
                out[r["family"]].append(r["institution"])
        return out

    def first_service(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in self.services:
            if r["family"] not in out or r["start"] < out[r["family"]]:
                out[r["family"]] = r["start"]
        return out

    def family_teams(self, families: Sequence[str], place: str, *, p: float = 1.0) -> int:
        """A ZZK task team around each coordinated family (with probability ``p``), in the
        after wave: the coordinator and one professional (or the institution) of each
        institution serving the family. Returns the number of teams."""
        serving = self.serving()
        first = self.first_service()
        employer = {q["id"]: q["institution"] for q in self.persons}
        rows = {f["id"]: f for f in self.families}
        made = 0
        for fid in families:
            fam = rows[fid]
            if not fam["coordinator"] or self.rng.random() >= p:
                continue
            made += 1
            teryt = fam["teryt"]
            gid = f"{teryt}-ZZK{sum(1 for g in self.groups if g.startswith(teryt + '-ZZK')) + 1}"
            start = max(first.get(fid, self.timeline.pilot), self.timeline.pilot)
            self.group(
                gid,
                f"Zadaniowy Zespół Kooperacyjny nr {gid.rsplit('ZZK', 1)[1]} {place}",
                "ZZK",
                teryt,
                start,
            )
            self.member(gid, fam["coordinator"], "coordinator", AFTER, start)
            for inst in serving.get(fid, []):
                if inst == employer[fam["coordinator"]]:
                    continue
                self.member(gid, self.person_of(inst) or inst, "member", AFTER, start)
        return made

    def violence_groups(
        self,
        families: Sequence[str],
        place: str,
        *,
        sa: str,
        police: Sequence[str],
        school: str | None,
        court: str | None,
        p: float = 0.4,
    ) -> int:
        """A GDP (diagnostic and support group of the ZI) around some families living with
        domestic violence. Returns the number of groups."""
        first = self.first_service()
        rows = {f["id"]: f for f in self.families}
        made = 0
        for fid in families:
            fam = rows[fid]
            if "domestic_violence" not in fam["problems"] or self.rng.random() >= p:
                continue
            made += 1
            teryt = fam["teryt"]
            gid = f"{teryt}-GDP{sum(1 for g in self.groups if g.startswith(teryt + '-GDP')) + 1}"
            start_day = min(
                day(first.get(fid, self.timeline.start)) + int(self.rng.integers(0, 30)),
                day(self.timeline.end) - 30,
            )
            start = iso(start_day)
            end = iso(min(start_day + int(self.rng.integers(30, 240)), day(self.timeline.end)))
            wave = self.timeline.wave(start_day)
            self.group(
                gid,
                f"Grupa diagnostyczno-pomocowa nr {gid.rsplit('GDP', 1)[1]} {place}",
                "GDP",
                teryt,
                start,
                end=end,
            )
            members = [self.person_of(sa, "social_worker") or sa]
            cop_unit = police[int(self.rng.integers(len(police)))]
            members.append(self.person_of(cop_unit, "police_officer") or cop_unit)
            if school and int(fam["children"]) > 0:
                members.append(self.person_of(school, "teacher") or school)
            if court and self.rng.random() < 0.4:
                members.append(self.person_of(court, "probation_officer") or court)
            for m in members:
                self.member(gid, m, "member", wave, start)
        return made

    # ------------------------------------------------------------------ cooperation

    def draw_cooperation(self) -> None:
        """Draw both waves of cooperation from the candidate ties; planted gaps hold."""
        rng = self.rng
        t = self.timeline
        for (a, b), (p_before, p_after, kind) in self.candidates.items():
            blocked = self.blocked.get((a, b), set())
            u = rng.random()
            present = {
                BEFORE: u < p_before and BEFORE not in blocked,
                AFTER: u < p_after
                and not (rng.random() < 0.06 and p_after < 1.0)
                and AFTER not in blocked,
            }
            source, target = (a, b) if rng.random() < 0.5 else (b, a)
            k_before = kind or KINDS[int(rng.choice(5, p=KIND_P[BEFORE]))]
            k_after = kind or (
                k_before if rng.random() < 0.8 else KINDS[int(rng.choice(5, p=KIND_P[AFTER]))]
            )
            w_before = int(rng.choice(5, p=WEIGHT_P)) + 1
            w_after = min(5, w_before + int(rng.random() < 0.3))
            m_before = bool(rng.random() < 0.5)
            m_after = m_before or bool(rng.random() < 0.25)
            since_before = int(rng.integers(day(t.history), day(t.pilot)))
            since_after = (
                since_before if present[BEFORE] else int(rng.integers(day(t.pilot), day(t.end) + 1))
            )
            second = rng.random() < 0.12
            shift = int(rng.integers(1, 5))
            for wave, k, w, m, since in (
                (BEFORE, k_before, w_before, m_before, since_before),
                (AFTER, k_after, w_after, m_after, since_after),
            ):
                if not present[wave]:
                    continue
                kinds = [k] + ([KINDS[(KINDS.index(k) + shift) % 5]] if second else [])
                for kd in kinds:
                    self.cooperation.append(
                        {
                            "source": source,
                            "target": target,
                            "kind": kd,
                            "weight": str(w),
                            "since": iso(since),
                            "wave": wave,
                            "mutual": "true" if m else "false",
                        }
                    )

    # ------------------------------------------------------------------ checks

    def tied(self, a: str, b: str, wave: str) -> bool:
        return any(
            {r["source"], r["target"]} == {a, b} and r["wave"] in (wave, "")
            for r in self.cooperation
        )

    def gap_co_serving(
        self, a: str, b: str, waves: Sequence[str], text: str, *, closes: bool = False
    ) -> None:
        fam_a = {r["family"] for r in self.services if r["institution"] == a}
        fam_b = {r["family"] for r in self.services if r["institution"] == b}
        shared = len(fam_a & fam_b)
        assert shared >= 3, (a, b, shared)
        for wave in waves:
            assert not self.tied(a, b, wave), (a, b, wave)
        gap: dict[str, Any] = {
            "kind": "co_serving_without_tie",
            "institutions": [a, b],
            "waves": list(waves),
            "shared_families": shared,
            "text": text,
        }
        if closes:  # the text says the tie exists after the pilot
            assert self.tied(a, b, AFTER), (a, b)
            gap["tied_after"] = [[a, b]]
        self.gaps.append(gap)

    def sector_units(self, gmina: str, sectors: Sequence[str]) -> list[str]:
        """Institutions of these sectors in a gmina, its powiat or its voivodeship."""
        return [
            i
            for i, row in self.inst.items()
            if row["sector"] in sectors and row["teryt"] in (gmina, gmina[:4], gmina[:2])
        ]

    def gap_sa_without_tie(
        self,
        sa: str,
        sectors: Sequence[str],
        gmina: str,
        waves: Sequence[str],
        text: str,
        *,
        tied_after: Sequence[str] = (),
        untied_after: Sequence[str] = (),
    ) -> None:
        """The social assistance centre ``sa`` has no tie to any institution of ``sectors``
        in its gmina, powiat or voivodeship in ``waves``. ``tied_after`` / ``untied_after``:
        institutions the text says ``sa`` does / does not cooperate with after the pilot."""
        targets = self.sector_units(gmina, sectors)
        assert targets, (sa, sectors)
        for wave in waves:
            for target in targets:
                assert not self.tied(sa, target, wave), (sa, target, wave)
        for other in tied_after:
            assert self.tied(sa, other, AFTER), (sa, other)
        for other in untied_after:
            assert not self.tied(sa, other, AFTER), (sa, other)
        gap: dict[str, Any] = {
            "kind": "social_assistance_without_tie",
            "institution": sa,
            "gmina": gmina,
            "sectors": list(sectors),
            "institutions": targets,
            "waves": list(waves),
            "text": text,
        }
        if tied_after:
            gap["tied_after"] = [[sa, other] for other in tied_after]
        if untied_after:
            gap["untied_after"] = [[sa, other] for other in untied_after]
        self.gaps.append(gap)

    def gap_unanswered(self, target: str, text: str) -> None:
        rows = [r for r in self.referrals if r["target"] == target]
        open_ = [r for r in rows if r["status"] in ("no_answer", "sent")]
        assert rows and len(open_) / len(rows) >= 0.4, (target, len(open_), len(rows))
        self.gaps.append(
            {
                "kind": "unanswered_referrals",
                "target": target,
                "referrals": len(rows),
                "unanswered": len(open_),
                "text": text,
            }
        )

    def group_sectors(self, group: str, wave: str) -> set[str]:
        employer = {p["id"]: p["institution"] for p in self.persons}
        out = set()
        for r in self.memberships:
            if r["group"] == group and r["wave"] in (wave, ""):
                inst = employer.get(r["member"], r["member"])
                out.add(self.inst[inst]["sector"])
        return out

    def gap_group_sectors(
        self, group: str, sectors: Sequence[str], waves: Sequence[str], text: str
    ) -> None:
        for wave in waves:
            present = self.group_sectors(group, wave)
            assert present and not (present & set(sectors)), (group, wave, present)
        self.gaps.append(
            {
                "kind": "group_missing_sectors",
                "group": group,
                "sectors": list(sectors),
                "waves": list(waves),
                "text": text,
            }
        )

    def check(self) -> None:
        """Every institution has a tie, every reference resolves, ids are unique."""
        used = set()
        for r in self.cooperation:
            used |= {r["source"], r["target"]}
        for r in self.memberships:
            used.add(r["member"])
        for r in self.services:
            used.add(r["institution"])
        isolated = set(self.inst) - used
        assert not isolated, isolated
        ids = list(self.inst) + list(self.groups) + [p["id"] for p in self.persons]
        assert len(ids) == len(set(ids))
        groups_with_members = {r["group"] for r in self.memberships}
        assert set(self.groups) <= groups_with_members, set(self.groups) - groups_with_members
        members = set(self.inst) | {p["id"] for p in self.persons}
        assert all(r["member"] in members for r in self.memberships)
        assert all(r["source"] in self.inst and r["target"] in self.inst for r in self.referrals)
        for table in (self.inst.values(), self.groups.values(), self.families):
            for row in table:
                code = row["teryt"]
                assert not code or code in self.territories, code
                parents_named = code[:2] in self.territories and (
                    len(code) < 7 or code[:4] in self.territories
                )
                assert not code or parents_named, code

    # ------------------------------------------------------------------ writing

    def tables(self) -> dict[str, list[dict[str, str]]]:
        territories = [
            {
                "teryt": code,
                "name": name,
                "kind": {2: "voivodeship", 4: "powiat", 7: "gmina"}[len(code)],
                "gmina_type": code[6] if len(code) == 7 else "",
            }
            for code, name in sorted(self.territories.items())
        ]
        return {
            "institutions": list(self.inst.values()),
            "territories": territories,
            "cooperation": self.cooperation,
            "groups": list(self.groups.values()),
            "memberships": self.memberships,
            "persons": self.persons,
            "families": self.families,
            "services": self.services,
            "referrals": self.referrals,
        }

    def write(self, folder: Path, descriptor: dict[str, Any], readme: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        resources = []
        for name, rows in self.tables().items():
            columns = COLUMNS[name]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([row.get(c, "") for c in columns] for row in rows)
            (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ","},
                }
            )
        descriptor = {**descriptor, "planted_gaps": self.gaps, "resources": resources}
        (folder / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / "README.md").write_text(readme, encoding="utf-8")


def _fit_sizes(
    rng: np.random.Generator, sizes: np.ndarray, minimum: np.ndarray, total: int
) -> np.ndarray:
    """Adjust sizes one person at a time until they add up to ``total``."""
    sizes = sizes.copy()
    if not minimum.sum() <= total <= 9 * len(sizes):
        raise ValueError(f"family sizes cannot add up to {total}")
    while sizes.sum() != total:
        i = int(rng.integers(len(sizes)))
        if sizes.sum() < total and sizes[i] < 9:
            sizes[i] += 1
        elif sizes.sum() > total and sizes[i] > minimum[i]:
            sizes[i] -= 1
    return sizes


#: id suffix of each institution type (the generator's, plus "other")
ABBR = {**TYPE_ABBREVIATIONS, "other": "INNA"}
#: default name of each type (Polish)
HEADS = {
    "ops": "Gminny Ośrodek Pomocy Społecznej",
    "municipal_office": "Urząd Gminy",
    "gkrpa": "Gminna Komisja Rozwiązywania Problemów Alkoholowych",
    "school": "Szkoła Podstawowa",
    "preschool": "Przedszkole",
    "day_support": "Świetlica środowiskowa",
    "police_station": "Posterunek Policji",
    "poz": "Ośrodek Zdrowia",
    "library": "Biblioteka Publiczna",
    "culture_centre": "Gminny Ośrodek Kultury",
    "sports_club": "Ludowy Klub Sportowy",
    "parish": "Parafia rzymskokatolicka",
    "ngo": "Stowarzyszenie na rzecz Rodzin",
    "cis_kis": "Klub Integracji Społecznej",
    "housing_office": "Zakład Gospodarki Mieszkaniowej",
    "pcpr": "Powiatowe Centrum Pomocy Rodzinie",
    "pup": "Powiatowy Urząd Pracy",
    "ppp": "Poradnia Psychologiczno-Pedagogiczna",
    "court": "Sąd Rejonowy – Wydział Rodzinny i Nieletnich, kuratorzy",
    "police_hq": "Komenda Powiatowa Policji",
    "hospital": "Szpital Powiatowy",
    "powiat_office": "Starostwo Powiatowe",
    "care_institution": "Placówka Opiekuńczo-Wychowawcza",
    "dps": "Dom Pomocy Społecznej",
    "oik": "Ośrodek Interwencji Kryzysowej",
    "mental_health": "Poradnia Zdrowia Psychicznego",
    "foster_care_organiser": "Organizator Rodzinnej Pieczy Zastępczej",
    "foster_family": "Rodzinny dom dziecka",
}
#: types whose several units are told apart by a letter (A, B, ...) rather than a number
LETTERED = frozenset({"ngo", "parish", "sports_club", "foster_family", "care_institution", "dps"})
