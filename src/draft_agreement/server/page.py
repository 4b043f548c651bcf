"""The upload page and its results, rendered on the server so an upload works without JavaScript.

Every piece of document text goes through `html.escape`; the page's own words are data
(static/text.yaml) and the report's codes read as clauses/labels.yaml says. The results carry their
downloads inside the page (data: links), so the server keeps nothing once the answer is sent.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from draft_agreement.library import read_yaml
from draft_agreement.report.deal_line import deal_lines
from draft_agreement.report.labels import Labels, labels
from draft_agreement.reviewing.findings import SEVERITIES, SEVERITY_RANK, at_least

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MODES = ("track", "comments", "clean")
DEFAULT_ATTACH = ("consent-notice",)


@dataclass(frozen=True)
class Download:
    """One file offered for download: its element id, its button text, its name and its bytes."""

    id: str
    label: str
    filename: str
    data: bytes
    note: str = ""


@dataclass(frozen=True)
class Draft:
    """A drafted annex: its template, its title and the blanks a lawyer must still fill."""

    template: str
    title: str
    blanks: list[dict[str, str]]


@dataclass(frozen=True)
class Results:
    report: dict[str, Any]
    downloads: list[Download] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)


@dataclass(frozen=True)
class PageState:
    """What the page shows: its language, whether the reader chose it, the token, the chosen options."""

    lang: str
    chosen: bool = False
    token: str | None = None
    mode: str = "track"
    attach: tuple[str, ...] = DEFAULT_ATTACH
    memo: bool = False
    templates: tuple[tuple[str, dict[str, str]], ...] = ()  # (name, title per language)
    results: Results | None = None
    error: str | None = None


@dataclass(frozen=True)
class Shell:
    """The page's fixed parts, read once: the HTML frame, the style, the script and the CSP."""

    frame: str
    style: str
    script: str
    policy: str


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@cache
def shell() -> Shell:
    """The frame with style and script inlined, and a policy that allows exactly those two by hash."""
    static = resources.files("draft_agreement.server") / "static"
    script = (static / "app.js").read_text(encoding="utf-8")
    style = (static / "app.css").read_text(encoding="utf-8")
    frame = (static / "index.html").read_text(encoding="utf-8")
    policy = (
        f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(style)}; "
        "connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    return Shell(frame, style, script, policy)


@cache
def _words() -> dict[str, dict[str, str]]:
    text = (resources.files("draft_agreement.server") / "static" / "text.yaml").read_text(encoding="utf-8")
    return read_yaml(text)


def page_language(query_lang: str | None, accept_language: str | None) -> tuple[str, bool]:
    """The page's language and whether the reader chose it: ?lang=, else the browser's Accept-Language."""
    if query_lang in ("zh", "en"):
        return query_lang, True
    best, best_q = "en", -1.0
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        if code not in ("zh", "en"):
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best, False


def _query(state: PageState, lang: str | None) -> str:
    pairs = [("lang", lang)] if lang else []
    if state.token:
        pairs.append(("token", state.token))
    return "?" + urlencode(pairs) if pairs else ""


def render(state: PageState) -> str:
    """The whole page for `state`."""
    t = _words()[state.lang]
    words = labels(state.lang)
    parts = [
        _header(state, t),
        '<main id="main">',
        f'<p class="notice" role="note" id="notice">{escape(t["notice"])}</p>',
        _form(state, t),
        _status(state, t),
        _results(state.results, t, words) if state.results else '<section id="result" hidden></section>',
        _values_form(state.results, t),
        "</main>",
    ]
    frame = shell()
    html = frame.frame.replace("/*STYLE*/", frame.style).replace("/*SCRIPT*/", frame.script)
    html = html.replace("{{lang}}", "zh-CN" if state.lang == "zh" else "en")
    html = html.replace("{{title}}", escape(t["title"]))
    return html.replace("{{body}}", "\n".join(parts))


def _header(state: PageState, t: dict[str, str]) -> str:
    other = "en" if state.lang == "zh" else "zh"
    href = escape("/" + _query(state, other), quote=True)
    return (
        f"<header><h1>{escape(t['title'])}</h1>"
        f'<a id="lang-toggle" class="button" href="{href}" hreflang="{other}" lang="{other}" '
        f'data-lang="{other}">{escape(t["other"])}</a></header>'
    )


