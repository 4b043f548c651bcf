"""The upload page in a real Chromium driven by Playwright, against a real uvicorn on 127.0.0.1.

A lawyer's path: open the page with the token, upload an agreement, read the findings, download the
redlined .docx, which must be lossless. Skipped (with the reason) when Chromium or Playwright is
missing, except under CI=true, where their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from draft_agreement import api
from draft_agreement.errors import DraftAgreementError
from tests import hostile
from tests.compare_oracle import differences, resolved, signatures, story_parts
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems

REPO = Path(__file__).resolve().parents[1]
SAMPLE_ZH = REPO / "samples" / "wechat-account-transfer.zh.docx"
SAMPLE_EN = REPO / "samples" / "social-media-account-sale.en.docx"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-test-token"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _missing() -> str | None:
    for module in ("playwright", "fastapi", "uvicorn"):
        try:
            __import__(module)
        except ImportError:
            return f"Python package {module} is not installed"
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (Debian: apt-get install -y chromium)"
    return None


_REASON = _missing()
if _REASON is not None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI must run the browser test: {_REASON}")
    pytest.skip(_REASON, allow_module_level=True)

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Download, FileChooser, Page, sync_playwright  # noqa: E402

from draft_agreement.server.app import create_app  # noqa: E402
from draft_agreement.server.settings import ServerSettings  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn on a free loopback port, in a thread, stopped after the module."""
    settings = ServerSettings(workers=2, token=TOKEN, temp_root=tmp_path_factory.mktemp("server-temp"))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", access_log=False))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    host, port = sock.getsockname()
    yield f"http://{host}:{port}"
    server.should_exit = True
    thread.join(30)
    sock.close()
    assert list(settings.temp_root.iterdir()) == []  # every request's folder was removed


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def browser_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, locale="en-US")
    yield context.new_page()
    context.close()


