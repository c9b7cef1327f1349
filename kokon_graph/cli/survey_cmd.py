"""``kokon-graph survey``: forms out, status, answers in."""

from __future__ import annotations

from typing import Any

import click

from kokon_graph import model
from kokon_graph.cli._common import dataset_options, echo_table, lang_option, load_dataset
from kokon_graph.cli._help import KokonGroup, bi, pl_doc
from kokon_graph.errors import Problem, SurveyError
from kokon_graph.lang import current_lang, tr

_RULE_HELP = bi(
    "Jak jednostronne i brakujące odpowiedzi stają się powiązaniami: union (podaje je "
    "którakolwiek strona), intersection (obie strony), reconstruction (powiązania instytucji, "
    "która nie odpowiedziała, odtworzone z odpowiedzi jej partnerów; Stork i Richards 1992, "
    "Huisman 2009).",
    "How one-sided and missing answers become ties: union (either side reports it), "
    "intersection (both sides), reconstruction (a non-respondent's ties rebuilt from its "
    "partners' reports; Stork & Richards 1992, Huisman 2009).",
)


@click.group(cls=KokonGroup)
@pl_doc(
    """Zbierz dane o sieci: ankiety dla instytucji i ich odpowiedzi zamienione na powiązania.

    \b
    Przykład:
      kokon-graph survey forms datasets/liderzy-kooperacji --scope gmina:1441812 \\
          --wave 2026 --out survey
      kokon-graph survey status survey
      kokon-graph survey import survey --dataset datasets/liderzy-kooperacji \\
          --wave 2026 --out liderzy-2026
    """
)
def survey() -> None:
    """Collect the network: survey forms for institutions, and their answers turned into ties.

    \b
    Example:
      kokon-graph survey forms datasets/liderzy-kooperacji --scope gmina:1441812 \\
          --wave 2026 --out survey
      kokon-graph survey status survey
      kokon-graph survey import survey --dataset datasets/liderzy-kooperacji \\
          --wave 2026 --out liderzy-2026
    """


@survey.command()
@pl_doc(
    """Zapisz po formularzu XLSX dla każdej instytucji zakresu ZAKRES, szablon CSV i survey.json.

    Każdy formularz wymienia każdego możliwego partnera z odpowiedziami z listy
    rozwijanej; edytować można tylko komórki odpowiedzi. Zwrócone formularze
    trafiają do OUT/answers/.

    \b
    Przykład:
      kokon-graph survey forms datasets/liderzy-kooperacji --scope gmina:1441812 \\
          --wave 2026 --out survey
    """
)
@click.argument("dataset", metavar="DATASET")
@click.option(
    "--scope",
    required=True,
    metavar="SCOPE",
    help=bi("gmina:KOD albo powiat:KOD.", "gmina:CODE or powiat:CODE."),
)
@click.option(
    "--wave",
    required=True,
    metavar="WAVE",
    help=bi("Nazwa fali badania (2026).", "Name of the survey wave (2026)."),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help=bi("Nowy folder.", "New folder."),
)
@lang_option
@dataset_options
def forms(dataset: str, scope: str, wave: str, out: str, lang: str, **read: Any) -> None:
    """Write one XLSX form per institution of SCOPE, a CSV template and survey.json.

    Each form lists every candidate partner with drop-down answers; only the
    answer cells can be edited. Returned forms go into OUT/answers/.

    \b
    Example:
      kokon-graph survey forms datasets/liderzy-kooperacji --scope gmina:1441812 \\
          --wave 2026 --out survey
    """
    from kokon_graph.survey import write_forms

    ds = load_dataset(dataset, **read)
    result = write_forms(ds, out, scope=scope, wave=wave, lang=lang)  # type: ignore[arg-type]
    folder = result.folder
    click.echo(
        tr(
            f"Zapisano formularze: {len(result.respondents)} w {folder}/forms (szablon: "
            f"{folder}/template.csv); zwrócone formularze umieść w {folder}/answers/",
            f"{len(result.respondents)} forms written to {folder}/forms "
            f"(template: {folder}/template.csv); put the returned forms in {folder}/answers/",
        )
    )


