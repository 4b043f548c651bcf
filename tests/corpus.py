"""Where the shared corpus lives, and a skip when a fresh clone does not have it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "openxml-powertools"
LAW = SHARED / "law"


def require(path: Path) -> Path:
    """Skip the calling test with a reason when the shared material is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is only beside CI and developer checkouts)")
    return path


def rp_cases(suffix: str) -> list[tuple[Path, Path]]:
    """(original, ground truth) pairs of the RP revision corpus for '-Accepted' or '-Rejected'."""
    folder = CORPUS / "RP"
    if not folder.exists():
        return []
    pairs = []
    for truth in sorted(folder.glob(f"*{suffix}.docx")):
        original = truth.with_name(truth.name.replace(suffix, ""))
        if original.exists():
            pairs.append((original, truth))
    return pairs


_VARIANT = re.compile(r"-(?:Before|After|Mod|Unmodified|Deleted|Delete|Insert|Diff|Longest|Moved|w-Deleted)")


def wc_family(stem: str) -> str:
    """The document a WmlComparer test file is a version of: its number and name without the variant
    (WC034-Footnotes-After2 -> WC034-Footnotes, WC002-InsertAtEnd -> WC002)."""
    number, _, rest = stem.partition("-")
    found = _VARIANT.search("-" + rest)
    return number + ("-" + rest)[: found.start() if found else None]


def wc_pairs() -> list[tuple[Path, Path]]:
    """Every ordered pair of two versions of one document in the WmlComparer compare set: each file
    compared with each other version of it, both ways (older -> newer and back)."""
    folder = CORPUS / "WC"
    if not folder.exists():
        return []
    families: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.docx")):
        families.setdefault(wc_family(path.stem), []).append(path)
    return [(a, b) for members in families.values() for a in members for b in members if a != b]
