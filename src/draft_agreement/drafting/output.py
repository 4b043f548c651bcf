"""Reproducible .docx bytes: python-docx stamps every zip entry with the current time; we do not.

Fixed entry dates make a draft or a composition byte-for-byte repeatable for the same inputs, so a
lawyer (or a test) can tell a real change from a re-run.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from draft_agreement.atomicio import write_zip_atomic

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entries.append((entry, archive.read(info)))
    return entries


def freeze(data: bytes) -> bytes:
    """The same package with fixed entry dates, in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, body in _entries(data):
            archive.writestr(info, body)
    return out.getvalue()


def write_docx(target: Path, data: bytes) -> None:
    """Write a package atomically with fixed entry dates."""
    write_zip_atomic(target, _entries(data))
