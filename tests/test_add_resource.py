"""scripts/add_resource.py, run as a contributor runs it, on a copy of the book.

It must add the entry in place (in the topic's list, free first), leave every
other byte of the file as it was, show the change, and refuse duplicates (also
after URL normalisation) and bad input with a clear message, a non-zero exit
and the file untouched.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
import sys

import pytest
import yaml

from conftest import DATA, ENV, BookCopy

from roadmap.contrib.add_resource import default_id, insert_position
from roadmap.checks import MAX_RESOURCES_PER_TOPIC

LIVE = yaml.safe_load(DATA.read_text(encoding="utf-8"))
TOPICS = [t for p in LIVE["phases"] for t in p["topics"]]
# A topic with room for one more resource, and an existing link to duplicate.
ROOMY = next(t for t in TOPICS if 0 < len(t["resources"]) < MAX_RESOURCES_PER_TOPIC)
FULL = next((t for t in TOPICS if len(t["resources"]) == MAX_RESOURCES_PER_TOPIC), None)
EXISTING = ROOMY["resources"][0]

NEW = {
    "topic": ROOMY["id"],
    "url": "https://example.org/guides/a-new-free-guide",
    "title": "A new free guide to the topic",
    "type": "tutorial",
    "level": "beginner",
    "cost": "free",
    "provider": "Example Org",
    "why": "It works through one complete example slowly, which the other resources skip.",
    "duration": "2 h",
    "added": "2026-11-20",
}


@pytest.fixture(scope="module", autouse=True)
def live_file_untouched():
    """Every test works on a copy; the checkout's data file must not change."""
    before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    yield
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == before, "a test changed the live curriculum.yml"


def run(book: BookCopy, *extra: str, **fields: str | None) -> subprocess.CompletedProcess:
    args = {**NEW, **fields}
    argv = [sys.executable, "scripts/add_resource.py", *extra]
    for key, value in args.items():
        if value is not None:
            argv += [f"--{key}", value]
    return subprocess.run(argv, cwd=book.root, env=ENV, capture_output=True, text=True, timeout=120)


def inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails unless that is the only change."""
    ops = [op for op in difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                                autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1 and ops[0][0] == "insert", f"more than one insertion: {ops}"
    _, _, _, j1, j2 = ops[0]
    return after.splitlines(True)[j1:j2]


def item_indent(text: str, resource_id: str) -> str:
    return re.search(rf"(?m)^( *)- id: {re.escape(resource_id)}$", text).group(1)


def test_adds_the_entry_in_place_and_keeps_every_other_byte(book_copy: BookCopy) -> None:
    before = book_copy.read()
    result = run(book_copy)
    assert result.returncode == 0, result.stderr
    after = book_copy.read()
    new_id = default_id(ROOMY["id"], NEW["title"])
    dash = item_indent(before, EXISTING["id"])
    pad = dash + "  "
    assert inserted(before, after) == [
        f"{dash}- id: {new_id}\n",
        f"{pad}title: {NEW['title']}\n",
        f"{pad}url: {NEW['url']}\n",
        f"{pad}type: tutorial\n",
        f"{pad}level: beginner\n",
        f"{pad}cost: free\n",
        f"{pad}provider: {NEW['provider']}\n",
        f"{pad}duration: 2 h\n",
        f"{pad}why: {NEW['why']}\n",
        f"{pad}added: 2026-11-20\n",
    ]
    # The inserted block sits inside the right topic, and the rest is unchanged byte for byte.
    data = yaml.safe_load(after)
    topic = next(t for p in data["phases"] for t in p["topics"] if t["id"] == ROOMY["id"])
    entry = next(r for r in topic["resources"] if r["id"] == new_id)
    assert entry["url"] == NEW["url"] and str(entry["added"]) == "2026-11-20"
    assert [r["id"] for r in topic["resources"] if r["id"] != new_id] == [r["id"] for r in ROOMY["resources"]]
    assert after.encode().replace("".join(inserted(before, after)).encode(), b"", 1) == before.encode()
    # It shows what changed, and the copy still passes the checker.
    assert f"+{dash}- id: {new_id}\n" in result.stdout
    assert result.stdout.startswith("--- a/curriculum.yml\n+++ b/curriculum.yml\n")
    assert f"added '{new_id}' to topic '{ROOMY['id']}'" in result.stdout
    check = book_copy.check()
    assert check.returncode == 0, check.stderr


def test_free_resources_go_before_paid_ones() -> None:
    assert insert_position(["free", "free", "paid"], "free") == 2
    assert insert_position(["free", "freemium", "paid"], "freemium") == 2
    assert insert_position(["paid"], "free") == 0
    assert insert_position(["free", "paid"], "paid") == 2
    assert insert_position([], "paid") == 0


def test_keeps_comments_quotes_and_odd_formatting_elsewhere(book_copy: BookCopy) -> None:
    """A contributor's file may hold comments, quoted and flow-style values; all survive."""
    text = book_copy.read()
    first_resource = f"- id: {EXISTING['id']}\n"
    dash = item_indent(text, EXISTING["id"])
    text = text.replace(dash + first_resource, f"{dash}# Keep the official docs first.\n{dash}{first_resource}", 1)
    text = text.replace(f"{dash}  cost: {EXISTING['cost']}\n",
                        f"{dash}  cost: \"{EXISTING['cost']}\"   # quoted on purpose\n", 1)
    text = text.replace("\nversion: ", "\n# A comment before the version.\nversion: ", 1)
    book_copy.write(text)
    assert book_copy.check().returncode == 0
    result = run(book_copy)
    assert result.returncode == 0, result.stderr
    after = book_copy.read()
    added = "".join(inserted(text, after))
    assert after.replace(added, "", 1) == text


