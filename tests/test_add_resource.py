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
OTHER = next(t for t in TOPICS if t is not ROOMY and len(t["resources"]) < MAX_RESOURCES_PER_TOPIC)

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
                        "url: String should match pattern '^https://[^\\s<>\"']+$' — use a full https:// link "
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
    "invisible-characters": ({"why": "It works\u202e through one complete\u200b example slowly."},
                             "contains the invisible or control character(s) U+202E RIGHT-TO-LEFT OVERRIDE, "
                             "U+200B ZERO WIDTH SPACE"),
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


# --- Untrusted files and values (issue 12): the file is written back as it was saved --------------

def inserted_bytes(before: bytes, after: bytes) -> bytes:
    """The one block of whole lines `after` adds to `before` (compared as bytes, line ends included)."""
    ops = [op for op in difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                                autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1 and ops[0][0] == "insert", f"more than one change: {ops}"
    return b"".join(after.splitlines(True)[ops[0][3]:ops[0][4]])


def test_a_crlf_file_stays_crlf_with_only_the_block_added(book_copy: BookCopy) -> None:
    before = book_copy.data.read_bytes().replace(b"\n", b"\r\n")
    book_copy.data.write_bytes(before)
    result = run(book_copy)
    assert result.returncode == 0, result.stderr
    after = book_copy.data.read_bytes()
    block = inserted_bytes(before, after)
    assert after.replace(block, b"", 1) == before
    assert block.count(b"\r\n") == block.count(b"\n") == 10, block
    assert b"\r" not in result.stdout.encode(), "the diff shown is plain text"


def test_a_utf8_file_with_a_byte_order_mark_keeps_it(book_copy: BookCopy) -> None:
    before = b"\xef\xbb\xbf" + book_copy.data.read_bytes()
    book_copy.data.write_bytes(before)
    result = run(book_copy)
    assert result.returncode == 0, result.stderr
    after = book_copy.data.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and not after.startswith(b"\xef\xbb\xbf" * 2)
    assert after.replace(inserted_bytes(before, after), b"", 1) == before


@pytest.mark.parametrize("case, damage, message", [
    ("latin-1", lambda data: data.replace(b"\nversion: ", b"\n# caf\xe9\nversion: ", 1),
     r"add_resource.py: not added: curriculum.yml:\d+: the file is not UTF-8 \(byte 0xe9\) — save it as UTF-8"),
    ("utf-16", lambda data: data.decode().encode("utf-16"),
     r"add_resource.py: not added: curriculum.yml:1: the file is not UTF-8 \(byte 0xff\)"),
    ("mixed-line-endings", lambda data: data.replace(b"\n", b"\r\n", 5),
     r"add_resource.py: not added: curriculum.yml mixes line endings \(5 CRLF and \d+ LF lines\)"),
    ("bare-cr", lambda data: data.replace(b"\nversion: ", b"\r# old Mac\nversion: ", 1),
     r"add_resource.py: not added: curriculum.yml:\d+: a line ends with a bare carriage return"),
])
def test_a_file_it_would_rewrite_is_refused_clearly(book_copy: BookCopy, case: str, damage, message: str) -> None:
    before = damage(book_copy.data.read_bytes())
    book_copy.data.write_bytes(before)
    result = run(book_copy)
    assert result.returncode == 1, result.stdout
    assert re.match(message, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert book_copy.data.read_bytes() == before


@pytest.mark.parametrize("field, value", [
    ("title", "yes"), ("title", "Off"), ("provider", "ON"), ("duration", "1:30"), ("duration", "1:30:00"),
])
def test_values_yaml_would_misread_are_quoted(book_copy: BookCopy, field: str, value: str) -> None:
    """YAML 1.1 (the book's loader) reads plain `yes` as true and `1:30` as 90."""
    result = run(book_copy, id="new-guide", **{field: value})
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(book_copy.read())
    entry = next(r for p in data["phases"] for t in p["topics"] for r in t["resources"] if r["id"] == "new-guide")
    assert entry[field] == value
    assert f"+{item_indent(book_copy.read(), 'new-guide')}  {field}: '{value}'\n" in result.stdout
    assert book_copy.check().returncode == 0


@pytest.mark.parametrize("field, value", [
    ("why", "Read the part on a: b # c before the exercises, it explains the notation."),
    ("title", "!important notes on arrays"), ("title", "&amp; friends"), ("title", "*Starred* guide"),
    ("title", "[Draft] guide"), ("provider", "@example"), ("title", "A guide #1"),
])
def test_values_with_yaml_syntax_stay_text(book_copy: BookCopy, field: str, value: str) -> None:
    """A guard: ruamel.yaml already quotes these; the entry must still read back as written."""
    result = run(book_copy, id="new-guide", **{field: value})
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(book_copy.read())
    entry = next(r for p in data["phases"] for t in p["topics"] for r in t["resources"] if r["id"] == "new-guide")
    assert entry[field] == value
    assert book_copy.check().returncode == 0


def test_a_symlink_out_of_the_repository_is_refused(book_copy: BookCopy, tmp_path) -> None:
    outside = tmp_path / "elsewhere" / "curriculum.yml"
    outside.parent.mkdir()
    book_copy.data.rename(outside)
    book_copy.data.symlink_to(outside)
    before = outside.read_bytes()
    result = run(book_copy)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(f"add_resource.py: not added: curriculum.yml is a symbolic link to {outside}, "
                                    "outside the repository")
    assert book_copy.data.is_symlink() and outside.read_bytes() == before


def test_a_symlink_inside_the_repository_is_written_through(book_copy: BookCopy) -> None:
    real = book_copy.root / "data" / "curriculum.yml"
    real.parent.mkdir()
    book_copy.data.rename(real)
    book_copy.data.symlink_to("data/curriculum.yml")
    before = real.read_text(encoding="utf-8")
    result = run(book_copy)
    assert result.returncode == 0, result.stderr
    assert book_copy.data.is_symlink() and str(book_copy.data.readlink()) == "data/curriculum.yml"
    assert inserted(before, real.read_text(encoding="utf-8"))


def start(book: BookCopy, *extra: str, **fields: str) -> subprocess.Popen:
    argv = [sys.executable, "scripts/add_resource.py", *extra]
    for key, value in {**NEW, **fields}.items():
        argv += [f"--{key}", value]
    return subprocess.Popen(argv, cwd=book.root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_runs_at_once_lose_no_entry(book_copy: BookCopy) -> None:
    runs = {
        "first-guide": start(book_copy, id="first-guide", url="https://example.org/guides/first", title="First guide"),
        "second-guide": start(book_copy, id="second-guide", url="https://example.org/guides/second", title="Second guide",
                              topic=OTHER["id"]),
    }
    outcomes = {name: (process.wait(timeout=300), *process.communicate()) for name, process in runs.items()}
    text = book_copy.read()
    for name, (code, out, err) in outcomes.items():
        if code == 0:
            assert f"- id: {name}\n" in text, f"{name} reported success but its entry is gone:\n{out}"
        else:
            assert code == 1 and "is busy: another add_resource.py is adding to it" in err, err
    assert [code for code, *_ in outcomes.values()].count(0) >= 1
    assert book_copy.check().returncode == 0


def test_a_busy_file_is_refused_with_a_clear_message(book_copy: BookCopy) -> None:
    import fcntl

    before = book_copy.data.read_bytes()
    with open(book_copy.root / ".curriculum.yml.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run(book_copy, "--wait", "0.5")
    assert result.returncode == 1, result.stdout
    assert result.stderr == ("add_resource.py: not added: curriculum.yml is busy: another add_resource.py is adding "
                             "to it (it holds .curriculum.yml.lock) — run this again when it has finished\n")
    assert book_copy.data.read_bytes() == before


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_a_bad_wait_is_refused(book_copy: BookCopy, value: str) -> None:
    result = run(book_copy, "--wait", value)
    assert result.returncode == 2 and "argument --wait: " in result.stderr
