"""draft() and attach(): the drafting entry points the CLI and other front ends are thin over.

`draft` renders one template, pre-filled from an agreement when `source` is given; `attach` drafts
several and appends them to a (redlined) agreement as annexes. Both write atomically, never touch
their inputs, and raise TemplateError (exit code 2) with every missing value listed at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from draft_agreement.atomicio import atomic_write_bytes, check_output_path
from draft_agreement.drafting.catalog import Template, load_template
from draft_agreement.drafting.composition import ComposeResult, compose_bytes, read_checked
from draft_agreement.drafting.output import write_docx
from draft_agreement.drafting.prefilling import prefill
from draft_agreement.drafting.render import render_docx, render_text
from draft_agreement.drafting.resolve import Resolved, resolve
from draft_agreement.drafting.values import DateStyle, default_date_style, detect_date_style
from draft_agreement.errors import TemplateError

_DATA_LIMIT = 1 << 20  # a values file is a handful of lines; refuse anything that is clearly not one


@dataclass(frozen=True)
class DraftResult:
    """What draft() wrote and where each value came from (default, agreement, data or set)."""

    template: str
    lang: str
    output: Path
    format: str  # docx | txt
    sources: dict[str, str]

    @property
    def prefilled(self) -> tuple[str, ...]:
        return tuple(name for name, source in self.sources.items() if source == "agreement")


@dataclass(frozen=True)
class _Source:
    """An agreement read once for pre-filling: its values per language and its date style."""

    values: dict[str, Any]
    date_style: DateStyle
    lang: str


def draft(
    template: str,
    output: Path,
    *,
    lang: str = "zh",
    source: Path | None = None,
    data: Path | None = None,
    overrides: Mapping[str, str] | None = None,
) -> DraftResult:
    """Render `template` in `lang` to `output` (.docx, or .txt for templates with a text version)."""
    tpl = load_template(template)
    output = Path(output)
    as_text = output.suffix.lower() == ".txt"
    template_file = tpl.text(lang) if as_text else tpl.docx(lang)
    for used in (template_file, source, data):
        if used is not None:
            check_output_path(Path(used), output)
    known = _read_source(Path(source), lang) if source is not None else None
    resolved = _resolve(tpl, lang, known, load_data(data) if data else None, overrides)
    if as_text:
        atomic_write_bytes(output, render_text(tpl, lang, resolved.values).encode("utf-8"))
    else:
        write_docx(output, render_docx(tpl, lang, resolved.values))
    return DraftResult(tpl.name, lang, output, "txt" if as_text else "docx", resolved.sources)


def attach(
    redlined: Path,
    annexes: Sequence[str],
    source: Path,
    output: Path,
    lang: str | None = None,
    *,
    data: Path | None = None,
    overrides: Mapping[str, str] | None = None,
) -> ComposeResult:
    """Draft each named template pre-filled from `source` and append them to `redlined` as annexes.

    `lang` defaults to the agreement's language. Every template's problems are reported in one error.
    """
    redlined, source, output = Path(redlined), Path(source), Path(output)
    for used in (redlined, source, data):
        if used is not None:
            check_output_path(Path(used), output)
    templates = [load_template(name) for name in annexes]
    known = _read_source(source, lang)
    code = known.lang
    values = load_data(data) if data else {}
    _check_names(templates, values, overrides or {})
    rendered: list[bytes] = []
    problems: list[str] = []
    for tpl in templates:
        names = {v.name for v in tpl.variables}
        try:
            resolved = _resolve(
                tpl,
                code,
                known,
                {k: v for k, v in values.items() if k in names},
                {k: v for k, v in (overrides or {}).items() if k in names},
            )
            rendered.append(render_docx(tpl, code, resolved.values))
        except TemplateError as exc:
            problems.append(str(exc))
    if problems:
        raise TemplateError(" || ".join(problems))
    data_bytes, comments = compose_bytes(read_checked(redlined), rendered, [str(redlined), *annexes])
    write_docx(output, data_bytes)
    return ComposeResult(output, len(rendered), comments)


def load_data(path: Path) -> dict[str, Any]:
    """Variable values from a YAML or JSON file holding one mapping."""
    path = Path(path)
    try:
        if path.stat().st_size > _DATA_LIMIT:
            raise TemplateError(f"{path}: too large for a values file (limit {_DATA_LIMIT} bytes)")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read values ({type(exc).__name__})") from None
    try:
        loaded = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        where = getattr(exc, "problem_mark", None) or getattr(exc, "lineno", None)
        raise TemplateError(f"{path}: not valid {path.suffix.lstrip('.') or 'YAML'} (near {where})") from None
    if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
        raise TemplateError(f"{path}: a values file holds one mapping of variable names to values")
    return loaded


def _read_source(source: Path, lang: str | None) -> _Source:
    """Pre-fill values and date style from an agreement and its review, in `lang` (default: the
    agreement's own language)."""
    from draft_agreement.api import review
    from draft_agreement.model.document import load_document

    doc = load_document(source)
    code = lang or ("en" if doc.language == "en" else "zh")
    report = review(source, lang=code)
    ctx = doc.context
    return _Source(prefill(doc, report, code), detect_date_style(ctx.date, ctx.date_text, code), code)


def _resolve(
    tpl: Template,
    lang: str,
    known: _Source | None,
    data: Mapping[str, Any] | None,
    overrides: Mapping[str, str] | None,
) -> Resolved:
    if lang not in tpl.languages:
        raise TemplateError(
            f"template {tpl.name} has no {lang} version (languages: {', '.join(tpl.languages)})"
        )
    style = known.date_style if known else default_date_style(lang)
    return resolve(
        tpl,
        lang,
        style,
        prefilled=known.values if known else None,
        data=data,
        overrides=overrides,
    )


def _check_names(
    templates: Sequence[Template], data: Mapping[str, Any], overrides: Mapping[str, str]
) -> None:
    """With several templates a name is unknown only if none of them takes it."""
    known = {v.name for tpl in templates for v in tpl.variables}
    for where, layer in (("--data", data), ("--set", overrides)):
        unknown = sorted(set(layer) - known)
        if unknown:
            names = ", ".join(t.name for t in templates)
            raise TemplateError(
                f"{where} names unknown variable(s) {', '.join(unknown)} (none of {names} takes them)"
            )
