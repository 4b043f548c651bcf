"""Write docs/upload-page.zh.png: the upload page after an upload of the Chinese sample.

Runs the server on a loopback port and Debian's Chromium through Playwright, as tests/test_browser.py
does, chooses the consent notice and the referral agreement as drafts and the memo, and takes a
full-page picture of the results: the deal, the findings by clause, what is left to decide and the
downloads.

    PYTHONPATH=src python tools/page_screenshot.py [--output docs/upload-page.zh.png] [--width 1280]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wechat-account-transfer.zh.docx"
DRAFTS = ("consent-notice", "referral-agreement")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "upload-page.zh.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from draft_agreement.server.app import create_app
    from draft_agreement.server.settings import ServerSettings

    with tempfile.TemporaryDirectory() as temp:
        settings = ServerSettings(workers=2, temp_root=Path(temp))
        server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        host, port = sock.getsockname()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page(locale="zh-CN", viewport={"width": args.width, "height": 900})
                page.goto(f"http://{host}:{port}/")
                for box in page.locator("input[name=attach]").all():
                    box.set_checked(box.get_attribute("value") in DRAFTS)
                page.locator("#memo-input").set_checked(True)
                page.set_input_files("#file-input", str(SAMPLE))
                page.wait_for_selector("#result .finding", timeout=120_000)
                args.output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.output), full_page=True)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(30)
            sock.close()
    print(args.output)


if __name__ == "__main__":
    main()
