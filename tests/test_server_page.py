"""The upload page without a browser: the results page a plain form post gets, its escaping, its
policy, its limits and its token; the language from Accept-Language. (tests/test_browser.py drives it.)"""

from __future__ import annotations

import base64
import html
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

pytest.importorskip("fastapi", reason="the server needs FastAPI")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from fastapi.testclient import TestClient

from draft_agreement import api  # noqa: E402
from draft_agreement.server.app import create_app  # noqa: E402
from draft_agreement.server.settings import ServerSettings  # noqa: E402
from tests.oracle import part_signature, read_part, rejected_ours  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "wechat-account-transfer.zh.docx"
TEXT = yaml.safe_load(
    (REPO / "src" / "draft_agreement" / "server" / "static" / "text.yaml").read_text("utf-8")
)
TOKEN = "page-token-31c"
INJECTED = '<img src=x onerror="alert(1)">'
DATA_LINK = re.compile(r'id="([a-z-]+)" download="([^"]+)" href="data:[^;]+;base64,([A-Za-z0-9+/=]+)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("page-temp")
    settings = ServerSettings(workers=2, temp_root=root, max_upload_bytes=2 << 20)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
    assert list(root.iterdir()) == []


def form(path: Path, name: str | None = None) -> list[tuple[str, tuple[str, bytes]]]:
    return [("file", (name or path.name, path.read_bytes())), ("old", ("", b""))]


def test_the_language_follows_accept_language_unless_chosen(client: TestClient) -> None:
    for header, lang in (("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("en-GB,en;q=0.9,zh;q=0.5", "en"), ("fr", "en")):
        page = client.get("/", headers={"accept-language": header}).text
        assert f"<h1>{TEXT[lang]['title']}</h1>" in page
    chosen = client.get("/?lang=en", headers={"accept-language": "zh-CN"}).text
    assert f"<h1>{TEXT['en']['title']}</h1>" in chosen and 'action="/results?lang=en"' in chosen


def test_a_plain_form_post_gets_the_results_with_their_downloads(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/results", files=form(SAMPLE), data={"mode": "track", "attach": "consent-notice"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "form-action 'self'" in policy and "http" not in policy
    page = response.text
    assert "<script src" not in page and '<link rel="stylesheet"' not in page  # nothing from elsewhere
    report = api.review(SAMPLE)
    assert page.count('<article class="finding') == len(report.findings)
    links = {element: (name, base64.b64decode(data)) for element, name, data in DATA_LINK.findall(page)}
    assert set(links) == {"download-redline", "download-clean", "download-consent"}
    name, data = links["download-redline"]
    assert name == "wechat-account-transfer.zh.redlined.docx"
    saved = tmp_path / name
    saved.write_bytes(data)
    assert part_signature(rejected_ours(saved, "draft-agreement")) == part_signature(read_part(SAMPLE))


def test_document_text_and_names_are_escaped(client: TestClient, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                clause = "9个微信号（明细见附件一）的全部使用权转让给乙方".encode()
                data = data.replace(clause, html.escape(INJECTED).encode() + clause)
            target.writestr(item, data)
    page = client.post("/results", files=form(hostile, "a&b <i>.docx")).text
    assert INJECTED not in page and html.escape(INJECTED) in page
    assert "a&amp;b _i_.docx" in page and "<i>" not in page


def test_the_results_page_keeps_the_limits_and_the_token(tmp_path: Path) -> None:
    root = tmp_path / "temp"
    root.mkdir()
    settings = ServerSettings(workers=1, temp_root=root, max_upload_bytes=1 << 20, token=TOKEN)
    big = tmp_path / "big.docx"
    big.write_bytes(SAMPLE.read_bytes() + bytes(3 << 20))
    with TestClient(create_app(settings)) as guarded:
        assert guarded.post("/results", files=form(SAMPLE)).status_code == 401
        assert guarded.post("/results?token=wrong", files=form(SAMPLE)).status_code == 401
        page = guarded.get(f"/?token={TOKEN}").text
        assert f'action="/results?token={TOKEN}"' in page
        too_big = guarded.post(f"/results?token={TOKEN}", files=form(big))
        assert too_big.status_code == 413 and too_big.headers["connection"] == "close"
        assert 'class="error"' in too_big.text and "limit of 1 MB" in too_big.text
        missing = guarded.post(f"/results?token={TOKEN}", files=[("old", ("", b""))])
        assert missing.status_code == 400 and 'class="error"' in missing.text
        refused = guarded.post(f"/results?token={TOKEN}", files=[("file", ("x.docx", b"not a zip"))])
        assert (
            refused.status_code == 422
            and "x.docx" in refused.text
            and '<section id="result" hidden>' in refused.text
        )
    assert list(root.iterdir()) == []


def memo_text(data: bytes, folder: Path) -> str:
    from docx import Document

    saved = folder / "memo.docx"
    saved.write_bytes(data)
    doc = Document(str(saved))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_memo_option_adds_the_review_memo_to_the_downloads(client: TestClient, tmp_path: Path) -> None:
    page = client.get("/", headers={"accept-language": "zh-CN"}).text
    assert 'name="memo" value="1"' in page and TEXT["zh"]["memo_help"] in page
    response = client.post("/results", files=form(SAMPLE), data={"mode": "comments", "memo": "1"})
    assert response.status_code == 200
    links = {
        element: (name, base64.b64decode(data)) for element, name, data in DATA_LINK.findall(response.text)
    }
    assert set(links) == {"download-redline", "download-clean", "download-memo"}
    name, data = links["download-memo"]
    assert name == "wechat-account-transfer.zh.memo.docx"
    text = memo_text(data, tmp_path)
    report = api.review(SAMPLE)
    # Every article the review cites is quoted in the memo, from the statute text.
    quotes = {basis.quote[:20] for finding in report.findings for basis in finding.legal_basis if basis.quote}
    assert quotes and all(quote in text for quote in quotes)
    unticked = client.post("/results", files=form(SAMPLE), data={"mode": "track"}).text
    assert 'id="download-memo"' not in unticked


def test_the_memo_api_returns_the_memo_of_the_redline(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/memo", files={"file": (SAMPLE.name, SAMPLE.read_bytes())})
    assert response.status_code == 200
    assert "wechat-account-transfer.zh.memo.docx" in response.headers["content-disposition"]
    report = api.review(SAMPLE)
    assert response.headers["x-findings-high"] == str(report.summary["high"])
    text = memo_text(response.content, tmp_path)
    assert all(finding.title in text for finding in report.findings if finding.severity in ("high", "medium"))
    refused = client.post("/api/memo", files={"file": ("x.docx", b"not a zip")})
    assert refused.status_code == 422 and "x.docx" in refused.json()["error"]
