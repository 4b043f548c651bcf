"""Decide every variable's value before rendering, and refuse with ONE error listing all gaps.

Layers, later winning: manifest defaults, the agreement's pre-fill, a --data file, then --set. A lawyer
who forgot three values should learn about all three at once, each with its description, rather than
fix them one render at a time; so unknown names, unreadable values and missing required values are
collected and raised together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from draft_agreement.drafting.catalog import Template
from draft_agreement.drafting.values import DateStyle, ValueProblem, coerce
from draft_agreement.errors import TemplateError

HINT = "give them with --set NAME=VALUE, --data FILE.yaml or --from AGREEMENT.docx"


@dataclass(frozen=True)
class Resolved:
    """Typed values for every manifest variable (None where an optional one is absent) and their source."""

    values: dict[str, Any]
    sources: dict[str, str]  # name -> default | agreement | data | set


def resolve(
    template: Template,
    lang: str,
    date_style: DateStyle,
    *,
    prefilled: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Resolved:
    """Merge the layers, coerce each value to its type and check that nothing required is blank."""
    known = {v.name for v in template.variables}
    problems = _unknown(template, data, overrides, known)
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
            values[v.name] = _blank_to_none(coerce(v.type, raw.get(v.name), lang, date_style))
        except ValueProblem as exc:
            problems.append(f"{v.name}: {exc}")
            values[v.name] = None
    missing = [
        f"{v.name} ({v.description[lang]})"
        for v in template.variables
        if values[v.name] is None and v.required_given(values)
    ]
    if missing:
        problems.append(f"{len(missing)} required value(s) missing: " + "; ".join(missing) + f" ({HINT})")
    if problems:
        raise TemplateError(f"template {template.name} ({lang}): " + " | ".join(problems))
    for v in template.variables:
        if v.type == "bool" and values[v.name] is None:
            values[v.name] = False
        if v.type == "list" and values[v.name] is None:
            values[v.name] = []
    return Resolved(values, {k: s for k, s in sources.items() if values.get(k) not in (None, [], "")})


def _unknown(
    template: Template,
    data: Mapping[str, Any] | None,
    overrides: Mapping[str, Any] | None,
    known: set[str],
) -> list[str]:
    """Names the template does not declare: almost always a typo, so say which names exist."""
    problems = []
    for where, layer in (("--data", data), ("--set", overrides)):
        unknown = sorted(set(layer or {}) - known)
        if unknown:
            problems.append(
                f"{where} names unknown variable(s) {', '.join(unknown)} "
                f"(template {template.name} takes: {', '.join(v.name for v in template.variables)})"
            )
    return problems


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, list) and not value:
        return None
    return value
