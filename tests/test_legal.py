"""The cited law: quotes are verbatim from the statute files, and every rule's references resolve.

The statute files in ../shared/law are the oracle; tests that need them skip when they are absent.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from draft_agreement.chinese import chinese_number, parse_chinese_number
from draft_agreement.errors import RuleFileError
from draft_agreement.reviewing.legal import LegalLibrary, article_display
from draft_agreement.reviewing.rules import default_clauses_dir, default_pack_paths, load_rule_set

REPO = Path(__file__).resolve().parents[1]
LAW_DIR = REPO.parent / "shared" / "law"
LEGAL_DIR = default_clauses_dir() / "legal"
needs_law = pytest.mark.skipif(not LAW_DIR.is_dir(), reason="statute texts (../shared/law) are not available")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _acts() -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(LEGAL_DIR.glob("*.yaml"))]


@needs_law
@pytest.mark.parametrize("act", _acts(), ids=lambda act: act["id"])
def test_quotes_are_verbatim(act: dict) -> None:
    sources = [act["source"]] if isinstance(act["source"], str) else act["source"]
    statute = _squash("".join((LAW_DIR / name).read_text(encoding="utf-8") for name in sources))
    for key, text in act["articles"].items():
        heading = article_display(str(key))
        assert _squash(heading + text) in statute, f"{act['id']} {heading} is not verbatim in {sources}"


@needs_law
def test_act_names_are_the_statute_titles() -> None:
    for act in _acts():
        sources = [act["source"]] if isinstance(act["source"], str) else act["source"]
        first_line = (LAW_DIR / sources[0]).read_text(encoding="utf-8").splitlines()[0]
        # A text that is no longer the one in force says which it is: 网络安全法（2016年文本）.
        assert f"# {act['law']}".startswith(first_line)
        assert act["law"] == first_line[2:] or act["law"].endswith("年文本）")


@needs_law
def test_dates_of_effect_are_the_statutes_own() -> None:
    for act in _acts():
        sources = [act["source"]] if isinstance(act["source"], str) else act["source"]
        text = (LAW_DIR / sources[0]).read_text(encoding="utf-8")
        year, month, day = (int(part) for part in act["effective"].split("-"))
        assert f"{year}年{month}月{day}日" in text, act["id"]


def test_cybersecurity_law_is_cited_as_the_2016_text_in_both_languages() -> None:
    act = next(a for a in _acts() if a["id"] == "cybersecurity-2016")
    assert act["law"].endswith("（2016年文本）") and "2016 text" in act["law_en"]


@needs_law
def test_extract_law_output_is_committed() -> None:
    """tools/extract_law.py regenerates exactly the committed files."""
    spec = importlib.util.spec_from_file_location("extract_law", REPO / "tools" / "extract_law.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_law"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    outputs = module.build(LAW_DIR, default_clauses_dir())
    for name, text in outputs.items():
        assert (LEGAL_DIR / name).read_text(encoding="utf-8") == text, f"clauses/legal/{name} is stale"


@needs_law
def test_chinese_numerals_match_every_statute_heading() -> None:
    """Articles are numbered 1..N in order, so the k-th heading is the oracle for chinese_number(k)."""
    checked = 0
    for path in LAW_DIR.glob("*.md"):
        headings = re.findall(
            r"^第([零一二三四五六七八九十百千]+)条 ", path.read_text(encoding="utf-8"), re.M
        )
        first = parse_chinese_number(headings[0])  # the Civil Code books continue the numbering
        for position, numeral in enumerate(headings, start=first):
            assert chinese_number(position) == numeral, f"{path.name}: article {position}"
            assert parse_chinese_number(numeral) == position
            checked += 1
    assert checked > 1000


def test_display_forms() -> None:
    assert article_display("253-1") == f"第{chinese_number(253)}条之一"
    assert article_display("10") == "第十条"
    with pytest.raises(ValueError):
        article_display("12a")


def test_every_rule_reference_resolves() -> None:
    library = LegalLibrary.load(LEGAL_DIR)
    for language in ("zh", "en"):
        for rule in load_rule_set(default_pack_paths(language), language).rules:
            for ref in rule.legal_basis:
                citation = library.cite(ref)
                assert citation.quote and citation.law and citation.article.startswith("第")


def test_cite_returns_the_yaml_text() -> None:
    library = LegalLibrary.load(LEGAL_DIR)
    pipl = yaml.safe_load((LEGAL_DIR / "pipl.yaml").read_text(encoding="utf-8"))
    citation = library.cite("pipl:23")
    assert citation.quote == pipl["articles"]["23"].strip()
    assert citation.law == pipl["law"]
    assert citation.ref == "pipl:23"
    assert citation.article == article_display("23")


def test_cybersecurity_law_notes_the_2026_renumbering() -> None:
    citation = LegalLibrary.load(LEGAL_DIR).cite("cybersecurity-2016:44")
    assert citation.note and "2026" in citation.note and "2016" in citation.note


@pytest.mark.parametrize("ref", ["pipl:9999", "no-such-act:1", "pipl", "pipl:abc", ""])
def test_unknown_refs_raise(ref: str) -> None:
    with pytest.raises(RuleFileError):
        LegalLibrary.load(LEGAL_DIR).cite(ref)


def test_broken_act_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "id: x\nlaw: X\nsource: x.md\narticles: {'1a': text}\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError) as info:
        LegalLibrary.load(tmp_path)
    assert info.value.field == "articles.1a"