def test_dry_run_prints_the_change_and_writes_nothing(book_copy: BookCopy) -> None:
    before = book_copy.data.read_bytes()
    result = run(book_copy, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"+{item_indent(before.decode(), EXISTING['id'])}  url: {NEW['url']}\n" in result.stdout
    assert book_copy.data.read_bytes() == before


def variants(url: str) -> dict[str, str]:
    scheme, rest = url.split("://", 1)
    host, _, path = rest.partition("/")
    bare = host.removeprefix("www.")
    return {
        "same": url,
        "www": f"https://www.{bare}/{path}" if not host.startswith("www.") else f"https://{bare}/{path}",
        "trailing-slash": url.rstrip("/") if url.endswith("/") else url + "/",
        "utm": url + ("&" if "?" in url else "?") + "utm_source=newsletter&utm_campaign=spring",
        "http": "http://" + rest,
        "fragment-and-case": f"https://{host.upper()}/{path}#top",
    }


@pytest.mark.parametrize("variant", list(variants(EXISTING["url"])))
def test_refuses_a_link_already_in_the_book(book_copy: BookCopy, variant: str) -> None:
    url = variants(EXISTING["url"])[variant]
    before = book_copy.data.read_bytes()
    result = run(book_copy, url=url)
    assert result.returncode == 1
    same = "the same link" if url == EXISTING["url"] else f"the same page as {EXISTING['url']}"
    line = book_copy.read().splitlines().index(f"{item_indent(book_copy.read(), EXISTING['id'])}  url: {EXISTING['url']}") + 1
    assert result.stderr == (
        "add_resource.py: not added: the resource is already in the book:\n"
        f"  url: {url} is {same}, already in the book at curriculum.yml:{line} (resource '{EXISTING['id']}' of topic "
        f"'{ROOMY['id']}') — each link appears once; improve that entry's `why:` instead\n")
    assert result.stdout == ""
    assert book_copy.data.read_bytes() == before


BAD = {
    "javascript-link": ({"url": "javascript:alert(1)"},
                        "url: String should match pattern '^https://[^\\s<>\\\"']+$' — use a full https:// link "
                        "(http:, javascript: and relative links are refused)"),
    "http-link": ({"url": "http://example.org/new"}, "url: String should match pattern"),
    "empty-why": ({"why": " "}, "why: String should have at least 3 characters — fill it in; empty entries are not shown"),
    "over-long-title": ({"title": "t" * 121}, "title: String should have at most 120 characters"),
    "bad-id": ({"id": "New_Guide"}, "id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' — ids are lowercase"),
    "lookalike-id": ({"id": "n\u0435w-guide"}, "CYRILLIC SMALL LETTER IE"),
    "duplicate-id": ({"id": EXISTING["id"]}, f"id: '{EXISTING['id']}' is already used at curriculum.yml:"),
    "unknown-topic": ({"topic": ROOMY["id"] + "x"}, f"topic: unknown topic '{ROOMY['id']}x' — did you mean '{ROOMY['id']}'?"),
    "tracking-link": ({"url": "https://example.org/new-guide?utm_source=twitter"},
                      "link carries tracking parameter(s) utm_source — link to the page itself: https://example.org/new-guide"),
    "future-date": ({"added": "2099-05-01"}, "date 2099-05-01 is in the future"),
    "long-duration": ({"duration": "d" * 41}, "duration: String should have at most 40 characters"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_refuses_bad_input(book_copy: BookCopy, case: str) -> None:
    fields, message = BAD[case]
    before = book_copy.data.read_bytes()
    result = run(book_copy, **fields)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("add_resource.py: not added: ")
    assert message in result.stderr
    assert result.stdout == ""
    assert book_copy.data.read_bytes() == before


@pytest.mark.skipif(FULL is None, reason="no topic has the maximum number of resources")
def test_refuses_one_resource_too_many(book_copy: BookCopy) -> None:
    before = book_copy.data.read_bytes()
    result = run(book_copy, topic=FULL["id"])
    assert result.returncode == 1
    assert (f"{MAX_RESOURCES_PER_TOPIC + 1} resources on topic '{FULL['id']}'; at most {MAX_RESOURCES_PER_TOPIC} — "
            "replace the weakest resource rather than adding another") in result.stderr
    assert book_copy.data.read_bytes() == before


@pytest.mark.parametrize("argv, message", [
    (["--type", "blog"], "argument --type: invalid choice: 'blog'"),
    (["--added", "23/11/2026"], "argument --added: '23/11/2026' is not a date; write YYYY-MM-DD"),
    (["--cost", "cheap"], "argument --cost: invalid choice: 'cheap'"),
])
def test_refuses_bad_arguments(book_copy: BookCopy, argv: list[str], message: str) -> None:
    before = book_copy.data.read_bytes()
    result = run(book_copy, *argv, **{argv[0][2:]: None})
    assert result.returncode == 2
    assert message in result.stderr
    assert book_copy.data.read_bytes() == before


def test_missing_required_argument(book_copy: BookCopy) -> None:
    result = run(book_copy, why=None)
    assert result.returncode == 2
    assert "the following arguments are required: --why" in result.stderr
