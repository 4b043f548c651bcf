"""Where the shared corpus lives, and a skip when a fresh clone does not have it."""

from __future__ import annotations

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
