"""One source of truth: the schema comes from the models, the stub pages and
the nav from the data, and a title edited in the data reaches every place a
reader sees it."""

from __future__ import annotations

import json
from html import unescape as html_unescape
import re
import subprocess
import sys

import yaml

from conftest import DATA, ENV, ROOT, BookCopy


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)


def test_committed_schema_matches_the_models() -> None:
    result = run("write_schema.py", "--check")
    assert result.returncode == 0, result.stderr


def test_schema_check_fails_when_it_drifts(book_copy: BookCopy) -> None:
    schema = book_copy.root / "curriculum.schema.json"
    data = json.loads(schema.read_text())
    data["$defs"]["Topic"]["properties"].pop("hours")
    schema.write_text(json.dumps(data))
    result = subprocess.run([sys.executable, "scripts/write_schema.py", "--check"], cwd=book_copy.root, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "out of date" in result.stderr


def test_data_file_points_editors_at_the_schema() -> None:
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./curriculum.schema.json"


def test_schema_accepts_the_data() -> None:
    import jsonschema

    schema = json.loads((ROOT / "curriculum.schema.json").read_text())
    data = json.loads(json.dumps(yaml.safe_load(DATA.read_text()), default=str))
    jsonschema.validate(data, schema)


def test_stub_pages_and_nav_follow_the_data() -> None:
    result = run("sync_pages.py", "--check")
    assert result.returncode == 0, result.stderr


def test_stub_check_fails_on_a_hand_edited_stub(book_copy: BookCopy) -> None:
    stub = book_copy.root / "docs" / "phases" / "nlp.md"
    stub.write_text(stub.read_text() + "\nA paragraph typed by hand.\n")
    result = subprocess.run([sys.executable, "scripts/sync_pages.py", "--check"], cwd=book_copy.root, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/phases/nlp.md: missing or edited by hand" in result.stderr


def test_editing_a_topic_title_changes_chapter_toc_and_search(book_copy: BookCopy) -> None:
    cur = yaml.safe_load(book_copy.read())
    phase = cur["phases"][1]
    topic = phase["topics"][2]
    old, new = topic["title"], "Zebra-striped regression for curious learners"
    before = {p: p.read_bytes() for p in book_copy.root.rglob("*") if p.is_file() and p.name != "curriculum.yml"}
    book_copy.replace(f"title: {old}\n", f"title: {new}\n")
    result = book_copy.build()
    assert result.returncode == 0, result.stderr
    after = {p: p.read_bytes() for p in before}
    assert before == after, "the edit needed more than the data file"

    html = (book_copy.root / "site" / "phases" / phase["id"] / "index.html").read_text()
    heading = re.search(rf'<h3[^>]* id="{topic["id"]}"[^>]*>(.*?)<a', html, re.S).group(1)
    assert html_unescape(heading).strip() == new
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    assert re.search(rf'href="#{topic["id"]}"[^>]*>\s*<span class="md-ellipsis">\s*{re.escape(new)}', toc)
    assert f">{old}<" not in html.replace("\n", "")

    index = json.loads((book_copy.root / "site" / "search" / "search_index.json").read_text())
    section = next(d for d in index["docs"] if d["location"] == f"phases/{phase['id']}/#{topic['id']}")
    assert section["title"] == new
