"""Contributors' strings are shown, never run: HTML, Markdown links with
`javascript:` targets and Jinja expressions placed in every free-text field of
the data file come out of the build as literal text."""

from __future__ import annotations

import datetime as dt
import html as htmlmod
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
    used = inject(cur)
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
