"""Where the memo goes: a .docx or a Markdown file, chosen by the name's suffix, written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from draft_agreement.atomicio import atomic_write_bytes, check_output_path
from draft_agreement.errors import OutputError
from draft_agreement.memo.content import build_memo
from draft_agreement.memo.markdown import render_memo_markdown
from draft_agreement.reviewing.findings import Report

SUFFIXES = (".docx", ".md", ".markdown")


def check_memo_path(source: Path, output: Path, memo: Path) -> None:
    """Refuse, before any work, a memo path that would overwrite the input or the redline, or is unusable."""
    if memo.suffix.lower() not in SUFFIXES:
        raise OutputError(f"{memo}: the memo must be a .docx or .md file")
    check_output_path(source, memo)
    if memo.resolve() == output.resolve():
        raise OutputError(f"{memo}: the memo would overwrite the redlined output")


def write_memo(
    path: Path, report: Report, lang: str, annexes: Sequence[Any] = (), show_pii: bool = False
) -> None:
    """Write the review memo of `report` (explained in `lang`) to `path`, .docx or Markdown."""
    memo = build_memo(report, lang, annexes, show_pii)
    if path.suffix.lower() == ".docx":
        # python-docx is imported here, not with the module: every redline imports this one, and
        # loading python-docx costs about a tenth of a second of each process's start-up.
        from draft_agreement.memo.docx import render_memo_docx

        atomic_write_bytes(path, render_memo_docx(memo))
    else:
        atomic_write_bytes(path, render_memo_markdown(memo).encode("utf-8"))