_STATUS_WORDS = {
    "pl": {
        "place": "miejsce",
        "sector": "sektor",
        "asked": "wysłane",
        "complete": "pełne",
        "incomplete": "niepełne",
        "empty": "puste",
        "invalid": "z błędami",
        "missing": "brak",
        "rate": "odsetek",
        "id": "kod",
        "status": "stan",
        "name": "nazwa",
        "total": "razem",
    },
    "en": {},
}


@survey.command()
@pl_doc(
    """Które formularze wróciły, a których brak, które są puste lub niepełne, według gminy i
    sektora.

    FOLDER to folder zapisany przez `survey forms`; zwrócone formularze są czytane z
    FOLDER/answers/.

    \b
    Przykład:
      kokon-graph survey status survey
    """
)
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help=bi(
        "Wypisz każdego respondenta, nie tylko tych, o których trzeba się upomnieć.",
        "List every respondent, not only those to chase.",
    ),
)
@lang_option
def status(folder: str, show_all: bool, lang: str) -> None:
    """Which forms came back, which are missing, empty or incomplete, per gmina and sector.

    DIR is the folder written by `survey forms`; returned forms are read from DIR/answers/.

    \b
    Example:
      kokon-graph survey status survey
    """
    from kokon_graph.survey import survey_status

    # the table is read on screen: in the language of messages unless --lang is given
    given = click.get_current_context().get_parameter_source("lang")
    if given is not click.core.ParameterSource.COMMANDLINE:
        lang = current_lang()
    words = _STATUS_WORDS.get(lang, {})

    def word(key: str) -> str:
        return words.get(key, key)

    result = survey_status(folder)
    counts = ("asked", "complete", "incomplete", "empty", "invalid", "missing")
    rows = [
        (
            word("total") if r["place"] == "total" else str(r["place"]),
            model.SECTORS.label(str(r["sector"]), lang) if r["sector"] else "",  # type: ignore[arg-type]
            *(str(int(r[c])) for c in counts),
            f"{100 * float(r['response_rate']):.0f}%",
        )
        for _, r in result.summary.iterrows()
    ]
    echo_table(rows, header=tuple(word(k) for k in ("place", "sector", *counts, "rate")))
    chase = result.respondents
    if not show_all:
        chase = chase[chase["status"] != "complete"]
    if len(chase):
        click.echo("")
        echo_table(
            [(str(r["id"]), word(str(r["status"])), str(r["name"])) for _, r in chase.iterrows()],
            header=(word("id"), word("status"), word("name")),
        )


def _echo_problems(problems: list[Problem], limit: int = 200) -> None:
    for problem in problems[:limit]:
        click.echo(f"  {problem}")
    if len(problems) > limit:
        more = len(problems) - limit
        click.echo(tr(f"  ... i {more} więcej", f"  ... and {more} more"))


