"""The HTTP API through FastAPI's TestClient: same results as the Python API, clear 4xx for bad
uploads, the size, time and concurrency limits, the token, and nothing left on disk or in the log."""

from __future__ import annotations

import base64
import io
import logging
import tempfile
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

pytest.importorskip("fastapi", reason="the server needs FastAPI")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

with warnings.catch_warnings():  # Starlette nudges towards httpx2; httpx is what FastAPI documents
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from fastapi.testclient import TestClient

from draft_agreement import api  # noqa: E402
from draft_agreement.errors import DraftAgreementError  # noqa: E402
from draft_agreement.server.app import TEMP_PREFIX, create_app  # noqa: E402
from draft_agreement.server.settings import ServerSettings  # noqa: E402
from draft_agreement.server.uploads import safe_name  # noqa: E402
from tests import hostile  # noqa: E402
from tests.drafting_cases import WECHAT_SALE  # noqa: E402
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "wechat-account-transfer.zh.docx"
SAMPLE_EN = REPO / "samples" / "social-media-account-sale.en.docx"
DATE = "2026-01-01T00:00:00Z"
TOKEN = "test-token-7f3a"
SECRET_NAME = "甲方机密-张三身份证.docx"


def upload(path: Path, name: str | None = None) -> dict:
    return {"file": (name or path.name, path.read_bytes(), "application/octet-stream")}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def system_temp_requests() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*")}


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-temp")


@pytest.fixture(scope="module")
def client(temp_root: Path) -> Iterator[TestClient]:
    settings = ServerSettings(workers=2, temp_root=temp_root, max_upload_bytes=2 << 20)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(autouse=True)
