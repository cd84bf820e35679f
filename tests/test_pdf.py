"""The downloads (`make pdf offline`): the PDF of the whole book and the
offline edition's zip, made once per session from the offline edition, then
read back with pypdf and zipfile; and the home page that links them.

What the PDF must be (issue 19): every chapter, each on a new page and in the
clickable outline; page numbers; every notebook code line printed once; no
controls or their labels; the address printed after external links.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml
from pypdf import PdfReader

from conftest import ENV, ROOT
from roadmap.checks import load_checked
from roadmap.exports import downloads

CUR = load_checked(ROOT / "curriculum.yml")
SITE_URL = next(yaml.safe_load(line)["site_url"] for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
                if line.startswith("site_url:"))
#: The book prints to about 545 sheets of 210 x 279 mm today: some 350 for the
#: chapters with their lessons, worked examples, self-check questions and answers,
#: some 160 for the nine project notebooks with their outputs, and the rest for the
#: reference pages. Far outside this range something is missing (a chapter, the
#: notebooks, the answers) or printed twice (see the outline and printed-once tests below).
PAGES = range(420, 700)
#: A PDF larger than this carries images that should be smaller.
MAX_PDF_BYTES = 15_000_000
MAX_ZIP_BYTES = 10_000_000

pytestmark = pytest.mark.browser  # the PDF is printed by Debian's Chromium


@pytest.fixture(scope="session")
def release() -> downloads.Release:
    return downloads.release(ROOT)


@pytest.fixture(scope="session")
def made(tmp_path_factory, offline_site) -> pathlib.Path:
    """A downloads folder as `make pdf offline` leaves it: its two commands, run
    on the session's offline edition (in their own processes, as make runs them,
    so their Chromium is not the browser tests' one)."""
    out = tmp_path_factory.mktemp("downloads")
    for script in ("make_pdf.py", "make_offline_zip.py"):
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--site", str(offline_site.root), "--out", str(out)],
                                cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{script}:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def pdf(made, release) -> PdfReader:
    return PdfReader(made / release.file_name(downloads.PDF))


@pytest.fixture(scope="session")
def pages_text(pdf) -> list[str]:
    return [page.extract_text() or "" for page in pdf.pages]


def squash(text: str) -> str:
    """Text without whitespace: a long line the PDF wraps still matches."""
    return re.sub(r"\s+", "", text)


def outline(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline, 0)
    return out


def test_size_and_paper(made, pdf, release):
    size = (made / release.file_name(downloads.PDF)).stat().st_size
    assert size < MAX_PDF_BYTES, f"the PDF is {size} bytes: check the images"
    assert len(pdf.pages) in PAGES
    width, height = (float(x) * 25.4 / 72 for x in pdf.pages[0].mediabox[2:])
    assert round(width) == 210 and round(height) == 279  # A4's width, Letter's height
    assert pdf.metadata.title == CUR.book.title


def test_page_numbers_and_the_release_on_every_page(pages_text, release):
    total = len(pages_text)
    for number, text in enumerate(pages_text, start=1):
        assert f"Page {number} of {total}" in text
        assert f"{release.date} ({release.commit})" in text


def test_every_chapter_in_the_outline_starts_a_new_page(pdf, pages_text):
    entries = outline(pdf)
    assert len(entries) > 100, "the outline has the headings, not just the chapters"
    titles = {title: page for _, title, page in entries}
    for phase in CUR.phases:
        assert phase.title in titles, f"{phase.title!r} is not in the outline"
        page = titles[phase.title]
        first_lines = [line.strip() for line in pages_text[page].splitlines() if line.strip()][:3]
        assert phase.title in first_lines, f"chapter {phase.title!r} does not open its page: {first_lines}"
        assert squash(phase.title) in squash("".join(pages_text))
    # Each project notebook is a chapter too.
    for phase in CUR.phases:
        assert squash(phase.project.title) in squash("".join(pages_text))


