"""draft-agreement: review and lossless redlining of Word agreements that hand over accounts,
credentials or other people's personal information.

The public API is imported lazily so that `draft-agreement --help` does not pay for lxml and the
rule engine.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "review": "draft_agreement.api",
    "redline": "draft_agreement.api",
    "accept": "draft_agreement.api",
    "reject": "draft_agreement.api",
    "draft": "draft_agreement.api",
    "compose": "draft_agreement.api",
    "review_many": "draft_agreement.api",
    "compare": "draft_agreement.api",
    "CompareOutcome": "draft_agreement.api",
    "RedlineOutcome": "draft_agreement.api",
    "load_document": "draft_agreement.model",
    "Document": "draft_agreement.model",
    "UnsupportedDocument": "draft_agreement.errors",
    "DraftAgreementError": "draft_agreement.errors",
    "RuleFileError": "draft_agreement.errors",
    "TemplateError": "draft_agreement.errors",
    "OutputError": "draft_agreement.errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'draft_agreement' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
