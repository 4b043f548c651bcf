"""draft() and attach(): the drafting entry points the CLI and other front ends are thin over.

`draft` renders one template, pre-filled from an agreement when `source` is given; `attach` drafts
several and appends them to a (redlined) agreement as its next annexes. Both always write their
output: a fact nobody gave is a marked blank, and the result lists every blank. With `strict`, they
refuse instead (MissingValues, exit code 2) naming each missing value. They never touch their inputs
and write atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from draft_agreement.atomicio import atomic_write_bytes, check_output_path
from draft_agreement.deal.build import deal_of
from draft_agreement.deal.words import OwnWords
from draft_agreement.drafting.blanks import Blank, mark_blanks, markers_in
from draft_agreement.drafting.catalog import Template, load_template
from draft_agreement.drafting.composition import ComposeResult, compose_bytes, read_checked
from draft_agreement.drafting.minimise import minimise
from draft_agreement.drafting.output import write_docx
from draft_agreement.drafting.prefilling import prefill
from draft_agreement.drafting.render import render_docx, render_text
from draft_agreement.drafting.resolve import (
    CLI,
    MissingValues,
    Resolved,
    Wording,
    blank,
    resolve,
    unknown_names,
)
from draft_agreement.drafting.script import rewritten_package, to_traditional, written
from draft_agreement.drafting.values import DateStyle, default_date_style, detect_date_style
from draft_agreement.errors import TemplateError

_DATA_LIMIT = 1 << 20  # a values file is a handful of lines; refuse anything that is clearly not one


@dataclass(frozen=True)
class DraftResult:
    """What draft() wrote: where each value came from, and the blanks left for the lawyer."""

    template: str
    lang: str
    output: Path
    format: str  # docx | txt
    sources: dict[str, str]
    blanks: tuple[Blank, ...] = ()
    variant: str | None = None
    withheld: tuple[str, ...] = ()  # categories the agreement hands over that the draft leaves out

    @property
    def prefilled(self) -> tuple[str, ...]:
        return tuple(name for name, source in self.sources.items() if source == "agreement")

    def to_dict(self) -> dict[str, Any]:
        """The --report JSON: no values (they may be personal information), only names and sources."""
        return {
            "template": self.template,
            "lang": self.lang,
            "variant": self.variant,
            "output": str(self.output),
            "format": self.format,
            "prefilled": list(self.prefilled),
            "sources": self.sources,
            "blanks": [b.to_dict() for b in self.blanks],
            "withheld": list(self.withheld),
        }


@dataclass(frozen=True)
class Annex:
    """One drafted annex of an attach(): its template, label and blanks."""

    template: str
    label: str
    blanks: tuple[Blank, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template, "label": self.label, "blanks": [b.to_dict() for b in self.blanks]}


@dataclass(frozen=True)
class AttachResult(ComposeResult):
    """A composition whose annexes were drafted here."""

    drafted: tuple[Annex, ...] = ()

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return tuple(b for annex in self.drafted for b in annex.blanks)


@dataclass(frozen=True)
class _Source:
    """An agreement read once for pre-filling: its values, date style, language, script and deal."""

    values: dict[str, Any]
    date_style: DateStyle
    lang: str
    script: str  # zh, zh-Hant or en: Traditional drafts for a Traditional agreement
    withheld: tuple[str, ...]
    deal: Any
    own: OwnWords | None = None  # the agreement's own words (個人資料, 聯絡)


@dataclass(frozen=True)
class _Rendered:
    template: Template
    lang: str
    variant: str | None
    body: bytes | str
    resolved: Resolved
    blanks: tuple[Blank, ...]


def draft(
    template: str,
    output: Path,
    *,
    lang: str = "zh",
    source: Path | None = None,
    data: Path | None = None,
    overrides: Mapping[str, str] | None = None,
    strict: bool = False,
    wording: Wording = CLI,
) -> DraftResult:
    """Render `template` in `lang` to `output` (.docx, or .txt for templates with a text version)."""
    tpl = load_template(template)
    output = Path(output)
    as_text = output.suffix.lower() == ".txt"
    for used in (source, data):
        if used is not None:
            check_output_path(Path(used), output)
    if as_text:
        tpl.text(lang)  # refuse early when there is no text version
    known = _read_source(Path(source), lang) if source is not None else None
    rendered = _render(
        tpl, lang, known, load_data(data) if data else None, overrides, as_text, strict, wording
    )
    if as_text:
        assert isinstance(rendered.body, str)
        atomic_write_bytes(output, rendered.body.encode("utf-8"))
    else:
        assert isinstance(rendered.body, bytes)
        write_docx(output, rendered.body)
    return DraftResult(
        tpl.name,
        lang,
        output,
        "txt" if as_text else "docx",
        rendered.resolved.sources,
        rendered.blanks,
        rendered.variant,
        known.withheld if known else (),
    )


def attach(
    redlined: Path,
    annexes: Sequence[str],
    source: Path,
    output: Path,
    lang: str | None = None,
    *,
    data: Path | None = None,
    overrides: Mapping[str, str] | None = None,
    strict: bool = False,
    wording: Wording = CLI,
) -> AttachResult:
    """Draft each named template pre-filled from `source` and append them to `redlined` as its next
    annexes (附件三, Annex 3...), each in its own section, without the agreement's header and footer.

    `lang` defaults to the agreement's language. With `strict`, every template's missing values are
    reported in one error and nothing is written.
    """
    redlined, source, output = Path(redlined), Path(source), Path(output)
    for used in (redlined, source, data):
        if used is not None:
            check_output_path(Path(used), output)
    templates = [load_template(name) for name in annexes]
    known = _read_source(source, lang)
    values = load_data(data) if data else {}
    _check_names(templates, values, overrides or {}, wording)
    drafted: list[_Rendered] = []
    problems: list[str] = []
    for tpl in templates:
        names = {v.name for v in tpl.variables}
        try:
            drafted.append(
                _render(
                    tpl,
                    known.lang,
                    known,
                    {k: v for k, v in values.items() if k in names},
                    {k: v for k, v in (overrides or {}).items() if k in names},
                    False,
                    strict,
                    wording,
                )
            )
        except MissingValues as exc:
            problems.append(exc.message(wording))
    if problems:
        raise TemplateError(" || ".join(problems))
    labels = [known.deal.next_annex(known.lang, nth) for nth in range(1, len(drafted) + 1)]
    if known.script == "zh-Hant":
        labels = [to_traditional(label) for label in labels]
    bodies = [r.body for r in drafted if isinstance(r.body, bytes)]
    data_bytes, comments = compose_bytes(
        read_checked(redlined), bodies, [str(redlined), *annexes], headings=labels
    )
    write_docx(output, data_bytes)
    annexed = tuple(Annex(r.template.name, label, r.blanks) for r, label in zip(drafted, labels, strict=True))
    return AttachResult(output, len(drafted), comments, annexed)


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
    agreement's own language). The agreement is read once, for the review and the pre-fill alike."""
    from draft_agreement.model.document import load_document
    from draft_agreement.reviewing.run import review_document

    doc = load_document(source)
    code = lang or ("en" if doc.language == "en" else "zh")
    report = review_document(doc, lang=code)
    ctx = doc.context
    found = prefill(doc, report, code)
    script = "zh-Hant" if code == "zh" and doc.language == "zh-Hant" else code
    style = detect_date_style(ctx.date, ctx.date_text, code)
    return _Source(found.values, style, code, script, found.withheld, deal_of(doc), found.own)


