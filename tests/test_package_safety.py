"""Safe opening of hostile Word files, and atomic output.

Every refusal must be an UnsupportedDocument with a one-line message that names the file and says what
to do; nothing else may escape, the input must never change, and bombs must be refused fast and small.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draft_agreement import atomicio, package
from draft_agreement.atomicio import atomic_write_bytes, check_output_path, write_zip_atomic
from draft_agreement.errors import OutputError, UnsupportedDocument
from draft_agreement.model.document import load_document
from draft_agreement.ooxml import W_T
from draft_agreement.package import Limits, Package, open_package, parse_xml
from tests import hostile


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refusal(exc: UnsupportedDocument, path: Path, *keywords: str) -> None:
    """One line, starts with the file's path, carries a hint, and names the kind of problem."""
    message = str(exc)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{path}: ")
    assert exc.hint, "a refusal must say what to do"
    assert exc.hint in message
    for keyword in keywords:
        assert keyword.lower() in exc.reason.lower(), (keyword, exc.reason)


def body_text(pkg: Package) -> str:
    return "".join(node.text or "" for node in pkg.xml(pkg.main_part).iter(W_T))


HOSTILE: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "xxe": (hostile.xxe_docx, ("DTD", "word/document.xml")),
    "billion laughs": (hostile.billion_laughs_docx, ("DTD",)),
    "DTD after comment and PI": (hostile.doctype_after_comment_docx, ("DTD",)),
    "malformed XML": (hostile.malformed_xml_docx, ("malformed XML in word/document.xml",)),
    "ratio bomb": (hostile.ratio_bomb_docx, ("compressed",)),
    "declared-size bomb": (hostile.declared_size_bomb_docx, ("in total",)),
    "lying declared size": (hostile.lying_size_docx, ("damaged",)),
    "dot-dot name": (lambda d: hostile.entry_named_docx(d, "../evil.xml"), ("unsafe part name",)),
    "nested dot-dot": (lambda d: hostile.entry_named_docx(d, "word/../../evil.xml"), ("unsafe part name",)),
    "absolute name": (lambda d: hostile.entry_named_docx(d, "/etc/evil.xml"), ("unsafe part name",)),
    "backslash name": (lambda d: hostile.entry_named_docx(d, "word\\..\\evil.xml"), ("unsafe part name",)),
    "drive letter": (lambda d: hostile.entry_named_docx(d, "C:/evil.xml"), ("unsafe part name",)),
    "newline in name": (lambda d: hostile.entry_named_docx(d, "word/a\nb.xml"), ("unsafe part name",)),
    "case-duplicate part": (hostile.duplicate_entry_docx, ("duplicate",)),
    "encrypted": (hostile.encrypted_docx, ("password protected",)),
    "legacy doc": (hostile.legacy_doc, ("legacy Word .doc",)),
    "pdf renamed": (hostile.pdf_renamed, ("PDF",)),
    "opendocument renamed": (hostile.odt_renamed, ("OpenDocument",)),
    "plain zip": (hostile.plain_zip, ("not a Word package",)),
    "truncated": (hostile.truncated_docx, ("damaged",)),
    "bad CRC": (hostile.corrupt_crc_docx, ("damaged",)),
    "missing main part": (hostile.missing_main_docx, ("main document part word/document.xml is missing",)),
    "no main relationship": (hostile.no_main_relationship_docx, ("no main document relationship",)),
    "wrong root": (hostile.wrong_root_docx, ("not a Word document",)),
    "strict": (hostile.strict_docx, ("Strict",)),
    "empty": (hostile.empty_file, ("empty",)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_refused_in_one_line(case: str, tmp_path: Path) -> None:
    build, keywords = HOSTILE[case]
    path = build(tmp_path)
    before = sha256(path)
    with pytest.raises(UnsupportedDocument) as caught:
        load_document(path)  # the package is checked on opening, the streamed main part as it is read
    assert_refusal(caught.value, path, *keywords)
    assert sha256(path) == before


def test_legacy_doc_hint_gives_the_conversion_command(tmp_path: Path) -> None:
    path = hostile.legacy_doc(tmp_path)
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path)
    assert f"soffice --headless --convert-to docx {path}" in caught.value.hint
    assert "EncryptionInfo" not in str(caught.value)


