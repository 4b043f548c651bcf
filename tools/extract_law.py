"""Write clauses/legal/*.yaml: the exact text of every article the rule packs cite.

Quotes must come from the statute files, never from memory, so this tool copies them: it reads the
Markdown statutes (one article per paragraph group, each starting with 第N条 or 第N条之M), keeps the
articles in the legal brief's list plus every article a rule pack cites, and writes one YAML per act.

    PYTHONPATH=src python tools/extract_law.py [--law-dir ../shared/law] [--clauses-dir clauses]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from draft_agreement.chinese import parse_chinese_number  # noqa: E402
from draft_agreement.reviewing.legal import article_display  # noqa: E402


@dataclass(frozen=True)
class ActSource:
    id: str
    files: tuple[str, ...]
    law_en: str
    note: str | None = None
    title_suffix: str = ""  # added to the act's title where the text cited is not the one in force


ACTS = (
    ActSource("pipl", ("个人信息保护法(2021-08-20).md",), "Personal Information Protection Law of the PRC"),
    ActSource(
        "civil-code", ("民法典-总则.md", "民法典-人格权编.md", "民法典-合同编.md"), "Civil Code of the PRC"
    ),
    ActSource("criminal-law", ("刑法.md",), "Criminal Law of the PRC"),
    ActSource(
        "anti-fraud", ("反电信网络诈骗法(2022-09-02).md",), "Anti-Telecom and Online Fraud Law of the PRC"
    ),
    ActSource(
        "health-law",
        ("基本医疗卫生与健康促进法(2019-12-28).md",),
        "Law of the PRC on Basic Medical and Health Care and the Promotion of Health",
    ),
    ActSource(
        "spc-spp-pi-2017",
        (
            "最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释(2017-05-08).md",
        ),
        "SPC and SPP Interpretation on Criminal Cases of Infringing Citizens' Personal Information (2017)",
    ),
    ActSource(
        "spc-contract-2023",
        ("最高人民法院关于适用《民法典》合同编通则若干问题的解释(2023-12-04).md",),
        "SPC Interpretation on the General Provisions of the Contracts Book of the Civil Code (2023)",
    ),
    ActSource(
        "cybersecurity-2016",
        ("网络安全法(2016-11-07).md",),
        "Cybersecurity Law of the PRC (2016 text)",
        "2016年文本。该法已于2025年修正，自2026年1月1日起施行，条文序号有调整；此处引用2016年文本的条文序号。"
        " 2016 text. The Law was amended in 2025 with effect from 1 January 2026 and its articles were"
        " renumbered; the numbers cited here are those of the 2016 text.",
        "（2016年文本）",
    ),
    ActSource(
        "network-data-2024",
        ("网络数据安全管理条例(2024-09-24).md",),
        "Regulations on Network Data Security Management (2024)",
    ),
    ActSource("data-security", ("数据安全法(2021-06-10).md",), "Data Security Law of the PRC"),
    ActSource(
        "minors-protection",
        ("未成年人保护法(2024-04-26).md",),
        "Law of the PRC on the Protection of Minors",
        "2020年修订、2024年修正文本。 Text as revised in 2020 and amended in 2024.",
    ),
    ActSource(
        "minors-online-2023",
        ("未成年人网络保护条例(2023-10-16).md",),
        "Regulations on the Online Protection of Minors (2023)",
    ),
    ActSource(
        "consumer-protection",
        ("消费者权益保护法(2013-10-25).md",),
        "Law of the PRC on the Protection of Consumer Rights and Interests",
        "2013年修正文本。 Text as amended in 2013.",
    ),
    ActSource("e-commerce", ("电子商务法(2018-08-31).md",), "E-Commerce Law of the PRC"),
)

# The articles legal-brief.md §2 and §4 rely on; rule packs may cite more and are scanned too.
BRIEF_ARTICLES = {
    "civil-code": "111 127 143 153 154 155 156 157 555 556 1032 1033 1034 1035 1036 1037 1038",
    "spc-contract-2023": "16 17 24",
    "pipl": "3 4 5 6 7 10 13 14 15 16 17 19 20 21 22 23 28 29 30 31 38 39 44 45 46 47 51 55 56 66 69 73",
    "criminal-law": "253-1",
    "spc-spp-pi-2017": "1 3 4 5",
    "cybersecurity-2016": "24 41 42 44",
    "anti-fraud": "31 44",
    "network-data-2024": "8 12 21 22",
    "health-law": "92",
    "data-security": "3 8 32",
    "minors-protection": "72",
    "minors-online-2023": "31 32 36",
    "consumer-protection": "14 29 53",
    "e-commerce": "23",
}

_HEADING = re.compile(r"^第([零一二三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?[ \u3000]+(.*)$")


def parse_articles(path: Path) -> dict[str, str]:
    """Article key ('23', '253-1') -> text (paragraphs joined by newlines, heading number removed)."""
    articles: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") or line.startswith("<!--"):
            current = None
            continue
        match = _HEADING.match(line)
        if match:
            key = str(parse_chinese_number(match.group(1)))
            if match.group(2):
                key += f"-{parse_chinese_number(match.group(2))}"
            if key in articles:
                raise SystemExit(f"{path.name}: article {key} appears twice")
            current = articles[key] = [match.group(3).strip()]
        elif current is not None:
            current.append(line)
    return {key: "\n".join(parts) for key, parts in articles.items()}


_EFFECT = (
    re.compile(r"本(?:法|解释|条例|规定)自(\d{4})年(\d{1,2})月(\d{1,2})日起施行"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*施行$", re.MULTILINE),
)


def effective_date(path: Path) -> str:
    """The date the act took effect, as its own text states it ("本法自2021年11月1日起施行")."""
    text = path.read_text(encoding="utf-8")
    for pattern in _EFFECT:
        match = pattern.search(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    raise SystemExit(f"{path.name}: no date of effect found")


def law_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise SystemExit(f"{path.name}: no '# title' line")


def cited_refs(clauses_dir: Path) -> set[str]:
    """Every legal_basis ref in the rule packs (zh and en)."""
    refs: set[str] = set()
    for pack in sorted(clauses_dir.glob("*/*.yaml")):
        if pack.parent.name == "legal":
            continue
        data = yaml.safe_load(pack.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            refs.update(str(ref) for ref in rule.get("legal_basis") or [])
    return refs


class _Dumper(yaml.SafeDumper):
    """Block style for multi-paragraph article texts so the YAML reads like the statute."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _sort_key(key: str) -> tuple[int, int]:
    main, _, sub = key.partition("-")
    return int(main), int(sub or 0)