def nothing_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every request of every test, the temp root holds nothing and the system temp no new folder."""
    before = system_temp_requests()
    yield
    if "temp_root" in request.fixturenames:
        assert leftovers(request.getfixturevalue("temp_root")) == []
    assert system_temp_requests() <= before


def test_review_matches_the_python_api(client: TestClient) -> None:
    for sample in (SAMPLE, SAMPLE_EN):
        response = client.post("/api/review", files=upload(sample, SECRET_NAME))
        assert response.status_code == 200, response.text
        want = api.review(sample).to_dict()
        assert response.json() == {**want, "file": SECRET_NAME}
    explained = client.post("/api/review?lang=en", files=upload(SAMPLE)).json()
    assert explained == {**api.review(SAMPLE, lang="en").to_dict(), "file": SAMPLE.name}


def test_redline_returns_the_same_lossless_docx_as_the_python_api(client: TestClient, tmp_path: Path) -> None:
    response = client.post(f"/api/redline?date={DATE}", files=upload(SAMPLE, SECRET_NAME))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    got = tmp_path / "got.docx"
    got.write_bytes(response.content)
    direct = api.redline(SAMPLE, tmp_path / "direct.docx", date=DATE)
    assert got.read_bytes() == (tmp_path / "direct.docx").read_bytes()
    assert int(response.headers["x-revisions"]) == direct.result.revisions
    assert int(response.headers["x-comments"]) == direct.result.comments
    assert structural_problems(got) == []
    assert part_signature(rejected_ours(got, "draft-agreement")) == part_signature(read_part(SAMPLE))

    clean = client.post(f"/api/redline?mode=clean&date={DATE}", files=upload(SAMPLE))
    assert clean.status_code == 200
    api.redline(SAMPLE, tmp_path / "clean.docx", mode="clean", date=DATE)
    assert clean.content == (tmp_path / "clean.docx").read_bytes()


def document_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return "".join(root.itertext())


def test_draft_matches_the_drafting_api(client: TestClient, tmp_path: Path) -> None:
    try:
        from draft_agreement.drafting import draft, load_template
    except ImportError:
        response = client.post("/api/draft?template=consent-notice", files=upload(SAMPLE))
        assert response.status_code == 501 and "drafting" in response.json()["error"]
        return
    sale = WECHAT_SALE.build(tmp_path)  # the buyer's contact details are not in it
    bare = client.post("/api/draft?template=consent-notice", files=upload(sale))
    assert bare.status_code == 200, bare.text
    direct = draft("consent-notice", tmp_path / "bare.docx", lang="zh", source=sale)
    assert direct.blanks  # the draft is written, with its blanks
    assert document_text(bare.content) == document_text((tmp_path / "bare.docx").read_bytes())
    assert int(bare.headers["x-blanks"]) == len(direct.blanks)
    # Every text value given, as the page's form does.
    given = {
        v.name: "依据真实情况说明" for v in load_template("consent-notice").variables if v.type == "string"
    }
    query = "&".join(f"set={name}={value}" for name, value in given.items())
    response = client.post(f"/api/draft?template=consent-notice&{query}", files=upload(SAMPLE, SECRET_NAME))
    assert response.status_code == 200, response.text
    assert "consent-notice.docx" in response.headers["content-disposition"]
    assert response.headers["x-blanks"] == "0"
    draft("consent-notice", tmp_path / "direct.docx", lang="zh", source=SAMPLE, overrides=given)
    assert document_text(response.content) == document_text((tmp_path / "direct.docx").read_bytes())

    unknown = client.post("/api/draft?template=no-such-template", files=upload(SAMPLE))
    assert unknown.status_code == 400 and "no-such-template" in unknown.json()["error"]
    assert client.post("/api/draft?set=novalue", files=upload(SAMPLE)).status_code == 400


def test_draft_returns_its_blanks_as_json(client: TestClient, tmp_path: Path) -> None:
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    from draft_agreement.drafting import draft

    sale = WECHAT_SALE.build(tmp_path)
    response = client.post("/api/draft?template=consent-notice&format=json", files=upload(sale, SECRET_NAME))
    assert response.status_code == 200, response.text
    body = response.json()
    direct = draft("consent-notice", tmp_path / "direct.docx", lang="zh", source=sale)
    assert body["blanks"] == [b.to_dict() for b in direct.blanks]
    assert body["filename"].endswith("consent-notice.docx") and "output" not in body
    docx = base64.b64decode(body["docx"])
    assert document_text(docx) == document_text((tmp_path / "direct.docx").read_bytes())
    for blank in body["blanks"]:
        assert f"【待填写：{blank['label']}】" in document_text(docx)


def test_a_strict_draft_asks_for_form_fields_not_cli_flags(client: TestClient, tmp_path: Path) -> None:
    pytest.importorskip("draft_agreement.drafting", reason="drafting is not installed")
    sale = WECHAT_SALE.build(tmp_path)
    refused = client.post("/api/draft?template=consent-notice&strict=true", files=upload(sale))
    assert refused.status_code == 400
    body = refused.json()
    assert "recipient_contact" in body["error"] and "form" in body["error"]
    assert "--set" not in body["error"] and "--data" not in body["error"]
    assert [m["name"] for m in body["missing"]] == ["recipient_contact"]
    typo = client.post("/api/draft?template=consent-notice&set=recipient_contactt=x", files=upload(sale))
    assert typo.status_code == 400 and "--set" not in typo.json()["error"]


def test_the_page_shows_the_blanks_of_a_draft(client: TestClient) -> None:
    """The page asks for the JSON form of a draft and turns each blank into a labelled field."""
    page = client.get("/").text
    assert 'id="blanks-summary"' in page and 'id="values-fields"' in page
    assert '["format", "json"]' in page and "showBlanks(drafted.blanks)" in page


HOSTILE: list[Callable[[Path], Path]] = [
    hostile.legacy_doc,
    hostile.encrypted_docx,
    hostile.truncated_docx,
    hostile.corrupt_crc_docx,
    hostile.empty_file,
    hostile.pdf_renamed,
    hostile.plain_zip,
    hostile.xxe_docx,
    hostile.billion_laughs_docx,
    hostile.malformed_xml_docx,
    hostile.declared_size_bomb_docx,
    lambda folder: hostile.ratio_bomb_docx(folder, megabytes=8),
]


@pytest.mark.parametrize("build", HOSTILE, ids=lambda b: getattr(b, "__name__", "ratio_bomb"))
def test_bad_files_get_the_cli_message_as_a_4xx(client: TestClient, tmp_path: Path, build: Callable) -> None:
    path = build(tmp_path)
    with pytest.raises(DraftAgreementError) as refused:
        api.review(path)
    cli_message = str(refused.value).splitlines()[0].replace(str(path), path.name)
    for endpoint in ("/api/review", "/api/redline"):
        response = client.post(endpoint, files=upload(path))
        assert 400 <= response.status_code < 500, response.text
        assert response.json() == {"error": cli_message}
        assert str(tmp_path) not in response.text and "Traceback" not in response.text


def test_malformed_requests_get_a_clear_4xx(client: TestClient) -> None:
    cases = [
        (client.post("/api/review", content=SAMPLE.read_bytes()), 415),
        (client.post("/api/review", files={"other": ("x.docx", b"abc")}), 400),
        (
            client.post(
                "/api/review",
                content=b"--nope\r\nContent-Disposition: form-data\r\n\r\nx",
                headers={"content-type": "multipart/form-data; boundary=XYZ"},
            ),
            400,
        ),
        (client.post("/api/review", content=b"x", headers={"content-type": "multipart/form-data"}), 400),
        (client.post("/api/redline?mode=bogus", files=upload(SAMPLE)), 400),
        (client.post("/api/redline?date=yesterday", files=upload(SAMPLE)), 400),
        (client.get("/api/review"), 405),
        (client.get("/nowhere"), 404),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert set(response.json()) == {"error"} and "\n" not in response.json()["error"]


def test_upload_size_limit(client: TestClient, tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    big.write_bytes(SAMPLE.read_bytes() + bytes(3 << 20))
    response = client.post("/api/review", files=upload(big))
    assert response.status_code == 413 and "limit of 2 MB" in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        yield b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\n'
        for _ in range(40):
            yield bytes(100_000)
        yield b"\r\n--B--\r\n"

    streamed = client.post(
        "/api/review", content=chunks(), headers={"content-type": "multipart/form-data; boundary=B"}
    )
    assert streamed.status_code == 413


def test_token_guards_page_and_api(temp_root: Path) -> None:
    settings = ServerSettings(workers=1, temp_root=temp_root, token=TOKEN)
    with TestClient(create_app(settings)) as guarded:
        assert guarded.get("/").status_code == 401
        assert guarded.get("/?token=wrong").status_code == 401
        page = guarded.get(f"/?token={TOKEN}")
        assert page.status_code == 200 and "<script>" in page.text
        assert "'unsafe-inline'" not in page.headers["content-security-policy"]
        assert guarded.post("/api/review", files=upload(SAMPLE)).status_code == 401
        assert guarded.post(f"/api/review?token={TOKEN}", files=upload(SAMPLE)).status_code == 401
        wrong = guarded.post("/api/review", files=upload(SAMPLE), headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")
        good = guarded.post("/api/review", files=upload(SAMPLE), headers={"Authorization": f"Bearer {TOKEN}"})
        assert good.status_code == 200
        assert guarded.get("/openapi.json").status_code == 401
        assert guarded.get("/healthz").status_code == 200


def test_time_limit_stops_the_worker_and_cleans_up(temp_root: Path) -> None:
    settings = ServerSettings(workers=1, temp_root=temp_root, timeout_seconds=0.05)
    with TestClient(create_app(settings)) as slow:
        first_pid = slow.app.state.pool.pids
        response = slow.post("/api/review", files=upload(SAMPLE))
        assert response.status_code == 422 and "limit of 0.05 s" in response.json()["error"]
        assert slow.app.state.pool.pids != first_pid  # the stuck worker was replaced
        assert slow.get("/healthz").json()["idle"] == 1


def test_concurrency_limit_answers_busy_instead_of_queueing_without_bound(temp_root: Path) -> None:
    settings = ServerSettings(workers=1, temp_root=temp_root, max_waiting=0)
    with TestClient(create_app(settings)) as small:
        results: list[int] = []
        first = threading.Thread(
            target=lambda: results.append(small.post("/api/review", files=upload(SAMPLE)).status_code)
        )
        first.start()
        deadline = time.monotonic() + 30
        while small.get("/healthz").json()["idle"] and time.monotonic() < deadline:
            time.sleep(0.01)
        busy = small.post("/api/review", files=upload(SAMPLE))
        first.join(60)
        assert busy.status_code == 503 and "busy" in busy.json()["error"]
        assert results == [200]


def test_nothing_about_the_contract_is_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post("/api/review", files=upload(SAMPLE, SECRET_NAME))
        client.post("/api/review?token=abc", files=upload(hostile.legacy_doc(tmp_path), SECRET_NAME))
    server_side = [r for r in caplog.records if not r.name.startswith("httpx")]  # httpx is the test's client
    logged = "\n".join(record.getMessage() for record in server_side)
    assert "POST /api/review 200" in logged
    body_text = api.review(SAMPLE).findings[0].paragraph_text or ""
    for secret in (SECRET_NAME, "甲方机密", body_text[:12], "token=abc", "abc"):
        assert secret not in logged


def test_openapi_describes_the_endpoints(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/review", "/api/redline", "/api/draft"):
        body = schema["paths"][path]["post"]["requestBody"]
        assert "multipart/form-data" in body["content"]


def test_upload_names_are_made_safe() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\合同.docx") == "合同.docx"
    assert safe_name('a"\r\nX-Injected: 1.docx') == "a___X-Injected_ 1.docx"
    assert safe_name("") == "upload.docx" and safe_name("...") == "upload.docx"
    assert len(safe_name("长" * 500 + ".docx")) <= 120 and safe_name("长" * 500 + ".docx").endswith(".docx")