def test_encrypted_hint_says_remove_password(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(hostile.encrypted_docx(tmp_path))
    assert caught.value.hint == "remove the password in Word first"


def test_ole_detection_needs_a_directory_entry_not_just_the_word() -> None:
    """'EncryptionInfo' in body text (misaligned, no length field) must not count as a stream."""
    data = bytearray(hostile.ole_file(["WordDocument"]))
    data += b"\x00" * 3 + "EncryptionInfo".encode("utf-16-le") + b"\x00\x00"
    assert package.ole_has_stream(bytes(data), "WordDocument")
    assert not package.ole_has_stream(bytes(data), "EncryptionInfo")
    assert package.ole_has_stream(hostile.ole_file(["EncryptionInfo"]), "EncryptionInfo")


def test_unsafe_name_message_stays_on_one_line(tmp_path: Path) -> None:
    path = hostile.entry_named_docx(tmp_path, "word/a\nb.xml")
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path)
    assert "\n" not in str(caught.value)
    assert "a\\nb.xml" in caught.value.reason


def test_valid_package_loads_and_resolves_main_part(tmp_path: Path) -> None:
    path = hostile.valid_docx(tmp_path)
    before = sha256(path), path.stat().st_mtime_ns
    pkg = open_package(path)
    assert pkg.path == path
    assert pkg.main_part == "word/document.xml"
    assert pkg.warnings == []
    assert body_text(pkg) == hostile.BODY_TEXT
    assert pkg.related(pkg.main_part, "styles") == ["word/styles.xml"]
    assert pkg.related(pkg.main_part, "header") == []
    assert (sha256(path), path.stat().st_mtime_ns) == before


def test_main_part_at_nonstandard_path_is_found_through_rels(tmp_path: Path) -> None:
    pkg = open_package(hostile.nonstandard_main_docx(tmp_path))
    assert pkg.main_part == "word/main.xml"
    assert not pkg.has("word/document.xml")
    assert body_text(pkg) == hostile.BODY_TEXT
    assert pkg.related("word/main.xml", "styles") == ["word/styles.xml"]


def test_strict_relationship_type_is_followed(tmp_path: Path) -> None:
    pkg = open_package(hostile.strict_relationship_docx(tmp_path))
    assert pkg.main_part == "word/document.xml"


def test_package_accessors_agree_with_zipfile(tmp_path: Path) -> None:
    """names/read/zip_infos against an independent read of the same zip with zipfile."""
    path = hostile.docm(tmp_path)
    pkg = open_package(path)
    with zipfile.ZipFile(path) as archive:
        assert pkg.names() == archive.namelist()
        assert [i.filename for i in pkg.zip_infos()] == archive.namelist()
        assert [i.date_time for i in pkg.zip_infos()] == [i.date_time for i in archive.infolist()]
        for name in archive.namelist():
            assert pkg.read(name) == archive.read(name)
    assert pkg.has("WORD/Document.XML")
    assert pkg.read("WORD/Document.XML") == pkg.read("word/document.xml")
    assert pkg.xml("word/document.xml") is pkg.xml("word/document.xml")


def test_rels_and_content_types(tmp_path: Path) -> None:
    pkg = open_package(hostile.docm(tmp_path))
    root_rels = pkg.rels("")
    assert [(r.id, r.target, r.external) for r in root_rels] == [("rId1", "word/document.xml", False)]
    assert pkg.rels("word/styles.xml") == []
    assert pkg.related(pkg.main_part, "vbaProject") == ["word/vbaProject.bin"]
    assert pkg.content_type("word/document.xml") == hostile.DOCM_MAIN
    assert pkg.content_type("/word/styles.xml") == hostile.STYLES_TYPE
    assert pkg.content_type("word/_rels/document.xml.rels") == (
        "application/vnd.openxmlformats-package.relationships+xml"
    )
    assert pkg.content_type("word/vbaProject.bin") is None


