"""Browser fixtures shared by every browser test: the built book served over
HTTP the way GitHub Pages serves it, and one Chromium for the whole session.

`served` serves the session's `site` (tests/conftest.py) on 127.0.0.1 under
the path of `site_url` (e.g. /ml-roadmap/), answers unknown paths with the
site's 404.html and status 404, and gives `served.url("faq/")`.
`serve_site(lambda: folder)` (fixture `site_server`) serves any built folder,
looked up per request, so a test can swap in a rebuilt book on one origin.
`browser` is Debian's Chromium driven by Playwright; `page` is a fresh page
(its own context) per test.
"""

from __future__ import annotations

import contextlib
import http.server
import pathlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def site_prefix() -> str:
    """The path the book is published under, from mkdocs.yml's site_url."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(yaml.safe_load(line)["site_url"]).path
            return "/" + path.strip("/") + "/" if path.strip("/") else "/"
    return "/"


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under a path prefix; missing files get 404.html (as GitHub Pages)."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(pathlib.Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = pathlib.Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Served:
    origin: str
    prefix: str

    def url(self, page: str = "") -> str:
        return f"{self.origin}{self.prefix}{page}"


@contextlib.contextmanager
def serve_site(directory: Callable[[], pathlib.Path]) -> Iterator[Served]:
    """Serve the site folder `directory()` names, looked up on every request, so
    a test can swap in a rebuilt book on the same origin (same localStorage)."""
    prefix = site_prefix()
    handler = type("Handler", (PagesHandler,), {"prefix": prefix})

    def make(*args, **kwargs):
        return handler(*args, directory=str(directory()), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", prefix)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server():
    """`serve_site`, for tests that serve a book they built themselves."""
    return serve_site


@pytest.fixture(scope="session")
def served(site):
    with serve_site(lambda: site.root) as served_site:
        yield served_site


@pytest.fixture(scope="session")
def browser():
    assert pathlib.Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make browser`"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
