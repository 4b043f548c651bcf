"""Load rule packs (YAML) and validate every field, so a broken pack fails on load with a clear message.

A pack is data: term groups, a little grammar (negators, clause breaks...) and rules that combine them.
Validation is strict because a firm will write its own packs: an unknown key, category, term group or
legal reference, a bad regex or a rule without enough examples is a RuleFileError naming the file, the
rule and the field. The format is documented in clauses/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from draft_agreement import compiled
from draft_agreement.errors import RuleFileError
from draft_agreement.library import LANGUAGES, default_clauses_dir, language_code
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.normalize import fold, fold_cluster
from draft_agreement.reviewing.patterns import DYNAMIC_GROUPS, expand_references, literal_gate, references

CATEGORY_SEVERITY: Mapping[str, str] = {
    "account-transfer": "high",
    "credential-handover": "high",
    "personal-info-transfer": "high",
    "sensitive-personal-info": "high",
    "impersonation": "high",
    "pi-pricing": "medium",
    "embedded-personal-data": "high",
    "cross-border-transfer": "medium",
    "missing-safeguard": "medium",
}
SEVERITIES = ("high", "medium", "low", "info")
SCOPES = ("sentence", "paragraph")
DOCUMENT_CATEGORY = "missing-safeguard"
EXAMPLE_MARK_OPEN, EXAMPLE_MARK_CLOSE = "【", "】"
MIN_EXAMPLES = 3

GRAMMAR_GROUPS = (
    "negators",  # negate a following predicate within the same clause, up to a comma
    "strong_negators",  # like negators but also across commas (不得, shall not...)
    "post_negators",  # negate a preceding predicate (…is prohibited, …的，视为违约)
    "waivers",  # dispense with consent or notice; void a following exception (无需, without)
    "breaks",  # clause boundaries: ; 但 however
    "soft_breaks",  # commas: end the scope of plain negators only
    "resets",  # a new predicate starts (应, shall): ends any negator's scope
    "masks",  # phrases that hide shorter terms inside them (转让款 hides 转让)
    "sentence_ends",  # sentence boundaries for scope: sentence
    "list_intro",  # a colon after a negator: the negation covers the list that follows
)
GRAMMAR_SETTINGS = {"negation_window": 40}

_ID = compiled.pattern(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
_RULE_ID = compiled.pattern(r"^[a-z0-9]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_GROUP = compiled.pattern(r"^[a-z][a-z0-9_]*$")
_PACK_KEYS = {"pack", "language", "description", "grammar", "terms", "extend_terms", "rules", "overrides"}
_RULE_KEYS = {
    "id",
    "category",
    "severity",
    "title",
    "explanation",
    "suggestion",
    "legal_basis",
    "replacement",
    "scope",
    "match",
    "document",
    "examples",
    "names",
}
SIDES = ("giving", "receiving")
_MATCH_KEYS = {"all", "any", "within", "ordered", "not", "not_scope", "negate"}
_DOCUMENT_KEYS = {"after", "safeguards", "min_missing"}


@dataclass(frozen=True, slots=True)
class TermGroup:
    """Alternatives for one idea: literal phrases (normalised) and regular expressions."""

    name: str
    literals: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    @property
    def literal_only(self) -> bool:
        return not self.patterns

    @property
    def anchors(self) -> tuple[str, ...] | None:
        """Literals one of which occurs wherever the group does (its terms and its patterns' gates);
        None when a pattern has no readable gate. Such a group can index a rule."""
        gates = [literal_gate(pattern.pattern) for pattern in self.patterns]
        if any(gate is None for gate in gates):
            return None
        return tuple(dict.fromkeys([*self.literals, *(x for gate in gates if gate for x in gate)]))


@dataclass(frozen=True, slots=True)
class Match:
    """A paragraph rule's pattern: co-occurring groups in one sentence (or paragraph) unit."""

    all: tuple[str, ...]
    any: tuple[str, ...]
    within: int | None
    ordered: bool
    not_: tuple[str, ...]
    not_scope: str  # "unit" or "paragraph"
    negate: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Safeguard:
    group: str
    label: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """A document rule: fires when a transfer was found and too few safeguards appear anywhere."""

    after: tuple[str, ...]
    safeguards: tuple[Safeguard, ...]
    min_missing: int


@dataclass(frozen=True, slots=True)
class Example:
    """An example with its 【…】 marks removed; span is the marked stretch, if any."""

    text: str
    span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: str
    title: Mapping[str, str]
    explanation: Mapping[str, str]
    suggestion: Mapping[str, str]
    legal_basis: tuple[str, ...]
    replacement: str | None
    scope: str
    match: Match | None
    document: DocumentMatch | None
    positive: tuple[Example, ...]
    negative: tuple[Example, ...]
    pack: str
    path: str
    # The deal side whose party the matched span must name ("账号归乙方所有" counts only where 乙方 is
    # the receiving side). Labels come from the deal model, so the rule lists none; None: no condition.
    names: str | None = None

    @property
    def is_document_rule(self) -> bool:
        return self.document is not None


@dataclass(frozen=True)
class RuleSet:
    """Everything the engine compiles: one language's term groups, grammar and rules, overrides applied."""

    language: str
    groups: Mapping[str, TermGroup]
    grammar: Mapping[str, TermGroup]
    settings: Mapping[str, int]
    rules: tuple[Rule, ...]
    packs: tuple[str, ...] = field(default=())


def default_pack_paths(language: str, clauses_dir: Path | None = None) -> list[Path]:
    directory = (clauses_dir or default_clauses_dir()) / language_code(language)
    return sorted(directory.glob("*.yaml"))


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that refuses duplicate mapping keys (YAML would silently keep the last one)."""


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_pack(path: Path) -> dict[str, Any]:
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - safe subclass
    except OSError as exc:
        raise RuleFileError(where, None, None, f"cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(where, None, None, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(where, None, None, "a pack is a mapping with pack, language and rules")
    unknown = set(data) - _PACK_KEYS
    if unknown:
        raise RuleFileError(
            where, None, sorted(unknown)[0], f"unknown key (allowed: {', '.join(sorted(_PACK_KEYS))})"
        )
    return data


class _PackLoader:
    """Accumulates packs of one language in order, then resolves and checks cross-references."""

    def __init__(self, language: str, legal: LegalLibrary | None) -> None:
        self.language = language
        self.legal = legal
        self.raw_groups: dict[str, list[tuple[str, Any]]] = {}
        self.group_origin: dict[str, str] = {}
        self.extensions: list[tuple[str, str, list[Any]]] = []
        self.grammar_raw: dict[str, list[tuple[str, Any]]] = {name: [] for name in GRAMMAR_GROUPS}
        self.settings: dict[str, int] = dict(GRAMMAR_SETTINGS)
        self.rule_data: list[tuple[str, str, dict[str, Any]]] = []
        self.overrides: list[tuple[str, dict[str, Any]]] = []
        self.packs: list[str] = []

    def add(self, path: Path) -> None:
        where = str(path)
        data = _read_pack(path)
        pack_id = data.get("pack")
        if not isinstance(pack_id, str) or not _ID.match(pack_id):
            raise RuleFileError(
                where, None, "pack", "needs an id of lower-case letters, digits, dots and dashes"
            )
        if pack_id in self.packs:
            raise RuleFileError(where, None, "pack", f"pack {pack_id!r} is loaded twice")
        language = data.get("language")
        if language not in LANGUAGES:
            raise RuleFileError(
                where, None, "language", f"must be one of {', '.join(LANGUAGES)}, got {language!r}"
            )
        if language != self.language:
            raise RuleFileError(
                where, None, "language", f"a {language} pack cannot join the {self.language} rules"
            )
        self.packs.append(pack_id)
        self._add_terms(where, data.get("terms"), data.get("extend_terms"))
        self._add_grammar(where, data.get("grammar"))
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            raise RuleFileError(where, None, "rules", "must be a list")
        for index, rule in enumerate(rules):
            if not isinstance(rule, dict):
                raise RuleFileError(where, f"#{index + 1}", None, "a rule is a mapping")
            self.rule_data.append((where, pack_id, rule))
        overrides = data.get("overrides", [])
        if not isinstance(overrides, list):
            raise RuleFileError(where, None, "overrides", "must be a list of {id, disable} or {id, severity}")
        self.overrides.extend((where, item) for item in overrides)

    def _add_terms(self, where: str, terms: Any, extend: Any) -> None:
        for key, value in (("terms", terms), ("extend_terms", extend)):
            if value is None:
                continue
            if not isinstance(value, dict):
                raise RuleFileError(where, None, key, "must map group names to lists of terms")
            for name, items in value.items():
                if not isinstance(name, str) or not _GROUP.match(name):
                    raise RuleFileError(where, None, f"{key}.{name}", "group names are lower_snake_case")
                if not isinstance(items, list) or not items:
                    raise RuleFileError(where, None, f"{key}.{name}", "must be a non-empty list of terms")
                if key == "terms":
                    if name in self.raw_groups:
                        raise RuleFileError(
                            where,
                            None,
                            f"terms.{name}",
                            f"already defined in {self.group_origin[name]} (add to it with extend_terms)",
                        )
                    self.raw_groups[name] = [(where, item) for item in items]
                    self.group_origin[name] = where
                else:
                    self.extensions.append((where, name, list(items)))

    def _add_grammar(self, where: str, grammar: Any) -> None:
        if grammar is None:
            return
        if not isinstance(grammar, dict):
            raise RuleFileError(where, None, "grammar", "must be a mapping")
        for name, items in grammar.items():
            if name in GRAMMAR_SETTINGS:
                if not isinstance(items, int) or isinstance(items, bool) or items <= 0:
                    raise RuleFileError(where, None, f"grammar.{name}", "must be a positive integer")
                self.settings[name] = items
                continue
            if name not in GRAMMAR_GROUPS:
                allowed = ", ".join((*GRAMMAR_GROUPS, *GRAMMAR_SETTINGS))
                raise RuleFileError(
                    where, None, f"grammar.{name}", f"unknown grammar key (allowed: {allowed})"
                )
            if not isinstance(items, list) or not items:
                raise RuleFileError(where, None, f"grammar.{name}", "must be a non-empty list of terms")
            self.grammar_raw[name].extend((where, item) for item in items)

    def finish(self) -> RuleSet:
        for where, name, items in self.extensions:
            if name not in self.raw_groups:
                raise RuleFileError(where, None, f"extend_terms.{name}", "no such term group to extend")
            self.raw_groups[name].extend((where, item) for item in items)
        groups = _expanded_groups(self.raw_groups)
        grammar = {
            name: _term_group(f"grammar.{name}", name, items) for name, items in self.grammar_raw.items()
        }
        rules: dict[str, Rule] = {}
        for where, pack_id, data in self.rule_data:
            rule = _rule(where, pack_id, data, groups, self.legal)
            if rule.id in rules:
                raise RuleFileError(
                    where, rule.id, "id", f"duplicate rule id (first in {rules[rule.id].path})"
                )
            rules[rule.id] = rule
        for where, item in self.overrides:
            _apply_override(where, item, rules)
        return RuleSet(
            language=self.language,
            groups=groups,
            grammar=grammar,
            settings=dict(self.settings),
            rules=tuple(rules.values()),
            packs=tuple(self.packs),
        )


def load_rule_set(paths: Sequence[Path], language: str, legal: LegalLibrary | None = None) -> RuleSet:
    """Load packs (files, or folders of *.yaml) in order; later packs' overrides apply to earlier rules."""
    loader = _PackLoader(language_code(language), legal)
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    if not files:
        raise RuleFileError(
            ", ".join(str(p) for p in paths) or "(none)", None, None, "no rule pack files given"
        )
    for path in files:
        loader.add(path)
    return loader.finish()


def _expanded_groups(raw: Mapping[str, list[tuple[str, Any]]]) -> dict[str, TermGroup]:
    """Term groups with every {group} reference in their patterns replaced (see patterns.py)."""
    parsed = {name: _terms(f"terms.{name}", items) for name, items in raw.items()}
    literals = {name: terms[0] for name, terms in parsed.items()}
    sources = {name: [source for _, source in terms[1]] for name, terms in parsed.items()}
    try:
        expanded = expand_references(literals, sources)
    except KeyError as exc:
        name = exc.args[0]
        owner = next(g for g, srcs in sources.items() if any(name in references(s) for s in srcs))
        where = next(w for w, s in parsed[owner][1] if name in references(s))
        raise RuleFileError(
            where, None, f"terms.{owner}", f"refers to unknown term group {{{name}}}"
        ) from None
    groups = {}
    for name, (terms, pattern_items) in parsed.items():
        compiled = tuple(
            _compile_regex(where, None, f"terms.{name}", source)
            for (where, _), source in zip(pattern_items, expanded[name], strict=True)
        )
        groups[name] = TermGroup(name, terms, compiled)
    return groups


def _term_group(field_name: str, name: str, items: Iterable[tuple[str, Any]]) -> TermGroup:
    literals, pattern_items = _terms(field_name, items)
    return TermGroup(
        name,
        literals,
        tuple(_compile_regex(where, None, field_name, source) for where, source in pattern_items),
    )


def _terms(
    field_name: str, items: Iterable[tuple[str, Any]]
) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """A group's literal terms (normalised) and its regex sources, each with the file it came from."""
    literals: list[str] = []
    patterns: list[tuple[str, str]] = []
    for where, item in items:
        if isinstance(item, dict) and "example" in item and isinstance(item["example"], str):
            # A vocabulary line: one synonym with a sentence using it (the test suite checks it).
            item = {key: value for key, value in item.items() if key != "example"}
            item = item.get("term", item) if set(item) == {"term"} else item
        if isinstance(item, str):
            folded = fold(item)
            if not folded:
                raise RuleFileError(where, None, field_name, f"term {item!r} is empty after normalisation")
            if folded not in literals:
                literals.append(folded)
        elif isinstance(item, dict) and set(item) == {"re"} and isinstance(item["re"], str):
            if not item["re"]:
                raise RuleFileError(where, None, field_name, "empty regular expression")
            patterns.append((where, item["re"]))
        elif isinstance(item, bool):
            problem = f'YAML read a bare word as {item}; quote it (for example "no", "on")'
            raise RuleFileError(where, None, field_name, problem)
        else:
            raise RuleFileError(
                where, None, field_name, f"a term is a string or {{re: pattern}}, got {item!r}"
            )
    return tuple(literals), patterns


def _compile_regex(where: str, rule: str | None, field_name: str, source: str) -> re.Pattern[str]:
    if not source:
        raise RuleFileError(where, rule, field_name, "empty regular expression")
    try:
        compiled = re.compile(source)
    except re.error as exc:
        raise RuleFileError(where, rule, field_name, f"bad regular expression {source!r}: {exc}") from exc
    if compiled.match(""):
        raise RuleFileError(
            where, rule, field_name, f"regular expression {source!r} matches the empty string"
        )
    unfolded = _unfolded_chars(source)
    if unfolded:
        raise RuleFileError(
            where,
            rule,
            field_name,
            f"regular expression {source!r} contains {unfolded!r}, which never occurs in normalised text "
            f"(write it as {fold_cluster(unfolded)!r}: lower case, Simplified, half-width punctuation)",
        )
    return compiled


def _unfolded_chars(source: str) -> str:
    """The first literal character of a regex that normalisation would change, or ''."""
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(" and source.startswith("(?P<", i):
            i = source.index(">", i) + 1 if ">" in source[i:] else i + 1
            continue
        if not ch.isspace() and fold_cluster(ch) != ch:
            return ch
        i += 1
    return ""


def _localised(where: str, rule: str, field_name: str, value: Any) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise RuleFileError(where, rule, field_name, "must be a mapping with zh and en texts")
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise RuleFileError(where, rule, f"{field_name}.{lang}", "missing or empty")
    extra = set(value) - set(LANGUAGES)
    if extra:
        raise RuleFileError(where, rule, field_name, f"unknown language key {sorted(extra)[0]!r}")
    return {lang: _FOLDED_CJK_BREAK.sub("", value[lang].strip()) for lang in LANGUAGES}


# YAML's folded blocks join lines with a space; between two Chinese characters that space is noise.
_FOLDED_CJK_BREAK = compiled.pattern(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


def _rule(
    where: str,
    pack_id: str,
    data: dict[str, Any],
    groups: Mapping[str, TermGroup],
    legal: LegalLibrary | None,
) -> Rule:
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleFileError(where, str(rule_id), "id", "needs a dotted id such as zh.account.transfer")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleFileError(
            where, rule_id, sorted(unknown)[0], f"unknown key (allowed: {', '.join(sorted(_RULE_KEYS))})"
        )
    category = data.get("category")
    if category not in CATEGORY_SEVERITY:
        raise RuleFileError(
            where,
            rule_id,
            "category",
            f"unknown category {category!r} (allowed: {', '.join(CATEGORY_SEVERITY)})",
        )
    severity = data.get("severity", CATEGORY_SEVERITY[category])
    if severity not in SEVERITIES:
        raise RuleFileError(
            where, rule_id, "severity", f"must be one of {', '.join(SEVERITIES)}, got {severity!r}"
        )
    title = _localised(where, rule_id, "title", data.get("title"))
    explanation = _localised(where, rule_id, "explanation", data.get("explanation"))
    suggestion = _localised(where, rule_id, "suggestion", data.get("suggestion"))
    legal_basis = data.get("legal_basis")
    if (
        not isinstance(legal_basis, list)
        or not legal_basis
        or not all(isinstance(r, str) for r in legal_basis)
    ):
        raise RuleFileError(
            where, rule_id, "legal_basis", "must be a non-empty list such as [pipl:23, civil-code:1038]"
        )
    if legal is not None:
        for ref in legal_basis:
            if not legal.has(ref):
                raise RuleFileError(where, rule_id, "legal_basis", f"unknown legal reference {ref!r}")
    replacement = data.get("replacement")
    if replacement is not None and not (isinstance(replacement, str) and _ID.match(replacement)):
        raise RuleFileError(
            where, rule_id, "replacement", "must be a clause id such as account-retained, or null"
        )
    scope = data.get("scope", "sentence")
    if scope not in SCOPES:
        raise RuleFileError(where, rule_id, "scope", f"must be one of {', '.join(SCOPES)}, got {scope!r}")
    has_match, has_document = "match" in data, "document" in data
    if has_match == has_document:
        raise RuleFileError(
            where, rule_id, "match", "a rule has exactly one of match (paragraph) or document"
        )
    if has_document != (category == DOCUMENT_CATEGORY):
        raise RuleFileError(
            where,
            rule_id,
            "document" if has_document else "match",
            f"document rules are exactly the {DOCUMENT_CATEGORY} rules",
        )
    match = _match(where, rule_id, data["match"], groups) if has_match else None
    document = _document(where, rule_id, data["document"], groups) if has_document else None
    positive, negative = _examples(where, rule_id, data.get("examples"), document is not None)
    names = data.get("names")
    if names is not None and (names not in SIDES or document is not None):
        raise RuleFileError(
            where, rule_id, "names", f"a paragraph rule's names is one of {', '.join(SIDES)}, got {names!r}"
        )
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        title=title,
        explanation=explanation,
        suggestion=suggestion,
        legal_basis=tuple(legal_basis),
        replacement=replacement,
        scope=scope,
        match=match,
        document=document,
        positive=positive,
        negative=negative,
        pack=pack_id,
        path=where,
        names=names,
    )


def _group_list(
    where: str, rule: str, field_name: str, value: Any, groups: Mapping[str, TermGroup]
) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(where, rule, field_name, "must be a list of term group names")
    for name in value:
        if name not in groups:
            raise RuleFileError(where, rule, field_name, f"unknown term group {name!r}")
    if len(set(value)) != len(value):
        raise RuleFileError(where, rule, field_name, "lists a term group twice")
    return tuple(value)


def _match(where: str, rule: str, data: Any, groups: Mapping[str, TermGroup]) -> Match:
    if not isinstance(data, dict):
        raise RuleFileError(
            where, rule, "match", "must be a mapping (all, any, within, ordered, not, negate)"
        )
    unknown = set(data) - _MATCH_KEYS
    if unknown:
        raise RuleFileError(
            where,
            rule,
            f"match.{sorted(unknown)[0]}",
            f"unknown key (allowed: {', '.join(sorted(_MATCH_KEYS))})",
        )
    all_groups = _group_list(where, rule, "match.all", data.get("all"), groups)
    any_groups = _group_list(where, rule, "match.any", data.get("any"), groups)
    if not all_groups and not any_groups:
        raise RuleFileError(where, rule, "match", "needs at least one term group in all or any")

    def anchors(g: str) -> bool:
        return groups[g].anchors is not None and g not in DYNAMIC_GROUPS

    anchored = any(anchors(g) for g in all_groups) or (bool(any_groups) and all(map(anchors, any_groups)))
    if not anchored:
        raise RuleFileError(
            where,
            rule,
            "match.all",
            "needs one group made only of literal terms (in all, or every group of any) so the prefilter "
            "can skip paragraphs cheaply",
        )
    within = data.get("within")
    if within is not None and (not isinstance(within, int) or isinstance(within, bool) or within <= 0):
        raise RuleFileError(where, rule, "match.within", "must be a positive number of characters")
    ordered = data.get("ordered", False)
    if not isinstance(ordered, bool):
        raise RuleFileError(where, rule, "match.ordered", "must be true or false")
    if ordered and len(all_groups) < 2:
        raise RuleFileError(where, rule, "match.ordered", "ordering needs at least two groups in all")
    not_groups = _group_list(where, rule, "match.not", data.get("not"), groups)
    not_scope = data.get("not_scope", "unit")
    if not_scope not in ("unit", "paragraph"):
        raise RuleFileError(where, rule, "match.not_scope", "must be unit or paragraph")
    if "negate" in data:
        negate = _group_list(where, rule, "match.negate", data.get("negate"), groups)
        stray = [g for g in negate if g not in all_groups + any_groups]
        if stray:
            raise RuleFileError(where, rule, "match.negate", f"group {stray[0]!r} is not in all or any")
    else:
        negate = all_groups + any_groups
    return Match(all_groups, any_groups, within, ordered, not_groups, not_scope, negate)


def _document(where: str, rule: str, data: Any, groups: Mapping[str, TermGroup]) -> DocumentMatch:
    if not isinstance(data, dict):
        raise RuleFileError(where, rule, "document", "must be a mapping (after, safeguards, min_missing)")
    unknown = set(data) - _DOCUMENT_KEYS
    if unknown:
        raise RuleFileError(where, rule, f"document.{sorted(unknown)[0]}", "unknown key")
    after = data.get("after")
    if not isinstance(after, list) or not after:
        raise RuleFileError(where, rule, "document.after", "must list the categories that trigger this check")
    for category in after:
        if category not in CATEGORY_SEVERITY or category == DOCUMENT_CATEGORY:
            raise RuleFileError(
                where, rule, "document.after", f"unknown or document-level category {category!r}"
            )
    raw = data.get("safeguards")
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(where, rule, "document.safeguards", "must list {group, label} entries")
    safeguards: list[Safeguard] = []
    for index, item in enumerate(raw):
        field_name = f"document.safeguards[{index}]"
        if not isinstance(item, dict) or set(item) != {"group", "label"}:
            raise RuleFileError(where, rule, field_name, "each safeguard is {group: name, label: {zh, en}}")
        _group_list(where, rule, f"{field_name}.group", [item["group"]], groups)
        safeguards.append(
            Safeguard(item["group"], _localised(where, rule, f"{field_name}.label", item["label"]))
        )
    min_missing = data.get("min_missing", len(safeguards))
    if (
        not isinstance(min_missing, int)
        or isinstance(min_missing, bool)
        or not 1 <= min_missing <= len(safeguards)
    ):
        raise RuleFileError(where, rule, "document.min_missing", f"must be between 1 and {len(safeguards)}")
    return DocumentMatch(tuple(after), tuple(safeguards), min_missing)


def parse_example(text: str) -> Example:
    """Strip one 【…】 pair, remembering where it was (offsets in the stripped text)."""
    opens, closes = text.count(EXAMPLE_MARK_OPEN), text.count(EXAMPLE_MARK_CLOSE)
    if opens == closes == 0:
        return Example(text, None)
    start = text.find(EXAMPLE_MARK_OPEN)
    end = text.find(EXAMPLE_MARK_CLOSE)
    if opens != 1 or closes != 1 or end < start or end == start + 1:
        raise ValueError("mark at most one non-empty span, as 【…】")
    stripped = text[:start] + text[start + 1 : end] + text[end + 1 :]
    return Example(stripped, (start, end - 1))


def _examples(
    where: str, rule: str, data: Any, document: bool
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(data, dict) or set(data) - {"positive", "negative"}:
        raise RuleFileError(where, rule, "examples", "must be a mapping with positive and negative lists")
    result: list[tuple[Example, ...]] = []
    for kind in ("positive", "negative"):
        items = data.get(kind)
        if not isinstance(items, list) or len(items) < MIN_EXAMPLES:
            raise RuleFileError(where, rule, f"examples.{kind}", f"needs at least {MIN_EXAMPLES} examples")
        parsed: list[Example] = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise RuleFileError(where, rule, f"examples.{kind}[{index}]", "must be a non-empty string")
            try:
                example = parse_example(item)
            except ValueError as exc:
                raise RuleFileError(where, rule, f"examples.{kind}[{index}]", str(exc)) from exc
            if example.span is not None and (kind == "negative" or document):
                raise RuleFileError(
                    where, rule, f"examples.{kind}[{index}]", "only paragraph positives mark a span"
                )
            parsed.append(example)
        result.append(tuple(parsed))
    return result[0], result[1]


def _apply_override(where: str, item: Any, rules: dict[str, Rule]) -> None:
    if (
        not isinstance(item, dict)
        or "id" not in item
        or not set(item) - {"id"}
        or set(item) - {"id", "disable", "severity"}
    ):
        raise RuleFileError(
            where,
            None,
            "overrides",
            f"each override is {{id, disable: true}} or {{id, severity}}, got {item!r}",
        )
    rule_id = item["id"]
    if rule_id not in rules:
        raise RuleFileError(where, str(rule_id), "overrides", "no loaded rule has this id")
    if "disable" in item:
        if item["disable"] is not True:
            raise RuleFileError(
                where, rule_id, "overrides.disable", "must be true (omit the override to keep the rule)"
            )
        del rules[rule_id]
        return
    if "severity" in item:
        if item["severity"] not in SEVERITIES:
            raise RuleFileError(
                where, rule_id, "overrides.severity", f"must be one of {', '.join(SEVERITIES)}"
            )
        rules[rule_id] = replace(rules[rule_id], severity=item["severity"])


__all__ = [
    "CATEGORY_SEVERITY",
    "DocumentMatch",
    "Example",
    "Match",
    "Rule",
    "RuleSet",
    "Safeguard",
    "TermGroup",
    "default_clauses_dir",
    "default_pack_paths",
    "language_code",
    "load_rule_set",
    "parse_example",
]
