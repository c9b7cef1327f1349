"""Collecting the network: survey forms out, answers in.

Sits beside :mod:`kokon_graph.io`: it writes questionnaires from a
:class:`~kokon_graph.io.Dataset` and turns the answers into the cooperation rows
of a new one; everything after it (graph, analysis, maps, reports) is unchanged.

::

    from kokon_graph import read_dataset
    from kokon_graph.survey import import_answers, survey_status, write_forms, write_survey_dataset

    ds = read_dataset("datasets/liderzy-kooperacji")
    write_forms(ds, "survey", scope="gmina:1441812", wave="2026")
    # ... forms come back into survey/answers/ ...
    print(survey_status("survey").summary)
    result = import_answers(ds, "survey", wave="2026", rule="union")
    write_survey_dataset(result, "liderzy-2026")
"""

from __future__ import annotations

from kokon_graph.survey.fill import fill_form
from kokon_graph.survey.forms import FormSet, candidates, form_file_name, write_forms
from kokon_graph.survey.importer import SurveyImport, import_answers, write_survey_dataset
from kokon_graph.survey.status import SurveyStatus, survey_status
from kokon_graph.survey.ties import RULES, one_sided_share, ties_from_reports

__all__ = [
    "RULES",
    "FormSet",
    "SurveyImport",
    "SurveyStatus",
    "candidates",
    "fill_form",
    "form_file_name",
    "import_answers",
    "one_sided_share",
    "survey_status",
    "ties_from_reports",
    "write_forms",
    "write_survey_dataset",
]
