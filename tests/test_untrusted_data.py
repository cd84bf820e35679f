"""Hostile or careless edits to the data file: each one refused with `file:line: field: message — hint`,
never a traceback, never a hang, never a silent pass.

Every case edits a copy of curriculum.yml, runs the same checker the build runs
(in process, for speed; tests/test_checker.py runs the command and the build),
and reads the problems: the line is computed from where the edit was made.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import DATA, ENV, BookCopy
from roadmap.checks import load_checked
from roadmap.checks.published import RECORD_NAME

TEXT = DATA.read_text(encoding="utf-8")
TOPIC_TITLE = "        title: NumPy arrays\n"
RESOURCE_URL = "            url: https://docs.python.org/3/tutorial/venv.html\n"
TOOL_URL_LINE = next(line for line in TEXT[TEXT.index("\ntools:\n"):].splitlines(keepends=True) if line.startswith("    url: https://"))
# No course in the data has a rating (only named, dated ones are allowed): the tests add one.
COURSE_URL = next(line for line in TEXT[TEXT.index("\ncourses:\n"):].splitlines(keepends=True) if line.startswith("    url: "))
RATING = "    rating:\n      score: 4.5\n      scale: 5\n      source: Coursera course page\n      read: 2026-11-20\n"
SCORE_LINE = "      score: 4.5\n"




def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def edit(book: BookCopy, old: str, new: str) -> int:
    """Replace `old` once; the line where it was."""
    text = book.read()
    line = line_of(text, old)
    book.write(text.replace(old, new, 1))
    return line


def assert_refused(problems: list[str], line: int, field: str, *words: str) -> None:
    prefix = f"curriculum.yml:{line}: {field}: "
    hits = [p for p in problems if p.startswith(prefix)]
    assert hits, f"expected a problem at {prefix!r}, got:\n" + "\n".join(problems)
    assert any(all(w in p for w in words) and " — " in p for p in hits), hits


# -- one character policy -------------------------------------------------------

CHARACTERS = {
    "\\a": "U+0007",  # BEL, written as a YAML escape
    "\\uFFFE": "U+FFFE",
    "\\u202E": "RIGHT-TO-LEFT OVERRIDE",
    "\\u202A": "LEFT-TO-RIGHT EMBEDDING",
    "\\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\\u2069": "POP DIRECTIONAL ISOLATE",
    "\\u200B": "ZERO WIDTH SPACE",
    "\\u200D": "ZERO WIDTH JOINER",
    "\\u2060": "WORD JOINER",
    "\\uFEFF": "ZERO WIDTH NO-BREAK SPACE",
    "\\u2028": "LINE SEPARATOR",
    "\\u2029": "PARAGRAPH SEPARATOR",
    "\\x85": "U+0085",
    "\\t": "CHARACTER TABULATION",
    "\\uE000": "U+E000",
}


@pytest.mark.parametrize("escape,name", CHARACTERS.items(), ids=list(CHARACTERS.values()))
def test_invisible_and_control_characters_are_refused(book_copy: BookCopy, escape, name):
    line = edit(book_copy, TOPIC_TITLE, f'        title: "NumPy{escape} arrays"\n')
    assert_refused(book_copy.problems(), line, "phases[0].topics[2].title", name)


def test_a_raw_line_separator_is_refused(book_copy: BookCopy):
    """PyYAML reads a raw U+2028 as a line break; editors do not show one."""
    line = edit(book_copy, TOPIC_TITLE, "        title: NumPy\u2028arrays\n")
    problems = book_copy.problems()
    assert any(p.startswith(f"curriculum.yml:{line}:") and "U+2028 LINE SEPARATOR" in p for p in problems), problems


@pytest.mark.parametrize("raw", ["\x00", "\x1b", "\x7f"], ids=["NUL", "ESC", "DEL"])
def test_raw_control_bytes_are_a_line_not_a_traceback(book_copy: BookCopy, raw):
    line = edit(book_copy, TOPIC_TITLE, f"        title: NumPy{raw} arrays\n")
    problems = book_copy.problems()
    assert problems and problems[0].startswith(f"curriculum.yml:{line}: "), problems


# -- one link policy, on every URL field ------------------------------------------

URLS = {
    "https://docs.python.org@evil.example/": "user name before the host",
    "https://docs.python.org\\@evil.example/": "backslash",
    "https://docs.python.org:8443/3/": "port",
    "https://192.0.2.7/page": "IP address",
    "https://[2001:db8::1]/page": "IP address",
    "https:///path-only": "no host",
    "https://xn--pthon-du3b.org/": "punycode",
    "https://bit.ly/3abcdef": "shortener",
    "https://youtu.be/abcdefghijk": "shortener",
    "https://docs.python.org/3/./tutorial/": "path segments",
    "https://docs.python.org/3/tutorial/../library/": "path segments",
    "https://docs.python.org/3/library/%5Fthread.html": "percent-encodes",
    "https://docs.python.org./3/": "ends with a dot",
    "https://docs.python.org/3/?msclkid=1": "msclkid",
    "https://docs.python.org/3/?yclid=1": "yclid",
    "https://docs.python.org/3/?igshid=1": "igshid",
    "https://docs.python.org/3/?_hsenc=1": "_hsenc",
    "https://docs.python.org/3/?mkt_tok=1": "mkt_tok",
    "https://pyth\u043en.org/": "non-ASCII",
    "https://pytorch.org/docs/stable/optim.html": "https://docs.pytorch.org/docs/stable/optim.html",
    "https://www.pytorch.org/tutorials/beginner/basics/intro.html": "https://docs.pytorch.org/tutorials/beginner/",
}


@pytest.mark.parametrize("url,words", URLS.items(), ids=list(URLS))
def test_bad_links_are_refused_in_resources(book_copy: BookCopy, url, words):
    line = edit(book_copy, RESOURCE_URL, f"            url: '{url}'\n")
    assert_refused(book_copy.problems(), line, "phases[0].topics[0].resources[0].url", words)


def test_the_study_tools_links_get_the_same_policy(book_copy: BookCopy):
    """tools[].url was once left out of the look-alike, tracking and duplicate checks."""
    line = edit(book_copy, TOOL_URL_LINE, "    url: https://pyth\u043en.org/?utm_source=x\n")
    problems = book_copy.problems()
    assert any(p.startswith(f"curriculum.yml:{line}: tools[") and "non-ASCII" in p for p in problems), problems
    assert any(p.startswith(f"curriculum.yml:{line}: tools[") and "utm_source" in p for p in problems), problems


@pytest.mark.parametrize("variant", [
    "https://docs.python.org/3/tutorial/./venv.html",
    "https://www.docs.python.org:443/3/tutorial/venv.html",
    "https://docs.python.org./3/tutorial/venv.html/",
    "https://docs.python.org/3/tutorial/ven%76.html",
])
def test_duplicates_are_found_after_full_normalisation(book_copy: BookCopy, variant):
    text = book_copy.read()
    other = "            url: https://numpy.org/doc/stable/user/absolute_beginners.html\n"
    line = edit(book_copy, other, f'            url: "{variant}"\n')
    problems = book_copy.problems()
    assert any(p.startswith(f"curriculum.yml:{line}: ") and "duplicate" in p for p in problems), problems
    assert line_of(text, other) == line


# -- parse and value errors are lines, never tracebacks -------------------------------

def test_an_impossible_date(book_copy: BookCopy):
    line = edit(book_copy, "            added: 2026-11-23\n", "            added: 2026-02-30\n")
    assert_refused(book_copy.problems(), line, "phases[0].topics[0].resources[0].added", "date")


def test_infinite_and_huge_numbers(book_copy: BookCopy):
    text = book_copy.read()
    book_copy.write(text.replace("version: 1\n", "version: 100000000000000000000000000000\n", 1))
    assert_refused(book_copy.problems(), line_of(text, "version: 1\n"), "version", "less than or equal")
    book_copy.write(text.replace(COURSE_URL, COURSE_URL + RATING, 1))
    line = edit(book_copy, SCORE_LINE, "      score: .inf\n")
    assert_refused(book_copy.problems(), line, "courses[0].rating.score", "finite")


def test_lists_are_capped(book_copy: BookCopy):
    subtopic = "          - Creating arrays, dtypes and the shape attribute\n"
    line = edit(book_copy, subtopic, subtopic * 20)
    problems = book_copy.problems()
    assert any(p.startswith("curriculum.yml:") and "subtopics" in p and "at most 12" in p for p in problems), problems
    assert line > 0


@pytest.mark.parametrize("name,text", [
    ("unclosed brackets", "[" * 100_000),
    ("deep nesting", "".join(f"{'  ' * i}k{i}:\n" for i in range(3000)) + "  " * 3000 + "v: 1\n"),
    ("complex key", "? [a, b]\n: 1\n"),
    ("second document", "version: 1\n---\nversion: 2\n"),
])
def test_hostile_yaml_is_a_line(book_copy: BookCopy, name, text):
    book_copy.write(text)
    problems = book_copy.problems()
    assert problems and all(p.startswith("curriculum.yml:") for p in problems), problems


BILLION_LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    + ["version: *a9"]
) + "\n"


def test_aliases_are_refused_fast_and_small(book_copy: BookCopy):
    book_copy.write(BILLION_LAUGHS)
    # Peak memory is what Python allocates while reading (tracemalloc): a child's ru_maxrss starts
    # at its parent's size on Linux, so it would measure the test runner, not the loader.
    code = ("import sys, time, tracemalloc; from roadmap.checks import load_checked; "
            "from roadmap.data.problems import CurriculumError\n"
            "tracemalloc.start()\nt = time.process_time()\ntry:\n    load_checked(__import__('pathlib').Path(sys.argv[1]))\n"
            "except CurriculumError as e:\n    print(e.problems[0])\n"
            "print(time.process_time() - t, tracemalloc.get_traced_memory()[1])")
    result = subprocess.run([sys.executable, "-c", code, str(book_copy.data)], env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    first, figures = result.stdout.strip().splitlines()
    seconds, peak_bytes = figures.split()
    assert first.endswith("anchor or alias (`&name`, `*name`) — this file uses none: write each value out in full") and "curriculum.yml:1: a0: " in first, first
    assert float(seconds) < 1.0
    assert int(peak_bytes) < 20 * 1024 * 1024


# -- published ids ---------------------------------------------------------------

def test_renaming_a_published_topic_is_refused_then_accepted_with_replaces(book_copy: BookCopy):
    assert (book_copy.root / RECORD_NAME).is_file()
    edit(book_copy, "      - id: numpy-arrays\n", "      - id: numpy-basics\n")
    text = book_copy.read()
    text = text.replace("- numpy-arrays\n", "- numpy-basics\n")  # the tracks that list it
    text = re.sub(r"(?<=[\[ ])numpy-arrays(?=[,\]])", "numpy-basics", text)  # the topics that require it
    text = text.replace("    topic: numpy-arrays\n", "    topic: numpy-basics\n")  # the glossary terms it teaches
    book_copy.write(text)
    problems = book_copy.problems()
    phases_line = line_of(text, "phases:\n")
    assert_refused(problems, phases_line, "phases", "published topic id 'numpy-arrays' is gone", "replaces: [numpy-arrays]")
    book_copy.write(text.replace("      - id: numpy-basics\n", "      - id: numpy-basics\n        replaces: [numpy-arrays]\n", 1))
    assert book_copy.problems() == []


def test_replacing_an_id_that_was_never_published_is_refused(book_copy: BookCopy):
    line = edit(book_copy, "      - id: numpy-arrays\n", "      - id: numpy-arrays\n        replaces: [never-there]\n") + 1
    assert_refused(book_copy.problems(), line, "phases[0].topics[2].replaces[0]", "never published")


def test_object_prototype_names_are_refused_as_ids(book_copy: BookCopy):
    text = book_copy.read()
    line = edit(book_copy, "      - id: numpy-arrays\n", "      - id: constructor\n")
    book_copy.write(book_copy.read().replace("- numpy-arrays\n", "- constructor\n"))
    assert_refused(book_copy.problems(), line, "phases[0].topics[2].id", "reserved")
    assert text


def test_the_published_record_is_current():
    result = subprocess.run([sys.executable, "scripts/write_published_ids.py", "--check"], cwd=DATA.parent, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    record = json.loads((DATA.parent / RECORD_NAME).read_text(encoding="utf-8"))
    assert "numpy-arrays" in record["topics"] and "foundations-git-habit" in record["signals"]
