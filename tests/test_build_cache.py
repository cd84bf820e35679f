"""What the builds keep in .cache/roadmap-render/ changes nothing a reader sees.

The engine keeps highlighted worked examples and its compiled templates
between builds (roadmap/pages/render.py `use_cache`, called by the MkDocs
adapter). A warm build must give the same pages as a cold one, and an edited
snippet must show as edited, never as the cached copy of its old text.
"""

from __future__ import annotations

import pathlib

from conftest import BookCopy

CACHE = pathlib.Path(".cache") / "roadmap-render"
CHAPTER = pathlib.Path("phases") / "foundations" / "index.html"


def pages(site: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_a_warm_build_gives_the_same_pages_and_an_edited_snippet_shows(book_copy: BookCopy, tmp_path: pathlib.Path) -> None:
    cold, warm, edited = tmp_path / "cold", tmp_path / "warm", tmp_path / "edited"
    assert not (book_copy.root / CACHE).exists()
    assert book_copy.build(cold).returncode == 0
    kept = list((book_copy.root / CACHE / "code-blocks").glob("*.html"))
    assert kept, "the cold build kept no highlighted snippet"
    assert list((book_copy.root / CACHE).glob("templates-*/*")), "the cold build kept no compiled template"

    assert book_copy.build(warm).returncode == 0
    assert pages(warm) == pages(cold)

    book_copy.replace('print("Python 3.11 or newer:", sys.version_info >= (3, 11))',
                      'print("Python 3.12 or newer:", sys.version_info >= (3, 12))')
    assert book_copy.build(edited).returncode == 0
    chapter = (edited / CHAPTER).read_text(encoding="utf-8")
    assert '"Python 3.12 or newer:"' in chapter and '"Python 3.11 or newer:"' not in chapter