@pytest.fixture
def fresh(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Pages in contexts of their own (locale, script on or off, screen size), closed after the test."""
    contexts: list[BrowserContext] = []

    def open_page(
        locale: str = "zh-CN", javascript: bool = True, width: int = 1280, height: int = 900
    ) -> Page:
        context = browser.new_context(
            accept_downloads=True,
            locale=locale,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def open_and_upload(page: Page, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/?token={TOKEN}")
    assert "token" not in page.url  # the token is taken out of the address bar
    page.set_input_files("#file-input", str(path))


def click_and_download(page: Page, button: str) -> Download:
    """Click a download button; fail at once with the page's message if the server refused."""
    downloads: list[Download] = []
    page.once("download", lambda download: downloads.append(download))
    page.click(button)
    page.wait_for_function(f"() => !document.querySelector('{button}').disabled", timeout=90_000)
    assert page.locator("#status.error").count() == 0, page.text_content("#status")
    for _ in range(200):
        if downloads:
            return downloads[0]
        page.wait_for_timeout(50)
    raise AssertionError("the page reported no error but no download started")


def test_upload_review_and_download_a_lossless_redline(
    browser_page: Page, base_url: str, tmp_path: Path
) -> None:
    page = browser_page
    open_and_upload(page, base_url, SAMPLE_ZH)
    page.wait_for_selector(".finding", timeout=90_000)

    report = api.review(SAMPLE_ZH)
    assert page.locator(".finding").count() == len(report.findings)
    assert page.get_attribute("html", "lang") == "zh-CN"  # the UI follows the document's language
    assert page.text_content("#doc-name") == SAMPLE_ZH.name
    marked = set(page.locator("mark").all_text_contents())
    assert marked and marked <= {f.text for f in report.findings}
    groups = {f.clause for f in report.findings if f.location is not None and f.clause}
    assert page.locator(".clause > h3").count() >= len(groups)

    download = click_and_download(page, "#download-redline")
    saved = tmp_path / "redlined.docx"
    download.save_as(saved)
    assert download.suggested_filename == "wechat-account-transfer.zh.redlined.docx"
    assert structural_problems(saved) == []
    assert part_signature(rejected_ours(saved, "draft-agreement")) == part_signature(read_part(SAMPLE_ZH))
    assert part_signature(read_part(saved)) != part_signature(read_part(SAMPLE_ZH))  # it did mark changes


def test_english_document_switches_the_page_to_english(browser_page: Page, base_url: str) -> None:
    page = browser_page
    open_and_upload(page, base_url, SAMPLE_EN)
    page.wait_for_selector(".finding", timeout=90_000)
    assert page.get_attribute("html", "lang") == "en"
    assert page.text_content("#lang-toggle") == "中文"
    assert page.locator(".finding").count() == len(api.review(SAMPLE_EN).findings)


def test_a_refused_file_shows_the_cli_message(browser_page: Page, base_url: str, tmp_path: Path) -> None:
    page = browser_page
    legacy = hostile.legacy_doc(tmp_path, "old-contract.doc")
    open_and_upload(page, base_url, legacy)
    page.wait_for_selector("#status.error", timeout=90_000)
    with pytest.raises(DraftAgreementError) as refused:
        api.review(legacy)
    expected = str(refused.value).splitlines()[0].replace(str(legacy), legacy.name)
    assert expected in (page.text_content("#status") or "")
    assert page.locator("#result").is_hidden()


def test_consent_notice_asks_for_what_only_the_lawyer_can_state(browser_page: Page, base_url: str) -> None:
    """The notice downloads at once; the page asks for a value only when the draft has marked blanks.

    Waiting for the download itself (not for the button to be enabled again) is what makes this
    deterministic: the download event reaches Playwright a little after the click."""
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    page = browser_page
    open_and_upload(page, base_url, SAMPLE_ZH)
    page.wait_for_selector(".finding", timeout=90_000)
    with page.expect_download(timeout=90_000) as first:
        page.click("#download-consent")
    notice = first.value
    assert notice.suggested_filename.endswith("consent-notice.docx")
    marked = "【待填写：" in _docx_text(notice.path())
    fields = page.locator("#values-fields textarea")
    assert page.locator("#values-form").is_visible() == marked == (fields.count() > 0)
    if marked:  # the agreement lacks values a lawyer must state: the page asks for them
        for field in fields.all():
            field.fill("依据真实情况说明")
        with page.expect_download(timeout=90_000) as second:
            page.click("#values-submit")
        notice = second.value
        assert "【待填写：" not in _docx_text(notice.path())
    with zipfile.ZipFile(notice.path()) as package:
        assert "word/document.xml" in package.namelist()


def test_the_page_lists_a_drafts_blanks_and_fills_them(
    browser_page: Page, base_url: str, tmp_path: Path
) -> None:
    """An agreement without the buyer's contact: the notice downloads at once with a marked blank, the
    page shows one field per blank, and filling them downloads a notice with none left."""
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    from draft_agreement.drafting import draft
    from tests.drafting_cases import WECHAT_SALE

    sale = WECHAT_SALE.build(tmp_path)
    expected = draft("consent-notice", tmp_path / "direct.docx", lang="zh", source=sale).blanks
    assert expected
    page = browser_page
    open_and_upload(page, base_url, sale)
    page.wait_for_selector(".finding", timeout=90_000)
    first = click_and_download(page, "#download-consent")
    assert "【待填写：" in _docx_text(first.path())
    assert page.locator("#values-form").is_visible()
    fields = page.locator("#values-fields textarea")
    assert sorted(fields.evaluate_all("els => els.map(e => e.name)")) == sorted(b.name for b in expected)
    labels = page.locator("#values-fields label").all_text_contents()
    assert labels == [b.description for b in expected]
    for field in fields.all():
        field.fill("0510-8888 6666")
    second = click_and_download(page, "#values-submit")
    text = _docx_text(second.path())
    assert "【待填写：" not in text and "0510-8888 6666" in text
    assert page.locator("#values-form").is_hidden()


def _docx_text(path: Path | str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


# --- the page of issue 16: options, grouped findings, downloads, language, keyboard, screens ---------

LABELS = yaml.safe_load((REPO / "clauses" / "labels.yaml").read_text(encoding="utf-8"))
TEXT = yaml.safe_load(
    (REPO / "src" / "draft_agreement" / "server" / "static" / "text.yaml").read_text(encoding="utf-8")
)
RANK = {severity: rank for rank, severity in enumerate(("info", "low", "medium", "high"))}


def upload_with(
    page: Page,
    base_url: str,
    path: Path,
    mode: str = "track",
    attach: tuple[str, ...] = ("consent-notice",),
    old: Path | None = None,
    script: bool = True,
    memo: bool = False,
) -> None:
    """Open the page, choose the options, then the file; without script the form is submitted by hand."""
    page.goto(f"{base_url}/?token={TOKEN}")
    page.check(f"input[name=mode][value={mode}]")
    page.locator("#memo-input").set_checked(memo)
    for box in page.locator("input[name=attach]").all():
        box.set_checked(box.get_attribute("value") in attach)
    if old is not None:
        page.set_input_files("#old-input", str(old))
    page.set_input_files("#file-input", str(path))
    if not script:
        page.click("#submit")
    page.wait_for_selector("#result .finding", timeout=120_000)


def save(page: Page, selector: str, folder: Path) -> Path:
    with page.expect_download(timeout=60_000) as info:
        page.click(selector)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def older_version(folder: Path) -> Path:
    """The sample as an earlier draft said it: another price per friend."""
    older = folder / "earlier-draft.docx"
    with zipfile.ZipFile(SAMPLE_ZH) as source, zipfile.ZipFile(older, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert "人民币25元计".encode() in data
                data = data.replace("人民币25元计".encode(), "人民币30元计".encode())
            target.writestr(item, data)
    return older


def our_marks(path: Path) -> int:
    return sum(
        root.xpath("count(//*[@w:author='draft-agreement'])", namespaces={"w": W_NS})
        for root in story_parts(path).values()
    )


def test_without_script_the_form_honours_every_option(
    fresh: Callable[..., Page], base_url: str, tmp_path: Path
) -> None:
    """A plain form post: comments only, two drafts, a comparison and the memo; every download is what
    it says."""
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    from draft_agreement.drafting import draft

    page = fresh(javascript=False)
    old = older_version(tmp_path)
    drafts = ("consent-notice", "referral-agreement")
    upload_with(page, base_url, SAMPLE_ZH, "comments", drafts, old, script=False, memo=True)
    assert page.url.split("?")[0].endswith("/results")
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.locator(".finding").count() == len(api.review(SAMPLE_ZH).findings)

    commented = save(page, "#download-redline", tmp_path)  # comments only: the text is untouched
    assert commented.name == "wechat-account-transfer.zh.commented.docx"
    assert structural_problems(commented) == []
    assert part_signature(read_part(commented)) == part_signature(read_part(SAMPLE_ZH))
    with zipfile.ZipFile(commented) as package:
        assert "word/comments.xml" in package.namelist()

    clean = save(page, "#download-clean", tmp_path)  # clean: our changes accepted, none left marked
    tracked = tmp_path / "api-tracked.docx"
    api.redline(SAMPLE_ZH, tracked)
    assert our_marks(clean) == 0 < our_marks(tracked)
    assert signatures(resolved(clean, True)) == signatures(resolved(tracked, True))

    compared = save(page, "#download-compare", tmp_path)  # accept all: this file; reject all: the older
    assert differences(old, SAMPLE_ZH, compared) == []

    memo = save(page, "#download-memo", tmp_path)  # the review memo: every finding's statute quoted
    assert memo.name == "wechat-account-transfer.zh.memo.docx"
    from docx import Document

    written = Document(str(memo))
    cells = [cell.text for table in written.tables for row in table.rows for cell in row.cells]
    memo_text = "\n".join([paragraph.text for paragraph in written.paragraphs] + cells)
    quotes = {b.quote[:20] for f in api.review(SAMPLE_ZH).findings for b in f.legal_basis if b.quote}
    assert quotes and all(quote in memo_text for quote in quotes)

    for template, selector in (
        ("consent-notice", "#download-consent"),
        ("referral-agreement", "#download-draft-referral-agreement"),
    ):
        drafted = save(page, selector, tmp_path)
        assert drafted.name == f"wechat-account-transfer.zh.{template}.docx"
        expected = draft(template, tmp_path / f"direct-{template}.docx", lang="zh", source=SAMPLE_ZH).blanks
        listed = page.locator(f"#to-decide li.blank[data-template='{template}']").all_text_contents()
        assert len(listed) == len(expected)
        text = _docx_text(drafted)
        assert text.count("【待填写：") >= len(expected)  # the draft carries every blank the page lists
        for blank in expected:
            assert any(blank.description in item for item in listed)


def test_every_mode_with_script_and_findings_grouped_by_clause(
    fresh: Callable[..., Page], base_url: str, tmp_path: Path
) -> None:
    report = api.review(SAMPLE_ZH)
    page = fresh()
    for mode, selector, absent in (
        ("clean", "#download-clean", "#download-redline"),
        ("comments", "#download-redline", None),
        ("track", "#download-redline", None),
    ):
        upload_with(page, base_url, SAMPLE_ZH, mode, ())
        assert "token" not in page.url
        assert page.locator("#downloads a").count() == (1 if mode == "clean" else 2)
        if absent:
            assert page.locator(absent).count() == 0
        saved = save(page, selector, tmp_path)
        assert saved.name.endswith(
            {"clean": ".clean.docx", "comments": ".commented.docx"}.get(mode, ".redlined.docx")
        )
    # the last upload was the tracked redline: lossless
    assert part_signature(rejected_ours(saved, "draft-agreement")) == part_signature(read_part(SAMPLE_ZH))

    # Grouped: one section per clause, the most severe first; in each, the most severe first.
    groups = page.locator("#findings .clause")
    titles = groups.locator("h3").all_text_contents()
    assert len(titles) == len(set(titles))
    firsts = []
    for group in groups.all():
        ranks = [
            RANK[c.split("sev-")[1]]
            for c in group.locator(".finding").evaluate_all("els => els.map(e => e.className)")
        ]
        assert ranks == sorted(ranks, reverse=True)
        firsts.append(ranks[0])
    assert firsts == sorted(firsts, reverse=True)
    shown = sorted(page.locator(".finding").evaluate_all("els => els.map(e => e.dataset.rule)"))
    assert shown == sorted(f.rule for f in report.findings)
    badges = set(page.locator(".finding .badge").all_text_contents())
    assert badges == {LABELS["severities"][f.severity]["zh"] for f in report.findings}
    categories = set(page.locator(".finding .category").all_text_contents())
    assert categories == {LABELS["categories"][f.category]["zh"] for f in report.findings}

    # The deal first, then findings, what is left to decide, downloads; the notice above them all.
    order = page.evaluate(
        "() => ['notice', 'deal', 'findings', 'to-decide', 'downloads']"
        ".map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert order == sorted(order)
    deal = page.text_content("#deal") or ""
    assert LABELS["kinds"]["account-sale"]["zh"] in deal and "程某某" in deal and "适用法律" in deal
    assert TEXT["zh"]["notice"] in (page.text_content("#notice") or "")

    # The legal basis on demand: hidden until asked, then the statute's own words.
    first = page.locator(".finding").first
    quote = first.locator(".quote").first
    assert quote.is_hidden()
    first.locator("summary").click()
    assert quote.is_visible()
    law_text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "clauses" / "legal").glob("*.yaml"))
    assert (quote.text_content() or "").splitlines()[0].strip() in law_text
    proposed = first.locator(".proposed").text_content() or ""
    assert TEXT["zh"]["proposed"] in proposed and len(proposed) > len(TEXT["zh"]["proposed"])


def test_language_follows_the_browser_and_the_switch_is_remembered(
    fresh: Callable[..., Page], base_url: str
) -> None:
    english = fresh(locale="en-US")
    english.goto(f"{base_url}/?token={TOKEN}")
    assert english.get_attribute("html", "lang") == "en"
    assert english.text_content("h1") == TEXT["en"]["title"]
    page = fresh(locale="zh-CN")
    page.goto(f"{base_url}/?token={TOKEN}")
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.text_content("h1") == TEXT["zh"]["title"]

    upload_with(page, base_url, SAMPLE_ZH, attach=())
    count = page.locator(".finding").count()
    page.click("#lang-toggle")  # with a file chosen: the results again, in English, same file
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=120_000)
    page.wait_for_selector("#result .finding", timeout=120_000)
    assert page.text_content("h1") == TEXT["en"]["title"]
    assert page.locator(".finding").count() == count
    assert set(page.locator(".finding .badge").all_text_contents()) <= {
        s["en"] for s in LABELS["severities"].values()
    }
    assert page.text_content("#lang-toggle") == TEXT["en"]["other"]

    again = page.context.new_page()  # remembered in this site's storage, not a cookie
    again.goto(f"{base_url}/?token={TOKEN}")
    again.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30_000)
    assert "token" not in again.url
    assert page.context.cookies() == []
    again.click("#lang-toggle")  # no file: the link itself, remembered too
    again.wait_for_function("() => document.documentElement.lang === 'zh-CN'", timeout=30_000)
    assert again.evaluate("() => localStorage.getItem('draft-agreement.lang')") == "zh"


