"""Render a template with docxtpl (or jinja2 for .txt) and prove the output has no template left in it.

StrictUndefined turns a variable the manifest forgot into an error instead of an empty string, and
`finalize` marks any expression that printed nothing; the post-render check then refuses output that
still contains `{{`, `{%`, `{#` or such a mark, so a draft never reaches a client with an unmarked gap
where a name or a purpose should be. A value nobody gave is a Blank, which prints as a marked blank
(drafting/blanks.py). The environment also carries the catalogue's filters (`nature`, `tier`, `risk`,
`restricted`), so templates state the law's view of a category without computing it.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from draft_agreement.drafting import namespaces  # noqa: F401 - docxtpl imports docxcompose; undo its prefix
from draft_agreement.drafting.catalog import Template
from draft_agreement.drafting.levels import filters
from draft_agreement.drafting.output import freeze
from draft_agreement.errors import TemplateError
from draft_agreement.ooxml import W_P, W_T
from draft_agreement.package import parse_xml

EMPTY_MARK = "⟦empty⟧"
TAG_MARKS = ("{{", "}}", "{%", "%}", "{#", "#}")
_STORY_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")


def _finalize(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY_MARK
    return value


def environment(*, autoescape: bool, lang: str = "zh") -> jinja2.Environment:
    """The one jinja2 setup: strict about undefined names, loud about empty output, XML-safe for .docx."""
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(filters(lang))
    return env


def render_docx(template: Template, lang: str, values: dict[str, Any], variant: str | None = None) -> bytes:
    """The rendered .docx (fixed zip dates), checked for leftovers."""
    source = template.docx(lang, variant)
    where = f"{template.name}/{source.name}"
    document = DocxTemplate(str(source))
    try:
        document.render(values, environment(autoescape=True, lang=lang))
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{where}: uses a variable its manifest does not declare ({exc.message})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{where}: broken template tag: {exc.message}") from None
    buffer = io.BytesIO()
    document.save(buffer)
    data = freeze(buffer.getvalue())
    check_docx(data, where)
    return data


def render_text(template: Template, lang: str, values: dict[str, Any], variant: str | None = None) -> str:
    """The rendered plain-text variant (a message to paste into a chat), checked for leftovers."""
    source = template.text(lang, variant)
    where = f"{template.name}/{source.name}"
    env = environment(autoescape=False, lang=lang)
    try:
        text = env.from_string(source.read_text(encoding="utf-8")).render(values)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{where}: uses a variable its manifest does not declare ({exc.message})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{where}: broken template tag: {exc.message}") from None
    _check_line(text, where, "the text")
    return text


def check_docx(data: bytes, where: str) -> None:
    """Refuse a package whose paragraphs still hold a template tag or an empty-value mark."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.startswith(_STORY_PARTS) or not name.endswith(".xml"):
                continue
            root = parse_xml(archive.read(name), f"{where}:{name}")
            for index, paragraph in enumerate(root.iter(W_P)):
                text = "".join(t.text or "" for t in paragraph.iter(W_T))
                _check_line(text, where, f"{name} paragraph {index}")


def _check_line(text: str, where: str, place: str) -> None:
    if EMPTY_MARK in text:
        raise TemplateError(f"{where}: an expression printed nothing in {place} (empty placeholder)")
    leftover = next((mark for mark in TAG_MARKS if mark in text), None)
    if leftover:
        raise TemplateError(f"{where}: rendered output still contains {leftover!r} in {place}")
