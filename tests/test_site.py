"""The built book, read as a reader would: every phase, topic and course from
the data file is on its page, in the order the data gives."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml

from conftest import DATA, ROOT, Site

CUR = yaml.safe_load(DATA.read_text(encoding="utf-8"))


class Collect(HTMLParser):
    """Ids, links and the text of chosen elements of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    return c


def text_of(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_every_phase_has_its_chapter(site: Site) -> None:
    for phase in CUR["phases"]:
        html = site.html(f"phases/{phase['id']}/")
        h1 = re.search(r"<h1[^>]*>(.*?)<", html, re.S).group(1)
        assert text_of(h1).strip() == phase["title"]
        assert phase["project"]["title"] in text_of(html)


def test_every_topic_id_is_an_anchor_on_its_chapter(site: Site) -> None:
    for phase in CUR["phases"]:
        ids = parse(site.html(f"phases/{phase['id']}/")).ids
        for topic in phase["topics"]:
            assert topic["id"] in ids, f"#{topic['id']} missing on phases/{phase['id']}/"


def test_every_resource_is_linked_from_its_topic(site: Site) -> None:
    for phase in CUR["phases"]:
        html = site.html(f"phases/{phase['id']}/")
        for topic in phase["topics"]:
            section = html[html.index(f'id="{topic["id"]}"'):]
            section = section[: section.find("</section>")]
            for resource in topic["resources"]:
                assert f'href="{resource["url"]}"' in section.replace("&amp;", "&"), resource["id"]


def test_every_course_is_on_the_courses_page(site: Site) -> None:
    html = site.html("courses/")
    text = text_of(html)
    for course in CUR["courses"]:
        assert course["title"] in text
        assert f'id="{course["id"]}"' in html


def test_every_faq_entry_is_on_the_faq_page(site: Site) -> None:
    ids = parse(site.html("faq/")).ids
    for faq in CUR["faqs"]:
        assert faq["id"] in ids


def test_nav_lists_phases_in_data_order(site: Site) -> None:
    html = site.html("")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    hrefs = re.findall(r'href="(?:\./)?phases/([a-z0-9-]+)/"', nav)
    order = list(dict.fromkeys(hrefs))
    assert order == [p["id"] for p in CUR["phases"]]


def test_home_page_is_a_front_door(site: Site) -> None:
    html = site.html("")
    text = text_of(html)
    assert CUR["book"]["title"] in text
    for track in CUR["tracks"]:
        assert track["title"] in text
    cards = re.findall(r'data-phase="([a-z0-9-]+)"[^>]*class="rm-phase-card"|class="rm-phase-card"[^>]*data-phase="([a-z0-9-]+)"', html)
    assert [a or b for a, b in cards] == [p["id"] for p in CUR["phases"]]


def test_tracks_page_has_every_week_of_both_tracks(site: Site) -> None:
    html = site.html("tracks/")
    for track in CUR["tracks"]:
        table = html[html.index(f'id="{track["id"]}-weeks"'):]
        table = table[: table.index("</table>")]
        weeks = [int(w) for w in re.findall(r"<tr>\s*<td[^>]*>(\d+)</td>", table)]
        assert weeks == list(range(1, track["weeks"] + 1))


def test_a_404_page_exists(site: Site) -> None:
    assert "404" in site.html("404.html")


def test_nothing_is_loaded_from_another_host(site: Site) -> None:
    for page in site.root.rglob("*.html"):
        for tag, attrs in parse(page.read_text(encoding="utf-8")).tags:
            loads = tag == "link" and {"stylesheet", "preload", "modulepreload", "icon", "manifest"} & set((attrs.get("rel") or "").split())
            src = attrs.get("src") or (attrs.get("href") if loads else None)
            if src and tag in ("script", "link", "img", "iframe"):
                assert not re.match(r"(https?:)?//", src), f"{page.relative_to(site.root)} loads {src}"


def test_generated_pages_edit_the_data_file(site: Site) -> None:
    html = site.html("phases/foundations/")
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/curriculum\.yml"', html)


def test_stub_pages_hold_one_macro_call() -> None:
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "render_macros: true" in text:
            body = text.split("---", 2)[2].strip()
            assert re.fullmatch(r"\{\{ [a-z_]+\([^)]*\) \}\}", body), page


def test_no_script_holds_up_the_first_paint(site):
    """Material's bundle and the book's scripts are all deferred, the bundle
    first (the book's scripts subscribe to its `document$`)."""
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"([^>]*)>", path.read_text(encoding="utf-8"))
        assert scripts and all(re.search(r"\bdefer\b", rest) for _, rest in scripts), f"{path}: {scripts}"
        sources = [src for src, _ in scripts]
        assert "assets/javascripts/bundle." in sources[0], path
        assert any(src.endswith("javascripts/learner.js") for src in sources[1:]), path


class ProseText(HTMLParser):
    """The text of a page a reader reads as prose: not inside links, code, scripts or styles."""

    SKIP = {"a", "code", "pre", "script", "style", "svg", "template", "kbd", "samp"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.SKIP & set(self.open):
            self.parts.append(data)


HYPHENATED_IDS = sorted({p["id"] for p in CUR["phases"]} | {t["id"] for p in CUR["phases"] for t in p["topics"]}
                        | {t["id"] for t in CUR["tracks"]}, key=len, reverse=True)
ID_WORD = re.compile(r"(?<![\w.\-/#])(" + "|".join(re.escape(i) for i in HYPHENATED_IDS if "-" in i) + r")(?![\w\-/]|\.\w)")


def test_no_page_names_a_phase_topic_or_track_by_its_id(site: Site) -> None:
    """Readers meet titles, never ids: no hyphenated id as a whole word in a page's prose
    (text outside links, code and preformatted blocks)."""
    found = []
    for page in sorted(site.root.rglob("*.html")):
        parser = ProseText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(parser.parts)
        for m in ID_WORD.finditer(text):
            found.append(f"{page.relative_to(site.root)}: {m.group()!r} in …{text[max(0, m.start() - 50):m.end() + 30]!r}…")
    assert not found, "\n".join(found[:40])
