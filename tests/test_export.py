"""What the book publishes for machines: curriculum.json (validated against the
JSON Schema published beside it), and the changelog page and its Atom feed."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import yaml

from conftest import DATA, ROOT, BookCopy, Site

ATOM = "{http://www.w3.org/2005/Atom}"
LIVE = yaml.safe_load(DATA.read_text(encoding="utf-8"))
RESOURCES = [r for p in LIVE["phases"] for t in p["topics"] for r in t.get("resources", [])]


def published(site: Site, name: str):
    return json.loads((site.root / name).read_text(encoding="utf-8"))


def validator(schema: dict) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_export_validates_against_the_published_schema(site: Site) -> None:
    schema = published(site, "curriculum.schema.json")
    errors = list(validator(schema).iter_errors(published(site, "curriculum.json")))
    assert errors == []


def test_the_published_schema_is_the_one_the_data_file_uses(site: Site) -> None:
    assert (site.root / "curriculum.schema.json").read_bytes() == (ROOT / "curriculum.schema.json").read_bytes()
    schema = published(site, "curriculum.schema.json")
    assert schema["$id"].endswith("/curriculum.schema.json")


def test_the_schema_refuses_a_broken_export(site: Site) -> None:
    """Validation is not vacuous: the schema catches what the checker would."""
    data = published(site, "curriculum.json")
    check = validator(published(site, "curriculum.schema.json"))
    bad_link = copy.deepcopy(data)
    bad_link["phases"][0]["topics"][0]["resources"][0]["url"] = "javascript:alert(1)"
    no_version = copy.deepcopy(data)
    del no_version["version"]
    extra_field = copy.deepcopy(data)
    extra_field["phases"][0]["topics"][0]["rating"] = 5
    for broken in (bad_link, no_version, extra_field):
        assert list(check.iter_errors(broken)), "the schema accepted a broken export"


def test_export_has_a_version_and_every_id(site: Site) -> None:
    data = published(site, "curriculum.json")
    assert data["version"] == LIVE["version"] and isinstance(data["version"], int) and data["version"] >= 1
    assert [p["id"] for p in data["phases"]] == [p["id"] for p in LIVE["phases"]]
    exported_topics = [t["id"] for p in data["phases"] for t in p["topics"]]
    assert exported_topics == [t["id"] for p in LIVE["phases"] for t in p["topics"]]
    exported = {r["id"]: r for p in data["phases"] for t in p["topics"] for r in t["resources"]}
    assert list(exported) == [r["id"] for r in RESOURCES]
    for r in RESOURCES:
        assert exported[r["id"]]["url"] == r["url"]
        assert exported[r["id"]]["added"] == r["added"].isoformat()
    assert [t["id"] for t in data["tracks"]] == [t["id"] for t in LIVE["tracks"]]
    assert [c["id"] for c in data["courses"]] == [c["id"] for c in LIVE["courses"]]


def feed(site: Site) -> ET.Element:
    return ET.fromstring((site.root / "changelog.xml").read_bytes())


def test_feed_lists_every_resource_newest_first(site: Site) -> None:
    root = feed(site)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(RESOURCES)
    dates = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(r["added"] for r in RESOURCES)
    assert root.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    related = {e.find(f"{ATOM}link[@rel='related']").get("href") for e in entries}
    assert related == {r["url"] for r in RESOURCES}


def test_changelog_page_links_the_feed_and_the_export(site: Site) -> None:
    html = site.html("changelog/")
    assert 'href="../changelog.xml" type="application/atom+xml"' in html
    assert 'href="../curriculum.json"' in html and 'href="../curriculum.schema.json"' in html
    assert set(re.findall(r'data-resource="([^"]+)"', html)) == {r["id"] for r in RESOURCES}
    days = sorted({r["added"] for r in RESOURCES}, reverse=True)
    assert re.findall(r'<h2 id="added-([0-9-]+)"', html) == [d.isoformat() for d in days]


def set_line(book: BookCopy, entry_id: str, key: str, value: str) -> None:
    """Replace the one-line `key:` of the entry `- id: entry_id` in the copy."""
    text = book.read()
    start = text.index(f"- id: {entry_id}\n")
    match = re.compile(rf"(?m)^( +){key}: .*$").search(text, start)
    book.write(text[: match.start()] + f"{match.group(1)}{key}: {value}" + text[match.end():])


def test_changelog_and_feed_order_and_escape_new_entries(book_copy: BookCopy) -> None:
    """A resource added earlier goes under its own, older day; a title full of
    markup characters reaches the feed as text, never as XML."""
    older, tricky = RESOURCES[0], RESOURCES[1]
    title = 'Tips & <b>tricks</b> "quoted" ]]> it\'s'
    set_line(book_copy, older["id"], "added", "2026-01-05")
    set_line(book_copy, tricky["id"], "title", "'" + title.replace("'", "''") + "'")
    result = book_copy.build()
    assert result.returncode == 0, result.stderr
    site = Site(book_copy.root / "site")

    entries = feed(site).findall(f"{ATOM}entry")
    assert entries[-1].findtext(f"{ATOM}title") == older["title"]
    assert entries[-1].findtext(f"{ATOM}updated") == "2026-01-05T00:00:00Z"
    tricky_entry = next(e for e in entries if e.find(f"{ATOM}link[@rel='related']").get("href") == tricky["url"])
    assert tricky_entry.findtext(f"{ATOM}title") == title
    assert list(tricky_entry.find(f"{ATOM}title")) == []  # no <b> element smuggled in

    html = site.html("changelog/")
    headings = re.findall(r'<h2 id="added-([0-9-]+)"', html)
    assert headings[-1] == "2026-01-05" and headings == sorted(headings, reverse=True)
    last_section = html[html.index('<h2 id="added-2026-01-05"'):]
    assert f'data-resource="{older["id"]}"' in last_section
    assert "<b>tricks</b>" not in html

    exported = json.loads((site.root / "curriculum.json").read_text(encoding="utf-8"))
    titles = {r["id"]: r["title"] for p in exported["phases"] for t in p["topics"] for r in t["resources"]}
    assert titles[tricky["id"]] == title


def test_nothing_in_the_feed_points_off_https(site: Site) -> None:
    for link in feed(site).iter(f"{ATOM}link"):
        assert link.get("href").startswith("https://"), link.get("href")
