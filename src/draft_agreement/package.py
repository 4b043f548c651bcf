"""Safe opening of Word packages: every byte of an untrusted .docx passes through here first.

Limits are checked on the zip directory before any part is inflated, and enforced again while
inflating, because declared sizes can lie. XML is parsed with a parser that refuses DTDs, so XXE and
entity expansion never reach the rest of the pipeline. Every refusal is an UnsupportedDocument whose
one-line message names the file and says what to do.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import re
import shlex
import shutil
import signal
import stat
import struct
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from draft_agreement.atomicio import Compressed
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.ooxml import CT_NS, PKG_REL_NS, REL_OFFICE_DOCUMENT, REL_STRICT_OFFICE_DOCUMENT, w

MIB = 1 << 20
# A main part larger than this (in bytes; so every one) is streamed window by window rather than held
# as one lxml tree, which costs about 12x the XML (model/body_stream.py). Streamed and whole-tree
# reading give the same model and output; the tests raise this to compare them.
STREAM_ABOVE = 0

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
STRICT_DOCUMENT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
MACRO_CONTENT_TYPES = frozenset(
    {
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
EXTERNAL = "External"

DAMAGED_HINT = "the file is damaged; get a fresh copy or open and re-save it in Word"
BOMB_HINT = "refused as a possible zip bomb; if you trust the file, re-save it in Word or raise the limits"
UNSAFE_HINT = "refused for safety: Word never writes this; do not trust the file"
RESAVE_HINT = "open it in Word and save it as a Word Document (.docx)"

_CHUNK = 1 << 16
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip entry's local file header (APPNOTE 4.3.7)
_PROLOG_SCAN = 1 << 16
_DIRECTORY_BYTES_PER_ENTRY = 1024
_CONVERT_TIMEOUT = 120.0
_DRIVE = re.compile(r"^[A-Za-z]:")
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


@dataclass(frozen=True)
class Limits:
    """Resource ceilings for one package; the defaults admit every file in the real-world corpus.

    Measured on the 664-file Open-XML-PowerTools corpus: at most 52 entries, 1.4 MiB for one part,
    5 MiB in total, and 94:1 for the most compressible part above 1 MiB (a long numbered list).
    """

    max_entries: int = 10_000
    max_part_bytes: int = 200 * MIB
    max_total_bytes: int = 500 * MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MIB


@dataclass(frozen=True)
class Relationship:
    """One entry of a .rels part, with the target already resolved to a part name."""

    id: str
    type: str
    target: str
    external: bool


def one_line(text: str, limit: int | None = None) -> str:
    """Escape control characters (and optionally shorten) so names from a hostile file stay on one line.

    A byte of a file name that is not UTF-8 (a surrogate escape) is shown as \\xNN, the byte itself.
    """
    flat = "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat


def _escaped(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


# The one set of parser options for every part: no entities, no network, no DTD, libxml2's size limits.
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "strip_cdata": False,
    "collect_ids": False,
}


def parse_xml(data: bytes, where: str, *, prolog_checked: bool = False) -> etree._Element:
    """Parse one XML part, refusing any DTD; errors name `where` (a part name or a file).

    `prolog_checked` skips the pre-parse DTD scan for bytes whose prolog was already checked (a
    streamed part parsed window by window); the check after parsing still runs.
    """
    shown = one_line(where, 120)
    if not prolog_checked and _declares_dtd(data):
        raise _dtd_refusal(where)
    try:
        root = etree.fromstring(data, etree.XMLParser(**_HARDENED))
    except etree.XMLSyntaxError as exc:
        message = _first_line(exc)
        raise UnsupportedDocument(
            one_line(where), f"malformed XML in {shown}: {message}", DAMAGED_HINT
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _dtd_refusal(where)
    return root


def root_tag(data: bytes, where: str) -> str:
    """The root element's tag, read without parsing the rest of the part (a streamed part is parsed a
    window at a time later, which reports any damage further on); refusals read as parse_xml's."""
    if _declares_dtd(data):
        raise _dtd_refusal(where)
    try:
        for _, root in etree.iterparse(io.BytesIO(data), events=("start",), **_HARDENED):
            docinfo = root.getroottree().docinfo
            if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
                raise _dtd_refusal(where)
            return root.tag
    except etree.XMLSyntaxError as exc:
        message = f"malformed XML in {one_line(where, 120)}: {_first_line(exc)}"
        raise UnsupportedDocument(one_line(where), message, DAMAGED_HINT) from None
    raise UnsupportedDocument(one_line(where), f"{one_line(where, 120)} has no root element", DAMAGED_HINT)


