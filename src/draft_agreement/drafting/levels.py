"""How the impact assessment rates a category of personal information, in the words of the law.

Three columns, each from the catalogue: the nature under PIPL art. 28 (sensitive or ordinary), the number
of items at which the 2017 interpretation (art. 5 ¶1 items 3-5) makes providing it 情节严重, and the
risk level those two give (sensitive or 50 items: high; 500 items: elevated; else ordinary). A category
the catalogue does not know is "to be assessed", never ordinary by default. Templates call these as
filters: `{{ c|nature }}`, `{{ c|tier }}`, `{{ c|risk }}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from draft_agreement.drafting.blanks import Blank
from draft_agreement.drafting.catalogue import Catalogue, Kind, catalogue
from draft_agreement.drafting.minimise import restricted_items

_NATURE = {
    "zh": ("敏感个人信息", "一般个人信息"),
    "en": ("sensitive personal information", "ordinary personal information"),
}
_TIER = {"zh": "{n}条", "en": "{n} items"}
_UNKNOWN = {"zh": "须评估", "en": "to be assessed"}


def _kind(item: Any, cat: Catalogue) -> Kind | None:
    return None if isinstance(item, Blank) else cat.classify(str(item))


def nature(item: Any, lang: str, cat: Catalogue | None = None) -> str:
    kind = _kind(item, cat or catalogue())
    if kind is None:
        return _UNKNOWN[lang]
    sensitive, ordinary = _NATURE[lang]
    return sensitive if kind.sensitive else ordinary


def tier(item: Any, lang: str, cat: Catalogue | None = None) -> str:
    kind = _kind(item, cat or catalogue())
    if kind is None:
        return _UNKNOWN[lang]
    return _TIER[lang].format(n=f"{kind.tier:,}")


def risk(item: Any, lang: str, cat: Catalogue | None = None) -> str:
    cat = cat or catalogue()
    kind = _kind(item, cat)
    return _UNKNOWN[lang] if kind is None else cat.level_label(kind.level, lang)


def any_sensitive(items: Any, cat: Catalogue | None = None) -> bool:
    cat = cat or catalogue()
    if isinstance(items, Blank) or not isinstance(items, list):
        return False
    return any((kind := _kind(item, cat)) is not None and kind.sensitive for item in items)


def filters(lang: str) -> dict[str, Callable[..., Any]]:
    """The template filters for one output language."""
    return {
        "nature": lambda item: nature(item, lang),
        "tier": lambda item: tier(item, lang),
        "risk": lambda item: risk(item, lang),
        "restricted": restricted_items,
        "any_sensitive": any_sensitive,
    }
