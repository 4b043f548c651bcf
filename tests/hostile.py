"""Builders for a minimal valid Word package and for hostile or broken variants of it.

Each builder writes one file into `folder` and returns its path, so tests anywhere in the suite can
feed real files to the code under test.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
FIXED_DATE = (2024, 1, 2, 3, 4, 6)
MIB = 1 << 20

BODY_TEXT = "甲方同意将账号转让给乙方。"


def document_xml(text: str = BODY_TEXT, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'{prolog}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def content_types(main: str = "word/document.xml", main_type: str = DOCX_MAIN, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main}" ContentType="{main_type}"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{STYLES_TYPE}"/>'
        f"{extra}</Types>"
    ).encode()


def rels_xml(*relationships: tuple[str, str, str]) -> bytes:
    items = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in relationships
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}'
        "</Relationships>"
    ).encode()


STYLES_XML = f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}"/>'.encode()


def write_zip(
    path: Path, parts: Iterable[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    """Write parts in order with a fixed date; zipfile keeps odd names ('..', '/x', 'a\\b') as given."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = compression
            archive.writestr(info, data)
    return path


def docx_parts(
    main: str = "word/document.xml",
    document: bytes | None = None,
    main_type: str = DOCX_MAIN,
    relationship: str = OFFICE_DOCUMENT,
) -> list[tuple[str, bytes]]:
    """The parts of a minimal package whose main part lives at `main` and links to styles."""
    folder, _, leaf = main.rpartition("/")
    main_rels = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
    return [
        ("[Content_Types].xml", content_types(main, main_type)),
        ("_rels/.rels", rels_xml(("rId1", relationship, main))),
        (main, document if document is not None else document_xml()),
        (main_rels, rels_xml(("rId1", STYLES, "styles.xml"))),
        ("word/styles.xml", STYLES_XML),
    ]


def valid_docx(folder: Path, name: str = "valid.docx") -> Path:
    return write_zip(folder / name, docx_parts())


def nonstandard_main_docx(folder: Path) -> Path:
    """Main part at word/main.xml: only _rels/.rels says where it is."""
    return write_zip(folder / "nonstandard.docx", docx_parts(main="word/main.xml"))


def dotx(folder: Path) -> Path:
    return write_zip(folder / "template.dotx", docx_parts(main_type=DOTX_MAIN))


def docm(folder: Path) -> Path:
    """Macro-enabled: macro content type plus a vbaProject part linked from the main part."""
    parts = docx_parts(main_type=DOCM_MAIN)
    parts[3] = (
        "word/_rels/document.xml.rels",
        rels_xml(("rId1", STYLES, "styles.xml"), ("rId2", VBA_PROJECT, "vbaProject.bin")),
    )
    parts.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real VBA project"))
    return write_zip(folder / "macros.docm", parts)


def xxe_docx(folder: Path) -> Path:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return write_zip(folder / "xxe.docx", docx_parts(document=document_xml("&xxe;", prolog)))


def billion_laughs_docx(folder: Path) -> Path:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return write_zip(folder / "laughs.docx", docx_parts(document=document_xml("&lol9;", prolog)))


def doctype_after_comment_docx(folder: Path) -> Path:
    """A DTD hidden behind a comment and a processing instruction in the prolog."""
    prolog = '<!-- note --><?mso-application progid="Word.Document"?><!DOCTYPE w:document [<!ENTITY a "b">]>'
    return write_zip(folder / "hidden-dtd.docx", docx_parts(document=document_xml("&a;", prolog)))


def malformed_xml_docx(folder: Path) -> Path:
    broken = document_xml().replace(b"</w:p>", b"</w:r>")
    return write_zip(folder / "malformed.docx", docx_parts(document=broken))


def wrong_root_docx(folder: Path) -> Path:
    html = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'
    return write_zip(folder / "wrong-root.docx", docx_parts(document=html))


def strict_docx(folder: Path) -> Path:
    """Strict Open XML: strict relationship type and the purl.oclc.org main namespace."""
    strict_ns = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = f'<?xml version="1.0"?><w:document xmlns:w="{strict_ns}"><w:body/></w:document>'.encode()
    return write_zip(folder / "strict.docx", docx_parts(document=body, relationship=STRICT_OFFICE_DOCUMENT))


def strict_relationship_docx(folder: Path) -> Path:
    """Transitional content reached through the strict officeDocument relationship type."""
    return write_zip(folder / "strict-rel.docx", docx_parts(relationship=STRICT_OFFICE_DOCUMENT))


def missing_main_docx(folder: Path) -> Path:
    """_rels/.rels points at word/document.xml, which is not in the zip."""
    parts = [part for part in docx_parts() if part[0] != "word/document.xml"]
    return write_zip(folder / "no-document.docx", parts)


def no_main_relationship_docx(folder: Path) -> Path:
    parts = docx_parts()
    parts[1] = ("_rels/.rels", rels_xml())
    return write_zip(folder / "no-main-rel.docx", parts)


