"""Page weight: what a reader's browser downloads for a page, raw and gzipped.

Each page is opened in Chromium (Playwright) from the built site; every file
it requests until the network is idle (stylesheets, scripts, the search
index Material fetches, images) is measured from the site folder.
"""

from __future__ import annotations

import gzip
import pathlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .server import SiteServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Weight:
    html: int = 0
    html_gz: int = 0
    by_kind: dict = field(default_factory=dict)  # kind -> [raw, gzip]

    def add(self, kind: str, data: bytes) -> None:
        raw, packed = self.by_kind.setdefault(kind, [0, 0])
        self.by_kind[kind] = [raw + len(data), packed + gz(data)]

    @property
    def total(self) -> int:
        return sum(raw for raw, _ in self.by_kind.values())

    @property
    def total_gz(self) -> int:
        return sum(packed for _, packed in self.by_kind.values())


def _kind(path: str) -> str:
    suffix = pathlib.PurePosixPath(path).suffix
    if path.endswith("search_index.json"):
        return "search index"
    if path.endswith("/"):
        return "html"
    return {".html": "html", ".css": "css", ".js": "js"}.get(suffix, "other")


def measure(site: pathlib.Path, prefix: str, pages: dict[str, str]) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    weights: dict[str, Weight] = {}
    with SiteServer(site, prefix, compress=False) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, page_path in pages.items():
            context = browser.new_context()
            tab = context.new_page()
            seen: list[str] = []
            tab.on("requestfinished", lambda request: seen.append(request.url))
            tab.goto(server.url(page_path), wait_until="networkidle")
            context.close()
            weight = Weight()
            for url in dict.fromkeys(seen):
                path = urlsplit(url).path
                if not path.startswith(prefix):
                    continue
                file = site / path[len(prefix):]
                if file.is_dir() or path.endswith("/"):
                    file = file / "index.html"
                if not file.is_file():
                    continue
                data = file.read_bytes()
                if url.split("#")[0].split("?")[0] == server.url(page_path):
                    weight.html, weight.html_gz = len(data), gz(data)
                weight.add(_kind(path), data)
            weights[name] = weight
        browser.close()
    return weights