def test_docm_loads_with_macro_warning(tmp_path: Path) -> None:
    pkg = open_package(hostile.docm(tmp_path))
    assert any("contains macros" in warning for warning in pkg.warnings)


def test_dotx_loads_normally(tmp_path: Path) -> None:
    pkg = open_package(hostile.dotx(tmp_path))
    assert pkg.warnings == []
    assert body_text(pkg) == hostile.BODY_TEXT


def test_missing_part_read_is_a_refusal(tmp_path: Path) -> None:
    path = hostile.valid_docx(tmp_path)
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path).read("word/header1.xml")
    assert_refusal(caught.value, path, "word/header1.xml")


def test_relationship_escaping_the_package_is_refused(tmp_path: Path) -> None:
    parts = hostile.docx_parts()
    parts[3] = (
        "word/_rels/document.xml.rels",
        hostile.rels_xml(("rId1", hostile.STYLES, "../../styles.xml")),
    )
    path = hostile.write_zip(tmp_path / "escape.docx", parts)
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path)
    assert_refusal(caught.value, path, "outside the package")


def test_external_relationship_keeps_raw_url(tmp_path: Path) -> None:
    url = "https://example.com/a%20b?x=1"
    parts = hostile.docx_parts()
    link = f'<Relationship Id="rId9" TargetMode="External" Type="x/hyperlink" Target="{url}"/>'
    rels = hostile.rels_xml(("rId1", hostile.STYLES, "styles.xml")).replace(
        b"</Relationships>", f"{link}</Relationships>".encode()
    )
    parts[3] = ("word/_rels/document.xml.rels", rels)
    pkg = open_package(hostile.write_zip(tmp_path / "link.docx", parts))
    [link] = [r for r in pkg.rels(pkg.main_part) if r.external]
    assert (link.id, link.target, link.type) == ("rId9", url, "x/hyperlink")
    assert pkg.related(pkg.main_part, "hyperlink") == []


def test_dtd_in_a_non_main_part_is_refused_when_read(tmp_path: Path) -> None:
    parts = hostile.docx_parts()
    parts[4] = ("word/styles.xml", b'<!DOCTYPE x [<!ENTITY e "y">]>' + hostile.STYLES_XML.split(b"?>", 1)[1])
    path = hostile.write_zip(tmp_path / "styles-dtd.docx", parts)
    pkg = open_package(path)
    with pytest.raises(UnsupportedDocument) as caught:
        pkg.xml("word/styles.xml")
    assert str(caught.value).startswith(
        f"{path}: XML part word/styles.xml declares a DTD (not allowed in Word files)"
    )


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE a SYSTEM "http://example.com/x.dtd"><a/>',
        '\ufeff<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'.encode(
            "utf-16-le"
        ),
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a []><a/>'.encode("utf-16-be"),
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c --> <!DOCTYPE a><a/>",
        b"<?xml version='1.0'?><!--" + b"x" * 70_000 + b"--><!DOCTYPE a><a/>",
    ],
    ids=["external-dtd", "utf16le-bom", "utf16be", "utf8-bom-comment", "dtd-after-long-comment"],
)
def test_parse_xml_refuses_every_doctype(data: bytes) -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        parse_xml(data, "word/document.xml")
    assert caught.value.reason == "XML part word/document.xml declares a DTD (not allowed in Word files)"


def test_parse_xml_does_not_read_external_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = f'<!DOCTYPE a [<!ENTITY x SYSTEM "{secret.as_uri()}">]><a>&x;</a>'.encode()
    with pytest.raises(UnsupportedDocument) as caught:
        parse_xml(data, "p.xml")
    assert "TOP-SECRET" not in str(caught.value)


def test_parse_xml_accepts_plain_xml_and_keeps_cdata() -> None:
    root = parse_xml(b"<?xml version='1.0'?><!-- ok --><a><![CDATA[<b>]]></a>", "x.xml")
    assert root.tag == "a"
    assert root.text == "<b>"


def test_malformed_message_is_lxml_first_line() -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        parse_xml(b"<a><b></a>", "word/document.xml")
    reason = caught.value.reason
    assert reason.startswith("malformed XML in word/document.xml: ")
    assert "mismatch" in reason and "\n" not in reason