def _form(state: PageState, t: dict[str, str]) -> str:
    action = escape("/results" + _query(state, state.lang if state.chosen else None), quote=True)
    modes = "".join(
        f'<label><input type="radio" name="mode" value="{mode}"{" checked" if mode == state.mode else ""}> '
        f"{escape(t['mode_' + mode])}</label>"
        for mode in MODES
    )
    drafts = "".join(
        f'<label><input type="checkbox" name="attach" value="{escape(name, quote=True)}"'
        f"{' checked' if name in state.attach else ''}> {escape(title.get(state.lang, name))}</label>"
        for name, title in state.templates
    )
    attach = (
        f'<fieldset id="attach-options"><legend>{escape(t["attach"])}</legend>{drafts}</fieldset>'
        if drafts
        else ""
    )
    return (
        f'<form id="upload-form" method="post" action="{action}" enctype="multipart/form-data">'
        f'<section id="drop" tabindex="0" aria-describedby="drop-hint">'
        f'<p id="drop-hint">{escape(t["drop"])}</p>'
        f'<label class="button" for="file-input">{escape(t["choose"])}</label> '
        f'<input type="file" id="file-input" name="file" accept=".docx,.docm,.dotx" required>'
        f'<p class="small">{escape(t["privacy"])}</p></section>'
        f'<div class="options">'
        f'<fieldset id="mode-options"><legend>{escape(t["mode"])}</legend>{modes}</fieldset>'
        f"{attach}"
        f'<fieldset id="compare-options"><legend>{escape(t["compare"])}</legend>'
        f'<label for="old-input">{escape(t["compare_help"])}</label>'
        f'<input type="file" id="old-input" name="old" accept=".docx,.docm,.dotx"></fieldset>'
        f'<fieldset id="memo-options"><legend>{escape(t["memo"])}</legend>'
        f'<label><input type="checkbox" id="memo-input" name="memo" value="1"'
        f"{' checked' if state.memo else ''}> {escape(t['memo_help'])}</label></fieldset>"
        f"</div>"
        f'<button type="submit" id="submit">{escape(t["submit"])}</button>'
        f"</form>"
    )


def _status(state: PageState, t: dict[str, str]) -> str:
    data = " ".join(
        f'data-{key}="{escape(t[key], quote=True)}"' for key in ("reviewing", "preparing", "failed")
    )
    if state.error is not None:
        message = escape(t["failed"] + state.error)
        return f'<p id="status" class="error" role="alert" {data}>{message}</p>'
    return f'<p id="status" role="status" aria-live="polite" {data}></p>'


def _results(results: Results, t: dict[str, str], words: Labels) -> str:
    report = results.report
    return (
        '<section id="result" aria-labelledby="doc-name">'
        f'<h2 id="doc-name">{escape(report["file"])}</h2>'
        f"{_summary(report, t, words)}{_deal(report, t, words)}{_findings(report, t, words)}"
        f"{_to_decide(results, t)}{_downloads(results, t)}"
        "</section>"
    )


def _summary(report: dict[str, Any], t: dict[str, str], words: Labels) -> str:
    chips = "".join(
        f'<span class="chip {severity}">{escape(words.severity(severity))} {count}</span>'
        for severity in SEVERITIES
        if (count := report["summary"].get(severity))
    )
    total = sum(report["summary"].values())
    return f'<p id="summary">{chips} {total} {escape(t["summary"])}</p>'


def _deal(report: dict[str, Any], t: dict[str, str], words: Labels) -> str:
    rows = "".join(
        f"<div><dt>{escape(heading)}</dt><dd>{escape(text)}</dd></div>"
        for heading, text in deal_lines(report.get("deal"), words)
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.get("notes") or ())
    body = (f"<dl>{rows}</dl>" if rows else "") + (f'<ul class="notes">{notes}</ul>' if notes else "")
    return _section("deal", t["deal"], body)


def _section(name: str, title: str, body: str) -> str:
    """A results section with its heading, labelled by it for screen readers."""
    return (
        f'<section id="{name}" aria-labelledby="{name}-title"><h2 id="{name}-title">{escape(title)}</h2>'
        f"{body}</section>"
    )


def _group_title(finding: dict[str, Any], t: dict[str, str]) -> str:
    if not finding.get("location"):
        return t["whole_document"]
    if not finding.get("clause"):
        return t["unnumbered"]
    return " › ".join(finding.get("clause_path") or ()) or finding["clause"]


