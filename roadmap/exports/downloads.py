"""The book to take away: a PDF of the whole book and the offline edition as a zip.

Both are made from a built offline edition (mkdocs.offline.yml, `site-offline/`),
never from the network, and are named after the release they come from, the
date and short hash of the commit: ``ml-roadmap-2026-12-01-abc1234.pdf`` and
``ml-roadmap-2026-12-01-abc1234-offline.zip``. `make pdf` and `make offline`
write them into ``docs/downloads/`` (ignored by git), where the next web build
publishes them and the home page lists them with their sizes (`find`).

* `make_pdf` opens the print page (/print_page/) from disk in Debian's
  Chromium, through Playwright, with every request that is not a file of the
  folder refused, and prints it with page numbers, a clickable outline from
  the headings, tagged text and a footer naming the release. Links to pages that are not in the book (the
  changelog, the planner) would point into the folder, so they are pointed at
  the published book (`site_url`) first. Paper: 210 x 279 mm, A4's width and
  US Letter's height, so the pages print on either paper without scaling.
* `make_zip` zips the folder under one top folder named like the zip, with
  the release date on every entry, so the same commit gives the same zip.

Nothing here imports MkDocs; Playwright is imported only by `make_pdf`.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

NAME = "ml-roadmap"
FOLDER = "downloads"  # under docs/, and so under the built site
PDF, ZIP = "pdf", "zip"
SUFFIX = {PDF: ".pdf", ZIP: "-offline.zip"}
RELEASED = re.compile(rf"^{NAME}-(\d{{4}}-\d{{2}}-\d{{2}})-([0-9a-f]{{4,40}})(\.pdf|-offline\.zip)$")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: A4's width and US Letter's height: fits both papers unscaled.
PAPER = {"width": "210mm", "height": "279mm"}
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
FOOTER = "pdf_footer.html"  # in roadmap/pages/templates/
EMPTY_HEADER = "<span></span>"  # Chromium's default header is the date and the title


@dataclass(frozen=True)
class Release:
    date: str  # YYYY-MM-DD, the commit's date
    commit: str  # short hash

    def file_name(self, kind: str) -> str:
        return f"{NAME}-{self.date}-{self.commit}{SUFFIX[kind]}"

    @property
    def folder_name(self) -> str:
        return f"{NAME}-{self.date}-{self.commit}"


def release(root: Path) -> Release:
    """The release a checkout is: its HEAD commit's date and short hash."""
    out = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%cs %h"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return Release(out[0], out[1])


@dataclass(frozen=True)
class Download:
    kind: str  # PDF or ZIP
    name: str
    size: int  # bytes

    @property
    def size_label(self) -> str:
        return size_label(self.size)


def size_label(size: int) -> str:
    """'8.4 MB', '620 kB' (decimal units, as file managers show them)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def find(folder: Path) -> list[Download]:
    """The newest PDF and zip in `folder` (PDF first), as the home page lists them."""
    newest: dict[str, tuple[str, Path]] = {}
    for path in sorted(folder.glob(f"{NAME}-*")) if folder.is_dir() else []:
        match = RELEASED.match(path.name)
        if match and path.is_file():
            kind = PDF if match.group(3) == ".pdf" else ZIP
            if kind not in newest or match.group(1) >= newest[kind][0]:
                newest[kind] = (match.group(1), path)
    found = []
    for kind in (PDF, ZIP):
        if kind in newest:
            path = newest[kind][1]
            found.append(Download(kind, path.name, path.stat().st_size))
    return found


def keep_only(folder: Path, kind: str, name: str) -> None:
    """Remove the other releases' files of this kind (one PDF, one zip at a time)."""
    for path in folder.glob(f"{NAME}-*{SUFFIX[kind]}"):
        if RELEASED.match(path.name) and path.name != name:
            path.unlink()


def print_page(site: Path) -> Path:
    """The print page of a built site, with directory URLs off or on."""
    for candidate in (site / "print_page.html", site / "print_page" / "index.html"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no print page in {site}: build the book first")


# Before printing: links that leave the book go to the published pages, not
# into the folder (`x.html`, `x/index.html` and `x/` all become `site_url + x/`).
PUBLISHED_LINKS = """([siteRoot, published]) => {
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    const url = new URL(href, location.href);
    if (!url.href.startsWith(siteRoot)) continue;
    let path = url.pathname.slice(new URL(siteRoot).pathname.length);
    path = path.replace(/(^|\\/)index\\.html$/, "$1").replace(/\\.html$/, "/");
    a.setAttribute("href", published + path + url.search + url.hash);
  }
}"""


def make_pdf(site: Path, out: Path, site_url: str, release: Release, *, chromium: str = CHROMIUM) -> Path:
    """Print the book at `site` (a built folder) to `out`, as the module says."""
    from playwright.sync_api import sync_playwright

    from ..pages.render import render

    site = site.resolve()
    page_file = print_page(site)
    inside = site.as_uri() + "/"
    published = site_url.rstrip("/") + "/"
    refused: list[str] = []

    def gate(route):
        url = route.request.url
        if url.startswith(inside) or url.startswith("data:"):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(color_scheme="light", reduced_motion="reduce")
            context.route("**/*", gate)
            tab = context.new_page()
            tab.goto(page_file.as_uri(), wait_until="load")
            tab.evaluate(PUBLISHED_LINKS, [inside, published])
            # The book's title (the print page's first heading) names the PDF.
            title = tab.locator(".md-content h1").first.inner_text().strip()
            tab.evaluate("title => { document.title = title; }", title)
            tab.emulate_media(media="print")
            tab.pdf(
                path=str(out),
                **PAPER,
                margin=MARGIN,
                print_background=True,
                display_header_footer=True,
                header_template=EMPTY_HEADER,
                footer_template=render(FOOTER, title=title, release=release),
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()
    if refused:
        raise RuntimeError(f"the print page asked for files outside {site}: {refused[:5]}")
    return out


def make_zip(site: Path, out: Path, release: Release) -> Path:
    """Zip the folder `site` as `<release folder>/...`, entries in name order,
    each dated with the release, so that one commit gives one zip."""
    year, month, day = (int(x) for x in release.date.split("-"))
    stamp = (year, month, day, 0, 0, 0)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{release.folder_name}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(out)
    return out