def plain_zip(folder: Path) -> Path:
    """A zip renamed to .docx: no package structure at all."""
    return write_zip(folder / "archive.docx", [("notes.txt", b"hello"), ("data/report.csv", b"a,b\n1,2\n")])


def odt_renamed(folder: Path) -> Path:
    parts = [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office/>")]
    return write_zip(folder / "opendocument.docx", parts, compression=zipfile.ZIP_STORED)


def entry_named_docx(folder: Path, entry: str, file_name: str = "bad-name.docx") -> Path:
    """A valid package plus one extra entry with the given (hostile) name."""
    return write_zip(folder / file_name, [*docx_parts(), (entry, b"<x/>")])


def duplicate_entry_docx(folder: Path) -> Path:
    """Two entries whose names differ only in case: parsers disagree on which one is the part."""
    return write_zip(folder / "duplicate.docx", [*docx_parts(), ("WORD/DOCUMENT.XML", document_xml("other"))])


def ratio_bomb_docx(folder: Path, megabytes: int = 150) -> Path:
    """The main part is valid XML padded with `megabytes` MiB of spaces: about 1000:1 compressed.

    Written in chunks so the builder itself stays small in memory.
    """
    path = folder / "ratio-bomb.docx"
    head, tail = document_xml().split(b"<w:body>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in docx_parts():
            if name != "word/document.xml":
                archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), data, zipfile.ZIP_DEFLATED)
                continue
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as stream:
                stream.write(head + b"<w:body>")
                padding = b" " * MIB
                for _ in range(megabytes):
                    stream.write(padding)
                stream.write(tail)
    return path


def declared_size_bomb_docx(folder: Path, parts: int = 12, declared_mib: int = 50) -> Path:
    """Small real parts whose central-directory sizes claim `declared_mib` MiB each (600 MiB in all)."""
    path = folder / "declared-bomb.docx"
    media = [(f"word/media/blob{i}.bin", b"x" * 100) for i in range(parts)]
    write_zip(path, [*docx_parts(), *media])
    patch_declared_sizes(path, {name: declared_mib * MIB for name, _ in media})
    return path


def lying_size_docx(folder: Path) -> Path:
    """The main part really inflates to 64 MiB but the directory declares 2 KiB."""
    path = folder / "lying.docx"
    padding = document_xml().replace(b"<w:body>", b"<w:body>" + b" " * (64 * MIB))
    write_zip(path, docx_parts(document=padding))
    patch_declared_sizes(path, {"word/document.xml": 2048})
    return path


def patch_declared_sizes(path: Path, sizes: dict[str, int]) -> None:
    """Overwrite the uncompressed-size fields of the named entries in both zip headers."""
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    count, _, directory = struct.unpack_from("<HLL", data, end + 10)
    at = directory
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, at + 28)
        local = struct.unpack_from("<L", data, at + 42)[0]
        name = data[at + 46 : at + 46 + name_len].decode()
        if name in sizes:
            struct.pack_into("<L", data, at + 24, sizes[name])
            struct.pack_into("<L", data, local + 22, sizes[name])
        at += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def corrupt_crc_docx(folder: Path) -> Path:
    """The main part is stored uncompressed and one of its bytes is changed after the CRC was written."""
    path = write_zip(folder / "bad-crc.docx", docx_parts(), compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.find(BODY_TEXT.encode())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    return path


def truncated_docx(folder: Path) -> Path:
    data = valid_docx(folder, "whole.docx").read_bytes()
    path = folder / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.docx"
    path.write_bytes(b"")
    return path


def pdf_renamed(folder: Path) -> Path:
    path = folder / "contract.docx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def ole_file(streams: Iterable[str]) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors): header, one FAT sector, one directory sector.

    The directory holds a root entry and one empty stream per name, enough for format detection.
    """
    end_of_chain, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<LLLLLLLL", header, 40, 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain)
    struct.pack_into("<109L", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128L", fat_sector, end_of_chain, *([free] * 126))
    names = ["Root Entry", *streams]
    directory = bytearray(512)
    for index, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0 : len(encoded)] = encoded
        sibling = index + 1 if 0 < index < len(names) - 1 else no_stream
        child = 1 if index == 0 and len(names) > 1 else no_stream
        struct.pack_into(
            "<HBB3L", entry, 64, len(encoded), 5 if index == 0 else 2, 1, no_stream, sibling, child
        )
        struct.pack_into("<LQ", entry, 116, end_of_chain, 0)
        directory[index * 128 : (index + 1) * 128] = entry
    return bytes(header) + fat + bytes(directory)


def encrypted_docx(folder: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE container with EncryptionInfo."""
    path = folder / "locked.docx"
    path.write_bytes(ole_file(["EncryptionInfo", "EncryptedPackage"]))
    return path


def legacy_doc(folder: Path, name: str = "old.doc") -> Path:
    path = folder / name
    path.write_bytes(ole_file(["WordDocument", "1Table"]))
    return path
