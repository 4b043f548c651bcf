"""The bundled samples stay in sync with their generator and really carry the Word features they exist for.

Every check reads the OOXML with lxml, independently of the generator, so a sample that lost its numbering,
its reviewer's revision or its comment anchor fails here rather than silently weakening other tests.
"""

from __future__ import annotations

import importlib.util
import json
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import phonenumbers
import pytest
from lxml import etree
from stdnum.cn import ric

from draft_agreement.ooxml import CT_NS, PKG_REL_NS, REL_OFFICE_DOCUMENT, W_NS, w

REPO = Path(__file__).resolve().parents[1]
SAMPLES_DIR = REPO / "samples"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NS = {"w": W_NS}
CJK = re.compile(r"[\u3400-\u9fff]")
RESIDENT_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9X])")
CN_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


@dataclass(frozen=True)
class Expected:
    """What the brief asks of each sample."""

    chinese: bool
    reviewer: str
    levels: tuple[tuple[str, str], tuple[str, str]]


ZH_LEVELS = (("chineseCounting", "第%1条"), ("decimal", "%1.%2"))
EXPECTED = {
    "wechat-account-transfer.zh.docx": Expected(True, "王律师", ZH_LEVELS),
    "social-media-account-sale.en.docx": Expected(
        False, "Jane Counsel", (("decimal", "%1."), ("decimal", "%1.%2"))
    ),
    "customer-referral-agreement.zh.docx": Expected(True, "王律师", ZH_LEVELS),
}
NAMES = sorted(EXPECTED)


