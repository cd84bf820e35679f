"""Contributors' strings are shown, never run: HTML, Markdown links with
`javascript:` targets and Jinja expressions placed in every free-text field of
the data file come out of the build as literal text."""

from __future__ import annotations

import datetime as dt
import html as htmlmod
import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import BookCopy

# Short enough for a title (120 characters), nasty enough for a body.
PAYLOAD = '</title><script>alert(1)</script>{{ config.site_name }}[x](javascript:alert(2))<img src=x onerror=alert(3)>'
MARKER = "PWN"


SHORT = "</title><b>x</b>{{ config }}"


def payload(n: int, short: bool = False) -> str:
    return f"{MARKER}{n} {SHORT if short else PAYLOAD}"


def inject(cur: dict) -> list[str]:
    """Put a numbered payload into every free-text field; return them."""
    used: list[str] = []

    def put(obj: dict, key: str) -> None:
        used.append(payload(len(used), short=key == "duration"))
        # A duration must still say how long (the schedule adds it up): the payload follows the hours.
        obj[key] = f"2 h {used[-1]}" if key == "duration" else used[-1]

    def put_list(obj: dict, key: str) -> None:
        used.append(payload(len(used)))
        obj[key][0] = used[-1]

    book = cur["book"]
    for key in ("title", "tagline", "description", "prerequisites"):
        put(book, key)
    put_list(book, "audience")
    put_list(book, "not_for")
    for track in cur["tracks"]:
        for key in ("title", "summary", "audience"):
            put(track, key)
        for stage in track["stages"]:
            put(stage, "title")
            put(stage, "summary")
    for phase in cur["phases"][:2]:
        for key in ("title", "summary", "why_here"):
            put(phase, key)
        topic = phase["topics"][0]
        for key in ("title", "summary"):
            put(topic, key)
        put_list(topic, "subtopics")
        res = topic["resources"][0]
        for key in ("title", "provider", "why", "duration"):
            put(res, key)
        project = phase["project"]
        for key in ("title", "brief"):
            put(project, key)
        put_list(project, "deliverables")
        put_list(project, "rubric")
        put(phase["readiness"][0], "text")
        put(phase["pitfalls"][0], "problem")
        put(phase["pitfalls"][0], "remedy")
    course = cur["courses"][0]
    for key in ("title", "provider", "gap", "why", "when", "duration", "prerequisites", "other_stack"):
        put(course, key)
    put_list(course, "tools")
    course["rating"] = {"score": 4.5, "scale": 5, "source": "", "read": dt.date(2026, 11, 20)}
    put(course["rating"], "source")
    for key in ("question", "answer"):
        put(cur["faqs"][0], key)
    for key in ("name", "purpose"):
        put(cur["tools"][0], key)
    guide = cur["guides"][0]
    put(guide, "title")
    put(guide, "intro")
    put_list(guide, "points")
    return used


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.in_script = self.json_script = False
        self.script_text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name.startswith("on") and value and "alert" in value:
                self.bad.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.bad.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.bad.append("<img src=x>")
        self.in_script = tag == "script"
        self.json_script = self.in_script and "json" in (dict(attrs).get("type") or "")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            return
        if self.json_script:
            if "<" in data:  # data islands must escape "<" so nothing can close the element
                self.script_text += data
        elif "alert(" in data:
            self.script_text += data


# Markdown that means something at the start or end of a line: in the data it is text.
MARKDOWN_SYNTAX = ("!!! danger \"{n}\" not an admonition", "??? note {n} not a fold", "{n} ends with a hash #",
                   "# {n} not a heading", "> {n} not a quote", "- {n} not a list", "{n} &amp; not an entity")


def inject_markdown_syntax(cur: dict) -> list[str]:
    phase = cur["phases"][2]
    topic = phase["topics"][0]
    places = [(phase, "summary"), (phase, "why_here"), (topic, "summary"), (topic["resources"][0], "why"),
              (phase["project"], "brief"), (phase["readiness"][0], "text"), (phase["pitfalls"][0], "remedy")]
    used = []
    for n, ((obj, key), text) in enumerate(zip(places, MARKDOWN_SYNTAX)):
        obj[key] = text.format(n=f"{MARKER}MD{n}")
        used.append(obj[key])
    return used


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory):
    from conftest import ROOT, SOURCES
    import shutil

    root = tmp_path_factory.mktemp("poisoned") / "book"
    root.mkdir()
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    book = BookCopy(root)
    cur = yaml.safe_load(book.read())
    used = inject(cur) + inject_markdown_syntax(cur)
    book.write(yaml.safe_dump(cur, sort_keys=False, allow_unicode=True, width=1000))
    result = book.build()
    assert result.returncode == 0, result.stderr
    return root / "site", used


