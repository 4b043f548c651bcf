"""Where the clause library (clauses/: rule packs, cited law, deal vocabulary, replacements) lives.

Every stage reads data from it, so finding it belongs to no single stage.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("zh", "en")


def default_clauses_dir() -> Path:
    """Where the default packs live: $DRAFT_AGREEMENT_CLAUSES, the installed package data, the checkout."""
    env = os.environ.get("DRAFT_AGREEMENT_CLAUSES")
    if env:
        return Path(env)
    package_data = Path(__file__).resolve().parent / "_data" / "clauses"
    if package_data.is_dir():
        return package_data
    return Path(__file__).resolve().parents[2] / "clauses"


def language_code(language: str) -> str:
    """'zh-Hans', 'zh-Hant', 'zh-CN' -> 'zh'; 'en-GB' -> 'en'."""
    code = language.split("-")[0].split("_")[0].lower()
    if code not in LANGUAGES:
        raise ValueError(f"no rule packs for language {language!r} (have: {', '.join(LANGUAGES)})")
    return code


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """YAML read safely, with libyaml's loader when PyYAML was built with it: several times faster than
    the pure-Python one, and the library's files are read on every run."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
