"""Drafting the compliant alternative: templates pre-filled from an agreement, composed as annexes.

`draft` renders one template (consent notice, customer message, referral agreement, DPA, impact
assessment), with a marked blank for every fact nobody gave; `attach` appends drafted annexes to a
redlined agreement as its next annexes; `compose` appends any Word files.
Names are resolved lazily, so importing the CLI registration does not load docxtpl and docxcompose.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "AttachResult": "api",
    "Blank": "blanks",
    "MissingValues": "resolve",
    "DraftResult": "api",
    "attach": "api",
    "draft": "api",
    "load_data": "api",
    "Template": "catalog",
    "Variable": "catalog",
    "list_templates": "catalog",
    "load_template": "catalog",
    "templates_dir": "catalog",
    "ComposeResult": "composition",
    "compose": "composition",
    "prefill": "prefilling",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'draft_agreement.drafting' has no attribute {name!r}")
    return getattr(importlib.import_module(f"draft_agreement.drafting.{module}"), name)
