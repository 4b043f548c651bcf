"""Cut paragraph text into the tokens a lawyer reads: words, clause numbers, amounts, dates, party labels.

A change is struck token by token, so the tokens decide what a redline looks like: "50万元" → "60万元"
must be one change of one amount, "甲方" → "乙方" one change of one party, never one character of it.

- Units a contract treats as one thing come first, from patterns: clause numbers (第三条, 3.1.2, (a),
  一、), amounts (50万元, ¥500,000.00, 伍拾万元整), dates (2021年3月1日, 2021-03-01), percentages and
  party labels (甲方, 转让方, Party A).
- Other Chinese text is segmented by jieba. Its dictionary (in the jieba wheel, so it works offline) is
  read per character: a bucket index of the dictionary is built once into the user cache, and a
  comparison loads only the buckets of the characters in the sentences it actually has to diff. Loading
  jieba's whole prefix dictionary costs more than a second per process; this costs milliseconds.
- English: words (with inner apostrophes and hyphens), numbers with their separators, each punctuation
  mark, each run of white space.

`char` granularity gives one token per character, for callers that want character-exact marks.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

OBJECT = "\ufffc"  # stands for a drawing, field character, note reference... in paragraph text

_CN_NUM = "零〇○一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
_PARTIES = (
    "甲方|乙方|丙方|丁方|戊方|转让方|受让方|出让方|轉讓方|受讓方|出讓方|买方|卖方|買方|賣方|委托方|受托方|委託方|"
    "受託方|出租方|承租方|许可方|被许可方|許可方|被許可方|服务方|服務方|供方|需方|发包方|承包方|借款人|贷款人|出借人|"
    "担保人|保证人|抵押人|质押人|债权人|债务人|用人单位|劳动者"
)
_SPECIAL = re.compile(
    "|".join(
        (
            # Clause numbers: 第三条, 第12.3款, 3.1.2, (a), （一）, 一、
            rf"第[{_CN_NUM}0-9０-９]+(?:\.[0-9]+)*\s*[条條章节節款项項部分编編篇]",
            r"(?<![\w.])[0-9]+(?:\.[0-9]+)+\.?(?![\w.])",
            r"[（(](?:[0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5}|[" + _CN_NUM + r"]{1,3})[)）]",
            rf"(?<![{_CN_NUM}])[{_CN_NUM}]{{1,3}}[、]",
            r"(?<![\w.])[0-9]{1,3}[、]",
            # Dates: 2021年3月1日, 二〇二一年三月一日, 2021-03-01, 2021/3/1, 2021.3.1
            rf"[0-9０-９{_CN_NUM}]{{2,4}}\s*年(?:\s*[0-9０-９{_CN_NUM}]{{1,2}}\s*月(?:\s*[0-9０-９{_CN_NUM}]{{1,3}}\s*[日号號])?)?",
            rf"[0-9０-９{_CN_NUM}]{{1,2}}\s*月\s*[0-9０-９{_CN_NUM}]{{1,3}}\s*[日号號]",
            r"(?<![\w.])[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![\w.])",
            # Amounts: ¥500,000.00, RMB 500,000, 人民币50万元, 伍拾万元整, 50%, 百分之五
            r"(?:人民币|人民幣|RMB|CNY|USD|US\$|HK\$|EUR|[¥￥$€£])\s*[0-9][0-9,，]*(?:\.[0-9]+)?"
            rf"(?:\s*[{_CN_NUM}]*[元圆圓](?:整|正)?|\s*[万萬亿億千百]+(?:元|圆|美元|港元|欧元)?)?",
            r"[0-9][0-9,，]*(?:\.[0-9]+)?\s*(?:[万萬亿億千百]*(?:元|圆|圓|美元|港元|港币|欧元|歐元|角|分)(?:整|正)?"
            r"|[万萬亿億]+)",
            rf"(?:人民币|人民幣)?[{_CN_NUM}]+(?:[元圆圓](?:[{_CN_NUM}]+[角分])*(?:整|正)?)",
            r"[0-9]+(?:\.[0-9]+)?\s*[%％‰]",
            rf"百分之[{_CN_NUM}0-9.点點]+",
            # Party labels, Chinese and English
            _PARTIES,
            r"\bParty\s+[A-Z]\b",
        )
    )
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_LATIN = re.compile(
    r"\s+|[^\W_]+(?:['’\-][^\W_]+)*|[0-9]+(?:[,.][0-9]+)*|" + re.escape(OBJECT) + r"|.", re.DOTALL
)


def tokens(text: str, granularity: str = "word") -> list[str]:
    """`text` cut into tokens whose concatenation is `text` itself."""
    if granularity == "char":
        return list(text)
    out: list[str] = []
    pos = 0
    for found in _SPECIAL.finditer(text):
        if found.start() > pos:
            _plain(text[pos : found.start()], out)
        out.append(found.group())
        pos = found.end()
    if pos < len(text):
        _plain(text[pos:], out)
    return out


def _plain(text: str, out: list[str]) -> None:
    pos = 0
    for found in _HAN.finditer(text):
        if found.start() > pos:
            out.extend(_LATIN.findall(text[pos : found.start()]))
        out.extend(_words(found.group()))
        pos = found.end()
    if pos < len(text):
        out.extend(_LATIN.findall(text[pos:]))


@lru_cache(maxsize=4096)
def _words(han: str) -> tuple[str, ...]:
    """Chinese words of a run of Han characters, by jieba with the dictionary buckets it needs."""
    if len(han) == 1:
        return (han,)
    tokenizer = _tokenizer()
    if tokenizer is None:
        return tuple(han)  # no jieba here: character-exact is the safe fallback
    tokenizer.need(han)
    return tuple(tokenizer.cut(han, HMM=True))


# -- jieba, with its dictionary read per character ------------------------------------------------------


def _jieba_dict() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.exists() else None


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources: jieba's own fallback then opens its files directly, and
    importing pkg_resources (which scans every installed distribution) would cost more than the
    segmentation. A module set to None in sys.modules is Python's documented way to make its import
    fail; the entry is removed again at once."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked:
            sys.modules.pop("pkg_resources", None)
    return jieba


def _bucket_file(source: Path) -> Path:
    stat = source.stat()
    key = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}:2".encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "draft-agreement" / f"jieba-buckets-{key}.bin"


class _Buckets:
    """jieba's prefix dictionary (each word with its frequency, each proper prefix with 0), grouped by
    first character as 'word freq' lines; only the buckets asked for are ever decoded."""

    def __init__(self, total: int, index: dict[str, tuple[int, int]], blob: bytes) -> None:
        self.total = total
        self._index = index
        self._blob = blob

    def lines(self, ch: str) -> list[str]:
        where = self._index.get(ch)
        if where is None:
            return []
        start, size = where
        return self._blob[start : start + size].decode("utf-8").split("\n")

    def dump(self) -> bytes:
        header = marshal.dumps((self.total, self._index))
        return len(header).to_bytes(8, "little") + header + self._blob

    @classmethod
    def load(cls, data: bytes) -> _Buckets:
        size = int.from_bytes(data[:8], "little")
        total, index = marshal.loads(data[8 : 8 + size])
        return cls(total, index, data[8 + size :])

    @classmethod
    def build(cls, source: Path) -> _Buckets:
        freq: dict[str, int] = {}
        total = 0
        with source.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split(" ")
                if len(parts) < 2:
                    continue
                word, count = parts[0], int(parts[1])
                freq[word] = count
                total += count
                for i in range(1, len(word)):
                    freq.setdefault(word[:i], 0)
        grouped: dict[str, list[str]] = {}
        for word, count in freq.items():
            grouped.setdefault(word[0], []).append(f"{word} {count}")
        index: dict[str, tuple[int, int]] = {}
        chunks: list[bytes] = []
        offset = 0
        for ch, lines in grouped.items():
            chunk = "\n".join(lines).encode("utf-8")
            index[ch] = (offset, len(chunk))
            chunks.append(chunk)
            offset += len(chunk)
        return cls(total, index, b"".join(chunks))


def _load_buckets(source: Path) -> _Buckets:
    try:
        cache = _bucket_file(source)
        return _Buckets.load(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    buckets = _Buckets.build(source)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temp = cache.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(buckets.dump())
        os.replace(temp, cache)
    except OSError:
        pass  # a read-only home only costs the build next time
    return buckets


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    source = _jieba_dict()
    if source is None:
        return None
    jieba = _import_jieba()
    buckets = _load_buckets(source)

    class BucketTokenizer(jieba.Tokenizer):
        """jieba's tokenizer over a prefix dictionary filled per first character on demand.

        jieba only ever looks up fragments that start at a character of the sentence, so the buckets
        of the sentence's characters are exactly the part of the dictionary it can reach."""

        def __init__(self) -> None:
            super().__init__()
            self.FREQ = {}
            self.total = buckets.total
            self.initialized = True
            self._loaded: set[str] = set()

        def need(self, text: str) -> None:
            for ch in set(text) - self._loaded:
                self._loaded.add(ch)
                for line in buckets.lines(ch):
                    word, _, count = line.rpartition(" ")
                    self.FREQ[word] = int(count)

    return BucketTokenizer()