class Package:
    """Just enough of an OPC reader to follow relationships from the main document."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.main = self._targets("", REL_OFFICE_DOCUMENT)[0]

    def xml(self, name: str) -> etree._Element:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        return etree.fromstring(self.parts[name], parser)

    def _targets(self, source: str, rel_type: str) -> list[str]:
        folder, name = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        return [
            posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
            for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")
            if rel.get("Type") == rel_type
        ]

    def related(self, rel_type: str) -> list[str]:
        """Parts the main document points to with relationships of the given short type."""
        return self._targets(self.main, REL_BASE + rel_type)

    def stories(self) -> list[str]:
        return [self.main, *self.related("header"), *self.related("footer"), *self.related("comments")]

    def body(self) -> etree._Element:
        return self.xml(self.main).find("w:body", NS)


def _text(element: etree._Element) -> str:
    """Current-view text: w:t only, so text inside w:del (w:delText) is left out."""
    return "".join(t.text or "" for t in element.iter(w("t")))


def _tables(package: Package) -> list[list[list[str]]]:
    return [
        [[_text(cell) for cell in row.findall("w:tc", NS)] for row in table.findall("w:tr", NS)]
        for table in package.body().iter(w("tbl"))
    ]


def _table_with(package: Package, heading: str) -> list[list[str]]:
    return next(table for table in _tables(package) if heading in table[0])


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES_DIR / "build_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out_dir = tmp_path_factory.mktemp("samples")
    return {path.name: path for path in _load_generator().build_all(out_dir)}


@pytest.fixture(scope="module", params=NAMES)
def sample(request: pytest.FixtureRequest) -> tuple[str, Package]:
    return request.param, Package(SAMPLES_DIR / request.param)


def test_generator_writes_exactly_the_committed_samples(regenerated: dict[str, Path]) -> None:
    assert sorted(regenerated) == NAMES
    assert sorted(path.name for path in SAMPLES_DIR.glob("*.docx")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_sample_is_byte_identical_to_a_fresh_build(name: str, regenerated: dict[str, Path]) -> None:
    committed = (SAMPLES_DIR / name).read_bytes()
    assert committed == regenerated[name].read_bytes(), "run: python samples/build_samples.py"


def test_clauses_use_automatic_two_level_numbering(sample: tuple[str, Package]) -> None:
    name, package = sample
    used = {
        (p.find("w:pPr/w:numPr/w:numId", NS).get(w("val")), p.find("w:pPr/w:numPr/w:ilvl", NS).get(w("val")))
        for p in package.body().iter(w("p"))
        if p.find("w:pPr/w:numPr", NS) is not None
    }
    num_ids = {num_id for num_id, _ in used}
    assert len(num_ids) == 1 and {level for _, level in used} == {"0", "1"}
    (numbering_name,) = package.related("numbering")
    numbering = package.xml(numbering_name)
    (num,) = numbering.xpath("w:num[@w:numId=$id]", namespaces=NS, id=num_ids.pop())
    abstract_id = num.find("w:abstractNumId", NS).get(w("val"))
    (abstract,) = numbering.xpath("w:abstractNum[@w:abstractNumId=$id]", namespaces=NS, id=abstract_id)
    for level, (num_fmt, lvl_text) in enumerate(EXPECTED[name].levels):
        (lvl,) = abstract.xpath("w:lvl[@w:ilvl=$i]", namespaces=NS, i=str(level))
        assert lvl.find("w:numFmt", NS).get(w("val")) == num_fmt
        assert lvl.find("w:lvlText", NS).get(w("val")) == lvl_text
    if EXPECTED[name].chinese:
        # "%1.%2" must read 1.1, not 一.1: the legal-numbering flag turns level 0 into Arabic digits.
        assert abstract.find("w:lvl[@w:ilvl='1']/w:isLgl", NS) is not None


def test_has_a_schedule_table_with_a_repeating_header(sample: tuple[str, Package]) -> None:
    _, package = sample
    tables = list(package.body().iter(w("tbl")))
    assert tables
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert len(rows) >= 3
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None


def test_header_and_footer_with_page_number_field(sample: tuple[str, Package]) -> None:
    name, package = sample
    sect_pr = package.body().find("w:sectPr", NS)
    assert sect_pr.find("w:headerReference", NS) is not None
    assert sect_pr.find("w:footerReference", NS) is not None
    (header,) = package.related("header")
    assert ("保密" if EXPECTED[name].chinese else "CONFIDENTIAL") in _text(package.xml(header))
    (footer,) = package.related("footer")
    footer_xml = package.xml(footer)
    instructions = [t.text.split()[0] for t in footer_xml.iter(w("instrText"))]
    assert "PAGE" in instructions
    kinds = [c.get(w("fldCharType")) for c in footer_xml.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"] * len(instructions)


def test_exactly_one_tracked_change_by_the_other_author(sample: tuple[str, Package]) -> None:
    name, package = sample
    revisions = [
        element for story in package.stories() for element in package.xml(story).iter(w("ins"), w("del"))
    ]
    assert len(revisions) == 1
    (revision,) = revisions
    assert revision.get(w("author")) == EXPECTED[name].reviewer
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", revision.get(w("date")))
    assert revision.get(w("id")).isdigit()
    assert revision.getparent().tag == w("p")
    assert len(revision) and all(child.tag == w("r") for child in revision)
    if revision.tag == w("del"):
        assert revision.find(".//w:t", NS) is None and revision.find(".//w:delText", NS) is not None
    else:
        assert _text(revision).strip()


def test_samples_include_both_an_insertion_and_a_deletion() -> None:
    kinds = {
        etree.QName(element).localname
        for name in NAMES
        for element in Package(SAMPLES_DIR / name).body().iter(w("ins"), w("del"))
    }
    assert kinds == {"ins", "del"}


def test_exactly_one_comment_anchored_on_a_span(sample: tuple[str, Package]) -> None:
    name, package = sample
    (comments_name,) = package.related("comments")
    types = etree.fromstring(package.parts["[Content_Types].xml"])
    override = types.find(f"{{{CT_NS}}}Override[@PartName='/{comments_name}']")
    assert override is not None and override.get("ContentType").endswith("comments+xml")
    (comment,) = package.xml(comments_name).findall("w:comment", NS)
    assert comment.get(w("author")) == EXPECTED[name].reviewer
    assert comment.get(w("date")) and _text(comment).strip()
    comment_id = comment.get(w("id"))
    body = package.body()
    order = {element: index for index, element in enumerate(body.iter())}
    (start,) = body.iter(w("commentRangeStart"))
    (end,) = body.iter(w("commentRangeEnd"))
    (reference,) = body.iter(w("commentReference"))
    assert start.get(w("id")) == end.get(w("id")) == reference.get(w("id")) == comment_id
    assert order[start] < order[end] < order[reference]
    assert reference.getparent().tag == w("r")
    anchored = "".join(t.text for t in body.iter(w("t")) if order[start] < order[t] < order[end])
    assert anchored.strip()
    revision_ids = {element.get(w("id")) for element in body.iter(w("ins"), w("del"))}
    assert comment_id not in revision_ids


@pytest.mark.parametrize("name", [name for name in NAMES if EXPECTED[name].chinese])
def test_every_chinese_run_names_an_east_asian_font(name: str) -> None:
    package = Package(SAMPLES_DIR / name)
    checked = 0
    for story in package.stories():
        for run in package.xml(story).iter(w("r")):
            text = "".join(t.text or "" for t in run if t.tag in (w("t"), w("delText")))
            if CJK.search(text):
                assert run.find("w:rPr/w:rFonts", NS).get(w("eastAsia")), (story, text)
                checked += 1
    assert checked > 50


def test_runs_are_split_mid_sentence_and_formatted(sample: tuple[str, Package]) -> None:
    _, package = sample
    body = package.body()
    runs = list(body.iter(w("r")))
    assert any(run.find("w:rPr/w:b", NS) is not None for run in runs)
    assert any(run.find("w:rPr/w:u", NS) is not None for run in runs)
    split = [
        run
        for run in runs
        if run.get(w("rsidR")) is not None
        and run.getprevious() is not None
        and run.getprevious().tag == w("r")
        and _text(run.getprevious())
        and etree.tostring(run.find("w:rPr", NS)) == etree.tostring(run.getprevious().find("w:rPr", NS))
    ]
    assert split, "no run shares its neighbour's formatting yet starts a new edit session"
    (settings_name,) = package.related("settings")
    declared = {rsid.get(w("val")) for rsid in package.xml(settings_name).find("w:rsids", NS)}
    used = {value for element in body.iter() for key, value in element.attrib.items() if "rsid" in key}
    assert used <= declared


def test_core_properties_name_the_title_and_the_generator(sample: tuple[str, Package]) -> None:
    _, package = sample
    core = package.xml("docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    title = core.find("dc:title", ns).text
    first_paragraph = _text(package.body().find("w:p", NS))
    assert title and title.casefold() == first_paragraph.casefold()
    assert core.find("dc:creator", ns).text == "draft-agreement samples"
    assert core.find("dcterms:created", ns).text.endswith("Z")


def test_every_identifier_in_the_samples_is_checksum_valid(sample: tuple[str, Package]) -> None:
    _, package = sample
    text = "\n".join(_text(p) for p in package.body().iter(w("p")))
    for number in RESIDENT_ID.findall(text):
        assert ric.is_valid(number), number
    for number in CN_MOBILE.findall(text):
        parsed = phonenumbers.parse(number, "CN")
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE, number


def test_wechat_customer_schedule_lists_valid_fake_identities() -> None:
    package = Package(SAMPLES_DIR / "wechat-account-transfer.zh.docx")
    header, *rows = _table_with(package, "身份证号")
    id_col, phone_col = header.index("身份证号"), header.index("手机号")
    assert len(rows) >= 8
    assert all(ric.is_valid(row[id_col]) for row in rows)
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(row[phone_col], "CN")) for row in rows)
    assert len({row[id_col] for row in rows}) == len(rows)


def test_wechat_account_schedule_backs_the_friend_warranty() -> None:
    package = Package(SAMPLES_DIR / "wechat-account-transfer.zh.docx")
    header, *rows = _table_with(package, "微信号")
    *accounts, total = rows
    counts = [int(row[header.index("好友数")]) for row in accounts]
    assert len(counts) == 9 and all(2000 <= count <= 3000 for count in counts)
    assert int(total[header.index("好友数")]) == sum(counts)
    text = "".join(_text(p) for p in package.body().iter(w("p")))
    warranty = int(re.search(r"有效好友不少于([\d,]+)个", text).group(1).replace(",", ""))
    assert sum(counts) >= warranty == 20000


def test_english_account_schedule_backs_the_follower_warranty() -> None:
    package = Package(SAMPLES_DIR / "social-media-account-sale.en.docx")
    header, *rows = _table_with(package, "Followers")
    *accounts, total = rows
    counts = [int(row[header.index("Followers")].replace(",", "")) for row in accounts]
    assert {row[0] for row in accounts} == {"Instagram", "TikTok"}
    assert int(total[header.index("Followers")].replace(",", "")) == sum(counts)
    text = " ".join(_text(p) for p in package.body().iter(w("p")))
    minimum = int(re.search(r"minimum of ([\d,]+) real followers", text).group(1).replace(",", ""))
    assert sum(counts) >= minimum == 100000


def test_compliant_referral_schedule_holds_no_personal_identifiers() -> None:
    package = Package(SAMPLES_DIR / "customer-referral-agreement.zh.docx")
    cells = " ".join(cell for table in _tables(package) for row in table for cell in row)
    assert not RESIDENT_ID.search(cells) and not CN_MOBILE.search(cells)


@pytest.fixture(scope="module")
def validator_reports() -> dict[str, tuple[dict, dict]]:
    """Run each external validator once over all samples: they are independent oracles, but slow to start."""
    audit, integrity = shutil.which("openxml-audit"), shutil.which("ooxml-integrity")
    if audit is None or integrity is None:
        pytest.skip("openxml-audit / ooxml-integrity not installed (pip install -e .[test])")
    paths = [str(SAMPLES_DIR / name) for name in NAMES]
    audits = json.loads(
        subprocess.run([audit, "-o", "json", "-r", str(SAMPLES_DIR)], capture_output=True, text=True).stdout
    )
    checks = json.loads(
        subprocess.run([integrity, "check", "--json", *paths], capture_output=True, text=True).stdout
    )["files"]
    by_name = {Path(report["file"]).name: report for report in audits}
    return {Path(check["path"]).name: (by_name[Path(check["path"]).name], check) for check in checks}


@pytest.mark.parametrize("name", NAMES)
def test_independent_validators_find_nothing(
    name: str, validator_reports: dict[str, tuple[dict, dict]]
) -> None:
    audit, integrity = validator_reports[name]
    assert audit["valid"] and audit["error_count"] == 0, audit["errors"]
    assert integrity["findings"] == [], integrity["findings"]