def build(law_dir: Path, clauses_dir: Path) -> dict[str, str]:
    """File name -> YAML text for every act."""
    wanted: dict[str, set[str]] = {act: set(keys.split()) for act, keys in BRIEF_ARTICLES.items()}
    known = {act.id for act in ACTS}
    for ref in cited_refs(clauses_dir):
        act_id, _, key = ref.partition(":")
        if act_id not in known:
            raise SystemExit(f"a rule cites unknown act {act_id!r} ({ref})")
        wanted.setdefault(act_id, set()).add(key)
    outputs: dict[str, str] = {}
    for act in ACTS:
        texts: dict[str, str] = {}
        for name in act.files:
            texts.update(parse_articles(law_dir / name))
        keys = sorted(wanted.get(act.id, ()), key=_sort_key)
        missing = [k for k in keys if k not in texts]
        if missing:
            raise SystemExit(f"{act.id}: articles not found in {', '.join(act.files)}: {', '.join(missing)}")
        doc: dict[str, object] = {
            "id": act.id,
            "law": law_title(law_dir / act.files[0]) + act.title_suffix,
            "law_en": act.law_en,
            "source": act.files[0] if len(act.files) == 1 else list(act.files),
            "effective": effective_date(law_dir / act.files[0]),
        }
        if act.note:
            doc["note"] = act.note
        doc["articles"] = {key: texts[key] for key in keys}
        header = (
            f"# Generated by tools/extract_law.py from the statute files; do not edit by hand.\n"
            f"# Articles: {', '.join(article_display(k) for k in keys)}\n"
        )
        body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        outputs[f"{act.id}.yaml"] = header + body
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--law-dir", type=Path, default=ROOT.parent / "shared" / "law")
    parser.add_argument("--clauses-dir", type=Path, default=ROOT / "clauses")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files are out of date")
    args = parser.parse_args(argv)
    outputs = build(args.law_dir, args.clauses_dir)
    legal_dir = args.clauses_dir / "legal"
    stale = [
        name
        for name, text in outputs.items()
        if not (legal_dir / name).is_file() or (legal_dir / name).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"out of date: {legal_dir / name}")
        return 1 if stale else 0
    legal_dir.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (legal_dir / name).write_text(outputs[name], encoding="utf-8")
        print(f"wrote {legal_dir / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