def run_bounded(action: Callable[[], object]) -> tuple[float, int]:
    """Seconds and peak traced bytes while `action` runs (it must raise UnsupportedDocument)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnsupportedDocument):
            action()
        return time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "build", [hostile.ratio_bomb_docx, hostile.declared_size_bomb_docx, hostile.lying_size_docx], ids=repr
)
def test_bombs_are_refused_fast_and_small(build: Callable[[Path], Path], tmp_path: Path) -> None:
    path = build(tmp_path)
    seconds, peak = run_bounded(lambda: open_package(path))
    assert seconds < 2.0
    assert peak < 2 * path.stat().st_size + 8 * hostile.MIB


def test_lying_size_of_a_later_part_is_caught_on_read(tmp_path: Path) -> None:
    """Declared sizes are trusted for the checks but never for the read: it stops at the declared size."""
    parts = [*hostile.docx_parts(), ("word/media/zeros.bin", b"\x00" * (64 * hostile.MIB))]
    path = hostile.write_zip(tmp_path / "late-lie.docx", parts)
    hostile.patch_declared_sizes(path, {"word/media/zeros.bin": 1000})
    pkg = open_package(path)
    seconds, peak = run_bounded(lambda: pkg.read("word/media/zeros.bin"))
    assert seconds < 2.0
    assert peak < 8 * hostile.MIB


def test_limits_are_configurable(tmp_path: Path) -> None:
    path = hostile.valid_docx(tmp_path)
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path, Limits(max_entries=3))
    assert_refusal(caught.value, path, "too many parts")
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path, Limits(max_part_bytes=100))
    assert_refusal(caught.value, path, "unpacks to")
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path, Limits(max_total_bytes=100))
    assert_refusal(caught.value, path)
    ratio_bomb = hostile.ratio_bomb_docx(tmp_path, megabytes=2)
    assert open_package(ratio_bomb, Limits(max_ratio=2000.0)).main_part == "word/document.xml"


def test_directory_record_is_checked_before_zipfile_reads_the_directory(tmp_path: Path) -> None:
    """An end record claiming a huge directory is refused before any entry object is built."""
    path = hostile.valid_docx(tmp_path)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 10 : end + 12] = (0xFFFE).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(path, Limits(max_entries=100))
    assert_refusal(caught.value, path, "too many parts")


def test_not_a_regular_file_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(tmp_path)
    assert_refusal(caught.value, tmp_path, "not a regular file")
    missing = tmp_path / "missing.docx"
    with pytest.raises(UnsupportedDocument) as caught:
        open_package(missing)
    assert_refusal(caught.value, missing, "cannot read")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=8),
)
def test_corrupted_bytes_never_escape_as_other_errors(
    tmp_path: Path, method: int, flips: list[tuple[float, int]]
) -> None:
    """Any byte corruption either still opens (and every part reads) or is an UnsupportedDocument."""
    source = tmp_path / f"fuzz-source-{method}.docx"
    if not source.exists():
        hostile.write_zip(source, hostile.docx_parts(), compression=method)
    data = bytearray(source.read_bytes())
    for position, mask in flips:
        data[int(position * len(data))] ^= mask
    path = tmp_path / "fuzzed.docx"
    path.write_bytes(bytes(data))
    try:
        pkg = open_package(path)
        for name in pkg.names():
            if name.endswith((".xml", ".rels")):
                pkg.xml(name)
            for relation in pkg.rels(name):
                assert relation.target
    except UnsupportedDocument as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))


@pytest.fixture
def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_convert_legacy_doc_with_libreoffice(soffice: str, tmp_path: Path) -> None:
    source = hostile.valid_docx(tmp_path, "agreement.docx")
    made = tmp_path / "made"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(made), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    legacy = made / "agreement.doc"
    with pytest.raises(UnsupportedDocument, match="legacy Word .doc format"):
        open_package(legacy)
    work = tmp_path / "work"
    work.mkdir()
    converted = package.convert_legacy_doc(legacy, work)
    assert converted.suffix == ".docx" and work in converted.parents
    assert not list(work.rglob("profile")), "the private LibreOffice profile must be removed"
    assert hostile.BODY_TEXT in body_text(open_package(converted))


def test_convert_legacy_doc_reports_failure(soffice: str, tmp_path: Path) -> None:
    broken = hostile.legacy_doc(tmp_path)
    with pytest.raises(UnsupportedDocument) as caught:
        package.convert_legacy_doc(broken, tmp_path)
    assert_refusal(caught.value, broken, "could not convert")


def test_convert_legacy_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(package.shutil, "which", lambda name: None)
    doc = hostile.legacy_doc(tmp_path)
    with pytest.raises(UnsupportedDocument) as caught:
        package.convert_legacy_doc(doc, tmp_path)
    assert_refusal(caught.value, doc, "not installed")


# Atomic output


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_atomic_write_bytes_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert leftovers(tmp_path, {"out.docx"}) == []
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_atomic_write_bytes_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicio.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, {"out.docx"}) == []


def test_write_zip_atomic_round_trips_a_package(tmp_path: Path) -> None:
    """Copying every part through zip_infos gives the same names, order, dates, methods and bytes."""
    source = open_package(hostile.docm(tmp_path))
    entries = [(info, source.read(info.filename)) for info in source.zip_infos()]
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_zip_atomic(first, entries)
    write_zip_atomic(second, entries)
    assert first.read_bytes() == second.read_bytes()
    copy = open_package(first)
    with zipfile.ZipFile(source.path) as original, zipfile.ZipFile(first) as written:
        assert [(i.filename, i.date_time, i.compress_type) for i in original.infolist()] == [
            (i.filename, i.date_time, i.compress_type) for i in written.infolist()
        ]
    for name in source.names():
        assert copy.read(name) == source.read(name)


def test_write_zip_atomic_does_not_disturb_the_reader(tmp_path: Path) -> None:
    """zipfile mutates the ZipInfo it writes; the package being copied must still read afterwards."""
    path = hostile.valid_docx(tmp_path)
    with zipfile.ZipFile(path) as archive:
        raw = {i.filename: archive.read(i) for i in archive.infolist()}
    pkg = open_package(path)
    write_zip_atomic(tmp_path / "copy.docx", [(info, raw[info.filename]) for info in pkg.zip_infos()])
    assert all(pkg.read(name) == data for name, data in raw.items())


def test_write_zip_atomic_failure_mid_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous")

    def entries() -> Iterator[tuple[zipfile.ZipInfo, bytes]]:
        yield zipfile.ZipInfo("a.xml", hostile.FIXED_DATE), b"<a/>"
        raise RuntimeError("serialiser failed")

    with pytest.raises(RuntimeError, match="serialiser failed"):
        write_zip_atomic(target, entries())
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path, {"out.docx"}) == []
    fresh = tmp_path / "fresh.docx"
    with pytest.raises(RuntimeError):
        write_zip_atomic(fresh, entries())
    assert not fresh.exists()
    assert leftovers(tmp_path, {"out.docx"}) == []


def test_check_output_path_refuses_the_input(tmp_path: Path) -> None:
    source = hostile.valid_docx(tmp_path)
    with pytest.raises(OutputError) as caught:
        check_output_path(source, source)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(source))
    with pytest.raises(OutputError):
        check_output_path(source, tmp_path / "." / source.name)
    link = tmp_path / "link.docx"
    link.symlink_to(source)
    with pytest.raises(OutputError):
        check_output_path(source, link)
    hard = tmp_path / "hard.docx"
    os.link(source, hard)
    with pytest.raises(OutputError):
        check_output_path(source, hard)
    check_output_path(source, source, in_place=True)
    check_output_path(source, tmp_path / "redlined.docx")


def test_check_output_path_needs_an_existing_folder(tmp_path: Path) -> None:
    source = hostile.valid_docx(tmp_path)
    with pytest.raises(OutputError, match="does not exist"):
        check_output_path(source, tmp_path / "missing" / "out.docx")
    with pytest.raises(OutputError, match="folder"):
        check_output_path(source, tmp_path)
