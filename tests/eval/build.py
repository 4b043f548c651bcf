"""Turn the labelled agreements in ``agreements/*.yaml`` into real .docx files for evaluating review.

The YAML is the ground truth; the .docx is how the review engine sees it. To make the files look like
what people send, the builder splits some paragraphs across several differently formatted runs, uses
Word's automatic numbering where a paragraph says ``numbered: true``, and writes the tracked changes a
paragraph asks for (``tracked: {inserted, deleted}``) as another author's ``w:ins`` / ``w:del``. The
``text`` of a paragraph is always its current view: inserted text included, deleted text excluded.

Each document starts with its ``title`` as a Title-style paragraph, which carries no labels.

Usage: ``python tests/eval/build.py OUT_DIR [SOURCE_DIR]`` (default source: ``agreements/``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

AGREEMENTS = Path(__file__).resolve().parent / "agreements"
REVISION_AUTHOR = "Outside Counsel"
REVISION_DATE = "2024-01-15T09:30:00Z"
EAST_ASIAN_FONT = {"zh-Hans": "SimSun", "zh-Hant": "PMingLiU"}
SPLIT_EVERY = 3  # every third plain paragraph is written as three runs, the middle one bold
MIN_SPLIT_LENGTH = 12


def load_agreements(folder: Path = AGREEMENTS) -> list[dict[str, Any]]:
    """Every agreement, in file-name order."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))]


def expected_texts(agreement: dict[str, Any]) -> list[str]:
    """The current-view text of every body paragraph the built .docx has, in document order."""
    texts = [agreement["title"]]
    for item in agreement["paragraphs"]:
        if "table" in item:
            texts.extend(cell for row in item["table"] for cell in row)
        else:
            texts.append(item["text"])
    return texts


def build_all(out_dir: Path, folder: Path = AGREEMENTS) -> list[tuple[Path, dict[str, Any]]]:
    """Build every agreement of ``folder`` into ``out_dir`` (created if needed); return each file with its data."""
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for agreement in load_agreements(folder):
        path = out_dir / f"{agreement['id']}.docx"
        build_docx(agreement, path)
        built.append((path, agreement))
    return built


def build_docx(agreement: dict[str, Any], path: Path) -> None:
    """Write one agreement as a .docx at ``path``."""
    document = Document()
    document.core_properties.title = agreement["title"]
    font = EAST_ASIAN_FONT.get(agreement["language"])
    if font:
        document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.add_paragraph(agreement["title"], style="Title")
    revision_ids = count(1)
    for index, item in enumerate(agreement["paragraphs"]):
        if "table" in item:
            rows = item["table"]
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
            continue
        paragraph = document.add_paragraph(style="List Number" if item.get("numbered") else None)
        if "tracked" in item:
            _write_tracked(paragraph, item["text"], item["tracked"], revision_ids)
        else:
            _write_runs(paragraph, item["text"], split=index % SPLIT_EVERY == SPLIT_EVERY - 1)
    document.save(str(path))


def _write_runs(paragraph: Paragraph, text: str, split: bool) -> None:
    if not split or len(text) < MIN_SPLIT_LENGTH:
        paragraph.add_run(text)
        return
    first, second = len(text) // 3, 2 * len(text) // 3
    paragraph.add_run(text[:first])
    paragraph.add_run(text[first:second]).bold = True
    paragraph.add_run(text[second:])


def _write_tracked(paragraph: Paragraph, text: str, tracked: dict[str, str], ids: Iterator[int]) -> None:
    inserted = tracked["inserted"]
    at = text.index(inserted)
    paragraph.add_run(text[:at])
    if tracked.get("deleted"):
        paragraph._p.append(_revision("w:del", "w:delText", tracked["deleted"], next(ids)))
    paragraph._p.append(_revision("w:ins", "w:t", inserted, next(ids)))
    paragraph.add_run(text[at + len(inserted) :])


def _revision(tag: str, text_tag: str, text: str, revision_id: int) -> Any:
    revision = OxmlElement(tag)
    revision.set(qn("w:id"), str(revision_id))
    revision.set(qn("w:author"), REVISION_AUTHOR)
    revision.set(qn("w:date"), REVISION_DATE)
    run = OxmlElement("w:r")
    node = OxmlElement(text_tag)
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    revision.append(run)
    return revision


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python tests/eval/build.py OUT_DIR [SOURCE_DIR]")
    source = Path(sys.argv[2]) if len(sys.argv) == 3 else AGREEMENTS
    for built_path, _ in build_all(Path(sys.argv[1]), source):
        print(built_path)