def notebook_sources() -> tuple[set[str], str]:
    """The notebooks' code lines (25 characters or more) and all their cells' text, squashed,
    outputs included: a cell that prints a file it wrote (notebook 6's Dockerfile and app)
    shows those lines twice on the page, once as code and once as output."""
    lines, text = set(), []
    for path in sorted((ROOT / "docs" / "projects").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            text.append(source)
            if cell["cell_type"] == "code":
                lines.update(squash(line) for line in source.splitlines() if len(line.strip()) >= 25)
                text += ["".join(out.get("text", "")) for out in cell.get("outputs", [])]
    return lines, squash("".join(text))


def notebook_pages(pdf: PdfReader, pages_text: list[str]) -> str:
    """The text of the notebooks' chapters: from the first notebook's outline entry to
    the next chapter after the last (the chapters also quote code in their self-checks)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    projects = next(entry["Projects"] for entry in config["nav"] if isinstance(entry, dict) and "Projects" in entry)
    titles = [next(iter(e)) for e in projects if isinstance(e, dict) and next(iter(e.values())).endswith(".ipynb")]
    top = [(title, page) for depth, title, page in outline(pdf) if depth == 0]
    first = next(n for n, (title, _) in enumerate(top) if title == titles[0])
    last = next(n for n, (title, _) in enumerate(top) if title == titles[-1])
    end = top[last + 1][1] if last + 1 < len(top) else len(pages_text)
    return "\n".join(pages_text[top[first][1]:end])


def test_notebook_code_is_printed_once(pdf, pages_text):
    text = "\n".join(pages_text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A disclosure's label ("How to check") is drawn by the browser outside the text
    # flow, so PDF text extraction may list a page's labels together: not a repeat.
    labels = set(re.findall(r"<summary>([^<{]+)</summary>", "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "roadmap" / "pages" / "templates").glob("*.html"))))
    twice = [a for a, b in zip(lines, lines[1:]) if a == b and len(a) >= 12 and a not in labels]
    assert not twice, f"lines printed twice in a row: {twice[:5]}"
    # In the notebooks' chapters, a code line is printed as often as the notebooks have it, not more.
    flat = squash(notebook_pages(pdf, pages_text))
    lines, sources = notebook_sources()
    extra = {line: (flat.count(line), sources.count(line)) for line in lines if flat.count(line) > sources.count(line)}
    assert not extra, f"notebook code printed more often than written (printed, written): {dict(list(extra.items())[:5])}"
    found = sum(1 for line in lines if line in flat)
    assert found >= 0.95 * len(lines), f"only {found} of {len(lines)} notebook code lines are in the PDF"


def test_no_controls_on_paper(pages_text):
    text = "\n".join(pages_text)
    for label in ("Open in Colab", "Download the notebook", "Copy to clipboard", "Save my progress", "¶"):
        assert label not in text, f"{label!r} is printed"


def test_external_links_have_their_address_printed(pages_text):
    flat = squash("".join(pages_text))
    printed = re.findall(r"\((https?://[^)]+)\)", flat)
    assert len(printed) > 100
    resource = CUR.phases[0].topics[0].resources[0]
    assert squash(f"{resource.title}({resource.url})") in flat
    # A link to a page that is not in the book goes to the published book, not into the folder.
    assert "file://" not in flat
    assert f"({SITE_URL}planner/)" in flat


def test_zip_is_the_offline_edition_in_one_folder(made, release, offline_site):
    path = made / release.file_name(downloads.ZIP)
    assert path.stat().st_size < MAX_ZIP_BYTES
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert {name.split("/")[0] for name in names} == {release.folder_name}
        assert f"{release.folder_name}/index.html" in names
        assert not [n for n in names if "/downloads/" in n]
        expected = sorted(p.relative_to(offline_site.root).as_posix() for p in offline_site.root.rglob("*") if p.is_file())
        assert sorted(n.split("/", 1)[1] for n in names) == expected
        assert {info.date_time[:3] for info in archive.infolist()} == {tuple(int(x) for x in release.date.split("-"))}
    # The same folder and release give the same bytes.
    again = downloads.make_zip(offline_site.root, made.parent / "again.zip", release)
    assert again.read_bytes() == path.read_bytes()


def test_home_page_links_the_downloads_with_their_sizes(made, book_copy, tmp_path):
    """What the deploy does: the files in docs/downloads/, then the web build."""
    shutil.copytree(made, book_copy.root / "docs" / downloads.FOLDER)
    if (ROOT / ".cache").is_dir():  # the notebook pages' cache: a faster build, the same pages
        shutil.copytree(ROOT / ".cache", book_copy.root / ".cache")
    site = tmp_path / "site"
    result = book_copy.build(site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="rm-downloads" id="download-the-book">(.*?)</p>', home, re.DOTALL)
    assert line and "Download the book:" in line.group(1)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a> \(([^)]+)\)', line.group(1))
    assert [text for _, text, _ in links] == ["PDF", "offline zip"]
    for href, _, size in links:
        published = site / href
        assert published.is_file(), f"{href} does not resolve in the built site"
        assert size == downloads.size_label(published.stat().st_size)
        assert published.read_bytes() == (made / published.name).read_bytes()


def test_find_keeps_the_newest_release_of_each(tmp_path):
    for name in ("ml-roadmap-2026-01-02-aaaaaaa.pdf", "ml-roadmap-2026-03-04-bbbbbbb.pdf",
                 "ml-roadmap-2026-03-04-bbbbbbb-offline.zip", "ml-roadmap-notes.txt", "other.pdf"):
        (tmp_path / name).write_bytes(b"x" * 1500)
    found = downloads.find(tmp_path)
    assert [(d.kind, d.name, d.size_label) for d in found] == [
        ("pdf", "ml-roadmap-2026-03-04-bbbbbbb.pdf", "2 kB"),
        ("zip", "ml-roadmap-2026-03-04-bbbbbbb-offline.zip", "2 kB"),
    ]
    downloads.keep_only(tmp_path, downloads.PDF, "ml-roadmap-2026-03-04-bbbbbbb.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ml-roadmap-2026-03-04-bbbbbbb-offline.zip", "ml-roadmap-2026-03-04-bbbbbbb.pdf", "ml-roadmap-notes.txt", "other.pdf",
    ]
    assert downloads.find(tmp_path / "missing") == []
    assert downloads.size_label(5_072_064) == "5.1 MB"