def grouped(findings: list[dict[str, Any]], t: dict[str, str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings by clause; the clause with the most severe finding first, each clause's findings likewise
    (document order breaks ties)."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for n, finding in enumerate(findings):
        groups.setdefault(_group_title(finding, t), []).append((n, finding))

    def rank(item: tuple[int, dict[str, Any]]) -> tuple[int, int]:
        return -SEVERITY_RANK[item[1]["severity"]], item[0]

    ordered = sorted(groups.items(), key=lambda kv: min(rank(item) for item in kv[1]))
    return [(title, [f for _, f in sorted(items, key=rank)]) for title, items in ordered]


def _highlight(paragraph: str, text: str | None, start: int) -> str:
    """The paragraph with the match marked: the occurrence at or after `start` (a number may lead)."""
    at = -1
    if text:
        i = paragraph.find(text)
        while i >= 0:
            at = i
            if i >= start:
                break
            i = paragraph.find(text, i + 1)
    if at < 0 or not text:
        return f"<blockquote>{escape(paragraph)}</blockquote>"
    return (
        f"<blockquote>{escape(paragraph[:at])}<mark>{escape(text)}</mark>"
        f"{escape(paragraph[at + len(text) :])}</blockquote>"
    )


def _finding(finding: dict[str, Any], t: dict[str, str], words: Labels) -> str:
    severity = finding["severity"]
    parts = [
        f'<article class="finding sev-{escape(severity)}" data-rule="{escape(finding["rule"], quote=True)}">',
        f'<h4><span class="badge">{escape(words.severity(severity))}</span>'
        f'<span class="category">{escape(words.category(finding["category"]))}</span> '
        f"{escape(finding['title'])}</h4>",
    ]
    if finding.get("paragraph_text"):
        start = (finding.get("location") or {}).get("start", 0)
        parts.append(_highlight(finding["paragraph_text"], finding.get("text"), start))
    if finding.get("suggestion"):
        parts.append(
            f'<p class="proposed"><strong>{escape(t["proposed"])}</strong>{escape(finding["suggestion"])}</p>'
        )
    if finding.get("missing"):
        sep = "；" if words.lang == "zh" else "; "
        parts.append(f"<p>{escape(t['missing'] + sep.join(finding['missing']))}</p>")
    basis = finding.get("legal_basis") or []
    quotes = "".join(
        f'<div class="cite">{escape(b["law"] + " " + b["article"])}</div>'
        f'<div class="quote">{escape(b["quote"])}</div>'
        for b in basis
    )
    applies = (
        f'<p class="small">{escape(t["applies_from"] + finding["applies_from"])}</p>'
        if finding.get("applies_from")
        else ""
    )
    # The explanation and the statutes' words on demand: the card stays short enough to scan.
    parts.append(
        f'<details class="basis"><summary>{escape(t["basis"])}{f" ({len(basis)})" if basis else ""}</summary>'
        f"<p>{escape(finding['explanation'])}</p>{applies}{quotes}</details>"
    )
    parts.append("</article>")
    return "".join(parts)


def _findings(report: dict[str, Any], t: dict[str, str], words: Labels) -> str:
    if not report["findings"]:
        return _section("findings", t["findings"], f"<p>{escape(t['no_findings'])}</p>")
    major, minor = [], []
    for title, found in grouped(report["findings"], t):
        section = (
            f'<section class="clause"><h3>{escape(title)}</h3>'
            + "".join(_finding(f, t, words) for f in found)
            + "</section>"
        )
        (major if at_least(found[0]["severity"], "medium") else minor).append((section, len(found)))
    sections = "".join(section for section, _ in major)
    if minor:  # notes (low, info) are folded: what a lawyer must act on comes first
        count = sum(n for _, n in minor)
        sections += (
            f'<details id="minor-findings"><summary>{escape(t["minor"])} ({count})</summary>'
            + "".join(section for section, _ in minor)
            + "</details>"
        )
    return _section("findings", t["findings"], sections)


def _to_decide(results: Results, t: dict[str, str]) -> str:
    items = []
    for draft in results.drafts:
        for blank in draft.blanks:
            text = blank.get("description") or blank.get("label") or blank["name"]
            items.append(
                f'<li class="blank" data-template="{escape(draft.template, quote=True)}">'
                f"<strong>{escape(draft.title)}</strong>：{escape(text)}</li>"
            )
    for point in results.report.get("to_decide") or ():
        items.append(
            f'<li class="decide" data-kind="{escape(point["kind"], quote=True)}">'
            f"{escape(point['message'])}</li>"
        )
    body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{escape(t['nothing_to_decide'])}</p>"
    return _section("to-decide", t["to_decide"], body)


def _downloads(results: Results, t: dict[str, str]) -> str:
    links = "".join(
        f'<li><a class="button" id="{escape(d.id, quote=True)}" download="{escape(d.filename, quote=True)}" '
        f'href="data:{DOCX_TYPE};base64,{base64.b64encode(d.data).decode("ascii")}">{escape(d.label)}</a>'
        + (f' <span class="small">{escape(d.note)}</span>' if d.note else "")
        + "</li>"
        for d in results.downloads
    )
    return _section("downloads", t["downloads"], f'<ul class="downloads">{links}</ul>')


def _values_form(results: Results | None, t: dict[str, str]) -> str:
    """The consent notice's blanks as fields, for the script to re-draft with (hidden without it)."""
    consent = next((d for d in results.drafts if d.template == "consent-notice"), None) if results else None
    fields = "".join(
        f'<label class="blank">{escape(b.get("description") or b.get("label") or b["name"])}'
        f'<textarea name="{escape(b["name"], quote=True)}" rows="2"></textarea></label>'
        for b in (consent.blanks if consent else ())
    )
    return (
        f'<form id="values-form" hidden><p>{escape(t["values_help"])}</p>'
        f'<div id="values-fields">{fields}</div>'
        f'<button type="submit" id="values-submit">{escape(t["values_submit"])}</button></form>'
        f'<p id="blanks-summary" role="status" data-none="{escape(t["no_blanks"], quote=True)}"></p>'
    )


def page_words(lang: str) -> dict[str, str]:
    """The page's own words in `lang` (static/text.yaml)."""
    return _words()[lang]
