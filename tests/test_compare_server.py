"""POST /api/compare: two file fields, the same redline as the Python API, the same limits and clear
4xx answers as the other endpoints, nothing left on disk and nothing of the contract in the log."""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server needs FastAPI")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from fastapi.testclient import TestClient

from draft_agreement import api  # noqa: E402
from draft_agreement.server.app import TEMP_PREFIX, create_app  # noqa: E402
from draft_agreement.server.settings import ServerSettings  # noqa: E402
from tests import hostile  # noqa: E402
from tests.agreements import pair  # noqa: E402

DATE = "2026-01-01T00:00:00Z"
SECRET_NAME = "乙方机密-李四.docx"


def files(old: Path, new: Path, old_name: str | None = None) -> dict:
    return {
        "old": (old_name or old.name, old.read_bytes(), "application/octet-stream"),
        "new": (new.name, new.read_bytes(), "application/octet-stream"),
    }


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-temp")


@pytest.fixture(scope="module")
def client(temp_root: Path) -> Iterator[TestClient]:
    settings = ServerSettings(workers=1, temp_root=temp_root, max_upload_bytes=1 << 20)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return pair(tmp_path_factory.mktemp("pair"), 40, "zh", seed=11)


@pytest.fixture(autouse=True)
def nothing_left_behind(temp_root: Path) -> Iterator[None]:
    before = {p.name for p in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*")}
    yield
    assert sorted(p.name for p in temp_root.iterdir()) == []
    assert {p.name for p in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*")} <= before


def test_compare_returns_the_same_redline_as_the_python_api(
    client: TestClient, versions: tuple, tmp_path: Path
) -> None:
    old, new = versions
    response = client.post(f"/api/compare?date={DATE}", files=files(old, new))
    assert response.status_code == 200, response.text
    expected = api.compare(old, new, tmp_path / "expected.docx", date=DATE)
    assert response.content == (tmp_path / "expected.docx").read_bytes()
    assert response.headers["x-changed"] == str(expected.summary["changed"])
    assert response.headers["x-moved"] == str(expected.summary["moved"])
    assert "compared.docx" in response.headers["content-disposition"]


def test_review_counts_risky_changes(client: TestClient, versions: tuple) -> None:
    old, new = versions
    response = client.post(f"/api/compare?date={DATE}&review=true", files=files(old, new))
    assert response.status_code == 200 and int(response.headers["x-risky-changes"]) >= 0


def test_a_missing_or_bad_file_gets_a_clear_4xx(client: TestClient, versions: tuple, tmp_path: Path) -> None:
    old, new = versions
    one = {"new": (new.name, new.read_bytes(), "application/octet-stream")}
    missing = client.post("/api/compare", files=one)
    assert missing.status_code == 400 and "old" in missing.json()["error"]
    bad = hostile.truncated_docx(tmp_path)
    refused = client.post("/api/compare", files=files(bad, new, "旧版.docx"))
    assert refused.status_code == 422 and refused.json()["error"].startswith("旧版.docx")
    assert str(tmp_path) not in refused.json()["error"] and TEMP_PREFIX not in refused.json()["error"]
    assert client.post("/api/compare?date=yesterday", files=files(old, new)).status_code == 400
    assert (
        client.post("/api/compare", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
    )


def test_each_file_is_held_to_the_upload_limit(client: TestClient, versions: tuple) -> None:
    old, _ = versions
    big = ("big.docx", b"PK" + b"\0" * (2 << 20), "application/octet-stream")
    response = client.post("/api/compare", files={"old": (old.name, old.read_bytes()), "new": big})
    assert response.status_code == 413


def test_nothing_about_the_contract_is_logged(
    client: TestClient, versions: tuple, caplog: pytest.LogCaptureFixture
) -> None:
    old, new = versions
    with caplog.at_level(logging.DEBUG):
        client.post("/api/compare", files=files(old, new, SECRET_NAME))
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    assert "POST /api/compare 200" in logged
    for secret in (SECRET_NAME, "乙方机密", "微信账号", "转让价款"):
        assert secret not in logged


def test_openapi_describes_two_file_fields(client: TestClient) -> None:
    body = client.get("/openapi.json").json()["paths"]["/api/compare"]["post"]["requestBody"]
    assert body["content"]["multipart/form-data"]["schema"]["required"] == ["old", "new"]


def test_the_page_offers_a_second_file_input(client: TestClient) -> None:
    """The page's form sends the earlier version as field "old" with the agreement; the results page
    then offers the comparison (tests/test_browser.py checks the download)."""
    page = client.get("/").text
    assert 'id="file-input"' in page and 'id="old-input" name="old"' in page and 'action="/results"' in page
