"""Data minimisation, applied to the resolved values of any template before it renders (PIPL arts. 6, 28-30).

Drafts carry forward only what the compliant arrangement needs. Whatever the layers said:
- a category pre-filled from the agreement is never a restricted one (ID numbers, communication
  content, sensitive information): those appear only when the lawyer gives them;
- a sensitive category given among the ordinary ones moves to the sensitive list, which turns on the
  section that states its necessity and asks for its own separate consent (arts. 29-30);
- sensitive categories given without the flag set it, so they are never silently dropped (a flag the
  lawyer gives explicitly wins).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from draft_agreement.drafting.blanks import Blank
from draft_agreement.drafting.catalogue import Catalogue, catalogue


def minimise(
    values: dict[str, Any],
    sources: dict[str, str],
    blank_for: Callable[[str], Blank],
    cat: Catalogue | None = None,
) -> None:
    """Apply the policy to `values` in place; `sources` says which values came from the agreement."""
    cat = cat or catalogue()
    if isinstance(values.get("categories"), list):
        items = values["categories"]
        if sources.get("categories") == "agreement":
            items = [c for c in items if not is_restricted(c, cat)]
        ordinary = [c for c in items if not is_sensitive(c, cat)]
        moved = [c for c in items if is_sensitive(c, cat)]
        values["categories"] = ordinary or blank_for("categories")
        if moved and "sensitive_categories" in values:
            current = values["sensitive_categories"]
            given = [] if isinstance(current, Blank) else list(current)
            values["sensitive_categories"] = given + [c for c in moved if c not in given]
    if sources.get("sensitive") == "agreement":
        values["sensitive"] = False
    if "sensitive_categories" in values:
        if sources.get("sensitive_categories") == "agreement":
            values["sensitive_categories"] = blank_for("sensitive_categories")
        listed = values["sensitive_categories"]
        flag_given = sources.get("sensitive") in ("data", "set")
        if isinstance(listed, list) and listed and "sensitive" in values and not flag_given:
            values["sensitive"] = True


def restricted_items(items: Any, cat: Catalogue | None = None) -> list[Any]:
    """The ordinary items of a category list that only the lawyer may name (ID numbers, chat logs):
    a template filter, so the draft states why they are necessary."""
    cat = cat or catalogue()
    if isinstance(items, Blank) or not isinstance(items, list):
        return []
    return [item for item in items if is_restricted(item, cat) and not is_sensitive(item, cat)]


def is_restricted(item: Any, cat: Catalogue | None = None) -> bool:
    kind = None if isinstance(item, Blank) else (cat or catalogue()).classify(str(item))
    return kind is not None and kind.restricted


def is_sensitive(item: Any, cat: Catalogue | None = None) -> bool:
    kind = None if isinstance(item, Blank) else (cat or catalogue()).classify(str(item))
    return kind is not None and kind.sensitive
