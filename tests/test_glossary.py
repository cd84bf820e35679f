"""The glossary (`glossary:` in curriculum.yml) in the built book: every term
defined once on the glossary page and linked to the topic that teaches it, used
in the book's pages, and shown as a tooltip (`<abbr title="definition">`)
wherever a page's text uses it. The tooltips come from
docs/includes/abbreviations.md, which scripts/write_glossary.py writes from the
data and `--check`s; a definition stays plain text however hostile it is."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from conftest import ENV, ROOT, BookCopy, Site
from roadmap.checks import load_checked
from roadmap.data.models import GlossaryEntry
from roadmap.pages import glossary

CUR = load_checked(ROOT / "curriculum.yml")
ENTRIES = glossary.entries(CUR)
# The chapters whose topics are checked term by term for their tooltips.
SAMPLE_CHAPTERS = ("phases/deep-learning/", "phases/computer-vision/")


def soup(site: Site, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(page), "html.parser")


def spelled(entry: GlossaryEntry) -> re.Pattern:
    """Any of the ways the text may write the term, as whole words (as the abbr extension matches)."""
    forms = sorted(entry.spellings(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


def book_pages(site: Site) -> dict[str, BeautifulSoup]:
    """The article of every built page except the glossary itself and the print page (which holds it)."""
    out = {}
    for path in site.root.rglob("index.html"):
        page = path.parent.relative_to(site.root).as_posix()
        if page in ("glossary", "print_page"):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is not None:
            out[page] = article
    return out


@pytest.fixture(scope="module")
def pages(site: Site) -> dict[str, BeautifulSoup]:
    return book_pages(site)


# -- the glossary page ------------------------------------------------------

def test_every_term_is_defined_once_in_alphabetical_order(site: Site) -> None:
    page = soup(site, "glossary/")
    terms = page.select("dl.rm-glossary > dt")
    assert [dt.get_text() for dt in terms] == [e.term for e in ENTRIES]
    assert [t.casefold() for t in (dt.get_text() for dt in terms)] == sorted(e.term.casefold() for e in ENTRIES)
    assert [dt["id"] for dt in terms] == [e.anchor for e in ENTRIES]
    ids = [el["id"] for el in page.select("[id]")]
    assert len(ids) == len(set(ids)), "an anchor of the glossary page is used twice"
    for dt, entry in zip(terms, ENTRIES):
        dd = dt.find_next_sibling("dd")
        assert dd.get_text(" ", strip=True).startswith(" ".join(entry.definition.split()))


def test_each_entry_links_to_the_topic_that_teaches_it(site: Site) -> None:
    page = soup(site, "glossary/")
    for dt, entry in zip(page.select("dl.rm-glossary > dt"), ENTRIES):
        link = dt.find_next_sibling("dd").select_one(".rm-glossary__topic a")
        assert link.get_text() == CUR.topic(entry.topic).title
        target, anchor = link["href"].split("#")
        built = (site.root / "glossary" / target / "index.html").resolve()
        assert built.is_file(), f"{entry.term}: {link['href']} is not a page"
        assert BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").find(id=anchor), \
            f"{entry.term}: no #{anchor} on {target}"
        assert anchor == entry.topic


def test_the_glossary_page_puts_no_tooltips_on_its_own_terms(site: Site) -> None:
    """Each term stands next to its definition there: a tooltip repeating it would only be noise."""
    assert not soup(site, "glossary/").select("dl.rm-glossary abbr")


# -- the terms in the book's pages ------------------------------------------

def test_every_term_is_used_in_the_books_pages(pages) -> None:
    text = "\n".join(article.get_text(" ") for article in pages.values())
    unused = [e.term for e in ENTRIES if not spelled(e).search(text)]
    assert not unused, f"glossary terms no page outside the glossary uses: {unused}"


def test_every_term_has_its_tooltip_where_it_appears(pages) -> None:
    titles: dict[str, set[str]] = {}
    for article in pages.values():
        for abbr in article.select("abbr[title]"):
            titles.setdefault(abbr.get_text(), set()).add(abbr["title"])
    for entry in ENTRIES:
        shown = {s for s in entry.spellings() if s in titles}
        assert shown, f"{entry.term}: no <abbr> for it on any page"
        for spelling in shown:
            assert titles[spelling] == {" ".join(entry.definition.split())}, spelling


@pytest.mark.parametrize("chapter", SAMPLE_CHAPTERS)
def test_no_term_in_a_chapters_topics_goes_without_its_tooltip(site: Site, chapter: str) -> None:
    """In the Markdown text of the topics (summaries, subtopics, resources), every use of a
    term is an <abbr>; raw HTML such as the self-check questions is left as written."""
    page = soup(site, chapter)
    blocks = [el for section in page.select("section.rm-topic") for el in section.select("p:not([class]), li")]
    assert blocks
    for el in blocks:
        for inert in el.select("abbr, code"):
            inert.replace_with(" ")
        text = el.get_text(" ")
        for entry in ENTRIES:
            found = spelled(entry).search(text)
            assert not found, f"{chapter}: '{found and found.group()}' without its tooltip in: {text.strip()[:200]}"


def test_abbreviation_lines_never_show_as_text(site: Site) -> None:
    """Every page gets the lines appended and none shows them: the notebooks (not Markdown) are
    left alone, and docs/includes/ is not built as a page."""
    assert not (site.root / "includes").exists(), "docs/includes/ is built as a page"
    line = re.compile(r"\*\[(?:" + "|".join(re.escape(s) for e in ENTRIES for s in e.spellings()) + r")\]:")
    for path in site.root.rglob("*.html"):
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()
        assert not line.search(text), f"{path}: an abbreviation line shows as text"


# -- the generated file -----------------------------------------------------

def test_the_committed_abbreviations_match_the_data() -> None:
    result = subprocess.run([sys.executable, "scripts/write_glossary.py", "--check"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (ROOT / "docs" / glossary.FOLDER / glossary.NAME).read_text(encoding="utf-8")
    blocks = text.rstrip("\n").split("\n\n")  # one Markdown block per spelling (see roadmap/pages/glossary.py)
    assert len(blocks) == sum(len(e.spellings()) for e in ENTRIES)
    assert all(block.startswith("*[") and "\n" not in block for block in blocks)


def test_the_abbreviations_check_fails_when_the_data_changes(book_copy: BookCopy) -> None:
    old = "      Intersection over union: the area where two boxes or masks overlap"
    book_copy.replace(old, "      Intersection over union (changed): the area where two boxes or masks overlap")
    script = [sys.executable, "scripts/write_glossary.py"]
    result = subprocess.run([*script, "--check"], cwd=book_copy.root, env=ENV, capture_output=True, text=True)
    assert result.returncode == 1 and "out of date" in result.stderr
    subprocess.run(script, cwd=book_copy.root, env=ENV, check=True, capture_output=True)
    text = (book_copy.root / "docs" / glossary.FOLDER / glossary.NAME).read_text(encoding="utf-8")
    assert "*[IoU]: Intersection over union (changed): the area" in text
    result = subprocess.run([*script, "--check"], cwd=book_copy.root, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- the checker --------------------------------------------------------------

def _entry_line(book: BookCopy, term: str) -> tuple[int, int]:
    """(index in `glossary:`, line of the entry's `- term:`)."""
    text = book.read()
    start = text.index("\nglossary:\n")
    at = text.index(f"\n  - term: {term}\n", start) + 1
    return text.count("\n  - term: ", start, at), text.count("\n", 0, at) + 1


def test_an_unknown_topic_in_the_glossary_is_reported_with_its_line(book_copy: BookCopy) -> None:
    index, term_line = _entry_line(book_copy, "IoU")
    text = book_copy.read()
    at = text.index("    topic: object-detection\n", text.index("\n  - term: IoU\n"))
    line = text.count("\n", 0, at) + 1
    book_copy.write(text[:at] + "    topic: object-detecton\n" + text[at + len("    topic: object-detection\n"):])
    result = book_copy.check()
    assert result.returncode == 1
    expected = (f"curriculum.yml:{line}: glossary[{index}].topic: unknown topic 'object-detecton' — did you mean "
                "'object-detection' or 'anomaly-detection'? topic ids are the `id:` fields under `phases:`")
    assert expected in result.stderr.splitlines(), result.stderr
    assert line > term_line


def test_a_term_defined_twice_is_reported(book_copy: BookCopy) -> None:
    index, _ = _entry_line(book_copy, "mAP")
    line = book_copy.replace("    aliases: [mean average precision]\n", "    aliases: [mean average precision, IoU]\n")
    result = book_copy.check()
    assert result.returncode == 1
    assert f"curriculum.yml:{line}: glossary[{index}].aliases[1]: duplicate glossary term 'IoU'" in result.stderr, result.stderr


@pytest.mark.parametrize("term", ["x]: y", "<b>bold</b>", "*emphasis*", "`code`", "a\nb", "trailing "])
def test_a_term_cannot_carry_markup(term: str) -> None:
    with pytest.raises(ValidationError):
        GlossaryEntry(term=term, definition="A plain definition.", topic="rag")


# -- a hostile definition -----------------------------------------------------

PAYLOAD = ('PWN <script>alert(1)</script> <img src=x onerror=alert(2)> *[IoU]: hijacked '
           '{{ config.site_name }} --8<-- "mkdocs.yml" &amp; [x](javascript:alert(3)) end')


def test_a_hostile_definition_stays_plain_text(book_copy: BookCopy) -> None:
    text = book_copy.read()
    start = text.index("\n  - term: mAP\n")
    begin = text.index("    definition: >-\n", start)
    end = text.index("\n  - term: ", begin + 1)
    book_copy.write(text[:begin] + f"    definition: '{PAYLOAD}'" + text[end:])
    subprocess.run([sys.executable, "scripts/write_glossary.py"], cwd=book_copy.root, env=ENV, check=True, capture_output=True)
    result = book_copy.build()
    assert result.returncode == 0, result.stderr
    site = Site(book_copy.root / "site")
    chapter = site.html("phases/computer-vision/")
    assert "<script>alert(1)" not in chapter and "<img src=x" not in chapter
    page = BeautifulSoup(chapter, "html.parser")
    titles = {a.get_text(): a["title"] for a in page.select("abbr[title]")}
    assert titles["mAP"] == PAYLOAD, "the definition is shown exactly as typed"
    assert titles["IoU"] != "hijacked" and titles["IoU"].startswith("Intersection over union")
    assert not page.select('a[href^="javascript:"]')
    shown = BeautifulSoup(site.html("glossary/"), "html.parser").find(id="map").find_next_sibling("dd")
    assert shown.get_text().startswith(PAYLOAD), "the glossary page shows it exactly as typed too"
    assert not shown.select("script, img") and len(shown.select("a")) == 1, "only the link to the topic"
