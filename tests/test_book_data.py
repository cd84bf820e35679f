"""docs/javascripts/book-data.js (window.rmBook, read by the progress store)
is generated from the data and never drifts from it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ENV, ROOT, BookCopy
from roadmap.checks import load_checked

BOOK_DATA = ROOT / "docs" / "javascripts" / "book-data.js"


def _rm_book(text: str) -> dict:
    body = text.split("window.rmBook = ", 1)[1].rstrip().removesuffix(";")
    return json.loads(body)


def test_committed_book_data_matches_the_data() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "write_book_data.py"), "--check"],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = BOOK_DATA.read_text(encoding="utf-8")
    assert text.isascii()
    cur = load_checked(ROOT / "curriculum.yml")
    data = _rm_book(text)
    assert data["ids"]["topics"] == [t.id for _, t in cur.topics()]
    assert data["ids"]["signals"] == [s.id for p in cur.phases for s in p.readiness]
    assert set(data["replaced"]) == {"topics", "signals", "questions"}


def test_book_data_check_fails_when_the_data_changes(book_copy: BookCopy) -> None:
    cur = load_checked(ROOT / "curriculum.yml")
    signal = cur.phases[0].readiness[0].id
    book_copy.replace(f"- id: {signal}\n", f"- id: {signal}-renamed\n        replaces: [{signal}]\n")
    script = [sys.executable, "scripts/write_book_data.py"]
    result = subprocess.run([*script, "--check"], cwd=book_copy.root, env=ENV, capture_output=True, text=True)
    assert result.returncode == 1 and "out of date" in result.stderr
    subprocess.run(script, cwd=book_copy.root, env=ENV, check=True, capture_output=True)
    data = _rm_book((book_copy.root / "docs" / "javascripts" / "book-data.js").read_text(encoding="utf-8"))
    assert f"{signal}-renamed" in data["ids"]["signals"] and signal not in data["ids"]["signals"]
    assert data["replaced"]["signals"] == {signal: f"{signal}-renamed"}