def _dtd_refusal(where: str) -> UnsupportedDocument:
    return UnsupportedDocument(
        one_line(where),
        f"XML part {one_line(where, 120)} declares a DTD (not allowed in Word files)",
        "refused for safety (external entities, entity expansion); re-save the file in Word",
    )


def _declares_dtd(data: bytes) -> bool:
    """Walk the prolog (XML declaration, comments, PIs) and report whether a DOCTYPE comes next.

    Runs before libxml2 sees the bytes; the docinfo check after parsing covers encodings this misses.
    """
    text = _decode_head(data[:_PROLOG_SCAN])
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            closer = 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            closer = 3
        else:
            return text.startswith("<!DOCTYPE", pos)
        if end < 0:
            return False
        pos = end + closer


def _decode_head(head: bytes) -> str:
    """Decode the start of an XML entity well enough to read its prolog (UTF-16 or ASCII-compatible)."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return head.decode("utf-16-le", errors="ignore").lstrip("\ufeff")
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return head.decode("utf-16-be", errors="ignore").lstrip("\ufeff")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


class Package:
    """A read-only view of a Word package whose directory has passed the safety checks.

    Parts are inflated on first use and cached; part names are looked up case-insensitively, as OPC
    requires. The main part is found through _rels/.rels, never assumed to be word/document.xml.
    """

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._shown = one_line(str(path))
        self._zip = archive
        self._infos = archive.infolist()
        self._index = {info.filename.lower(): info for info in self._infos if not info.is_dir()}
        self._bytes: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}
        self._rels: dict[str, list[Relationship]] = {}
        self._check_is_word_package()
        self._defaults, self._overrides = self._content_types()
        self.main_part = self._find_main_part()
        self._check_main_root()
        main_type = self.content_type(self.main_part)
        if main_type in MACRO_CONTENT_TYPES or self.related(self.main_part, "vbaProject"):
            self.warnings.append("contains macros (.docm/.dotm); they are kept unchanged and never run")

    def names(self) -> list[str]:
        """Part names in zip order (folder entries, which some tools write, are not parts)."""
        return [info.filename for info in self._infos if not info.is_dir()]

    def zip_infos(self) -> list[zipfile.ZipInfo]:
        """Copies of every zip entry in the original order, so a writer can reproduce the package."""
        return [_copy_info(info) for info in self._infos]

    def has(self, name: str) -> bool:
        return name.lower() in self._index

    def compressed(self, name: str) -> Compressed:
        """A part's data as stored in the zip, not inflated: for copying a part we do not change."""
        info = self._info(name)
        buffer = self._zip.fp.getbuffer()  # type: ignore[union-attr]
        start = info.header_offset
        header = bytes(buffer[start : start + _LOCAL_HEADER.size])
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise self._refuse(
                f"damaged zip package (no local header for {one_line(name, 120)})", DAMAGED_HINT
            )
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        begin = start + _LOCAL_HEADER.size + name_length + extra_length
        if begin + info.compress_size > len(buffer):
            raise self._refuse(f"damaged zip package ({one_line(name, 120)} is cut short)", DAMAGED_HINT)
        return Compressed(info, buffer[begin : begin + info.compress_size])

    def read(self, name: str) -> bytes:
        """Raw bytes of a part, inflated once under the limits."""
        info = self._info(name)
        data = self._bytes.get(info.filename)
        if data is None:
            data = self._inflate(info)
            self._bytes[info.filename] = data
        return data

    def xml(self, name: str) -> etree._Element:
        """The parsed root of an XML part, parsed once with the hardened parser."""
        key = self._info(name).filename
        root = self._trees.get(key)
        if root is None:
            root = self.parse(self.read(key), key)
            self._trees[key] = root
            # The tree is the source of truth from now on; a writer that copies the part untouched
            # inflates it again, which is cheaper than holding both for a large document.
            self._bytes.pop(key, None)
        return root

    def parse(self, data: bytes, part: str, *, prolog_checked: bool = False) -> etree._Element:
        """Parse the bytes of one of this package's parts (or of a window of one); a refusal names the
        file, as every other refusal does."""
        try:
            return parse_xml(data, part, prolog_checked=prolog_checked)
        except UnsupportedDocument as exc:
            raise UnsupportedDocument(self._shown, exc.reason, exc.hint) from None

    def rels(self, part: str) -> list[Relationship]:
        """Relationships of `part` ("" for the package itself); [] when it has no .rels part."""
        cached = self._rels.get(part)
        if cached is not None:
            return cached
        folder, leaf = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{leaf}.rels")
        found: list[Relationship] = []
        if self.has(rels_name):
            for node in self.xml(rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
                rel_id, rel_type, target = node.get("Id"), node.get("Type"), node.get("Target")
                if not rel_id or not rel_type or target is None:
                    raise self._refuse(f"incomplete relationship in {one_line(rels_name, 120)}", DAMAGED_HINT)
                external = node.get("TargetMode") == EXTERNAL
                resolved = target if external else self._resolve(folder, target, rels_name)
                found.append(Relationship(rel_id, rel_type, resolved, external))
        self._rels[part] = found
        return found

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Internal targets of `part` whose relationship type ends with "/" + type_suffix."""
        ending = "/" + type_suffix
        return [rel.target for rel in self.rels(part) if not rel.external and rel.type.endswith(ending)]

    def content_type(self, name: str) -> str | None:
        """Content type from [Content_Types].xml: the part's Override, else the Default for its extension."""
        override = self._overrides.get(name.lower().lstrip("/"))
        if override is not None:
            return override
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        return self._defaults.get(extension)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self._index.get(name.lower())
        if info is None:
            raise self._refuse(f"part {one_line(name, 120)} is missing", DAMAGED_HINT)
        return info

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """Inflate in chunks and stop as soon as a part outgrows its declared size.

        Declared sizes already passed the limits, so this bounds memory even if zipfile trusted a lie.
        """
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > info.file_size:
                        raise self._refuse(
                            f"part {one_line(info.filename, 120)} unpacks to more than its declared size",
                            BOMB_HINT,
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
            raise self._refuse(f"damaged zip package ({_first_line(exc)})", DAMAGED_HINT) from None
        return b"".join(chunks)

    def _resolve(self, folder: str, target: str, rels_name: str) -> str:
        """Turn a relative or absolute internal target into the part name as stored in the zip."""
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(joined) if joined else ""
        if name in ("", ".") or name == ".." or name.startswith("../"):
            raise self._refuse(
                f"relationship in {one_line(rels_name, 120)} points outside the package", UNSAFE_HINT
            )
        info = self._index.get(name.lower())
        return info.filename if info is not None else name

    def _check_is_word_package(self) -> None:
        if self.has("_rels/.rels"):
            if not self.has("[Content_Types].xml"):
                raise self._refuse("not a Word package ([Content_Types].xml is missing)", DAMAGED_HINT)
            return
        if self.has("mimetype") and self.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise self._refuse("OpenDocument file, not a Word .docx", _convert_hint(self.path))
        raise self._refuse("not a Word package (a zip file without _rels/.rels)", RESAVE_HINT)

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self.xml("[Content_Types].xml")
        defaults = {
            node.get("Extension", "").lower(): node.get("ContentType", "")
            for node in root.iter(f"{{{CT_NS}}}Default")
        }
        overrides = {
            node.get("PartName", "").lower().lstrip("/"): node.get("ContentType", "")
            for node in root.iter(f"{{{CT_NS}}}Override")
        }
        return defaults, overrides

    def _find_main_part(self) -> str:
        kinds = (REL_OFFICE_DOCUMENT, REL_STRICT_OFFICE_DOCUMENT)
        targets = [rel.target for rel in self.rels("") if rel.type in kinds and not rel.external]
        if not targets:
            raise self._refuse(
                "not a Word package (no main document relationship in _rels/.rels)", RESAVE_HINT
            )
        if not self.has(targets[0]):
            raise self._refuse(f"main document part {one_line(targets[0], 120)} is missing", DAMAGED_HINT)
        return targets[0]

    def streams(self, name: str) -> bool:
        """Whether a part is streamed rather than held as one tree (see STREAM_ABOVE)."""
        return self._info(name).file_size > STREAM_ABOVE

    def release(self, name: str) -> None:
        """Forget a part's cached bytes (a streamed part keeps its own copy); a later read inflates again."""
        self._bytes.pop(self._info(name).filename, None)

    def _check_main_root(self) -> None:
        if self.streams(self.main_part):
            key = self._info(self.main_part).filename
            try:
                tag = root_tag(self.read(key), key)
            except UnsupportedDocument as exc:
                raise UnsupportedDocument(self._shown, exc.reason, exc.hint) from None
        else:
            tag = self.xml(self.main_part).tag
        if tag == w("document"):
            return
        if tag == STRICT_DOCUMENT:
            raise self._refuse("Strict Open XML document (not supported)", RESAVE_HINT)
        local = etree.QName(tag).localname
        raise self._refuse(
            f"main part {one_line(self.main_part, 120)} is not a Word document (root element "
            f"<{one_line(local, 60)}>)",
            "is it an Excel or PowerPoint file? " + RESAVE_HINT,
        )

    def _refuse(self, reason: str, hint: str) -> UnsupportedDocument:
        return UnsupportedDocument(self._shown, reason, hint)


def open_package(path: str | os.PathLike[str], limits: Limits | None = None) -> Package:
    """Open a .docx/.dotx/.docm read-only, or refuse it in one line that says what to do."""
    limits = limits or Limits()
    file_path = Path(path)
    shown = one_line(str(file_path))
    data = _read_input(file_path, shown, limits)
    _refuse_non_zip(data, file_path, shown)
    _check_directory_record(data, shown, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnsupportedDocument(
            shown, f"damaged or truncated zip package ({_first_line(exc)})", DAMAGED_HINT
        ) from None
    _check_entries(archive.infolist(), shown, limits)
    return Package(file_path, archive)


def _read_input(path: Path, shown: str, limits: Limits) -> bytes:
    """Read the whole file once, read-only; a package can never be larger than its unpacked limit.

    The regular-file check comes before open() so a FIFO cannot block us; the size comes from the
    open handle, and reading one byte more than it detects a file still being written.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise UnsupportedDocument(shown, "not a regular file", "pass the path of a .docx file")
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_total_bytes:
                raise UnsupportedDocument(
                    shown,
                    f"file is too large ({size // MIB} MiB; limit {limits.max_total_bytes // MIB} MiB)",
                    "split the document or raise the limits",
                )
            data = handle.read(size + 1)
    except OSError as exc:
        raise UnsupportedDocument(
            shown,
            f"cannot read the file ({one_line(exc.strerror or str(exc))})",
            "check the path and permissions",
        ) from None
    if len(data) != size:
        raise UnsupportedDocument(shown, "file changed while being read", "wait until it is fully saved")
    return data


def _refuse_non_zip(data: bytes, path: Path, shown: str) -> None:
    """Recognise what the file is when it is not a zip package, so the message can say what to do."""
    if not data:
        raise UnsupportedDocument(
            shown, "empty file (0 bytes)", "the file was not saved completely; get it again"
        )
    if data.startswith(ZIP_SIGNATURES):
        return
    if data.startswith(OLE_SIGNATURE):
        if ole_has_stream(data, "EncryptionInfo"):
            raise UnsupportedDocument(shown, "password protected", "remove the password in Word first")
        raise UnsupportedDocument(shown, "legacy Word .doc format", _convert_hint(path))
    if data.startswith(b"%PDF"):
        raise UnsupportedDocument(shown, "PDF file, not a Word document", "ask for the original .docx")
    if data.startswith(b"{\\rtf"):
        raise UnsupportedDocument(shown, "RTF file, not a Word .docx", _convert_hint(path))
    raise UnsupportedDocument(shown, "not a Word .docx file (not a zip package)", RESAVE_HINT)


def is_legacy_doc(path: Path) -> bool:
    """A legacy binary .doc (OLE2 without an encrypted-package stream), which LibreOffice can convert."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(OLE_SIGNATURE) and not ole_has_stream(data, "EncryptionInfo")


def ole_has_stream(data: bytes, name: str) -> bool:
    """Whether an OLE2 compound file has a directory entry called `name`.

    Directory entries are 128-byte records starting with the UTF-16LE name and holding its byte length
    (terminator included) at offset 64; matching both avoids hits on the same word in body text.
    """
    needle = name.encode("utf-16-le") + b"\x00\x00"
    length = len(needle).to_bytes(2, "little")
    at = data.find(needle)
    while at >= 0:
        if at % 128 == 0 and data[at + 64 : at + 66] == length:
            return True
        at = data.find(needle, at + 1)
    return False


def _check_directory_record(data: bytes, shown: str, limits: Limits) -> None:
    """Check the end-of-directory record before zipfile builds one object per entry."""
    start = data.rfind(b"PK\x05\x06", max(0, len(data) - _EOCD.size - 0xFFFF))
    if start < 0 or start + _EOCD.size > len(data):
        return
    entries, directory_size = _EOCD.unpack_from(data, start)[4:6]
    if (entries == 0xFFFF or directory_size == 0xFFFFFFFF) and start >= _ZIP64_LOCATOR.size:
        signature, _, offset, _ = _ZIP64_LOCATOR.unpack_from(data, start - _ZIP64_LOCATOR.size)
        if signature == b"PK\x06\x07" and offset + _ZIP64_EOCD.size <= len(data):
            record = _ZIP64_EOCD.unpack_from(data, offset)
            if record[0] == b"PK\x06\x06":
                entries, directory_size = record[7], record[8]
    if entries > limits.max_entries or directory_size > limits.max_entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise UnsupportedDocument(shown, f"too many parts (limit {limits.max_entries})", BOMB_HINT)


def _check_entries(infos: list[zipfile.ZipInfo], shown: str, limits: Limits) -> None:
    """Refuse unsafe names and anything over the limits, using declared sizes only (nothing inflated)."""
    if len(infos) > limits.max_entries:
        raise UnsupportedDocument(
            shown, f"too many parts ({len(infos)}; limit {limits.max_entries})", BOMB_HINT
        )
    seen: set[str] = set()
    for info in infos:
        label = one_line(info.filename, 120)
        if _unsafe_name(info.filename):
            raise UnsupportedDocument(shown, f"unsafe part name '{label}'", UNSAFE_HINT)
        if info.filename.lower() in seen:
            raise UnsupportedDocument(shown, f"duplicate part name '{label}'", UNSAFE_HINT)
        seen.add(info.filename.lower())
        if info.flag_bits & 0x41:
            raise UnsupportedDocument(
                shown, "password protected (encrypted zip entries)", "remove the password"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsupportedDocument(
                shown, f"part '{label}' uses an unsupported zip compression", RESAVE_HINT
            )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise UnsupportedDocument(
            shown,
            f"parts unpack to {total // MIB} MiB in total (limit {limits.max_total_bytes // MIB} MiB)",
            BOMB_HINT,
        )
    for info in infos:
        label = one_line(info.filename, 120)
        if info.file_size > limits.max_part_bytes:
            raise UnsupportedDocument(
                shown,
                f"part '{label}' unpacks to {info.file_size // MIB} MiB "
                f"(limit {limits.max_part_bytes // MIB} MiB)",
                BOMB_HINT,
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise UnsupportedDocument(
                shown,
                f"part '{label}' is compressed {ratio:.0f}:1 (limit {limits.max_ratio:.0f}:1)",
                BOMB_HINT,
            )


def _unsafe_name(name: str) -> bool:
    """Names that could escape a folder if extracted ('..', absolute, '\\', drives) or hide in a listing
    (control characters); OPC part names never contain any of these."""
    return (
        name.startswith("/")
        or "\\" in name
        or bool(_DRIVE.match(name))
        or ".." in name.split("/")
        or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name)
    )


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh ZipInfo with the fields that define the entry, detached from the reader's offsets."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy


def _first_line(exc: BaseException) -> str:
    """First line of an exception message; lxml's `msg` omits the "(<string>, line N)" suffix."""
    text = str(getattr(exc, "msg", None) or exc).strip()
    return one_line(text.splitlines()[0] if text else type(exc).__name__, 160)


def _convert_hint(path: Path) -> str:
    return (
        f"convert it with LibreOffice: soffice --headless --convert-to docx {shlex.quote(str(path))}, "
        "or pass --convert-doc"
    )


def convert_legacy_doc(path: Path, workdir: Path) -> Path:
    """Convert a legacy .doc (or .odt/.rtf) to .docx with LibreOffice; returns the new file in workdir.

    soffice exits 0 even when it cannot load the input, so success means the output file exists. A
    private profile per call avoids handing the job to a running LibreOffice or a stale lock.
    """
    shown = one_line(str(path))
    soffice = shutil.which("soffice")
    if soffice is None:
        raise UnsupportedDocument(
            shown,
            "cannot convert: LibreOffice (soffice) is not installed",
            "install LibreOffice, or open the file in Word and save it as .docx",
        )
    job = Path(tempfile.mkdtemp(prefix="convert-", dir=workdir))
    outdir = job / "out"
    command = [
        soffice,
        f"-env:UserInstallation={(job / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(path.resolve()),
    ]
    failed_hint = "open it in Word and save it as .docx"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise UnsupportedDocument(
            shown, f"cannot run LibreOffice ({_first_line(exc)})", failed_hint
        ) from None
    try:
        process.wait(timeout=_CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_session(process)
        raise UnsupportedDocument(shown, "LibreOffice timed out converting the file", failed_hint) from None
    finally:
        shutil.rmtree(job / "profile", ignore_errors=True)
    result = outdir / f"{path.stem}.docx"
    if not result.is_file() or result.stat().st_size == 0:
        raise UnsupportedDocument(shown, "LibreOffice could not convert the file", failed_hint)
    return result


def _kill_session(process: subprocess.Popen[bytes]) -> None:
    """Kill soffice and the soffice.bin it spawned (same session), then reap the launcher."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
