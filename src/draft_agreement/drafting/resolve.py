"""Decide every variable's value before rendering: given values typed, missing ones marked as blanks.

Layers, later winning: manifest defaults, the agreement's pre-fill, a --data file, then --set. A value
nobody gave becomes a Blank that the draft prints as a marked gap, so a draft is always written; with
`strict` the caller refuses instead, listing every missing value with its description at once. Unknown
names and values of the wrong type are the lawyer's typos, so they are always refused, all together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from draft_agreement.drafting.blanks import Blank
from draft_agreement.drafting.catalog import Template, Variable
from draft_agreement.drafting.values import DateStyle, ValueProblem, coerce
from draft_agreement.errors import TemplateError


@dataclass(frozen=True)
class Wording:
    """How a front end names where values come from, so an error speaks its user's language."""

    data: str  # the values file
    set: str  # single values
    hint: str  # how to give the missing ones


CLI = Wording("--data", "--set", "give them with --set NAME=VALUE, --data FILE.yaml or --from AGREEMENT.docx")
FORM = Wording("the values", "the form", "fill them in the form's fields")


class MissingValues(TemplateError):
    """Strict drafting refused: values nobody gave, each with its description."""

    def __init__(self, template: str, lang: str, missing: Iterable[Blank], wording: Wording = CLI) -> None:
        self.template = template
        self.lang = lang
        self.missing = tuple(missing)
        super().__init__(self.message(wording))

    def message(self, wording: Wording) -> str:
        listed = "; ".join(f"{b.name} ({b.description or b.label})" for b in self.missing)
        return (
            f"template {self.template} ({self.lang}): {len(self.missing)} required value(s) missing: "
            f"{listed} ({wording.hint})"
        )


@dataclass(frozen=True)
class Resolved:
    """Typed values for every manifest variable (a Blank where none was given) and their source."""

    values: dict[str, Any]
    sources: dict[str, str]  # name -> default | agreement | data | set

    def missing(self, template: Template) -> list[Blank]:
        """Blanks of the variables the manifest requires, given the flags that are set."""
        return [
            value
            for v in template.variables
            if isinstance(value := self.values[v.name], Blank) and v.required_given(self.values)
        ]


def resolve(
    template: Template,
    lang: str,
    date_style: DateStyle,
    *,
    prefilled: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    wording: Wording = CLI,
) -> Resolved:
    """Merge the layers, coerce each value to its type, and mark what nobody gave as a blank."""
    known = {v.name for v in template.variables}
    problems = unknown_names(template.name, [v.name for v in template.variables], data, overrides, wording)
    raw: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for v in template.variables:
        default = v.default_for(lang)
        if default is not None:
            raw[v.name], sources[v.name] = default, "default"
    layers = (("agreement", prefilled or {}), ("data", data or {}), ("set", overrides or {}))
    for source, layer in layers:
        for name, value in layer.items():
            if name in known and value is not None:
                raw[name], sources[name] = value, source
    values: dict[str, Any] = {}
    for v in template.variables:
        try:
            values[v.name] = _given(coerce(v.type, raw.get(v.name), lang, date_style))
        except ValueProblem as exc:
            problems.append(f"{v.name}: {exc}")
            values[v.name] = None
    if problems:
        raise TemplateError(f"template {template.name} ({lang}): " + " | ".join(problems))
    for v in template.variables:
        if values[v.name] is None:
            values[v.name] = False if v.type == "bool" else blank(v, lang)
    return Resolved(values, {k: s for k, s in sources.items() if not _absent(values.get(k))})


def blank(variable: Variable, lang: str) -> Blank:
    return Blank(variable.name, variable.blank_label(lang), lang, variable.description[lang])


def unknown_names(
    template: str,
    names: list[str],
    data: Mapping[str, Any] | None,
    overrides: Mapping[str, Any] | None,
    wording: Wording = CLI,
) -> list[str]:
    """Names the template does not declare: almost always a typo, so say which names exist."""
    problems = []
    for where, layer in ((wording.data, data), (wording.set, overrides)):
        unknown = sorted(set(layer or {}) - set(names))
        if unknown:
            problems.append(
                f"{where} names unknown variable(s) {', '.join(unknown)} "
                f"(template {template} takes: {', '.join(names)})"
            )
    return problems


def _given(value: Any) -> Any:
    """None for a value that says nothing: blank text or an empty list."""
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, list) and not value:
        return None
    return value


def _absent(value: Any) -> bool:
    return value is None or isinstance(value, Blank) or value == [] or value == ""