def _render(
    tpl: Template,
    lang: str,
    known: _Source | None,
    data: Mapping[str, Any] | None,
    overrides: Mapping[str, str] | None,
    as_text: bool,
    strict: bool,
    wording: Wording,
) -> _Rendered:
    """Resolve, minimise, render and mark the blanks of one template; refuse gaps when `strict`."""
    if lang not in tpl.languages:
        raise TemplateError(
            f"template {tpl.name} has no {lang} version (languages: {', '.join(tpl.languages)})"
        )
    style = known.date_style if known else default_date_style(lang)
    resolved = resolve(
        tpl,
        lang,
        style,
        prefilled=known.values if known else None,
        data=data,
        overrides=overrides,
        wording=wording,
    )
    if known is not None and known.own is not None and known.own.other_law:
        for name, source in resolved.sources.items():  # a manifest default speaks PRC's lines
            if source == "default" and isinstance(resolved.values[name], str):
                resolved.values[name] = known.own.in_its_law(resolved.values[name])
    by_name = {v.name: v for v in tpl.variables}
    minimise(resolved.values, resolved.sources, lambda name: blank(by_name[name], lang))
    variant = tpl.variant_for(resolved.values)
    script = known.script if known else lang
    own = known.own if known else None

    def write(text: str) -> str:  # in the agreement's own words and script
        return written(text, script, own)

    rewrites = script == "zh-Hant" or (own is not None and bool(own.pairs))
    body: bytes | str
    if as_text:
        text = render_text(tpl, lang, resolved.values, variant)
        shown = markers_in(text)
        body = write(text)
    else:
        data_bytes, shown = mark_blanks(render_docx(tpl, lang, resolved.values, variant), script)
        body = rewritten_package(data_bytes, write) if rewrites else data_bytes
    blanks = _shown(resolved, shown)
    if rewrites:  # the blanks as the draft shows them
        blanks = tuple(replace(b, label=write(b.label), description=write(b.description)) for b in blanks)
    if strict:
        missing = {b.name: b for b in [*resolved.missing(tpl), *blanks]}
        if missing:
            raise MissingValues(tpl.name, lang, missing.values(), wording)
    return _Rendered(tpl, lang, variant, body, resolved, blanks)


def _shown(resolved: Resolved, labels: list[str]) -> tuple[Blank, ...]:
    """The blanks the draft shows, once each, in the order the text shows them."""
    by_label = {v.label: v for v in resolved.values.values() if isinstance(v, Blank)}
    seen: dict[str, Blank] = {}
    for label in labels:
        found = by_label.get(label)
        if found is not None and found.name not in seen:
            seen[found.name] = found
    return tuple(seen.values())


def _check_names(
    templates: Sequence[Template], data: Mapping[str, Any], overrides: Mapping[str, str], wording: Wording
) -> None:
    """With several templates a name is unknown only if none of them takes it."""
    known = [v.name for tpl in templates for v in tpl.variables]
    problems = unknown_names(
        ", ".join(t.name for t in templates), sorted(set(known)), data, overrides, wording
    )
    if problems:
        raise TemplateError(" | ".join(problems))
