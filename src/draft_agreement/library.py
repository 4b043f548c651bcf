"""Where the clause library (clauses/: rule packs, cited law, deal vocabulary, replacements) lives.

Every stage reads data from it, so finding it belongs to no single stage.
"""

from __future__ import annotations

import os
from pathlib import Path

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
