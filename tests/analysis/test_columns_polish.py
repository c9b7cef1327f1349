"""Every documented column has its description in Polish (the column guide of a Polish
report reads it), and the report shows the description in the report's language."""

from __future__ import annotations

from kokon_graph.analysis.results import REGISTRY
from kokon_graph.report._docs import column_text


def test_every_documented_column_has_a_polish_description() -> None:
    missing = [
        f"{name}.{column}: {doc.description!r}"
        for name, result in REGISTRY.items()
        for column, doc in result.columns.items()
        if not doc.description_pl or doc.description_pl == doc.description
    ]
    assert missing == []


def test_the_column_guide_speaks_the_reports_language() -> None:
    assert column_text("centrality", "degree", "pl").description == (
        "więzi wysłane plus otrzymane (widok skierowany, bez wag)"
    )
    assert column_text("centrality", "degree", "en").description == (
        "ties sent plus ties received (directed view, unweighted)"
    )
    # a description composed from another (a territory's measures) is translated by parts
    assert column_text("network_territories", "institutions", "pl").description == (
        "instytucje w zakresie (n); instytucje położone na terytorium i powiązania między nimi"
    )