def test_payloads_render_as_literal_text(poisoned) -> None:
    site, used = poisoned
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    visible = {p: htmlmod.unescape(re.sub(r"<[^>]+>", "", h)) for p, h in pages.items()}
    everything = "\n".join(visible.values())
    for text in used:
        number = text.split()[0]
        assert text in everything, f"{number} is not shown literally anywhere"


def test_no_payload_becomes_markup(poisoned) -> None:
    site, _ = poisoned
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parser = Elements()
        parser.feed(html)
        assert not parser.bad, f"{page.relative_to(site)}: {parser.bad}"
        assert not parser.script_text, f"{page.relative_to(site)} runs a payload script"
        assert "<script>alert(1)" not in html


def test_payloads_are_inert_in_the_search_index(poisoned) -> None:
    site, _ = poisoned
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index
    assert "<img src=x" not in index
    assert "&lt;script&gt;alert(1)" in index, "the payload should be indexed as escaped text"


def test_markdown_syntax_in_data_stays_text(poisoned) -> None:
    site, used = poisoned
    chapter = next(p for p in (site / "phases").glob("*/index.html") if f"{MARKER}MD0" in p.read_text(encoding="utf-8"))
    html = chapter.read_text(encoding="utf-8")
    # Had Markdown read them, the marks ("!!! danger", "- ", "# ", "> ", "&amp;") would be gone from the text.
    visible = htmlmod.unescape(re.sub(r"<[^>]+>", "", html))
    for text in (t for t in used if f"{MARKER}MD" in t):
        assert text in visible, f"{text!r} is not shown as written"
    assert 'class="admonition' not in html


def test_the_feed_is_xml_and_carries_the_payloads_as_text(poisoned) -> None:
    import xml.etree.ElementTree as ET

    site, used = poisoned
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "changelog.xml").read_bytes())  # well-formed, whatever the titles say
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert any(t and MARKER in t and "<script>" in t for t in titles), "the hostile title is not in the feed as text"
    assert not [e for e in feed.iter() if not e.tag.startswith(atom)], "the payload made elements of its own"


def test_curriculum_json_keeps_its_schema_with_hostile_data(poisoned) -> None:
    import jsonschema

    site, used = poisoned
    data = json.loads((site / "curriculum.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "curriculum.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    flat = json.dumps(data, ensure_ascii=False)
    assert all(json.dumps(text, ensure_ascii=False)[1:-1] in flat for text in used[:5])


def test_faq_structured_data_is_json_with_the_payload_as_text(poisoned) -> None:
    site, used = poisoned
    page = (site / "faq" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1 and "<" not in blocks[0]
    data = json.loads(blocks[0])
    questions = [q["name"] for q in data["mainEntity"]]
    assert any(MARKER in q and "</title><script>" in q for q in questions), questions[:2]


FRONT_MATTER = {"title": '</title><script>alert(7)</script>', "description": '"><script>alert(8)</script>',
                "structured_data": '{"a": 1}</script><script>alert(9)</script>'}


def test_front_matter_payloads_are_escaped_in_the_built_page(book_copy: BookCopy) -> None:
    page = book_copy.root / "docs" / "study.md"
    text = page.read_text(encoding="utf-8")
    head = "".join(f"{key}: {json.dumps(value)}\n" for key, value in FRONT_MATTER.items())  # JSON strings are YAML
    page.write_text(text.replace("---\n", "---\n" + head, 1).replace("\ndescription: How to study", "\nx-old: How to study", 1),
                    encoding="utf-8")
    result = book_copy.build()
    assert result.returncode == 0, result.stderr
    html = (book_copy.root / "site" / "study" / "index.html").read_text(encoding="utf-8")
    assert "alert(7)" in html and "alert(8)" in html, "the front matter was not used at all"
    parser = Elements()
    parser.feed(html)
    assert not parser.bad and not parser.script_text, parser.bad or parser.script_text
    assert "<script>alert(" not in html
    assert 'content="&#34;&gt;&lt;script&gt;alert(8)&lt;/script&gt;"' in html.replace("&quot;", "&#34;")
    assert "alert(9)" not in html, "a structured_data string from front matter must be dropped"
