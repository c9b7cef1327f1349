"""Build the four bundled example datasets, one per project in the seed documents.

    python datasets/_build/build_examples.py            # rewrite datasets/<name>/
    python datasets/_build/build_examples.py --out DIR  # write them elsewhere

The output depends only on this script, ``_engine.py`` and the fixed seed
(``_engine.SEED``): running it again gives byte-identical files, and a test
checks that the committed datasets are what the script writes. Each dataset's
README says what is real (names from the seed documents) and what is invented.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from _engine import (  # noqa: E402
    AFTER,
    BEFORE,
    GENERIC_NAME,
    INVENTED_NAME,
    SEED,
    SEED_NAME,
    WAVES,
    Net,
    Timeline,
)

from kokon_graph.model import SECTORS, VOIVODESHIP_CODES  # noqa: E402

SERVICE_TYPES = (
    "pcpr",
    "pup",
    "ppp",
    "school",
    "preschool",
    "day_support",
    "poz",
    "hospital",
    "mental_health",
    "gkrpa",
    "court",
    "police_station",
    "police_hq",
    "oik",
    "ngo",
    "parish",
    "cis_kis",
    "culture_centre",
    "library",
    "dps",
    "housing_office",
    "care_institution",
)

RURAL_PROBLEMS = {
    "poverty": 0.6,
    "unemployment": 0.4,
    "disability": 0.2,
    "long_illness": 0.25,
    "parenting": 0.3,
    "addiction": 0.2,
    "domestic_violence": 0.1,
    "housing": 0.05,
}
TOWN_PROBLEMS = {
    "poverty": 0.55,
    "unemployment": 0.35,
    "disability": 0.2,
    "long_illness": 0.2,
    "parenting": 0.35,
    "addiction": 0.18,
    "domestic_violence": 0.1,
    "housing": 0.1,
    "homelessness": 0.03,
}
PLAN_BEFORE = {"none": 0.75, "planned": 0.08, "active": 0.1, "completed": 0.05, "interrupted": 0.02}
PLAN_AFTER = {"none": 0.25, "planned": 0.12, "active": 0.4, "completed": 0.16, "interrupted": 0.07}


def _pool(net: Net, *codes: str) -> list[str]:
    """Service-giving institutions located at any of these TERYT codes."""
    return [
        i for i, row in net.inst.items() if row["type"] in SERVICE_TYPES and row["teryt"] in codes
    ]


def _rename(net: Net, ids: list[str], names: list[str]) -> None:
    for i, name in zip(ids, names, strict=False):
        net.inst[i]["name"] = name


def _standard_staff(
    net: Net,
    ids: dict[str, list[str]],
    *,
    sa_workers: int = 3,
    assistants: int = 2,
    coordinator: bool = True,
) -> None:
    for type_, members in ids.items():
        for i in members:
            if type_ in ("ops", "cus"):
                net.staff(i, "manager")
                net.staff(i, "social_worker", sa_workers)
                net.staff(i, "family_assistant", assistants)
                if coordinator:
                    net.staff(i, "cooperation_coordinator")
            elif type_ == "pcpr":
                net.staff(i, "manager")
                net.staff(i, "foster_care_coordinator", 2)
                net.staff(i, "psychologist")
            elif type_ == "court":
                net.staff(i, "probation_officer", 3)
            elif type_ == "police_hq":
                net.staff(i, "police_officer", 2)
            elif type_ == "police_station":
                net.staff(i, "police_officer")
            elif type_ == "school":
                net.staff(i, "teacher")
            elif type_ == "poz":
                net.staff(i, "health_worker")
            elif type_ == "ppp":
                net.staff(i, "psychologist")
            elif type_ == "foster_care_organiser":
                net.staff(i, "foster_care_coordinator", 2)


def _coordinators(net: Net, sa: str) -> list[str]:
    return [
        p["id"]
        for p in net.persons
        if p["institution"] == sa and p["role"] in ("family_assistant", "cooperation_coordinator")
    ]


def _zi(
    net: Net,
    teryt: str,
    place: str,
    local: dict[str, list[str]],
    higher: dict[str, str],
    *,
    skip_sectors: tuple[str, ...] = (),
) -> str:
    """The interdisciplinary team (ZI) of a gmina, in both waves."""
    gid = net.group(f"{teryt}-ZI", f"Zespół Interdyscyplinarny {place}", "ZI", teryt, "2012-01-15")
    candidates = [
        local.get("ops", local.get("cus", []))[:1],
        local.get("gkrpa", [])[:1],
        local.get("police_station", [])[:1] or [higher["police_hq"]],
        local.get("school", [])[:2],
        local.get("poz", [])[:1],
        [higher["court"]],
        local.get("ngo", [])[:1],
        [higher["pcpr"]] if "pcpr" in higher else [],
        [higher["oik"]] if "oik" in higher else [],
    ]
    for k, ids in enumerate(candidates):
        for i in ids:
            if net.inst[i]["sector"] in skip_sectors:
                continue
            net.member(gid, i, "chair" if k == 0 else "member")
    return gid


def _header(title: str, intro: str) -> str:
    return f"# {title}\n\n{intro.strip()}\n"


def _readme(
    net: Net,
    *,
    title: str,
    intro: str,
    real: list[str],
    invented: list[str],
    codes: list[str],
    waves: str,
    invented_codes: bool = True,
) -> str:
    tables = net.tables()
    by_source = {
        s: sum(1 for r in net.inst.values() if r["name_source"] == s)
        for s in (SEED_NAME, GENERIC_NAME, INVENTED_NAME)
    }
    lines = [_header(title, intro)]
    lines.append("## What is real\n")
    lines += [f"- {x}" for x in real]
    seed_named = [r for r in net.inst.values() if r["name_source"] == SEED_NAME]
    lines.append(
        "- Institutions under their real names (`name_source = seed`): "
        + "; ".join(f"{r['name']} (`{r['id']}`)" for r in seed_named)
        + "."
    )
    lines.append("\n## What is synthetic\n")
    lines += [f"- {x}" for x in invented]
    lines.append(
        "\nThe column `name_source` of `institutions.csv` says, for every institution, where its "
        f"name comes from: `{SEED_NAME}` (named in the project's seed documents; "
        f"{by_source[SEED_NAME]} here), `{GENERIC_NAME}` (a body every such territory has, "
        f"named by its function; {by_source[GENERIC_NAME]}) or `{INVENTED_NAME}` (invented; "
        f"{by_source[INVENTED_NAME]}). Whatever the name, every tie, group membership, "
        "professional, family, service and referral in this dataset is synthetic."
    )
    lines.append("\n## TERYT codes\n")
    lines += [f"- {x}" for x in codes]
    if invented_codes:
        lines.append(
            "- Invented powiats are numbered 41-59 and invented gminas 81-99 inside their powiat: "
            "real TERYT codes do not use those numbers (land powiats are numbered below 40, cities "
            "with powiat rights from 61; no powiat has more than about 20 gminas), so an "
            "invented unit can never be mistaken for a real one. The 7th digit (gmina type) is "
            "the one the project targets."
        )
    lines.append("\n## Survey waves\n")
    lines.append(waves.strip())
    lines.append("\n## Planted coordination gaps\n")
    lines.append(
        "Each gap below is in the data on purpose, so that the analyses have something to "
        "find; `datapackage.json` lists the same gaps under `planted_gaps` (machine-readable), "
        "and `tests/test_datasets.py` checks every one of them against the tables.\n"
    )
    names = {i: r["name"] for i, r in net.inst.items()}
    group_names = {g: r["name"] for g, r in net.groups.items()}
    for k, gap in enumerate(net.gaps, start=1):
        kind = gap["kind"]
        if kind == "co_serving_without_tie":
            a, b = gap["institutions"]
            what = (
                f"**Co-serving institutions with no tie**: {names[a]} (`{a}`) and {names[b]} "
                f"(`{b}`) serve {gap['shared_families']} of the same families but report no "
                f"cooperation with each other in the wave(s) {', '.join(gap['waves'])}."
            )
        elif kind == "social_assistance_without_tie":
            labels = " or ".join(SECTORS.label(x, "en") for x in gap["sectors"])
            what = (
                f"**A social assistance centre with no tie to {labels}**: "
                f"{names[gap['institution']]} "
                f"(`{gap['institution']}`, gmina {gap['gmina']}) has no cooperation tie with "
                "any institution of that sector in its gmina, powiat or voivodeship "
                f"({', '.join(f'`{i}`' for i in gap['institutions'])}) in the wave(s) "
                f"{', '.join(gap['waves'])}."
            )
        elif kind == "unanswered_referrals":
            what = (
                f"**Unanswered referrals**: {gap['unanswered']} of the {gap['referrals']} "
                f"referrals sent to {names[gap['target']]} (`{gap['target']}`) have no answer "
                "(status `no_answer` or still `sent`)."
            )
        else:
            what = (
                f"**Sectors missing from a group**: {group_names[gap['group']]} "
                f"(`{gap['group']}`) has no member from the sector(s) "
                f"{', '.join(gap['sectors'])} in the wave(s) {', '.join(gap['waves'])}."
            )
        lines.append(f"{k}. {what} {gap['text']}")
    lines.append(
        "\nOther gaps arise from the random draws (more co-serving pairs without a tie, "
        "families served by three or four institutions with no coordinator, slow answers) and "
        "are not listed."
    )
    lines.append("\n## Contents\n")
    lines.append("| table | rows |\n|---|---|")
    lines += [f"| {name} | {len(rows)} |" for name, rows in tables.items()]
    lines.append(
        "\n## How it was built\n\n"
        "Written by `python datasets/_build/build_examples.py` (fixed seed "
        f"{SEED}); do not edit the files by hand: change the script, run it again and commit "
        "both. `tests/test_datasets.py` checks that the committed files are what the script "
        "writes. Family ids are synthetic pseudonyms (`F-` and 16 hex digits) and "
        '`datapackage.json` marks the dataset `"pseudonymised": true`: no real family is '
        "behind any of them.\n"
    )
    return "\n".join(lines)


# =============================================================================== Liderzy


def liderzy_kooperacji() -> tuple[Net, dict[str, Any], str]:
    project = "Liderzy Kooperacji"
    t = Timeline(history="2008-01-01", start="2018-01-01", pilot="2019-07-01", end="2021-03-31")
    net = Net("liderzy-kooperacji", t)
    rops_names = {
        "18": ("18-ROPS", "Regionalny Ośrodek Polityki Społecznej w Rzeszowie"),
        "06": ("06-ROPS", "Regionalny Ośrodek Polityki Społecznej w Lublinie"),
        "26": ("26-ROPS", "Regionalny Ośrodek Polityki Społecznej w Kielcach"),
        "20": ("20-ROPS", "Regionalny Ośrodek Polityki Społecznej w Białymstoku"),
        "14": ("14-MCPS", "Mazowieckie Centrum Polityki Społecznej w Warszawie"),
    }
    rops = {}
    for vv, (id_, name) in rops_names.items():
        net.territory(vv, VOIVODESHIP_CODES[vv])
        rops[vv] = net.add(id_, name, "rops", vv, project=project, source=SEED_NAME)
    lead = rops["18"]
    for r in rops.values():
        if r != lead:
            net.tie(lead, r, 1.0, 1.0, kind="agreement")
    for a, b in combinations([r for r in rops.values() if r != lead], 2):
        net.tie(a, b, 0.4, 0.8, kind="information")
    partnership = net.group(
        "LK-PARTNERSTWO",
        "Partnerstwo projektu „Liderzy Kooperacji”",
        "other",
        "",
        "2018-04-01",
        end="2021-03-31",
        project=project,
        level="national",
    )
    for r in rops.values():
        net.member(partnership, r, "chair" if r == lead else "member")

    areas = (
        (
            "06",
            "0609",
            "powiat lubelski",
            "w powiecie lubelskim",
            [("0609812", "Wólka"), ("0609822", "Zawierzbie Nowe")],
        ),
        (
            "14",
            "1441",
            "powiat jaworzański",
            "w powiecie jaworzańskim",
            [("1441812", "Olszynka Dolna"), ("1441822", "Dębowa Kępa"), ("1441832", "Wierzbiny")],
        ),
        (
            "18",
            "1841",
            "powiat lipnicki",
            "w powiecie lipnickim",
            [("1841812", "Lipnik Górny"), ("1841822", "Sikorzyce"), ("1841832", "Jaworki Niżne")],
        ),
        (
            "20",
            "2041",
            "powiat olszynowski",
            "w powiecie olszynowskim",
            [("2041812", "Orzechowo Podlaskie"), ("2041822", "Brzozowa Wola")],
        ),
        (
            "26",
            "2641",
            "powiat dębinowski",
            "w powiecie dębinowskim",
            [("2641812", "Kamionka Świętokrzyska"), ("2641822", "Grabowa Góra")],
        ),
    )
    powiat_mix = [
        ("pcpr", 1),
        ("pup", 1),
        ("court", 1),
        ("police_hq", 1),
        ("ppp", 1),
        ("oik", 1),
        ("hospital", 1),
        ("powiat_office", 1),
        ("mental_health", 0.5),
        ("care_institution", 0.5),
        ("dps", 0.5),
    ]
    gmina_mix = [
        ("ops", 1),
        ("municipal_office", 1),
        ("gkrpa", 1),
        ("school", 2),
        ("preschool", 0.6),
        ("day_support", 1),
        ("police_station", 0.5),
        ("poz", 1),
        ("parish", 1),
        ("parish", 0.5),
        ("ngo", 2),
        ("library", 1),
        ("culture_centre", 0.6),
        ("sports_club", 0.5),
        ("cis_kis", 0.2),
    ]
    powiats: dict[str, dict[str, str]] = {}
    gminas: dict[str, dict[str, list[str]]] = {}
    places: dict[str, str] = {}
    for vv, pp, pname, pplace, gms in areas:
        net.territory(pp, pname)
        units = net.synthetic_units(pp, pplace, powiat_mix, level="powiat")
        for ids in units.values():
            for i in ids:
                net.inst[i]["name_source"] = GENERIC_NAME if pp == "0609" else INVENTED_NAME
        net.inst[units["pcpr"][0]]["project"] = project
        higher = {t_: ids[0] for t_, ids in units.items()}
        powiats[pp] = higher
        net.powiat_ties(units, units["pcpr"][0], units["powiat_office"][0])
        net.tie(units["pcpr"][0], rops[vv], 0.85, 0.95)
        _standard_staff(net, units)
        for code, gname in gms:
            net.territory(code, gname)
            place = f"w gminie {gname}"
            places[code] = place
            local = net.synthetic_units(code, place, gmina_mix, level="gmina", project=project)
            _rename(
                net,
                local["ngo"],
                [f"Koło Gospodyń Wiejskich {place}", f"Ochotnicza Straż Pożarna {place}"],
            )
            gminas[code] = local
            sa, office = local["ops"][0], local["municipal_office"][0]
            net.local_ties(sa, office, local, higher)
            net.tie(sa, rops[vv], 0.3, 0.85)
            _standard_staff(net, local)
    # the one gmina institution named in the seed documents
    wolka = gminas["0609812"]["ops"][0]
    net.inst[wolka].update(name="Ośrodek Pomocy Społecznej w Wólce", name_source=SEED_NAME)

    # groups: WZK per voivodeship, PZK per powiat (after), ZI per gmina
    for vv, pp, _pname, pplace, gms in areas:
        wzk = net.group(
            f"{vv}-WZK",
            f"Wojewódzki Zespół Kooperacji – {VOIVODESHIP_CODES[vv]}",
            "WZK",
            vv,
            "2018-06-01",
            project=project,
        )
        net.member(wzk, rops[vv], "chair")
        net.member(wzk, powiats[pp]["pcpr"])
        for code, _ in gms:
            net.member(wzk, gminas[code]["ops"][0], "member", AFTER, t.pilot)
        pzk = net.group(
            f"{pp}-PZK",
            f"Partnerski Zespół Kooperacji {pplace}",
            "PZK",
            pp,
            t.pilot,
            end=t.end,
            project=project,
        )
        skip = ("health", "police") if pp == "1841" else ()
        net.member(pzk, powiats[pp]["pcpr"], "coordinator", AFTER)
        for type_ in ("pup", "court", "police_hq", "oik", "ppp", "hospital"):
            i = powiats[pp][type_]
            if net.inst[i]["sector"] not in skip:
                net.member(pzk, i, "member", AFTER)
        for code, _ in gms:
            for type_ in ("ops", "school", "ngo", "poz", "police_station"):
                for i in gminas[code].get(type_, [])[:1]:
                    if net.inst[i]["sector"] not in skip:
                        net.member(pzk, i, "member", AFTER)
        for code, _ in gms:
            _zi(
                net,
                code,
                places[code],
                gminas[code],
                powiats[pp],
                skip_sectors=("health",) if code == "2041822" else (),
            )

    court = powiats["2041"]["court"]
    net.no_answer[court] = 0.7  # planted: the family court of powiat olszynowski rarely answers

    # families: before the pilot, and after it with individual cooperation programmes (IPW)
    after_families: list[str] = []
    all_families: list[str] = []
    for _vv, pp, *_rest, gms in areas:
        for code, _ in gms:
            sa = gminas[code]["ops"][0]
            pool = _pool(net, code, pp)
            coords = _coordinators(net, sa)
            n_before, n_after = (int(x) for x in net.rng.integers(18, 32, size=2))
            all_families += net.cohort(
                n_before,
                code,
                problems=RURAL_PROBLEMS,
                must=[(sa, None, 0.92)],
                pool=pool,
                coordinators=coords,
                p_coordinator=0.2,
                plan=PLAN_BEFORE,
                entry=(t.start, "2019-06-15"),
            )
            ids = net.cohort(
                n_after,
                code,
                problems=RURAL_PROBLEMS,
                must=[(sa, None, 0.95)],
                pool=pool,
                coordinators=coords,
                p_coordinator=0.6,
                plan=PLAN_AFTER,
                entry=(t.pilot, "2021-01-31"),
            )
            after_families += ids
            all_families += ids
    # planted: GOPS and the health post of Olszynka Dolna share families, never cooperate
    g = gminas["1441812"]
    all_families += net.cohort(
        14,
        "1441812",
        problems={"long_illness": 0.9, "disability": 0.5, "poverty": 0.5},
        must=[(g["ops"][0], None, 1.0), (g["poz"][0], "health_care", 1.0)],
        pool=_pool(net, "1441812", "1441"),
        extra=(0, 1),
    )
    net.block(g["ops"][0], g["poz"][0])
    # planted: the PUP of powiat lipnicki and the GOPS of Sikorzyce, no tie before the pilot
    g = gminas["1841822"]
    pup = powiats["1841"]["pup"]
    all_families += net.cohort(
        12,
        "1841822",
        problems={"unemployment": 1.0, "poverty": 0.7},
        must=[(g["ops"][0], None, 1.0), (pup, "employment_support", 1.0)],
        pool=_pool(net, "1841822", "1841"),
        extra=(0, 1),
        entry=(t.start, "2019-05-31"),
    )
    net.block(g["ops"][0], pup, [BEFORE])
    net.tie(g["ops"][0], pup, 0.0, 1.0)
    # planted: GOPS of Kamionka Świętokrzyska has no tie to education (both waves)
    g = gminas["2641812"]
    for unit in net.sector_units("2641812", ["education"]):
        net.block(g["ops"][0], unit)
    # planted: GOPS of Sikorzyce has no tie to the police before the pilot
    g = gminas["1841822"]
    police = [*g.get("police_station", []), powiats["1841"]["police_hq"]]
    for unit in police:
        net.block(g["ops"][0], unit, [BEFORE])
    net.tie(g["ops"][0], powiats["1841"]["police_hq"], 0.0, 1.0)
    # planted: the family court of powiat olszynowski rarely answers
    for code in ("2041812", "2041822"):
        all_families += net.cohort(
            8,
            code,
            problems={"domestic_violence": 0.6, "parenting": 0.8, "addiction": 0.4},
            must=[(gminas[code]["ops"][0], None, 1.0), (court, "probation", 1.0)],
            pool=_pool(net, code, "2041"),
            extra=(0, 1),
            children=(1, 4),
        )

    gmina_of = _gmina_of(net)
    for code, local in gminas.items():
        net.family_teams([f for f in after_families if gmina_of[f] == code], places[code], p=0.3)
        pp = code[:4]
        net.violence_groups(
            [f for f in all_families if gmina_of[f] == code],
            places[code],
            sa=local["ops"][0],
            police=[*local.get("police_station", []), powiats[pp]["police_hq"]],
            school=local["school"][0],
            court=powiats[pp]["court"],
        )

    net.draw_cooperation()
    net.check()
    g = gminas
    net.gap_co_serving(
        g["1441812"]["ops"][0],
        g["1441812"]["poz"][0],
        WAVES,
        "Both serve families with long illnesses in Olszynka Dolna.",
    )
    net.gap_co_serving(
        g["1841822"]["ops"][0],
        powiats["1841"]["pup"],
        [BEFORE],
        "After the pilot they report a tie: the gap closes.",
        closes=True,
    )
    net.gap_sa_without_tie(
        g["2641812"]["ops"][0], ["education"], "2641812", WAVES, "The gap persists after the pilot."
    )
    net.gap_sa_without_tie(
        g["1841822"]["ops"][0],
        ["police"],
        "1841822",
        [BEFORE],
        "After the pilot the GOPS cooperates with the powiat police headquarters.",
        tied_after=[powiats["1841"]["police_hq"]],
    )
    net.gap_unanswered(court, "Families wait for the probation officers in vain.")
    net.gap_group_sectors(
        "1841-PZK", ["health", "police"], [AFTER], "The team has no health-care or police member."
    )
    net.gap_group_sectors(
        "2041822-ZI",
        ["health"],
        WAVES,
        "The interdisciplinary team has no health-care member, in both waves.",
    )

    descriptor = {
        "name": "liderzy-kooperacji",
        "title": "Liderzy Kooperacji – gminy wiejskie makroregionu wschodniego (przykład)",
        "description": (
            "Example cooperation network modelled on the project Liderzy Kooperacji (2018-2021; "
            "ROPS Rzeszów with ROPS Lublin, Kielce, Białystok and MCPS Warszawa): rural gminas "
            "of five voivodeships, their GOPS, schools, health posts, parishes and NGOs, the "
            "PCPR, PUP, court and police of their powiats, Partnerskie Zespoły Kooperacji and "
            "families with individual cooperation programmes (IPW). Real names of the project "
            "and partners; everything else synthetic."
        ),
        "profile": "tabular-data-package",
        "pseudonymised": True,
        "project": project,
        "waves": {
            BEFORE: f"until {t.before_end} (before the pilot)",
            AFTER: f"{t.pilot} - {t.end}",
        },
        "licence": "CC0-1.0 (synthetic data)",
    }
    readme = _readme(
        net,
        title="Liderzy Kooperacji (example dataset)",
        intro=(
            "A cooperation network of rural gminas (*gminy wiejskie*) in the five voivodeships "
            "of the eastern macro-region, modelled on the project **„Liderzy Kooperacji”** "
            "(PO WER 2014-2020, Działanie 2.5 Skuteczna pomoc społeczna; 01.04.2018 - "
            "31.03.2021). The project developed and piloted a *Model Kooperacji* between "
            "social assistance and other sectors for rural gminas, spanning the gmina and "
            "powiat levels. This dataset has 12 invented rural gminas in 5 powiats, their "
            "institutions, the regional partners, *Partnerskie Zespoły Kooperacji* (PZK), "
            "interdisciplinary teams (ZI), and families with individual cooperation "
            "programmes (IPW)."
        ),
        real=[
            "The project's name, period and programme, and the five voivodeships it covered: "
            "lubelskie (06), mazowieckie (14), podkarpackie (18), podlaskie (20), "
            "świętokrzyskie (26).",
            "The partner institutions named in the seed documents: Regionalny Ośrodek Polityki "
            "Społecznej w Rzeszowie (the lead partner according to one seed document; the "
            "MCPS page describes MCPS carrying the project out in partnership with the four "
            "ROPS), ROPS w Lublinie, ROPS w Kielcach, ROPS w Białymstoku and Mazowieckie "
            "Centrum Polityki Społecznej w Warszawie (`name_source = seed`).",
            "Ośrodek Pomocy Społecznej w Wólce, named in a seed document as carrying out the "
            "project; Wólka is a rural gmina of powiat lubelski.",
            "Powiat lubelski (0609). Its PCPR, PUP, court, police and other powiat institutions "
            "appear under their generic function names (`name_source = generic`); their data "
            "are invented.",
            "The kinds of institutions the seed documents list as beneficiaries (GOPS, PCPR, "
            "OIK, świetlice środowiskowe, police, courts and probation officers, culture and "
            "education institutions, NGOs) and the Partnerskie Zespoły Kooperacji.",
        ],
        invented=[
            "Every other powiat and gmina, with its name (powiat jaworzański, lipnicki, "
            "olszynowski, dębinowski; Olszynka Dolna, Sikorzyce, ...). Any resemblance to a "
            "real place is accidental.",
            "All other institutions and their names, every cooperation tie, group and "
            "membership (including who sits in the partnership and the PZKs), every "
            "professional (persons have ids and roles only), every family, service and "
            "referral. The project tested its model in 30 gminas and 24 powiats; which ones is "
            "not in the seed documents, and none of them is represented here.",
        ],
        codes=[
            "Voivodeship codes are real. Powiat lubelski (0609) is real.",
            "Wólka's code here (0609812) is *not* its real TERYT code; it only follows the "
            "structure (a rural gmina, 7th digit 2).",
            "Invented powiats: 1441, 1841, 2041, 2641; invented gminas: 0609822, 1441812 to "
            "1441832, 1841812 to 1841832, 2041812, 2041822, 2641812, 2641822 (all rural, "
            "type 2).",
        ],
        waves=(
            f"`{BEFORE}`: ties, services and referrals before the pilot of the model (until "
            f"{t.before_end}); `{AFTER}`: during and after the pilot ({t.pilot} - {t.end}). The "
            "after wave is denser: more ties between GOPS, the powiat and the ROPS, PZK "
            "formed, more families with an IPW and a coordinator (*lider kooperacji* or family "
            "assistant)."
        ),
    )
    return net, descriptor, readme


def _gmina_of(net: Net) -> dict[str, str]:
    """The gmina of every family."""
    return {f["id"]: f["teryt"] for f in net.families}


# =============================================================================== Kooperacja


def kooperacja_efektywna() -> tuple[Net, dict[str, Any], str]:
    project = "Kooperacja – efektywna i skuteczna"
    t = Timeline(history="2008-01-01", start="2018-01-01", pilot="2019-09-01", end="2021-03-31")
    net = Net("kooperacja-efektywna", t)
    rops_names = {
        "32": ("32-ROPS", "Regionalny Ośrodek Polityki Społecznej w Szczecinie"),
        "28": ("28-ROPS", "Regionalny Ośrodek Polityki Społecznej w Olsztynie"),
        "08": ("08-ROPS", "Regionalny Ośrodek Polityki Społecznej w Zielonej Górze"),
        "30": ("30-ROPS", "Regionalny Ośrodek Polityki Społecznej w Poznaniu"),
        "04": ("04-ROPS", "Regionalny Ośrodek Polityki Społecznej w Toruniu"),
        "22": ("22-ROPS", "Regionalny Ośrodek Polityki Społecznej w Gdańsku"),
    }
    rops = {}
    for vv, (id_, name) in rops_names.items():
        net.territory(vv, VOIVODESHIP_CODES[vv])
        rops[vv] = net.add(id_, name, "rops", vv, project=project, source=SEED_NAME)
    umk = net.add(
        "04-UMK",
        "Uniwersytet Mikołaja Kopernika w Toruniu",
        "university",
        "04",
        project=project,
        source=SEED_NAME,
    )
    lead = rops["32"]
    for r in rops.values():
        if r != lead:
            net.tie(lead, r, 1.0, 1.0, kind="agreement")
        net.tie(umk, r, 0.6, 0.9)
    net.tie(umk, lead, 1.0, 1.0, kind="agreement")
    for a, b in combinations([r for r in rops.values() if r != lead], 2):
        net.tie(a, b, 0.3, 0.7, kind="information")
    partnership = net.group(
        "KES-PARTNERSTWO",
        "Partnerstwo projektu „Kooperacja – efektywna i skuteczna”",
        "other",
        "",
        "2018-04-01",
        end="2021-03-31",
        project=project,
        level="national",
    )
    for r in rops.values():
        net.member(partnership, r, "chair" if r == lead else "member")
    net.member(partnership, umk, "expert")

    areas = (
        (
            "28",
            "2815",
            "powiat ostródzki",
            "w powiecie ostródzkim",
            [("2815813", "Miłowo Mazurskie"), ("2815823", "Łąkowo Mazurskie")],
        ),
        (
            "08",
            "0841",
            "powiat borowiecki",
            "w powiecie borowieckim",
            [("0841813", "Borowiec Lubuski"), ("0841823", "Dąbrówka Łużycka")],
        ),
        (
            "30",
            "3041",
            "powiat wrzosowski",
            "w powiecie wrzosowskim",
            [("3041813", "Wrzosów Wielkopolski"), ("3041823", "Olszyn Wielki")],
        ),
        (
            "04",
            "0441",
            "powiat kalinowski",
            "w powiecie kalinowskim",
            [("0441813", "Kalinowo Kujawskie"), ("0441823", "Jagodno Kujawskie")],
        ),
        (
            "32",
            "3241",
            "powiat modrzewski",
            "w powiecie modrzewskim",
            [("3241813", "Modrzewo Pomorskie"), ("3241823", "Świerkowo Morskie")],
        ),
        (
            "22",
            "2241",
            "powiat jesionowski",
            "w powiecie jesionowskim",
            [("2241813", "Jesionowo Kaszubskie"), ("2241823", "Grabowo Kociewskie")],
        ),
    )
    powiat_mix = [
        ("pcpr", 1),
        ("pup", 1),
        ("court", 1),
        ("police_hq", 1),
        ("ppp", 1),
        ("oik", 0.7),
        ("hospital", 1),
        ("powiat_office", 1),
        ("mental_health", 0.6),
        ("care_institution", 1),
        ("dps", 0.6),
    ]
    gmina_mix = [
        ("ops", 1),
        ("municipal_office", 1),
        ("gkrpa", 1),
        ("school", 3),
        ("preschool", 2),
        ("day_support", 2),
        ("police_station", 1),
        ("poz", 2),
        ("parish", 2),
        ("ngo", 3),
        ("library", 1),
        ("culture_centre", 1),
        ("sports_club", 1),
        ("cis_kis", 0.5),
        ("housing_office", 0.5),
    ]
    town_names = {
        "ops": "Miejsko-Gminny Ośrodek Pomocy Społecznej",
        "municipal_office": "Urząd Miasta i Gminy",
        "gkrpa": "Miejsko-Gminna Komisja Rozwiązywania Problemów Alkoholowych",
        "police_station": "Komisariat Policji",
        "poz": "Przychodnia POZ",
        "culture_centre": "Miejsko-Gminny Ośrodek Kultury",
    }
    powiats: dict[str, dict[str, str]] = {}
    gminas: dict[str, dict[str, list[str]]] = {}
    places: dict[str, str] = {}
    for vv, pp, pname, pplace, gms in areas:
        net.territory(pp, pname)
        mix = powiat_mix + ([("mental_health", 1)] if pp == "3241" else [])
        units = net.synthetic_units(pp, pplace, mix, level="powiat")
        for ids in units.values():
            for i in ids:
                net.inst[i]["name_source"] = GENERIC_NAME if pp == "2815" else INVENTED_NAME
        if pp == "2815":
            net.inst[units["pcpr"][0]].update(
                name="Powiatowe Centrum Pomocy Rodzinie w Ostródzie", name_source=SEED_NAME
            )
        net.inst[units["pcpr"][0]]["project"] = project
        higher = {t_: ids[0] for t_, ids in units.items()}
        powiats[pp] = higher
        net.powiat_ties(units, units["pcpr"][0], units["powiat_office"][0])
        net.tie(units["pcpr"][0], rops[vv], 0.85, 0.95)
        _standard_staff(net, units)
        for code, gname in gms:
            net.territory(code, gname)
            place = f"w gminie {gname}"
            places[code] = place
            local = net.synthetic_units(
                code, place, gmina_mix, level="gmina", project=project, names=town_names
            )
            gminas[code] = local
            sa, office = local["ops"][0], local["municipal_office"][0]
            net.local_ties(sa, office, local, higher)
            net.tie(sa, rops[vv], 0.3, 0.8)
            _standard_staff(net, local, sa_workers=5, assistants=3)

    # groups: RGR per voivodeship, PGR and PGD per powiat, coaching groups, ZI per gmina
    for vv, pp, _pname, pplace, gms in areas:
        rgr = net.group(
            f"{vv}-RGR",
            f"Regionalna Grupa Refleksyjna – {VOIVODESHIP_CODES[vv]}",
            "RGR",
            vv,
            "2018-10-01",
            end=t.end,
            project=project,
        )
        net.member(rgr, rops[vv], "coordinator")
        net.member(rgr, umk, "expert")
        net.member(rgr, powiats[pp]["pcpr"])
        for code, _ in gms:
            net.member(rgr, gminas[code]["ops"][0])
        pgr = net.group(
            f"{pp}-PGR",
            f"Powiatowa Grupa Refleksyjna {pplace}",
            "PGR",
            pp,
            "2018-10-15",
            end=t.end,
            project=project,
        )
        skip = ("justice", "health") if pp == "0841" else ()
        net.member(pgr, powiats[pp]["pcpr"], "coordinator")
        for type_ in ("pup", "court", "police_hq", "ppp", "oik", "hospital"):
            i = powiats[pp].get(type_)
            if i and net.inst[i]["sector"] not in skip:
                net.member(pgr, i)
        for code, _ in gms:
            for type_ in ("ops", "school", "poz", "ngo", "police_station"):
                i = gminas[code][type_][0]
                if net.inst[i]["sector"] not in skip:
                    net.member(pgr, i)
        pgd = net.group(
            f"{pp}-PGD",
            f"Powiatowa Grupa Decydentów {pplace}",
            "PGD",
            pp,
            "2018-11-05",
            end=t.end,
            project=project,
        )
        skip = ("police",) if pp == "2241" else ()
        net.member(pgd, powiats[pp]["powiat_office"], "chair")
        for type_ in ("pcpr", "pup", "police_hq", "court"):
            i = powiats[pp][type_]
            if net.inst[i]["sector"] not in skip:
                net.member(pgd, i)
        for code, _ in gms:
            net.member(pgd, gminas[code]["municipal_office"][0])
        if pp == "2815":
            # the seed: the director of PCPR Ostróda sits in the Group of Decision-makers
            director = net.person_of(powiats[pp]["pcpr"], "manager")
            assert director is not None
            net.member(pgd, director, "member")
        coaching = net.group(
            f"{pp}-COACH",
            f"Grupa coachingowa pracowników socjalnych {pplace}",
            "other",
            pp,
            "2019-10-01",
            end=t.end,
            project=project,
            level="powiat",
        )
        for code, _ in gms:
            for p in net.persons:
                if p["institution"] == gminas[code]["ops"][0] and p["role"] == "social_worker":
                    net.member(coaching, p["id"], "member", AFTER)
        for code, _ in gms:
            _zi(net, code, places[code], gminas[code], powiats[pp])

    clinic = powiats["3241"]["mental_health"]
    net.no_answer[clinic] = 0.75  # planted: the clinic of powiat modrzewski rarely answers

    # families: before the pilot, after it, and the pilot's chosen families
    all_families: list[str] = []
    pilot_families: list[str] = []
    for _vv, pp, *_rest, gms in areas:
        for code, _ in gms:
            sa = gminas[code]["ops"][0]
            pool = _pool(net, code, pp)
            coords = _coordinators(net, sa)
            n_before, n_after = (int(x) for x in net.rng.integers(25, 40, size=2))
            all_families += net.cohort(
                n_before,
                code,
                problems=TOWN_PROBLEMS,
                must=[(sa, None, 0.92)],
                pool=pool,
                coordinators=coords,
                p_coordinator=0.2,
                plan=PLAN_BEFORE,
                entry=(t.start, "2019-08-15"),
            )
            all_families += net.cohort(
                n_after,
                code,
                problems=TOWN_PROBLEMS,
                must=[(sa, None, 0.92)],
                pool=pool,
                coordinators=coords,
                p_coordinator=0.3,
                plan=PLAN_BEFORE,
                entry=(t.pilot, "2021-01-31"),
            )
            chosen = net.cohort(
                int(net.rng.integers(8, 13)),
                code,
                problems=TOWN_PROBLEMS,
                must=[(sa, "family_assistant", 1.0)],
                pool=pool,
                extra=(1, 3),
                coordinators=coords,
                p_coordinator=1.0,
                plan={"active": 0.7, "completed": 0.2, "interrupted": 0.1},
                entry=(t.pilot, "2020-03-31"),
                children=(1, 4),
            )
            pilot_families += chosen
            all_families += chosen
    # planted: MGOPS Miłowo Mazurskie and the PUP of powiat ostródzki share unemployed families
    g = gminas["2815813"]
    pup = powiats["2815"]["pup"]
    all_families += net.cohort(
        15,
        "2815813",
        problems={"unemployment": 1.0, "poverty": 0.6},
        must=[(g["ops"][0], None, 1.0), (pup, "employment_support", 1.0)],
        pool=_pool(net, "2815813", "2815"),
        extra=(0, 1),
    )
    net.block(g["ops"][0], pup)
    # planted: MGOPS Olszyn Wielki has no tie to the police (both waves)
    g = gminas["3041823"]
    for unit in g["police_station"] + [powiats["3041"]["police_hq"]]:
        net.block(g["ops"][0], unit)
    # planted: MGOPS Kalinowo Kujawskie has no tie to education before the pilot
    g = gminas["0441813"]
    for unit in net.sector_units("0441813", ["education"]):
        net.block(g["ops"][0], unit, [BEFORE])
    for school in g["school"]:
        net.tie(g["ops"][0], school, 0.0, 1.0)
    # planted: the mental health clinic of powiat modrzewski rarely answers
    for code in ("3241813", "3241823"):
        all_families += net.cohort(
            8,
            code,
            problems={"addiction": 0.9, "domestic_violence": 0.3, "poverty": 0.5},
            must=[(gminas[code]["ops"][0], None, 1.0), (clinic, "therapy", 1.0)],
            pool=_pool(net, code, "3241"),
            extra=(0, 1),
        )

    gmina_of = _gmina_of(net)
    for code, local in gminas.items():
        mine = [f for f in all_families if gmina_of[f] == code]
        net.family_teams([f for f in pilot_families if f in set(mine)], places[code])
        pp = code[:4]
        net.violence_groups(
            mine,
            places[code],
            sa=local["ops"][0],
            police=[*local["police_station"], powiats[pp]["police_hq"]],
            school=local["school"][0],
            court=powiats[pp]["court"],
        )

    net.draw_cooperation()
    net.check()
    g = gminas
    net.gap_co_serving(
        g["2815813"]["ops"][0],
        powiats["2815"]["pup"],
        WAVES,
        "Both work with the same unemployed families in Miłowo Mazurskie.",
    )
    net.gap_sa_without_tie(
        g["3041823"]["ops"][0],
        ["police"],
        "3041823",
        WAVES,
        "Neither the local police station nor the powiat headquarters.",
    )
    net.gap_sa_without_tie(
        g["0441813"]["ops"][0],
        ["education"],
        "0441813",
        [BEFORE],
        "After the pilot the MGOPS cooperates with every school of the gmina.",
        tied_after=g["0441813"]["school"],
    )
    net.gap_unanswered(clinic, "Families referred for addiction therapy wait in vain.")
    net.gap_group_sectors(
        "0841-PGR",
        ["justice", "health"],
        WAVES,
        "No court (probation officers) and no health care in the reflective group.",
    )
    net.gap_group_sectors(
        "2241-PGD", ["police"], WAVES, "The decision-makers' group has no police commander."
    )

    descriptor = {
        "name": "kooperacja-efektywna",
        "title": "Kooperacja – efektywna i skuteczna – gminy miejsko-wiejskie (przykład)",
        "description": (
            "Example cooperation network modelled on the project „Kooperacja – efektywna i "
            "skuteczna” (2018-2021; ROPS Szczecin as lead partner with ROPS Olsztyn, Zielona "
            "Góra, Poznań, Toruń, Gdańsk and the Nicolaus Copernicus University in Toruń): "
            "urban-rural gminas of six voivodeships, Powiatowe Grupy Refleksyjne, Powiatowe "
            "Grupy Decydentów (with the director of PCPR Ostróda), regional reflective groups, "
            "coaching groups and a pilot with chosen families. Real names of the project and "
            "partners; everything else synthetic."
        ),
        "profile": "tabular-data-package",
        "pseudonymised": True,
        "project": project,
        "waves": {
            BEFORE: f"until {t.before_end} (before the pilot)",
            AFTER: f"{t.pilot} - {t.end}",
        },
        "licence": "CC0-1.0 (synthetic data)",
    }
    readme = _readme(
        net,
        title="Kooperacja – efektywna i skuteczna (example dataset)",
        intro=(
            "A cooperation network of urban-rural gminas (*gminy miejsko-wiejskie*) in six "
            "voivodeships, modelled on the project **„Kooperacja – efektywna i skuteczna”** "
            "(PO WER 2014-2020; 01.04.2018 - 31.03.2021). The project set up *Powiatowe Grupy "
            "Refleksyjne* (PGR) and *Powiatowe Grupy Decydentów* (PGD) in the powiats and "
            "*Regionalne Grupy Refleksyjne* (RGR) in the voivodeships, coached social workers, "
            "and piloted a cooperation model with chosen families and institutions. This "
            "dataset has 12 invented urban-rural gminas in 6 powiats (one of them the real "
            "powiat ostródzki), their institutions, those groups, coaching groups of social "
            "workers (type `other`), task teams (ZZK) around the pilot families, and families "
            "before and after the pilot."
        ),
        real=[
            "The project's name and period, and the six voivodeships: kujawsko-pomorskie (04), "
            "lubuskie (08), pomorskie (22), warmińsko-mazurskie (28), wielkopolskie (30), "
            "zachodniopomorskie (32).",
            "The partners named in the seed documents (`name_source = seed`): Regionalny "
            "Ośrodek Polityki Społecznej w Szczecinie (lead partner), w Olsztynie, w Zielonej "
            "Górze, w Poznaniu, w Toruniu and w Gdańsku, and Uniwersytet Mikołaja Kopernika w "
            "Toruniu.",
            "Powiatowe Centrum Pomocy Rodzinie w Ostródzie and powiat ostródzki (2815): the "
            "seed says the PCPR's director sits in the powiat's Group of Decision-makers, "
            "which the dataset shows as a membership of a person (role `manager`, no name) of "
            "that PCPR in PGD `2815-PGD`. The other powiat institutions of powiat ostródzki "
            "appear under generic function names (`name_source = generic`).",
            "The group types (PGR, PGD, RGR), coaching for social workers and the pilot with "
            "chosen families, as the seed documents describe them.",
        ],
        invented=[
            "Every other powiat and every gmina, with its name (powiat borowiecki, wrzosowski, "
            "kalinowski, modrzewski, jesionowski; Miłowo Mazurskie, Olszyn Wielki, ...). Any "
            "resemblance to a real place is accidental.",
            "All other institutions, every tie, group, membership and person, every family, "
            "service and referral; in particular which gminas and institutions took part in "
            "the real pilot is not in the seed documents and is not represented here.",
        ],
        codes=[
            "Voivodeship codes and the code of powiat ostródzki (2815) are real.",
            "Invented powiats: 0441, 0841, 2241, 3041, 3241; invented gminas: two in each "
            "powiat, numbered 81 and 82, all urban-rural (7th digit 3), e.g. 2815813.",
        ],
        waves=(
            f"`{BEFORE}`: ties, services and referrals before the pilot (until {t.before_end}); "
            f"`{AFTER}`: the pilot and after ({t.pilot} - {t.end}). The after wave is denser, "
            "coaching groups and the ZZK teams around the pilot families exist only then."
        ),
    )
    return net, descriptor, readme


# =============================================================================== Praski kokon


def praski_kokon() -> tuple[Net, dict[str, Any], str]:
    project = "Praski kokon"
    t = Timeline(history="2005-01-01", start="2017-04-03", pilot="2019-03-15", end="2021-04-14")
    net = Net("praski-kokon", t)
    net.territory("14", VOIVODESHIP_CODES["14"])
    net.territory("1465", "Warszawa")
    net.territory("1465011", "Warszawa")
    pn = net.territory("1465088", "Praga-Północ")
    mcps = net.add(
        "14-MCPS",
        "Mazowieckie Centrum Polityki Społecznej w Warszawie",
        "rops",
        "14",
        source=SEED_NAME,
    )
    lead = net.add(
        "1465011-BP",
        "Miasto Stołeczne Warszawa / Biuro Pomocy",
        "municipal_office",
        "1465011",
        project=project,
        source=SEED_NAME,
    )
    ops = net.add(
        "1465088-OPS",
        "Ośrodek Pomocy Społecznej Dzielnicy Praga-Północ m.st. Warszawy",
        "ops",
        pn,
        project=project,
        source=SEED_NAME,
    )
    od = net.add(
        "1465088-OD", "Stowarzyszenie Otwarte Drzwi", "ngo", pn, project=project, source=SEED_NAME
    )
    korale = net.add(
        "1465088-KORALE",
        "Fundacja Wspierania Rodzin „Korale”",
        "ngo",
        pn,
        project=project,
        source=SEED_NAME,
    )
    cal = net.add(
        "1465088-CAL",
        "Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL",
        "ngo",
        pn,
        project=project,
        source=SEED_NAME,
    )
    office = net.add(
        "1465088-UD",
        "Urząd Dzielnicy Praga-Północ m.st. Warszawy",
        "municipal_office",
        pn,
        source=GENERIC_NAME,
    )
    partners = (od, korale, cal)
    for p in partners:
        net.tie(lead, p, 1.0, 1.0, kind="agreement")
        net.tie(ops, p, 0.6, 1.0)
    net.tie(lead, ops, 1.0, 1.0, kind="agreement")
    net.tie(lead, mcps, 0.4, 0.6)
    net.tie(lead, office, 1.0, 1.0)
    for a, b in combinations(partners, 2):
        net.tie(a, b, 0.4, 1.0, kind="joint_action")

    city = net.synthetic_units(
        "1465",
        "",
        [("pcpr", 1), ("pup", 1), ("court", 1), ("police_hq", 1), ("oik", 1), ("hospital", 1)],
        level="powiat",
        names={
            "pcpr": "Centrum pomocy rodzinie m.st. Warszawy (zadania powiatu)",
            "pup": "Urząd pracy m.st. Warszawy",
            "court": "Sąd Rejonowy – Wydział Rodzinny i Nieletnich, kuratorzy (Praga)",
            "police_hq": "Komenda Rejonowa Policji (Praga)",
            "oik": "Ośrodek Interwencji Kryzysowej (Warszawa)",
            "hospital": "Szpital (Praga)",
        },
    )
    for ids in city.values():
        for i in ids:
            net.inst[i]["name_source"] = GENERIC_NAME
    local = net.synthetic_units(
        pn,
        "– Nowa Praga",
        [
            ("school", 9),
            ("preschool", 5),
            ("day_support", 5),
            ("poz", 3),
            ("library", 3),
            ("parish", 3),
            ("ngo", 9),
            ("sports_club", 2),
            ("culture_centre", 1),
            ("police_station", 1),
            ("gkrpa", 1),
            ("housing_office", 1),
            ("cis_kis", 1),
            ("ppp", 1),
            ("mental_health", 1),
        ],
        level="gmina",
        letters=True,
        names={
            "day_support": "Placówka wsparcia dziennego",
            "poz": "Przychodnia POZ",
            "library": "Biblioteka",
            "parish": "Parafia",
            "ngo": "Organizacja pozarządowa",
            "sports_club": "Klub sportowy",
            "culture_centre": "Dom kultury",
        },
    )
    generic = {
        "police_station": "Komisariat Policji (Praga-Północ)",
        "gkrpa": "Dzielnicowy zespół ds. rozwiązywania problemów alkoholowych (Praga-Północ)",
        "housing_office": "Zarząd gospodarowania lokalami (Praga-Północ)",
        "cis_kis": "Klub Integracji Społecznej (Praga-Północ)",
        "ppp": "Poradnia Psychologiczno-Pedagogiczna (Praga-Północ)",
        "mental_health": "Poradnia Zdrowia Psychicznego (Praga-Północ)",
        "culture_centre": "Dom kultury (Praga-Północ)",
    }
    for type_, name in generic.items():
        net.inst[local[type_][0]].update(name=name, name_source=GENERIC_NAME)
    local["ops"] = [ops]
    local["municipal_office"] = [office]
    local["ngo"] = [od, korale, cal, *local["ngo"]]
    higher = {t_: ids[0] for t_, ids in city.items()}
    higher.update(ppp=local["ppp"][0], mental_health=local["mental_health"][0])
    net.local_ties(
        ops, office, {k: v for k, v in local.items() if k not in ("ppp", "mental_health")}, higher
    )
    net.powiat_ties(city, city["pcpr"][0], None)
    net.tie(city["pcpr"][0], lead, 1.0, 1.0)
    net.tie(city["pcpr"][0], mcps, 0.8, 0.9)
    net.tie(local["mental_health"][0], city["hospital"][0], 1.0, 1.0)
    net.tie(local["ppp"][0], office, 1.0, 1.0)
    _standard_staff(net, {**local, **city}, sa_workers=8, assistants=5)
    for p in (korale, od):
        net.staff(p, "cooperation_coordinator", 2)
        net.staff(p, "psychologist")
    net.staff(cal, "cooperation_coordinator")

    # groups
    part = net.group(
        f"{pn}-PARTNERSTWO",
        "Partnerstwo lokalne Nowej Pragi",
        "partnership",
        pn,
        t.pilot,
        project=project,
    )
    net.member(part, lead, "coordinator", AFTER)
    net.member(part, ops, "chair", AFTER)
    for i in [
        od,
        korale,
        cal,
        office,
        *local["school"][:4],
        *local["day_support"][:2],
        local["police_station"][0],
        local["library"][0],
        local["parish"][0],
        local["housing_office"][0],
        *local["ngo"][3:6],
        local["cis_kis"][0],
    ]:
        net.member(part, i, "member", AFTER)
    _zi(net, pn, "Dzielnicy Praga-Północ", local, higher)

    # families of the Nowa Praga quarter
    problems = {
        "poverty": 0.85,
        "parenting": 0.65,
        "unemployment": 0.45,
        "addiction": 0.3,
        "housing": 0.3,
        "domestic_violence": 0.12,
        "disability": 0.1,
        "long_illness": 0.15,
    }
    clinic = local["mental_health"][0]
    net.no_answer[clinic] = 0.8  # planted: the district's mental-health clinic rarely answers
    pool = [i for i in _pool(net, pn, "1465") if i not in partners]
    coords = _coordinators(net, ops) + [
        p["id"]
        for p in net.persons
        if p["institution"] == korale and p["role"] == "cooperation_coordinator"
    ]
    before = net.cohort(
        95,
        pn,
        problems=problems,
        must=[(ops, None, 0.95), (od, "therapy", 0.1)],
        pool=pool,
        coordinators=_coordinators(net, ops),
        p_coordinator=0.15,
        plan=PLAN_BEFORE,
        entry=(t.start, "2019-02-28"),
        children=(1, 4),
    )
    after = net.cohort(
        125,
        pn,
        problems=problems,
        must=[
            (ops, None, 0.95),
            (korale, "counselling", 0.4),
            (od, "therapy", 0.3),
            (cal, "community_activity", 0.3),
        ],
        pool=pool,
        coordinators=coords,
        p_coordinator=0.55,
        plan=PLAN_AFTER,
        entry=(t.pilot, "2021-02-28"),
        children=(1, 4),
    )
    school_c = local["school"][2]
    shared = net.cohort(
        12,
        pn,
        problems={"parenting": 0.9, "poverty": 0.8},
        must=[(ops, None, 1.0), (school_c, "education_support", 1.0)],
        pool=pool,
        extra=(0, 1),
        children=(1, 3),
    )
    net.block(ops, school_c)
    referred = net.cohort(
        16,
        pn,
        problems={"addiction": 0.9, "parenting": 0.6, "poverty": 0.8},
        must=[(ops, None, 1.0), (clinic, "therapy", 1.0)],
        pool=pool,
        extra=(0, 1),
    )
    police = [local["police_station"][0], city["police_hq"][0]]
    for unit in police:
        net.block(ops, unit, [BEFORE])
    net.block(ops, city["police_hq"][0], [AFTER])
    net.tie(ops, local["police_station"][0], 0.0, 1.0)
    everyone = before + after + shared + referred
    net.family_teams(after, "– Nowa Praga", p=0.35)
    net.violence_groups(
        everyone,
        "– Nowa Praga",
        sa=ops,
        police=police,
        school=local["school"][0],
        court=city["court"][0],
    )

    net.draw_cooperation()
    net.check()
    net.gap_co_serving(
        ops,
        school_c,
        WAVES,
        "The school and the OPS support the same children's families without "
        "talking to each other.",
    )
    net.gap_sa_without_tie(
        ops,
        ["police"],
        pn,
        [BEFORE],
        "In the after wave the OPS cooperates with the district's police "
        "station (not with the headquarters).",
        tied_after=[local["police_station"][0]],
        untied_after=[city["police_hq"][0]],
    )
    net.gap_unanswered(clinic, "Families referred to therapy often hear nothing back.")
    net.gap_group_sectors(
        part,
        ["health", "justice"],
        [AFTER],
        "The neighbourhood partnership has no health-care member and no "
        "family court or probation officer.",
    )

    descriptor = {
        "name": "praski-kokon",
        "title": "Praski kokon – Nowa Praga, Warszawa Praga-Północ (przykład)",
        "description": (
            "Example cooperation network modelled on the project „Praski kokon” (2017-2021; "
            "Miasto Stołeczne Warszawa / Biuro Pomocy with Stowarzyszenie Otwarte Drzwi, "
            "Fundacja Wspierania Rodzin „Korale”, Stowarzyszenie CAL and OPS Praga-Północ): "
            "the institutions around families of the Nowa Praga quarter, a neighbourhood "
            "partnership and family task teams. Real names of the project and partners; "
            "everything else synthetic."
        ),
        "profile": "tabular-data-package",
        "pseudonymised": True,
        "project": project,
        "waves": {
            BEFORE: f"{t.start} - 2019-03-14 (diagnosis and model)",
            AFTER: f"{t.pilot} - {t.end} (testing the model)",
        },
        "licence": "CC0-1.0 (synthetic data)",
    }
    readme = _readme(
        net,
        title="Praski kokon (example dataset)",
        intro=(
            "The institutions around families at risk of inherited poverty in **Nowa Praga**, "
            "a quarter of the Warsaw district **Praga-Północ** (between ul. Starzyńskiego, "
            "Wybrzeże Helskie, Al. Solidarności and ul. Szwedzka), modelled on the project "
            "**„Praski kokon”** (PO WER 2014-2020, Działanie 4.1 Innowacje społeczne; "
            "03.04.2017 - 14.08.2021). The project built a *Model Przeciwdziałania "
            "Dziedziczeniu Biedy* that supports the whole family in its neighbourhood through "
            "cooperation of local bodies and coordination of their work. The dataset has the "
            "city's lead office, OPS Praga-Północ, the three NGO partners, schools, "
            "preschools, day-support centres, police, health care, a neighbourhood partnership "
            "(`partnership`), the district's interdisciplinary team (ZI) with its GDP groups, "
            "and task teams (ZZK) around families."
        ),
        real=[
            "The project's name, phases and dates, and the area: Warsaw, district "
            "Praga-Północ, the Nowa Praga quarter.",
            "The institutions named in the seed documents (`name_source = seed`): Miasto "
            "Stołeczne Warszawa / Biuro Pomocy (lead), Ośrodek Pomocy Społecznej Dzielnicy "
            "Praga-Północ m.st. Warszawy, Stowarzyszenie Otwarte Drzwi, Fundacja Wspierania "
            "Rodzin „Korale”, Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL; and "
            "Mazowieckie Centrum Polityki Społecznej (named in the Liderzy Kooperacji seed), "
            "here only as the regional body. The NGOs are placed in Praga-Północ because they "
            "worked there in the project, not because of their registered seats.",
            "Bodies every Warsaw district or the city has, under generic function names "
            "(`name_source = generic`): the district office, police station and headquarters, "
            "family court and probation officers, labour office, crisis intervention centre, "
            "counselling and mental-health clinics, housing administration, ...",
        ],
        invented=[
            "Schools, preschools, day-support centres, clinics, libraries, parishes and the "
            "nine other NGOs, all named with letters (*Szkoła Podstawowa A – Nowa Praga*): "
            "they stand for no real school or organisation.",
            "Every tie, group, membership, person, family, service and referral; who sits in "
            "the partnership is invented.",
        ],
        codes=[
            "All codes are real: mazowieckie 14, Warszawa (city with powiat rights) 1465, "
            "the city as a gmina 1465011, district Praga-Północ 1465088 (7th digit 8: a "
            "district of Warsaw).",
            "City-wide offices sit at 1465011 (the lead) or 1465 (city-wide services at the "
            "powiat level); district bodies and all families at 1465088.",
        ],
        waves=(
            f"`{BEFORE}`: the diagnosis phase and the time up to the test ({t.start} - "
            f"2019-03-14); `{AFTER}`: the test of the model ({t.pilot} - {t.end}). The "
            "partnership and the family task teams exist only in the after wave."
        ),
        invented_codes=False,
    )
    return net, descriptor, readme


# =============================================================================== Zawsze rodzina


def zawsze_rodzina() -> tuple[Net, dict[str, Any], str]:
    project = "Zawsze rodzina"
    t = Timeline(history="2005-01-01", start="2019-07-01", pilot="2020-07-01", end="2023-06-30")
    net = Net("zawsze-rodzina", t)
    net.territory("12", VOIVODESHIP_CODES["12"])
    net.territory("1261", "Kraków")
    kr = net.territory("1261011", "Kraków")
    mops = net.add(
        "1261011-MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Krakowie",
        "ops",
        kr,
        project=project,
        source=SEED_NAME,
    )
    wpsiz = net.add(
        "1261011-WPSIZ",
        "Gmina Miejska Kraków – Wydział Polityki Społecznej i Zdrowia",
        "municipal_office",
        kr,
        project=project,
        source=SEED_NAME,
    )
    rops = net.add(
        "12-ROPS",
        "Regionalny Ośrodek Polityki Społecznej (województwo małopolskie)",
        "rops",
        "12",
        source=GENERIC_NAME,
    )
    uw = net.add(
        "12-UW", "Małopolski Urząd Wojewódzki", "voivodeship_office", "12", source=GENERIC_NAME
    )
    net.tie(mops, wpsiz, 1.0, 1.0, kind="agreement")
    net.tie(rops, uw, 1.0, 1.0)
    net.tie(rops, mops, 0.7, 0.9)
    net.tie(wpsiz, uw, 0.5, 0.6)

    city = net.synthetic_units(
        "1261",
        "(Kraków)",
        [
            ("pcpr", 1),
            ("foster_care_organiser", 2),
            ("care_institution", 3),
            ("foster_family", 6),
            ("court", 2),
            ("police_hq", 1),
            ("pup", 1),
            ("ppp", 3),
            ("hospital", 2),
            ("mental_health", 2),
            ("oik", 1),
            ("dps", 1),
            ("other", 1),
        ],
        level="powiat",
        letters=True,
        names={
            "pcpr": "Zespół zadań powiatowych pomocy rodzinie",
            "foster_care_organiser": "Zespół organizatora rodzinnej pieczy zastępczej",
            "foster_family": "Rodzina zastępcza / rodzinny dom dziecka",
            "court": "Sąd Rejonowy – Wydział Rodzinny i Nieletnich, kuratorzy",
            "police_hq": "Komenda Miejska Policji",
            "pup": "Urząd pracy",
            "hospital": "Szpital",
            "ppp": "Poradnia Psychologiczno-Pedagogiczna",
            "mental_health": "Poradnia Zdrowia Psychicznego dla Dzieci i Młodzieży",
            "oik": "Ośrodek Interwencji Kryzysowej",
            "dps": "Dom Pomocy Społecznej",
            "other": "Ośrodek adopcyjny",
        },
    )
    for type_ in ("police_hq", "pup", "oik"):
        net.inst[city[type_][0]]["name_source"] = GENERIC_NAME
    local = net.synthetic_units(
        kr,
        "(Kraków)",
        [
            ("school", 10),
            ("preschool", 3),
            ("day_support", 5),
            ("poz", 5),
            ("police_station", 4),
            ("ngo", 12),
            ("parish", 2),
            ("library", 1),
            ("culture_centre", 1),
            ("cis_kis", 1),
            ("housing_office", 1),
            ("gkrpa", 1),
            ("sports_club", 2),
        ],
        level="gmina",
        letters=True,
        names={
            "day_support": "Placówka wsparcia dziennego",
            "poz": "Przychodnia POZ",
            "police_station": "Komisariat Policji",
            "ngo": "Organizacja pozarządowa",
            "parish": "Parafia",
            "library": "Biblioteka",
            "culture_centre": "Dom kultury",
            "gkrpa": "Miejska Komisja Rozwiązywania Problemów Alkoholowych",
            "sports_club": "Klub sportowy",
        },
    )
    for type_ in ("gkrpa", "housing_office", "cis_kis", "library", "culture_centre"):
        net.inst[local[type_][0]]["name_source"] = GENERIC_NAME
    suo_providers = local["ngo"][:3]
    _rename(
        net,
        suo_providers,
        [f"Fundacja wspierająca dzieci z niepełnosprawnością {x} (Kraków)" for x in "ABC"],
    )
    foster_ngo = local["ngo"][3]
    _rename(net, [foster_ngo], ["Stowarzyszenie rodzin zastępczych D (Kraków)"])
    local["ops"] = [mops]
    local["municipal_office"] = [wpsiz]
    higher = {t_: ids[0] for t_, ids in city.items()}
    net.local_ties(mops, wpsiz, local, higher)
    net.powiat_ties(city, city["pcpr"][0], None)
    net.tie(city["pcpr"][0], mops, 1.0, 1.0)
    organiser = city["foster_care_organiser"][0]
    for unit in city["foster_family"] + city["care_institution"] + [foster_ngo]:
        net.tie(unit, organiser, 0.8, 1.0)
    net.tie(organiser, mops, 1.0, 1.0)
    for p in suo_providers:
        net.tie(p, mops, 0.6, 1.0, kind="agreement")
    _standard_staff(net, {**local, **city}, sa_workers=12, assistants=24, coordinator=False)

    # groups
    zi = _zi(net, kr, "w Krakowie", local, higher, skip_sectors=("health",))
    foster = net.group(
        "1261-PIECZA",
        "Zespół ds. pieczy zastępczej projektu „Zawsze rodzina”",
        "other",
        "1261",
        t.pilot,
        project=project,
        level="powiat",
    )
    net.member(foster, organiser, "coordinator", AFTER)
    for i in [
        mops,
        wpsiz,
        city["pcpr"][0],
        city["foster_care_organiser"][1],
        *city["care_institution"],
        *city["foster_family"][:3],
        foster_ngo,
        city["court"][0],
        city["ppp"][1],
        city["mental_health"][0],
    ]:
        net.member(foster, i, "member", AFTER)
    suo = net.group(
        "1261011-SUO",
        "Zespół ds. usług dla rodzin dzieci z niepełnosprawnością",
        "other",
        kr,
        t.pilot,
        project=project,
        level="gmina",
    )
    net.member(suo, mops, "coordinator", AFTER)
    for i in [
        *suo_providers,
        local["poz"][0],
        city["hospital"][0],
        city["mental_health"][1],
        wpsiz,
    ]:
        net.member(suo, i, "member", AFTER)

    # families (the numbers of the seed documents)
    pool = _pool(net, kr, "1261")
    assistants = [
        p["id"] for p in net.persons if p["institution"] == mops and p["role"] == "family_assistant"
    ]
    workers = [
        p["id"] for p in net.persons if p["institution"] == mops and p["role"] == "social_worker"
    ]
    clinic = city["mental_health"][0]
    net.no_answer[clinic] = 0.65  # planted: the children's mental-health clinic rarely answers
    ppp_a = city["ppp"][0]
    context = net.cohort(
        150,
        kr,
        problems=TOWN_PROBLEMS,
        must=[(mops, None, 0.95)],
        pool=pool,
        coordinators=workers,
        p_coordinator=0.15,
        plan=PLAN_BEFORE,
        entry=(t.start, "2020-06-15"),
    )
    fa = net.cohort(
        328,
        kr,
        problems={
            "parenting": 1.0,
            "poverty": 0.5,
            "unemployment": 0.3,
            "addiction": 0.15,
            "domestic_violence": 0.12,
            "long_illness": 0.1,
            "disability": 0.1,
            "housing": 0.1,
        },
        must=[
            (mops, "family_assistant", 1.0),
            (ppp_a, "counselling", 0.12),
            (clinic, "therapy", 0.05),
        ],
        pool=pool,
        children=(1, 3),
        adults=(1, 2),
        total_size=1148,
        coordinators=assistants,
        p_coordinator=0.9,
        plan=PLAN_AFTER,
        entry=(t.pilot, "2023-01-31"),
        service_start=t.pilot,
    )
    disabled = net.cohort(
        120,
        kr,
        problems={"disability": 1.0, "long_illness": 0.3, "poverty": 0.3},
        must=[
            (tuple(suo_providers), "specialist_care", 1.0),
            (mops, "social_work", 0.7),
            (clinic, "therapy", 0.2),
        ],
        pool=pool,
        children=(1, 3),
        adults=(1, 2),
        total_size=420,
        coordinators=workers,
        p_coordinator=0.4,
        plan=PLAN_AFTER,
        entry=(t.pilot, "2023-01-31"),
        service_start=t.pilot,
        extra=(0, 1),
    )
    fosters = net.cohort(
        175,
        kr,
        problems={},
        must=[(organiser, "foster_training", 1.0), (foster_ngo, "counselling", 0.3)],
        pool=[city["pcpr"][0], city["ppp"][1], city["mental_health"][1]],
        extra=(0, 1),
        children=(1, 4),
        adults=(1, 2),
        entry=(t.pilot, "2023-01-31"),
        service_start=t.pilot,
        referrals=0.4,
    )
    candidates = net.cohort(
        120,
        kr,
        problems={},
        must=[(organiser, "foster_training", 1.0)],
        pool=[city["foster_care_organiser"][1]],
        extra=(0, 0),
        children=(0, 0),
        adults=(1, 2),
        entry=(t.pilot, "2023-01-31"),
        service_start=t.pilot,
        referrals=0.2,
    )
    net.block(mops, ppp_a)
    police = [*local["police_station"], city["police_hq"][0]]
    for unit in police:
        net.block(mops, unit, [BEFORE])
    net.tie(mops, city["police_hq"][0], 0.0, 1.0)
    net.tie(mops, local["police_station"][0], 0.0, 1.0)
    net.family_teams(fa, "w Krakowie", p=0.25)
    net.violence_groups(
        context + fa,
        "w Krakowie",
        sa=mops,
        police=police,
        school=local["school"][0],
        court=city["court"][0],
    )
    del disabled, fosters, candidates

    net.draw_cooperation()
    net.check()
    net.gap_co_serving(
        mops,
        ppp_a,
        WAVES,
        "Family assistants of MOPS and the counselling centre work with the "
        "same families without a tie.",
    )
    net.gap_sa_without_tie(
        mops,
        ["police"],
        kr,
        [BEFORE],
        "Before the project MOPS reports no tie to any police unit; after "
        "it, to the city headquarters and one station.",
        tied_after=[city["police_hq"][0], local["police_station"][0]],
    )
    net.gap_unanswered(
        clinic, "Families referred to the children's mental-health clinic often get no answer."
    )
    net.gap_group_sectors(
        zi, ["health"], WAVES, "The interdisciplinary team of Kraków has no health-care member."
    )
    net.gap_group_sectors(
        suo,
        ["education"],
        [AFTER],
        "The team for families of disabled children has no school or counselling centre.",
    )

    descriptor = {
        "name": "zawsze-rodzina",
        "title": "Zawsze rodzina – Kraków (przykład)",
        "description": (
            "Example network modelled on the project „Zawsze rodzina” (2020-2023; Gmina "
            "Miejska Kraków, carried out by MOPS Kraków and the Wydział Polityki Społecznej i "
            "Zdrowia): family assistants for 328 families, specialist care services for 120 "
            "families of children with disabilities, workshops for 175 foster families and "
            "training for 120 candidates, and the foster-care bodies of the city. Real names of "
            "the project and its institutions and the numbers of participants; everything else "
            "synthetic."
        ),
        "profile": "tabular-data-package",
        "pseudonymised": True,
        "project": project,
        "waves": {
            BEFORE: f"{t.start} - 2020-06-30 (before the project)",
            AFTER: f"{t.pilot} - {t.end} (the project)",
        },
        "licence": "CC0-1.0 (synthetic data)",
    }
    readme = _readme(
        net,
        title="Zawsze rodzina (example dataset)",
        intro=(
            "The institutions around families in crisis in **Kraków**, modelled on the project "
            "**„Zawsze rodzina”** (EU funds 2014-2020; 01.07.2020 - 30.06.2023; beneficiary "
            "Gmina Miejska Kraków, carried out by the Miejski Ośrodek Pomocy Społecznej and the "
            "Wydział Polityki Społecznej i Zdrowia). The project offered family assistants, "
            "specialist care services for families of children with disabilities, workshops "
            "for foster families and training for candidates. The dataset has MOPS and the "
            "city department, schools, clinics, police, NGOs providing care services, the "
            "foster-care bodies of the city (organiser of family foster care, residential "
            "institutions, foster families, an adoption centre), the interdisciplinary team "
            "(ZI), two project teams (type `other`) and the families of the four groups of "
            "participants."
        ),
        real=[
            "The project's name, period, beneficiary and the two bodies that carried it out "
            "(`name_source = seed`): Miejski Ośrodek Pomocy Społecznej w Krakowie and Gmina "
            "Miejska Kraków – Wydział Polityki Społecznej i Zdrowia.",
            "The numbers of participants in the seed document: 328 families with a family "
            "assistant (1,148 people: their family sizes add up to 1,148), 120 families of "
            "children with disabilities receiving specialist care services (420 people: sizes "
            "add up to 420), 175 foster families in workshops and 120 candidates for foster "
            "care (each modelled as one household; the seed's 195 workshop participants are "
            "carers, not household members, so sizes there are invented).",
            "Bodies every voivodeship or city with powiat rights has, under generic names "
            "(`name_source = generic`): the regional social policy centre, the voivodeship "
            "office, the city police headquarters, the labour office, the crisis "
            "intervention centre, ...",
        ],
        invented=[
            "Every other institution and its name, all lettered (*Przychodnia POZ C (Kraków)*, "
            "*Fundacja wspierająca dzieci z niepełnosprawnością A (Kraków)*); the split of the "
            "city's foster-care tasks between bodies (in Kraków some of them belong to MOPS) is "
            "a model, not a description of the city's organisation.",
            "Every tie, group, membership, person, family, service and referral, and the "
            "150 families of MOPS before the project that give the before wave its content.",
        ],
        codes=[
            "All codes are real: małopolskie 12, Kraków (city with powiat rights) 1261, the "
            "gmina Kraków 1261011. City-level services sit at 1261, local ones at 1261011.",
        ],
        waves=(
            f"`{BEFORE}`: the year before the project ({t.start} - 2020-06-30); `{AFTER}`: the "
            f"project ({t.pilot} - {t.end}). The project teams and the family task teams "
            "exist only in the after wave."
        ),
        invented_codes=False,
    )
    return net, descriptor, readme


BUILDERS: dict[str, Callable[[], tuple[Net, dict[str, Any], str]]] = {
    "liderzy-kooperacji": liderzy_kooperacji,
    "kooperacja-efektywna": kooperacja_efektywna,
    "praski-kokon": praski_kokon,
    "zawsze-rodzina": zawsze_rodzina,
}


def build(out: Path, names: list[str] | None = None) -> list[Path]:
    """Write the datasets (all by default) under ``out``; return their folders."""
    written = []
    for name in names or list(BUILDERS):
        net, descriptor, readme = BUILDERS[name]()
        folder = out / name
        net.write(folder, descriptor, readme)
        written.append(folder)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "datasets",
        help="folder to write the datasets into (default: datasets/)",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"datasets to build (default: all of {', '.join(BUILDERS)})",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(BUILDERS))
    if unknown:
        parser.error(f"unknown dataset(s): {', '.join(unknown)}")
    for folder in build(args.out, args.names or None):
        print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
