"""Template discovery and manifest validation.

A template is a folder under templates/ holding `zh.docx`/`en.docx` (and optionally `zh.txt`/`en.txt`)
beside a `manifest.yaml` that declares every variable the files use. A variant (the guardian version of
a consent notice) is another file of the same template, `zh.guardian.docx`, chosen when the bool
variable the manifest names for it is true. The manifest is the contract the
pre-fill, the CLI help and the missing-value error all read, so it is validated strictly: a typo in it
must fail when the template is loaded, not as a confusing render error later.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draft_agreement.errors import TemplateError
from draft_agreement.library import read_yaml

LANGUAGES = ("zh", "en")
TYPES = ("string", "date", "amount", "list", "bool")
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_TEMPLATE_KEYS = {"name", "title", "description", "variables", "variants"}
_VARIABLE_KEYS = {"name", "type", "required", "required_if", "default", "description", "blank"}


@dataclass(frozen=True)
class Variable:
    """One template variable as the manifest declares it."""

    name: str
    type: str
    required: bool
    description: dict[str, str]
    default: Any = None  # a value, or {"zh": ..., "en": ...} when the default depends on the language
    required_if: str | None = None  # a bool variable that makes this one required when true
    blank: dict[str, str] | None = None  # what a marked blank says in the draft (default: the description)

    def blank_label(self, lang: str) -> str:
        return (self.blank or self.description)[lang]

    def default_for(self, lang: str) -> Any:
        if isinstance(self.default, dict):
            return self.default.get(lang)
        return self.default

    def required_given(self, values: dict[str, Any]) -> bool:
        return self.required or (self.required_if is not None and values.get(self.required_if) is True)


@dataclass(frozen=True)
class Template:
    """A drafting template: its folder, manifest and the files it has per language."""

    name: str
    folder: Path
    title: dict[str, str]
    description: dict[str, str]
    variables: tuple[Variable, ...]
    variants: dict[str, str] = field(default_factory=dict)  # variant -> the bool variable choosing it

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if (self.folder / f"{lang}.docx").is_file())

    def docx(self, lang: str, variant: str | None = None) -> Path:
        return self._file(lang, "docx", variant)

    def text(self, lang: str, variant: str | None = None) -> Path:
        return self._file(lang, "txt", variant)

    def has_text(self, lang: str) -> bool:
        return (self.folder / f"{lang}.txt").is_file()

    def variable(self, name: str) -> Variable | None:
        return next((v for v in self.variables if v.name == name), None)

    def variant_for(self, values: dict[str, Any]) -> str | None:
        """The variant whose flag is set (the guardian notice when children's data is concerned)."""
        return next((name for name, flag in self.variants.items() if values.get(flag) is True), None)

    def files(self) -> list[Path]:
        """Every template file: each language, each variant, .docx and .txt."""
        stems = ["", *(f".{variant}" for variant in self.variants)]
        candidates = [
            self.folder / f"{lang}{stem}.{ext}"
            for lang in LANGUAGES
            for stem in stems
            for ext in ("docx", "txt")
        ]
        return [path for path in candidates if path.is_file()]

    def _file(self, lang: str, suffix: str, variant: str | None) -> Path:
        stem = f"{lang}.{variant}" if variant else lang
        path = self.folder / f"{stem}.{suffix}"
        if not path.is_file():
            have = ", ".join(self.languages) or "none"
            raise TemplateError(f"template {self.name} has no {stem}.{suffix} (languages: {have})")
        return path


def templates_dir() -> Path:
    """Where templates live: $DRAFT_AGREEMENT_TEMPLATES, the installed package data, the checkout."""
    env = os.environ.get("DRAFT_AGREEMENT_TEMPLATES")
    if env:
        return Path(env)
    package_data = Path(__file__).resolve().parents[1] / "_data" / "templates"
    if package_data.is_dir():
        return package_data
    return Path(__file__).resolve().parents[3] / "templates"


def template_names(root: Path | None = None) -> list[str]:
    """Every folder under `root` that has a manifest, sorted."""
    folder = root or templates_dir()
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob("*/manifest.yaml"))


def list_templates(root: Path | None = None) -> list[Template]:
    return [load_template(name, root) for name in template_names(root)]


def load_template(name: str, root: Path | None = None) -> Template:
    """The named template with its validated manifest; TemplateError if unknown or broken."""
    folder = root or templates_dir()
    names = template_names(folder)
    if name not in names:
        raise TemplateError(f"unknown template {name!r} (available: {', '.join(names) or 'none'})")
    path = folder / name / "manifest.yaml"
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path}: cannot read manifest ({type(exc).__name__})") from None
    template = _template(path, data)
    if template.name != name:
        raise TemplateError(f"{path}: name {template.name!r} does not match its folder {name!r}")
    if not template.languages:
        raise TemplateError(f"{path}: no zh.docx or en.docx beside the manifest")
    return template


