"""Regenerate the generated parts of docs/dataset-format.md and docs/measures.md from the code.

The table columns come from kokon_graph/io/schema.py and the vocabularies from
kokon_graph/model.py, so the documentation cannot drift from what the reader
accepts; the result columns of docs/measures.md come from the result registry
(kokon_graph/analysis/results.py). `python scripts/gen_dataset_docs.py` rewrites
the files; `--check` exits 1 if one is out of date (a test runs that).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kokon_graph import model
from kokon_graph.analysis.results import update_markdown
from kokon_graph.io.schema import TABLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "dataset-format.md"
MEASURES_DOC = DOC.parent / "measures.md"


def tables_markdown() -> str:
    out = []
    for table in TABLES:
        required = "required" if table.name == "institutions" else "optional"
        aliases = ", ".join(f"`{a}`" for a in table.aliases)
        out.append(f"### `{table.name}` ({required})\n")
        out.append(
            f"{table.description[0].upper()}{table.description[1:]}. "
            f"File `{table.name}.csv` or sheet `{table.name}`; also accepted: {aliases}."
        )
        if table.keeps_extra_columns:
            out.append("Extra columns are kept as attributes.")
        elif table.about_families:
            out.append(
                "Columns that look like names, PESEL, addresses, phone numbers, e-mail "
                "addresses or dates of birth are refused; other extra columns are ignored "
                "with a warning."
            )
        else:
            out.append("Extra columns are ignored with a warning.")
        out.append("")
        out.append("| column | type | required | meaning | also accepted as |")
        out.append("|---|---|---|---|---|")
        for col in table.columns:
            need = "yes" if col.required and col.nonempty else ("column" if col.required else "")
            kind = col.kind
            if col.vocab is not None:
                kind = f"{kind}: {col.vocab.name}"
            if col.ref is not None:
                kind = f"{kind} → {col.ref}"
            aliases = ", ".join(f"`{a}`" for a in col.aliases)
            text = col.description.replace("|", "\\|")
            out.append(f"| `{col.name}` | {kind} | {need} | {text} | {aliases} |")
        out.append("")
    return "\n".join(out)


def vocabularies_markdown() -> str:
    out = []
    for vocab in model.VOCABULARIES.values():
        is_type = vocab is model.INSTITUTION_TYPES
        out.append(f"### {vocab.name}\n")
        out.append("| value | Polish | English |" + (" sector | level |" if is_type else ""))
        out.append("|---|---|---|" + ("---|---|" if is_type else ""))
        for t in vocab:
            extra = f" {t.sector or ''} | {t.level or ''} |" if is_type else ""
            out.append(f"| `{t.code}` | {t.pl} | {t.en} |{extra}")
        out.append("")
    return "\n".join(out)


SECTIONS = {"tables": tables_markdown, "vocabularies": vocabularies_markdown}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"{DOC}: marker <!-- {name}:start --> missing")
        text = pattern.sub(lambda m, make=make: m.group(1) + make() + m.group(2), text)
    return text


def main() -> int:
    stale = 0
    for doc, make in ((DOC, render), (MEASURES_DOC, update_markdown)):
        current = doc.read_text(encoding="utf-8")
        updated = make(current)
        if "--check" not in sys.argv[1:]:
            doc.write_text(updated, encoding="utf-8")
        elif updated != current:
            print(f"{doc} is out of date: run python scripts/gen_dataset_docs.py")
            stale = 1
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