def test_the_page_works_from_the_keyboard(fresh: Callable[..., Page], base_url: str) -> None:
    page = fresh()
    # Listening before the page loads turns Chromium's file-chooser interception on early; enabled only
    # around the key press, it sometimes comes after the chooser has already opened and been missed.
    chosen: list[FileChooser] = []
    page.on("filechooser", lambda chooser: chosen.append(chooser))
    page.goto(f"{base_url}/?token={TOKEN}")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.name"))
        if reached[-1] == "drop":
            break
    assert reached[-1] == "drop", reached
    page.keyboard.press("Enter")
    for _ in range(300):
        if chosen:
            break
        page.wait_for_timeout(100)
    assert chosen, "Enter on the drop zone opened no file chooser"
    chosen[0].set_files(str(SAMPLE_ZH))
    page.wait_for_selector("#result .finding", timeout=120_000)
    for _ in range(200):  # every summary and download is a stop on the way
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "download-redline":
            break
    assert page.evaluate("() => document.activeElement.id") == "download-redline"
    with page.expect_download(timeout=60_000) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".redlined.docx")


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_screenshots_show_the_deal_findings_and_downloads(
    fresh: Callable[..., Page], base_url: str, tmp_path: Path, width: int, height: int
) -> None:
    page = fresh(width=width, height=height)
    upload_with(page, base_url, SAMPLE_ZH, attach=("consent-notice", "referral-agreement"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
    shot = tmp_path / f"page-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    shot_width, shot_height = _png_size(shot)
    assert shot_width == width
    for selector in ("#notice", "#deal", "#findings .clause", "#to-decide", "#downloads a"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, selector  # fits the screen's width
        assert box["y"] + box["height"] <= shot_height, selector  # and is in the screenshot
    for selector in ("#deal", "#downloads"):  # each section also as a picture of its own
        part = tmp_path / f"{selector[1:]}-{width}.png"
        page.locator(selector).screenshot(path=str(part))
        assert _png_size(part)[0] <= width
