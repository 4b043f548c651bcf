"""The drafting templates: the committed files match their generator, and manifests match the files.

The template files are read here with docxtpl's own variable scan and with lxml, independently of the
drafting code, so a manifest that forgot a variable (or declares one no file uses) fails here rather
than as a confusing render error in a lawyer's hands.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType

import jinja2
import pytest
import yaml
from docxtpl import DocxTemplate
from jinja2 import meta
from lxml import etree

from draft_agreement.drafting.catalog import TYPES, load_template, template_names
from draft_agreement.drafting.levels import filters
from draft_agreement.errors import TemplateError

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ISSUE_TEMPLATES = {
    "consent-notice",
    "customer-message",
    "referral-agreement",
    "data-processing-agreement",
    "pia-report",
}
TICKED = re.compile("[☑☒✓✔✅■]")


def build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_templates", TEMPLATES / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def docx_paragraphs(path: Path) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), parser)
    return ["".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t")) for p in root.iter(f"{{{W_NS}}}p")]


def scanning_environment() -> jinja2.Environment:
    """A plain jinja2 environment that knows the names of the drafting filters (their behaviour is not
    needed to list the variables a file uses)."""
    env = jinja2.Environment()
    env.filters.update(dict.fromkeys(filters("zh"), lambda value, *args: value))
    return env


def used_variables(path: Path) -> set[str]:
    if path.suffix == ".txt":
        return set(
            meta.find_undeclared_variables(scanning_environment().parse(path.read_text(encoding="utf-8")))
        )
    return set(DocxTemplate(str(path)).get_undeclared_template_variables(scanning_environment()))


def test_the_issue_templates_exist_in_both_languages() -> None:
    assert set(template_names(TEMPLATES)) == ISSUE_TEMPLATES
    for name in ISSUE_TEMPLATES:
        assert load_template(name, TEMPLATES).languages == ("zh", "en")


def test_customer_message_has_a_text_version_in_both_languages() -> None:
    tpl = load_template("customer-message", TEMPLATES)
    assert tpl.has_text("zh") and tpl.has_text("en")


@pytest.mark.parametrize("name", sorted(ISSUE_TEMPLATES))
def test_manifest_declares_exactly_what_the_files_use(name: str) -> None:
    """Each file uses only declared variables; together the files (and the flags that choose a variant)
    use every one, so the manifest has nothing stale. Files are found on disk, not through the catalog."""
    tpl = load_template(name, TEMPLATES)
    declared = {v.name for v in tpl.variables}
    files = sorted(p for p in tpl.folder.iterdir() if p.suffix in (".docx", ".txt"))
    used: set[str] = set(tpl.variants.values())
    for path in files:
        assert used_variables(path) <= declared, path.name
        used |= used_variables(path)
    assert used == declared


@pytest.mark.parametrize("name", sorted(ISSUE_TEMPLATES))
def test_each_variant_exists_in_both_languages(name: str) -> None:
    tpl = load_template(name, TEMPLATES)
    for variant in tpl.variants:
        for lang in ("zh", "en"):
            assert (tpl.folder / f"{lang}.{variant}.docx").is_file()
            if tpl.has_text(lang):
                assert (tpl.folder / f"{lang}.{variant}.txt").is_file()


def test_the_guardian_notice_asks_the_parents() -> None:
    """PIPL art. 31 and 未成年人保护法 art. 72: a child's information needs a parent's or guardian's
    consent; the guardian notice says so, names the child's information sensitive (art. 28) and has the
    guardian sign."""
    zh = "\n".join(docx_paragraphs(TEMPLATES / "consent-notice" / "zh.guardian.docx"))
    assert "父母或者其他监护人的同意" in zh and "第三十一条" in zh and "第七十二条" in zh
    assert "不满十四周岁未成年人的个人信息属于敏感个人信息" in zh
    assert "监护人签名" in zh and "个人签名" not in zh
    en = "\n".join(docx_paragraphs(TEMPLATES / "consent-notice" / "en.guardian.docx"))
    assert "Article 31" in en and "parent or other guardian" in en
    assert "Signature of the parent or guardian" in en


@pytest.mark.parametrize("name", sorted(ISSUE_TEMPLATES))
def test_manifest_entries_are_complete(name: str) -> None:
    raw = yaml.safe_load((TEMPLATES / name / "manifest.yaml").read_text(encoding="utf-8"))
    for variable in raw["variables"]:
        assert variable["type"] in TYPES
        assert isinstance(variable["required"], bool)
        assert variable["description"]["zh"].strip() and variable["description"]["en"].strip()


@pytest.mark.parametrize("name", sorted(ISSUE_TEMPLATES))
def test_templates_never_pre_tick_a_box(name: str) -> None:
    for path in sorted((TEMPLATES / name).glob("*.docx")):
        assert not TICKED.search("\n".join(docx_paragraphs(path))), path.name


def test_consent_notice_asks_for_an_affirmative_tick() -> None:
    for lang in ("zh", "en"):
        assert any(p.startswith("☐") for p in docx_paragraphs(TEMPLATES / "consent-notice" / f"{lang}.docx"))


def test_committed_templates_match_a_fresh_build(tmp_path: Path) -> None:
    written = build_module().build_all(tmp_path)
    assert written
    for path in written:
        committed = TEMPLATES / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is stale: rerun templates/build_templates.py"
        )


def test_the_build_is_reproducible(tmp_path: Path) -> None:
    module = build_module()
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in module.build_all(tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in module.build_all(tmp_path / "b")}
    assert first == second


def test_templates_pass_ooxml_integrity() -> None:
    exe = shutil.which("ooxml-integrity")
    if exe is None:
        pytest.skip("ooxml-integrity is not installed (pip install ooxml-integrity)")
    files = sorted(str(p) for p in TEMPLATES.glob("*/*.docx"))
    run = subprocess.run([exe, "check", *files, "--json"], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    assert {f["path"]: f["summary"]["error"] for f in report["files"]} == dict.fromkeys(files, 0)


# --- manifest validation -----------------------------------------------------------------------------


def write_template(root: Path, name: str, manifest: object) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    shutil.copy(TEMPLATES / "customer-message" / "zh.docx", folder / "zh.docx")
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def variable(**fields: object) -> dict[str, object]:
    return {"name": "x", "type": "string", "required": True, "description": {"zh": "甲", "en": "a"}} | fields


def manifest(*variables: dict[str, object], **fields: object) -> dict[str, object]:
    base = {"name": "t", "title": {"zh": "标题", "en": "Title"}, "description": {"zh": "说明", "en": "About"}}
    return base | {"variables": list(variables)} | fields


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (manifest(variable(), colour="red"), "unknown key(s) colour"),
        (manifest(variable(type="number")), "type must be one of"),
        (manifest(variable(required="yes")), "required must be true or false"),
        (manifest(variable(description={"zh": "甲"})), "needs zh and en text"),
        (manifest(variable(), variable()), "declared twice"),
        (manifest(variable(required_if="y")), "is not a bool variable"),
        (manifest(variable(type="list", default="a")), "is not a list"),
        (manifest(variable(name="Bad-Name")), "lower-case identifier"),
        (manifest(), "variables must be a non-empty list"),
        (manifest(variable(), name="other"), "does not match its folder"),
        (manifest(variable(), variable(name="y")), "share a zh blank label"),
        (manifest(variable(), variants={"kids": "x"}), "is not a bool variable"),
        (manifest(variable(blank={"zh": "甲"})), "needs zh and en text"),
    ],
)
def test_broken_manifests_are_refused_with_the_file_named(
    tmp_path: Path, broken: dict[str, object], complaint: str
) -> None:
    write_template(tmp_path, "t", broken)
    with pytest.raises(TemplateError) as caught:
        load_template("t", tmp_path)
    assert complaint in str(caught.value)
    assert "manifest.yaml" in str(caught.value)


def test_unknown_template_names_the_available_ones(tmp_path: Path) -> None:
    write_template(tmp_path, "t", manifest(variable()))
    with pytest.raises(TemplateError, match=r"unknown template 'nope' \(available: t\)"):
        load_template("nope", tmp_path)
