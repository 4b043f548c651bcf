"""The labelled evaluation set is well formed, and the .docx files built from it say what the YAML says."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from lxml import etree

from draft_agreement.reviewing.detectors import looks_like_customer_list

EVAL_DIR = Path(__file__).resolve().parent / "eval"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The public category names (docs/taxonomy.md); test_categories_match_the_taxonomy keeps them honest.
CATEGORIES = {
    "account-transfer",
    "credential-handover",
    "personal-info-transfer",
    "sensitive-personal-info",
    "impersonation",
    "pi-pricing",
    "embedded-personal-data",
    "cross-border-transfer",
    "missing-safeguard",
}
DOCUMENT_LEVEL = {"missing-safeguard"}
LANGUAGES = {"zh-Hans", "zh-Hant", "en"}
GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_build", EVAL_DIR / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = load_builder()
AGREEMENTS: list[dict[str, Any]] = BUILD.load_agreements()
ITEMS = [(agreement, item) for agreement in AGREEMENTS for item in agreement["paragraphs"]]
PARAGRAPHS = [item for _, item in ITEMS if "text" in item]


def test_enough_agreements_and_paragraphs() -> None:
    assert len(AGREEMENTS) >= 18
    assert len(PARAGRAPHS) >= 200


def test_every_item_is_a_paragraph_or_a_table() -> None:
    for agreement, item in ITEMS:
        keys = set(item) - {"labels", "numbered", "tracked"}
        assert keys in ({"text"}, {"table"}), (agreement["id"], item)
        assert isinstance(item["labels"], list)
        if "table" in item:
            assert all(isinstance(cell, str) and cell for row in item["table"] for cell in row)
        else:
            assert isinstance(item["text"], str) and item["text"].strip()


def test_ids_languages_and_files_agree() -> None:
    ids = [agreement["id"] for agreement in AGREEMENTS]
    assert len(set(ids)) == len(ids)
    assert sorted(path.stem for path in (EVAL_DIR / "agreements").glob("*.yaml")) == sorted(ids)
    assert {agreement["language"] for agreement in AGREEMENTS} == LANGUAGES


def test_every_label_is_a_taxonomy_category_at_the_right_level() -> None:
    for agreement, item in ITEMS:
        assert set(item["labels"]) <= CATEGORIES - DOCUMENT_LEVEL, (agreement["id"], item["labels"])
        assert len(set(item["labels"])) == len(item["labels"])
    for agreement in AGREEMENTS:
        assert set(agreement.get("document_labels", [])) <= DOCUMENT_LEVEL


def test_categories_match_the_taxonomy() -> None:
    taxonomy = SHARED / "docs" / "taxonomy.md"
    if not taxonomy.is_file():
        pytest.skip(f"shared reference material not found at {taxonomy}")
    text = taxonomy.read_text(encoding="utf-8")
    # The first table lists the categories; the deal kinds (wave 2) have a table of their own further down.
    first_table = text[: text.index("## Minimum shape")]
    names = set(re.findall(r"^\| `([a-z-]+)` \|", first_table, flags=re.MULTILINE))
    assert names == CATEGORIES


def test_each_category_is_labelled_at_least_five_times() -> None:
    counts = Counter(label for _, item in ITEMS for label in item["labels"])
    counts.update(label for agreement in AGREEMENTS for label in agreement.get("document_labels", []))
    assert {category: counts[category] for category in CATEGORIES if counts[category] < 5} == {}


def test_enough_look_alike_and_ordinary_paragraphs() -> None:
    assert sum(1 for item in PARAGRAPHS if not item["labels"]) >= 60
    assert sum(1 for agreement in AGREEMENTS if not agreement.get("document_labels")) >= 8


def test_a_pi_transfer_is_what_makes_safeguards_missing() -> None:
    """missing-safeguard is expected exactly where a labelled personal-information transfer exists."""
    transfer = {"personal-info-transfer", "sensitive-personal-info", "cross-border-transfer"}
    for agreement in AGREEMENTS:
        labelled = {label for item in agreement["paragraphs"] for label in item["labels"]}
        assert ("missing-safeguard" in agreement.get("document_labels", [])) == bool(labelled & transfer), (
            agreement["id"]
        )


def test_identical_texts_carry_identical_labels() -> None:
    for agreement in AGREEMENTS:
        seen: dict[str, set[str]] = {}
        for item in agreement["paragraphs"]:
            if "text" in item:
                key = re.sub(r"\s+", "", item["text"])
                assert seen.setdefault(key, set(item["labels"])) == set(item["labels"]), agreement["id"]


def test_tracked_changes_are_consistent_with_the_text() -> None:
    tracked = [item for item in PARAGRAPHS if "tracked" in item]
    assert tracked
    for item in tracked:
        assert item["tracked"]["inserted"] in item["text"]
        if "deleted" in item["tracked"]:
            assert item["tracked"]["deleted"] not in item["text"]


def id_check_digit(first17: str) -> str:
    return "10X98765432"[sum(int(d) * wgt for d, wgt in zip(first17, GB11643_WEIGHTS, strict=True)) % 11]


def luhn_valid(number: str) -> bool:
    digits = [int(ch) for ch in reversed(number)]
    return sum(d if i % 2 == 0 else (2 * d - 9 if d > 4 else 2 * d) for i, d in enumerate(digits)) % 10 == 0


def all_texts() -> list[str]:
    return [text for agreement in AGREEMENTS for text in BUILD.expected_texts(agreement)]


def test_embedded_resident_ids_are_checksum_valid() -> None:
    ids = [m for text in all_texts() for m in re.findall(r"(?<!\d)\d{17}[\dX](?!\d)", text)]
    assert len(ids) >= 10
    assert [number for number in ids if id_check_digit(number[:17]) != number[17]] == []


def test_embedded_bank_cards_are_luhn_valid() -> None:
    cards = [
        m for text in all_texts() for m in re.findall(r"(?<!\d)\d{16,19}(?![\dX])", text) if len(m) != 18
    ]
    assert len(cards) >= 3
    assert [card for card in cards if not luhn_valid(card)] == []


def test_customer_list_detector_agrees_with_the_table_labels() -> None:
    tables = [item for _, item in ITEMS if "table" in item]
    assert any("embedded-personal-data" not in item["labels"] for item in tables)
    for item in tables:
        assert looks_like_customer_list(item["table"]) == ("embedded-personal-data" in item["labels"]), item


def docx_body_paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml")
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return list(root.iter(f"{W}p"))


def current_text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    return BUILD.build_all(tmp_path_factory.mktemp("eval"))


def test_build_all_writes_one_docx_per_agreement(built: list[tuple[Path, dict[str, Any]]]) -> None:
    assert [agreement["id"] for _, agreement in built] == [agreement["id"] for agreement in AGREEMENTS]
    assert all(path.suffix == ".docx" and path.is_file() for path, _ in built)


def test_built_paragraph_texts_equal_the_yaml(built: list[tuple[Path, dict[str, Any]]]) -> None:
    for path, agreement in built:
        texts = [current_text(p) for p in docx_body_paragraphs(path)]
        assert texts == BUILD.expected_texts(agreement), path.name


def test_built_files_have_split_runs_revisions_and_numbering(
    built: list[tuple[Path, dict[str, Any]]],
) -> None:
    paragraphs = [p for path, _ in built for p in docx_body_paragraphs(path)]
    assert sum(1 for p in paragraphs if len(p.findall(f"{W}r")) >= 3) >= 30
    insertions = [node for p in paragraphs for node in p.iter(f"{W}ins")]
    assert insertions and all(node.get(f"{W}author") for node in insertions)
    deleted = ["".join(node.itertext()) for p in paragraphs for node in p.iter(f"{W}del")]
    assert deleted and not any(text in current_text(p) for text in deleted for p in paragraphs)
    assert any(p.find(f"{W}pPr/{W}pStyle[@{W}val='ListNumber']") is not None for p in paragraphs)


# --- every labelled folder: the legacy set, the real-modelled development split and the blind split ------
# The blind split is never read while tuning: these checks look at its structure only, and report a
# problem as (agreement number, what is wrong), never as text.

FOLDERS = ("agreements", "real-dev", "real-blind")
AGREEMENT_KEYS = {"id", "language", "title", "paragraphs", "document_labels", "origin", "modelled_on", "deal"}
ITEM_KEYS = {"text", "table", "labels", "numbered", "tracked"}


def structure_problems(folder: Path) -> list[tuple[int, str]]:
    """What is wrong with the agreements of `folder`, as (position in file order, problem)."""
    paths = sorted(folder.glob("*.yaml"))
    problems: list[tuple[int, str]] = []
    ids: list[str] = []
    for index, path in enumerate(paths):
        agreement = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(agreement, dict):
            problems.append((index, "not a mapping"))
            continue
        if set(agreement) - AGREEMENT_KEYS or not {"id", "language", "title", "paragraphs"} <= set(agreement):
            problems.append((index, "top-level keys"))
            continue
        ids.append(agreement["id"])
        if agreement["id"] != path.stem:
            problems.append((index, "id is not the file name"))
        if agreement["language"] not in LANGUAGES:
            problems.append((index, "language"))
        if not set(agreement.get("document_labels", [])) <= DOCUMENT_LEVEL:
            problems.append((index, "document label"))
        for item in agreement["paragraphs"]:
            problems.extend((index, kind) for kind in item_problems(item))
    if len(set(ids)) != len(ids):
        problems.append((-1, "duplicate ids"))
    return problems


def item_problems(item: Any) -> list[str]:
    if not isinstance(item, dict) or set(item) - ITEM_KEYS or ("text" in item) == ("table" in item):
        return ["paragraph keys"]
    found = []
    labels = item.get("labels")
    if not isinstance(labels, list) or not set(labels) <= CATEGORIES - DOCUMENT_LEVEL:
        found.append("paragraph label")
    elif len(set(labels)) != len(labels):
        found.append("repeated label")
    if "text" in item and not (isinstance(item["text"], str) and item["text"].strip()):
        found.append("empty text")
    if "table" in item and not all(isinstance(cell, str) for row in item["table"] for cell in row):
        found.append("table cells")
    if "tracked" in item and item["tracked"].get("inserted", "") not in item.get("text", ""):
        found.append("tracked insertion not in text")
    return found


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_labelled_folder_is_well_formed(folder: str) -> None:
    path = EVAL_DIR / folder
    assert path.is_dir() and any(path.glob("*.yaml"))
    assert structure_problems(path) == []


# --- the scores: a regression guard, with floors a little below what review reaches today ----------------

# (set, category or "overall") -> (recall floor, precision floor), medium and above.
FLOORS = {
    # personal-info-transfer and sensitive-personal-info recall lowered by the honest amount (0.95 -> 0.94,
    # 0.95 -> 0.92) when the dev2-*-2x/3x agreements were added: their misses were measured, not tuned away.
    # ...and again when the dev4 rounds were added (dev4-*-xb-*, -sens-*, -acct-*, -pit-*): the floors below are
    # set a little under what review measures once all four are in: personal-info-transfer 0.94 / 0.99 and
    # sensitive-personal-info 0.94 / 0.98 on 198 agreements.
    # ...and again with the dev6 sens batch (dev6-*-sens-*), added and measured before any tuning:
    # personal-info-transfer 0.91 / 0.98, sensitive-personal-info 0.89 / 0.95 on 227 agreements.
    # The dev6 xb batch (dev6-*-xb-*) was measured the same way for personal-info-transfer: its 13 co-labelled transfers
    # (remote look-ups, entries into a group system, a ground agent's onward transfer) were measured, 7 found.
    # The dev7 xb batch (dev7-*-xb-*) was measured the same way: 13 co-labelled transfers, 3 found after tuning;
    # the rest wait on the deal model (申办方/研究机构 not read as parties, sides read backwards in a
    # loyalty swap and a marketing brief). personal-info-transfer recall 0.90 -> 0.87 for them (0.874 measured).
    ("real-dev", "personal-info-transfer"): (0.87, 0.95),
    ("real-dev", "pi-pricing"): (0.93, 0.95),
    # sensitive-personal-info recall 0.88 -> 0.87 with the dev11 refzh batch (dev11-*-refzh-*), measured before
    # tuning: 12 co-labelled sensitive transfers, 3 found untuned, 7 after tuning; the rest are a defined term
    # whose definition is not read as sensitive (本协议所称客户资源 … 健康告知), minors known only from the
    # trade (少儿编程), and patients of a kind of treatment (正畸患者名单). 0.877 measured.
    # ...and 0.87 -> 0.86 when a bare identity-document number (身份证号码, passport, SSN, NRIC) stopped counting
    # as sensitive, as the legal brief reads PIPL art. 28 (the card's image stays sensitive): seven labels (five agreements) that
    # rested on the number alone were corrected, and two clauses whose other sensitive items lie far down a long
    # field list (an insurer's 缴费银行账号 and 健康告知) and a player base with minors known only from the next
    # clause became misses. 0.868 measured.
    ("real-dev", "sensitive-personal-info"): (0.86, 0.94),
    ("real-dev", "account-transfer"): (0.93, 0.85),
    # credential-handover recall 0.93 -> 0.92 with the dev6 acct batch (untuned misses: "the login
    # credentials and the associated email", a personal WeChat handed to the company): 0.93 measured.
    ("real-dev", "credential-handover"): (0.92, 0.95),
    # cross-border-transfer recall 0.93 -> 0.88 with the dev10 xb batch (dev10-*-xb-*), measured before tuning:
    # 28 co-labelled exports, 12 found untuned; the rest are remote reading by a processor the deal model does
    # not place on the receiving side (a party labelled "Provider", tutors named by no label), data-room
    # uploads with no recipient named, and places the vocabulary lacks. After tuning 0.911 is measured, so the
    # floor stands at 0.90 (was 0.93): the remaining misses need the finding's stretch to reach the party named
    # (", which is hosted in Singapore,") or the deal model to know a team named by no label.
    ("real-dev", "cross-border-transfer"): (0.90, 0.95),
    ("real-dev", "impersonation"): (0.90, 0.95),
    # overall raised (0.86, 0.87) -> (0.93, 0.96) with the third round (dev3, zh and en): 0.98 / 0.95 measured.
    # ...and 0.93 -> 0.92 recall with the dev7 xb batch's untuned personal-info-transfer misses (0.925 measured).
    # ...and 0.92 -> 0.91 with the dev11 reference batches' remaining misses (0.9198 measured on 377).
    ("real-dev", "overall"): (0.91, 0.95),
    ("agreements", "personal-info-transfer"): (0.94, 0.94),
    ("agreements", "pi-pricing"): (0.95, 0.95),
    ("agreements", "sensitive-personal-info"): (0.95, 0.95),
    ("agreements", "overall"): (0.96, 0.97),
}


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_review", EVAL_DIR.parents[1] / "bench" / "eval_review.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[float, float]]:
    """(set, category) -> (recall, precision), scored by bench/eval_review.py on freshly built files."""
    from draft_agreement.reviewing.run import review

    scorer = load_scorer()
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for folder in ("real-dev", "agreements"):
        built = BUILD.build_all(tmp_path_factory.mktemp(folder), EVAL_DIR / folder)
        result = scorer.score(review, built, BUILD.expected_texts)
        assert result.errors == []
        per_category, overall = scorer.tallies(result)
        for category, tally in per_category.items():
            out[(folder, category)] = ratios(tally)
        out[(folder, "overall")] = ratios(overall)
    return out


def ratios(tally: Any) -> tuple[float, float]:
    recall = tally.tp / (tally.tp + tally.fn) if tally.tp + tally.fn else 1.0
    precision = tally.tp / (tally.tp + tally.fp) if tally.tp + tally.fp else 1.0
    return recall, precision


@pytest.mark.parametrize(("key", "floor"), sorted(FLOORS.items()))
def test_review_scores_stay_above_their_floors(
    scores: dict[tuple[str, str], tuple[float, float]], key: tuple[str, str], floor: tuple[float, float]
) -> None:
    recall, precision = scores[key]
    assert recall >= floor[0], (key, recall)
    assert precision >= floor[1], (key, precision)
