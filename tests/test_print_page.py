"""The printable book, /print_page/ (roadmap/print_page.py): every page of the
navigation in order, ids unique, links turned into links within the page."""

from __future__ import annotations

import collections
import re
from types import SimpleNamespace

import yaml

from conftest import ROOT
from mkdocs_roadmap.hooks.print_page import PageLinks, mark_shown_urls, page_key

SECTION = re.compile(r'<section class="rm-print-(page|section)" id="([^"]*)"')


def nav_pages(nav) -> list[str]:
    out = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out.extend(nav_pages(value) if isinstance(value, list) else [value])
    return out


def front_matter(page: str) -> dict:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8") if page.endswith(".md") else ""
    return yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}


def url_of(page: str) -> str:
    url = re.sub(r"(index)?\.(md|ipynb)$", "", page)
    return url if url.endswith("/") or not url else url + "/"


def test_every_nav_page_in_order_and_only_those(site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    expected = [page_key(url_of(p)) for p in nav_pages(config["nav"]) if front_matter(p).get("print", True) is True]
    html = site.html("print_page/")
    printed = [key for kind, key in SECTION.findall(html) if kind == "page"]
    assert printed == expected
    assert {"changelog", "planner", "print_page"}.isdisjoint(printed)
    # Sections are named by their place in the nav, counted from 1 (Phases, Projects).
    sections = [f"section-{n}" for n, entry in enumerate(config["nav"], start=1) if isinstance(next(iter(entry.values())), list)]
    assert len(sections) == 2
    assert [key for kind, key in SECTION.findall(html) if kind == "section"] == sections


def test_ids_are_unique_and_every_in_page_link_lands(site):
    article = site.html("print_page/")
    ids = collections.Counter(re.findall(r'\sid="([^"]*)"', article))
    assert ids and not [i for i, n in ids.items() if n > 1]
    targets = set(re.findall(r'\shref="#([^"]+)"', article))
    assert len(targets) > 150
    assert not targets - set(ids)
    # The contents list comes first and names every chapter.
    start = article.index('class="rm-print-contents"')
    contents = article[start:article.index("</nav>", start)]
    for phase in ("phases-foundations", "phases-advanced-ai"):
        assert f'href="#{phase}"' in contents


def test_links_between_pages_become_links_within_the_page(site):
    chapter = site.html("phases/foundations/")
    to_project = re.search(r'href="\.\./\.\./projects/(01-[^/"]+)/"', chapter)
    assert to_project, "the chapter links to its notebook page"
    printed = site.html("print_page/")
    section = printed[printed.index('id="phases-foundations"'):printed.index('id="phases-classical-ml"')]
    assert f'href="#projects-{to_project.group(1)}"' in section
    # The notebook download (not a page) points at the file from /print_page/.
    download = re.search(r'href="(\.\./projects/01-[^"]+\.ipynb)"', printed)
    assert download and (site.root / "print_page" / download.group(1)).resolve().is_file()


def fake_page(url: str):
    return SimpleNamespace(url=url)


def test_page_links_rewrites_each_kind_of_url():
    keys = {"": "index", "phases/nlp/": "phases-nlp", "courses/": "courses"}
    links = PageLinks(fake_page("phases/nlp/"), keys, "print_page/")
    assert links.url("#topic", True) == "#phases-nlp-topic"
    assert links.url("#", True) == "#phases-nlp"
    assert links.url("../../courses/#books", True) == "#courses-books"
    assert links.url("../../", True) == "#index"
    assert links.url("../../assets/images/x.png", False) == "../assets/images/x.png"
    assert links.url("../../curriculum.json", True) == "../curriculum.json"
    assert links.url("../../changelog/", True) == "../changelog/"
    assert links.url("../../courses/?level=beginner", True) == "../courses/?level=beginner"
    assert links.url("https://example.org/a#b", True) == "https://example.org/a#b"
    assert links.url("data:image/png;base64,AAAA", False) == "data:image/png;base64,AAAA"
    html = ('<label for="t1">x</label><input id="t1" aria-describedby="h1 h2">'
            "<a href='../../courses/'>c</a><p>id=\"not-a-tag\"</p><div data-id=\"kept\">")
    assert links.rewrite(html) == ('<label for="phases-nlp-t1">x</label><input id="phases-nlp-t1" '
                                   'aria-describedby="phases-nlp-h1 phases-nlp-h2"><a href="#courses">c</a>'
                                   '<p>id="not-a-tag"</p><div data-id="kept">')


def test_page_links_without_directory_urls():
    """The offline edition's pages are `x.html` and `x/index.html`."""
    keys = {"index.html": "index", "phases/nlp.html": "phases-nlp", "courses/index.html": "courses"}
    links = PageLinks(fake_page("phases/nlp.html"), keys, "print_page.html")
    assert links.url("../courses/index.html#books", True) == "#courses-books"
    assert links.url("../index.html", True) == "#index"
    assert links.url("nlp.html#rag", True) == "#phases-nlp-rag"
    assert links.url("../planner.html", True) == "planner.html"


def test_keys_follow_the_page_urls():
    assert page_key("") == "index"
    assert page_key("phases/foundations/") == "phases-foundations"
    assert page_key("projects/01-x/") == "projects-01-x"
    assert page_key("projects/01-x.html") == "projects-01-x"
    assert page_key("courses/index.html") == "courses"


def test_links_whose_text_is_their_address_are_marked():
    """print.css prints an external link's address after it, except after these."""
    html = ('<a href="https://example.org/">example.org</a> <a class="x" href="https://www.example.org/a?b=1&amp;c=2">'
            'https://example.org/a?b=1&amp;c=2</a> <a href="https://example.org/docs">the docs</a> '
            '<a href="../faq/">../faq/</a> <a href="https://example.org/"><code>https://example.org</code></a>')
    assert mark_shown_urls(html) == (
        '<a class="rm-url-shown" href="https://example.org/">example.org</a> '
        '<a class="rm-url-shown x" href="https://www.example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a> '
        '<a href="https://example.org/docs">the docs</a> <a href="../faq/">../faq/</a> '
        '<a class="rm-url-shown" href="https://example.org/"><code>https://example.org</code></a>'
    )


def test_print_page_carries_the_print_and_notebook_styles(site):
    html = site.html("print_page/")
    assert 'href="../stylesheets/print.css"' in html
    assert 'href="../stylesheets/notebooks.css"' in html
    # mkdocs-jupyter's hidden plain-text copy of every code cell (and its copy
    # button) is dropped by the sanitiser, so no cell's code is printed twice.
    assert "jp-CodeCell" in html and "clipboard-copy-txt" not in html and "zeroclipboard" not in html
    assert not re.search(r"<details(?![^>]*\sopen)[\s>]", html), "a folded <details> would print folded"