@survey.command(name="import")
@pl_doc(
    """Sprawdź każdy zwrócony formularz i zapisz nowy zbiór danych z powiązaniami fali.

    Każdy problem jest wypisany z plikiem, arkuszem, wierszem i kolumną; nic
    nie jest zapisywane, dopóki któryś formularz jest niepoprawny (chyba że
    --skip-invalid).

    \b
    Przykład:
      kokon-graph survey import survey --dataset datasets/liderzy-kooperacji \\
          --wave 2026 --rule reconstruction --out liderzy-2026
    """
)
@click.argument("source", metavar="DIR|FILE.csv", type=click.Path(exists=True))
@click.option(
    "--dataset",
    "dataset_path",
    required=True,
    metavar="DATASET",
    help=bi("Zbiór danych, z którego zapisano formularze.", "Dataset the forms were written from."),
)
@click.option(
    "--wave",
    required=True,
    metavar="WAVE",
    help=bi("Fala, dla której zapisano formularze.", "Wave the forms were written for."),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help=bi("Folder nowego zbioru danych.", "New dataset folder."),
)
@click.option(
    "--rule",
    type=click.Choice(["union", "intersection", "reconstruction"]),
    default="union",
    show_default=True,
    help=_RULE_HELP,
)
@click.option(
    "--scope",
    default=None,
    metavar="SCOPE",
    help=bi("Zakres badania (domyślnie: z formularzy).", "Survey scope (default: from the forms)."),
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help=bi(
        "Pomiń niepoprawne formularze (są wypisane) zamiast przerywać.",
        "Leave invalid forms out (listed) instead of stopping.",
    ),
)
@click.option(
    "--add-new",
    is_flag=True,
    help=bi(
        "Dodaj partnerów wpisanych w wolnych wierszach jako nowe instytucje.",
        "Add partners typed in the free rows as new institutions.",
    ),
)
@dataset_options
def import_command(
    source: str,
    dataset_path: str,
    wave: str,
    out: str,
    rule: str,
    scope: str | None,
    skip_invalid: bool,
    add_new: bool,
    **read: Any,
) -> None:
    """Check every returned form and write a new dataset with the wave's ties.

    Every problem is listed with file, sheet, row and column; nothing is
    written while any form is invalid (unless --skip-invalid).

    \b
    Example:
      kokon-graph survey import survey --dataset datasets/liderzy-kooperacji \\
          --wave 2026 --rule reconstruction --out liderzy-2026
    """
    from kokon_graph.survey import import_answers, write_survey_dataset

    ds = load_dataset(dataset_path, **read)
    try:
        result = import_answers(
            ds,
            source,
            wave=wave,
            rule=rule,  # type: ignore[arg-type]
            scope=scope,
            skip_invalid=skip_invalid,
            add_new=add_new,
        )
    except SurveyError as err:
        if len(err.problems) == 1 and err.problems[0].row is None:
            raise
        n = len(err.problems)
        click.echo(
            tr(f"{source}: NIEPOPRAWNE, problemy: {n}:", f"{source}: INVALID, {n} problems:")
        )
        _echo_problems(err.problems)
        click.echo(
            tr(
                "Nic nie zapisano. Popraw formularze albo pomiń je opcją --skip-invalid.",
                "Nothing written. Fix the forms, or leave them out with --skip-invalid.",
            )
        )
        raise SystemExit(2) from None
    write_survey_dataset(result, out)
    s = result.summary
    rule = model.SURVEY_RULES.label(s["rule"], current_lang()) if s["rule"] else ""
    click.echo(
        tr(
            f"{out}: fala {s['wave']!r} zakresu {s['scope']}, reguła: {rule}: odpowiedziało "
            f"{s['answered']} z {s['asked']} instytucji ({100 * s['response_rate']:.0f}%), "
            f"powiązania: {s['ties']}, z nich {100 * s['one_sided_share']:.0f}% zgłoszonych "
            "tylko przez jedną stronę",
            f"{out}: wave {s['wave']!r} of {s['scope']}, rule {s['rule']}: {s['answered']} of "
            f"{s['asked']} institutions answered ({100 * s['response_rate']:.0f}%), "
            f"{s['ties']} ties, {100 * s['one_sided_share']:.0f}% of them reported by one side "
            "only",
        )
    )
    if result.skipped:
        click.echo(
            tr(
                f"Pominięte jako niepoprawne ({len(result.skipped)}):",
                f"Left out as invalid ({len(result.skipped)}):",
            )
        )
        _echo_problems([p for f in result.skipped for p in f.errors])
    if result.warnings:
        click.echo(
            tr(f"Ostrzeżenia ({len(result.warnings)}):", f"Warnings ({len(result.warnings)}):")
        )
        _echo_problems(result.warnings)
