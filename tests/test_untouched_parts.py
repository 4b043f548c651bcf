"""Parts the redline does not change are copied as stored: compressed bytes, CRC and all.

Issue 14: a real file whose theme had a bad CRC was reviewed fine but refused by redline, because
every untouched part was inflated and deflated again. The oracle here reads the zip's local headers
itself (not through the package code) and compares each entry's stored bytes.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from docx import Document

from draft_agreement.api import redline, review
from tests.oracle import part_signature, read_part, rejected_ours

THEME = "word/theme/theme1.xml"


def stored_entries(path: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each entry's (compression method, CRC, data as stored), read straight from the local headers."""
    data = path.read_bytes()
    out = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            at = info.header_offset
            assert data[at : at + 4] == b"PK\x03\x04"
            name_length, extra_length = struct.unpack("<HH", data[at + 26 : at + 30])
            begin = at + 30 + name_length + extra_length
            out[info.filename] = (info.compress_type, info.CRC, data[begin : begin + info.compress_size])
    return out


def inflated(path: Path) -> dict[str, bytes | None]:
    """Each entry's content, or None where it cannot be read (a bad CRC)."""
    out: dict[str, bytes | None] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            try:
                out[info.filename] = archive.read(info)
            except zipfile.BadZipFile:
                out[info.filename] = None
    return out


def break_crc(path: Path, part: str) -> None:
    """Change the CRC recorded for `part` (local header and central directory); its data stays."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    wrong = (info.CRC ^ 0x5A5A5A5A) & 0xFFFFFFFF
    struct.pack_into("<L", data, info.header_offset + 14, wrong)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == part.encode():
            struct.pack_into("<L", data, central + 16, wrong)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zipfile.BadZipFile, match="CRC"):
        archive.read(part)


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("第一条 账号转让")
    doc.add_paragraph(
        "甲方同意将其实名注册的微信账号的全部使用权转让给乙方，并向乙方交付登录密码及支付密码。"
    )
    doc.add_paragraph("本协议一式两份，双方各执一份。")
    path = tmp_path / "agreement.docx"
    doc.save(str(path))
    return path


def test_a_part_with_a_bad_crc_we_never_touch_is_redlined_and_comes_back_byte_for_byte(
    agreement: Path, tmp_path: Path
) -> None:
    break_crc(agreement, THEME)
    assert review(agreement).summary["high"] >= 1
    out = tmp_path / "redlined.docx"
    outcome = redline(agreement, out, date="2026-01-01T00:00:00Z")
    assert outcome.result.revisions >= 1
    before, after = stored_entries(agreement), stored_entries(out)
    assert after[THEME] == before[THEME]  # method, the (wrong) CRC and the stored bytes
    assert inflated(out)[THEME] is None  # the defect is kept, not repaired or hidden
    # Our revisions rejected, the body is the original.
    assert part_signature(rejected_ours(out, "draft-agreement")) == part_signature(read_part(agreement))


def test_every_part_whose_content_is_unchanged_is_stored_as_it_was(agreement: Path, tmp_path: Path) -> None:
    out = tmp_path / "redlined.docx"
    redline(agreement, out, date="2026-01-01T00:00:00Z")
    before, after = stored_entries(agreement), stored_entries(out)
    old, new = inflated(agreement), inflated(out)
    unchanged = [name for name in old if name in new and old[name] == new[name]]
    assert THEME in unchanged and "word/fontTable.xml" in unchanged
    changed = sorted(set(old) - set(unchanged))
    assert "word/document.xml" in changed
    for name in unchanged:
        assert after[name] == before[name], name
