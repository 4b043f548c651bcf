"""The upload page in a real Chromium driven by Playwright, against a real uvicorn on 127.0.0.1.

A lawyer's path: open the page with the token, upload an agreement, read the findings, download the
redlined .docx, which must be lossless. Skipped (with the reason) when Chromium or Playwright is
missing, except under CI=true, where their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from draft_agreement import api
from draft_agreement.errors import DraftAgreementError
from tests import hostile
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
from playwright.sync_api import Download, Page, sync_playwright  # noqa: E402

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
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(accept_downloads=True, locale="en-US")
        page = context.new_page()
        yield page
        context.close()
        browser.close()


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
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    page = browser_page
    open_and_upload(page, base_url, SAMPLE_ZH)
    page.wait_for_selector(".finding", timeout=90_000)
    downloads: list[Download] = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#download-consent")
    page.wait_for_function("() => !document.querySelector('#download-consent').disabled", timeout=90_000)
    if not downloads:  # the agreement lacks values a lawyer must state: the page asks for them
        assert page.locator("#values-form").is_visible(), page.text_content("#status")
        for field in page.locator("#values-fields textarea").all():
            field.fill("依据真实情况说明")
        page.click("#values-submit")
        page.wait_for_function("() => !document.querySelector('#values-submit').disabled", timeout=90_000)
    for _ in range(200):
        if downloads:
            break
        page.wait_for_timeout(50)
    assert downloads, page.text_content("#status")
    assert downloads[-1].suggested_filename.endswith("consent-notice.docx")
    with zipfile.ZipFile(downloads[-1].path()) as package:
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
