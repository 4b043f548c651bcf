"""The document model: stories, paragraphs, exact text maps, clause labels and the deal Context.

Names are resolved lazily so that importing one submodule (the text map, say) does not load the rest.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "Comment": "document",
    "Document": "document",
    "Paragraph": "document",
    "Story": "document",
    "load_document": "document",
    "View": "paragraph_text",
    "read_paragraph": "paragraph_text",
    "Piece": "textmap",
    "Slice": "textmap",
    "TextMap": "textmap",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'draft_agreement.model' has no attribute {name!r}")
    return getattr(importlib.import_module(f"draft_agreement.model.{module}"), name)
