"""The review memo as Markdown, for an e-mail or a file system that has no Word."""

from __future__ import annotations

from draft_agreement.memo.content import Memo
from draft_agreement.report.markdown import basis_line

_PREFIX = {"title": "# ", "heading": "## ", "subheading": "### ", "item": "- ", "subitem": "  - "}


def render_memo_markdown(memo: Memo) -> str:
    """Markdown text of `memo`: one block per paragraph, statute quotes as block quotes."""
    lines: list[str] = []
    for block in memo.blocks:
        if block.basis is not None:
            since = block.text.removeprefix(f"{block.basis.law} {block.basis.article}").strip()
            lines += [basis_line(block.basis) + (f" *{since}*" if since else ""), ""]
            continue
        text = " ".join(block.text.split("\n"))
        if block.kind == "note":
            lines += [f"*{text}*", ""]
        elif block.kind in ("item", "subitem"):
            lines.append(_PREFIX[block.kind] + text)
        else:
            if lines and lines[-1].startswith(("- ", "  - ")):
                lines.append("")
            lines += [_PREFIX.get(block.kind, "") + text, ""]
    return "\n".join(lines).rstrip() + "\n"