def _template(path: Path, data: object) -> Template:
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: a manifest is a mapping with name, title, description, variables")
    _no_unknown_keys(path, "manifest", data, _TEMPLATE_KEYS)
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise TemplateError(f"{path}: name must be a non-empty string")
    raw_variables = data.get("variables")
    if not isinstance(raw_variables, list) or not raw_variables:
        raise TemplateError(f"{path}: variables must be a non-empty list")
    variables = tuple(_variable(path, i, raw) for i, raw in enumerate(raw_variables))
    _check_names(path, variables)
    return Template(
        name=name,
        folder=path.parent,
        title=_bilingual(path, "title", data.get("title")),
        description=_bilingual(path, "description", data.get("description")),
        variables=variables,
        variants=_variants(path, data.get("variants"), variables),
    )


def _variants(path: Path, raw: object, variables: tuple[Variable, ...]) -> dict[str, str]:
    """`variants: {guardian: guardian}`: each variant is chosen by a bool variable of the manifest."""
    if raw is None:
        return {}
    kinds = {v.name: v.type for v in variables}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and _NAME.match(k) for k in raw):
        raise TemplateError(f"{path}: variants maps lower-case variant names to bool variables")
    for variant, flag in raw.items():
        if kinds.get(flag) != "bool":
            raise TemplateError(f"{path}: variant {variant}: {flag!r} is not a bool variable")
    return dict(raw)


def _variable(path: Path, index: int, raw: object) -> Variable:
    where = f"variables[{index}]"
    if not isinstance(raw, dict):
        raise TemplateError(f"{path}: {where} must be a mapping")
    _no_unknown_keys(path, where, raw, _VARIABLE_KEYS)
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise TemplateError(f"{path}: {where}: name must be a lower-case identifier, got {name!r}")
    where = f"variable {name}"
    kind = raw.get("type")
    if kind not in TYPES:
        raise TemplateError(f"{path}: {where}: type must be one of {', '.join(TYPES)}, got {kind!r}")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise TemplateError(f"{path}: {where}: required must be true or false")
    required_if = raw.get("required_if")
    if required_if is not None and not isinstance(required_if, str):
        raise TemplateError(f"{path}: {where}: required_if must name a bool variable")
    default = raw.get("default")
    _check_default(path, where, kind, default)
    return Variable(
        name=name,
        type=kind,
        required=required,
        description=_bilingual(path, f"{where}: description", raw.get("description")),
        default=default,
        required_if=required_if,
        blank=_bilingual(path, f"{where}: blank", raw["blank"]) if "blank" in raw else None,
    )


def _check_default(path: Path, where: str, kind: str, default: object) -> None:
    """Defaults must already have the declared type (dates and amounts are written as text)."""
    values = list(default.values()) if isinstance(default, dict) else [default]
    if isinstance(default, dict) and set(default) - set(LANGUAGES):
        raise TemplateError(f"{path}: {where}: a per-language default has only zh and en keys")
    expected: dict[str, tuple[type, ...]] = {
        "string": (str,),
        "date": (str,),
        "amount": (str, int),
        "list": (list,),
        "bool": (bool,),
    }
    for value in values:
        if value is not None and not isinstance(value, expected[kind]):
            raise TemplateError(f"{path}: {where}: default {value!r} is not a {kind}")


def _check_names(path: Path, variables: tuple[Variable, ...]) -> None:
    """Names are unique, and so are blank labels: a marked blank in a draft is read back by its label,
    so two variables may not share one."""
    seen: set[str] = set()
    described: dict[str, str] = {}
    kinds = {v.name: v.type for v in variables}
    for v in variables:
        if v.name in seen:
            raise TemplateError(f"{path}: variable {v.name} is declared twice")
        seen.add(v.name)
        for lang in LANGUAGES:
            other = described.setdefault(f"{lang}:{v.blank_label(lang)}", v.name)
            if other != v.name:
                raise TemplateError(f"{path}: variables {other} and {v.name} share a {lang} blank label")
        if v.required_if is not None and kinds.get(v.required_if) != "bool":
            raise TemplateError(
                f"{path}: variable {v.name}: required_if {v.required_if!r} is not a bool variable"
            )


def _bilingual(path: Path, where: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGUAGES):
        raise TemplateError(f"{path}: {where} needs zh and en text")
    return {lang: value[lang].strip() for lang in LANGUAGES}


def _no_unknown_keys(path: Path, where: str, data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(str(k) for k in set(data) - allowed)
    if unknown:
        raise TemplateError(
            f"{path}: {where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )
