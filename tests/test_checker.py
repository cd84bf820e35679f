"""The data checker, as a contributor meets it: break a copy of curriculum.yml
one way at a time and read the message. Each case asserts the exact
`curriculum.yml:LINE: field:` prefix, the message, and that a hint follows;
the line is where the test made its edit, found in the text, never typed in.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import DATA, BookCopy

RESOURCE = """          - id: {id}
            title: Extra resource {n}
            url: https://example.org/extra/{n}
            type: docs
            level: beginner
            cost: free
            provider: Example
            duration: 1 h
            why: A filler entry used to overfill a topic.
            added: 2026-11-23
"""


def line_of(text: str, needle: str, start: int = 0) -> int:
    return text.count("\n", 0, text.index(needle, start)) + 1


def fault_yaml_syntax(book: BookCopy):
    line = book.replace("    weeks: 6\n", "    weeks: [6\n")
    # libyaml reports the unclosed flow sequence where the next key starts.
    return line + 1, "(yaml)", "YAML syntax error"


def fault_missing_field(book: BookCopy):
    text = book.read()
    topic_line = line_of(text, "      - id: dev-environment")
    book.write(text.replace("\n        hours: 4\n", "\n", 1))
    return topic_line, "phases[0].topics[0].hours", "Field required"


def fault_unknown_field(book: BookCopy):
    line = book.replace("\n        hours: 4\n", "\n        hours: 4\n        difficulty: easy\n") + 2
    return line, "phases[0].topics[0].difficulty", "Extra inputs are not permitted"


def fault_wrong_type(book: BookCopy):
    line = book.replace("\n        hours: 4\n", "\n        hours: four\n") + 1
    return line, "phases[0].topics[0].hours", "Input should be a valid integer"


def fault_duplicate_topic_id(book: BookCopy):
    line = book.replace("      - id: numpy-arrays\n", "      - id: dev-environment\n")
    return line, "phases[0].topics[2].id", "duplicate topic id 'dev-environment'"


def resource_urls(book: BookCopy) -> list[str]:
    """The data file's links in file order (the first two are topic 0's resources 0 and 1)."""
    text = book.read()
    return re.findall(r"url: (https://\S+)", text[text.index("\nphases:\n"):])


def fault_duplicate_url(book: BookCopy):
    first, second = resource_urls(book)[:2]
    line = book.replace(f"url: {second}\n", f"url: {first}\n")
    return line, "phases[0].topics[0].resources[1].url", "duplicate link"


def fault_near_duplicate_url(book: BookCopy):
    first, second = resource_urls(book)[:2]
    line = book.replace(f"url: {second}\n", f"url: https://www.{first.removeprefix('https://')}/?utm_source=newsletter\n")
    return line, "phases[0].topics[0].resources[1].url", "near-duplicate of https://"


def fault_http_url(book: BookCopy):
    url = resource_urls(book)[0]
    line = book.replace(f"url: {url}\n", f"url: http://{url.removeprefix('https://')}\n")
    return line, "phases[0].topics[0].resources[0].url", "String should match pattern"


def fault_javascript_url(book: BookCopy):
    url = resource_urls(book)[0]
    line = book.replace(f"url: {url}\n", "url: javascript:alert(document.cookie)\n")
    return line, "phases[0].topics[0].resources[0].url", "String should match pattern"


def fault_dangling_phase(book: BookCopy):
    line = book.replace("        phase: nlp\n", "        phase: nlpp\n")
    return line, "tracks[0].stages[4].phase", "unknown phase 'nlpp'"


def fault_dangling_stage_topic(book: BookCopy):
    text = book.read()
    at = text.index("  - id: practitioner")
    topics_at = text.index("- numpy-arrays\n", at)
    line = text.count("\n", 0, topics_at) + 1
    book.write(text[:topics_at] + "- numpy-array\n" + text[topics_at + len("- numpy-arrays\n"):])
    return line, "tracks[1].stages[0].topics[2]", "unknown topic 'numpy-array'"


def fault_bad_id(book: BookCopy):
    line = book.replace("      - id: dev-environment\n", "      - id: Dev Environment\n")
    return line, "phases[0].topics[0].id", "String should match pattern"


def fault_lookalike_id(book: BookCopy):
    line = book.replace("      - id: pandas-dataframes\n", "      - id: p\u0430ndas-dataframes\n")
    return line, "phases[0].topics[3].id", "String should match pattern"


def fault_unknown_type(book: BookCopy):
    line = book.replace("            type: docs\n", "            type: website\n")
    return line, "phases[0].topics[0].resources[0].type", "Input should be 'docs', 'book'"


def fault_bad_date(book: BookCopy):
    line = book.replace("            added: 2026-11-23\n", "            added: last tuesday\n")
    return line, "phases[0].topics[0].resources[0].added", "Input should be a valid date"


def fault_hours_do_not_fit(book: BookCopy):
    text = book.read()
    stage_line = line_of(text, "        weeks: 7\n", text.index("    stages:"))
    book.write(text.replace("\n        hours: 4\n", "\n        hours: 80\n", 1))
    return stage_line, "tracks[0].stages[0].weeks", "stage 'foundations' needs"


def fault_track_weeks(book: BookCopy):
    line = book.replace("    weeks: 49\n", "    weeks: 45\n")
    return line, "tracks[0].weeks", "track says 45 weeks but its stages add up to 49"


def fault_duplicate_key(book: BookCopy):
    line = book.replace("\n        hours: 4\n", "\n        hours: 4\n        hours: 5\n") + 2
    return line, "phases[0].topics[0].hours", "duplicate key (first at line"


def fault_too_many_resources(book: BookCopy):
    text = book.read()
    at = text.index("      - id: numpy-arrays")
    insert_at = text.index("        resources:\n", at) + len("        resources:\n")
    extra = "".join(RESOURCE.format(id=f"numpy-arrays-extra-{n}", n=n) for n in range(5))
    book.write(text[:insert_at] + extra + text[insert_at:])
    new = book.read()
    starts = [m.start() for m in re.finditer(r"(?m)^          - id: ", new[insert_at:])]
    fifth = new.count("\n", 0, insert_at + starts[4]) + 1
    return fifth, "phases[0].topics[2].resources[4]", "resources on topic 'numpy-arrays'; at most 4"


COURSE_URL = "    url: https://www.coursera.org/specializations/mathematics-machine-learning\n"  # courses[0]
RATING = "    rating:\n      score: 4.5\n      scale: 5\n      source: Coursera course page\n      read: 2026-11-20\n"


def rate_first_course(book: BookCopy, rating: str = RATING) -> int:
    """Give courses[0] a rating after its url (no course has one in the data); return the `rating:` line."""
    return book.replace(COURSE_URL, COURSE_URL + rating) + 1


def fault_rating_above_scale(book: BookCopy):
    line = rate_first_course(book, RATING.replace("score: 4.5", "score: 45")) + 1
    return line, "courses[0].rating.score", "score 45.0 is above its scale 5.0"


def fault_rating_without_source(book: BookCopy):
    line = rate_first_course(book, RATING.replace("      source: Coursera course page\n", ""))
    return line, "courses[0].rating.source", "Field required"


def fault_rating_without_date(book: BookCopy):
    line = rate_first_course(book, RATING.replace("      read: 2026-11-20\n", ""))
    return line, "courses[0].rating.read", "Field required"


def fault_course_without_url(book: BookCopy):
    text = book.read()
    course_line = line_of(text, "  - id: mathematics-for-machine-learning\n")
    book.write(text.replace(COURSE_URL, "", 1))
    return course_line, "courses[0].url", "Field required"


def fault_missing_notebook(book: BookCopy):
    line = book.replace("notebook: projects/01-linear-regression-from-scratch.ipynb",
                        "notebook: projects/01-missing.ipynb")
    return line, "phases[0].project.notebook", "notebook 'projects/01-missing.ipynb' does not exist"


def fault_course_unknown_phase(book: BookCopy):
    text = book.read()
    at = text.index("  - id: mathematics-for-machine-learning")
    phases_at = text.index("- foundations\n", at)
    line = text.count("\n", 0, phases_at) + 1
    book.write(text[:phases_at] + "- foundation\n" + text[phases_at + len("- foundations\n"):])
    return line, "courses[0].phases[0]", "unknown phase 'foundation'"


FAULTS = [f for name, f in sorted(globals().items()) if name.startswith("fault_")]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.removeprefix("fault_"))
def test_checker_names_file_line_and_field(book_copy: BookCopy, fault) -> None:
    before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    line, field, message = fault(book_copy)
    result = book_copy.check()
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    prefix = f"curriculum.yml:{line}: {field}: "
    matching = [l for l in lines if l.startswith(prefix)]
    assert matching, f"no message starting {prefix!r} in:\n{result.stderr}"
    assert any(message in l for l in matching), f"{message!r} not in {matching}"
    assert all(" — " in l for l in matching), f"a message without a hint: {matching}"
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == before, "the live data file changed"


def test_checker_reports_all_problems_at_once(book_copy: BookCopy) -> None:
    fault_wrong_type(book_copy)
    fault_unknown_type(book_copy)
    fault_bad_date(book_copy)
    result = book_copy.check()
    assert result.returncode == 1
    assert "3 problem(s)" in result.stderr


@pytest.mark.parametrize("fault, expected", [
    (fault_course_without_url, "Field required — add `url:` (The course's own page: a canonical https:// address.)"),
    (fault_rating_without_source, "Field required — add `source:` (Who publishes the rating, by name, e.g. 'Coursera course page'.)"),
    (fault_rating_without_date, "Field required — add `read:` (The day the score was read at its source (YYYY-MM-DD).)"),
], ids=["course-without-url", "rating-without-source", "rating-without-date"])
def test_course_and_rating_problems_read_exactly(book_copy: BookCopy, fault, expected: str) -> None:
    line, field, _ = fault(book_copy)
    result = book_copy.check()
    assert result.returncode == 1
    assert f"curriculum.yml:{line}: {field}: {expected}" in result.stderr.splitlines(), result.stderr


def test_a_named_and_dated_rating_passes(book_copy: BookCopy) -> None:
    rate_first_course(book_copy)
    result = book_copy.check()
    assert result.returncode == 0, result.stderr


def test_unknown_field_hint_names_the_allowed_fields(book_copy: BookCopy) -> None:
    fault_unknown_field(book_copy)
    result = book_copy.check()
    assert "allowed fields here: id, title, summary, subtopics, hours, label, resources, requires, questions, replaces" in result.stderr


def test_lookalike_hint_names_the_character(book_copy: BookCopy) -> None:
    fault_lookalike_id(book_copy)
    assert "CYRILLIC SMALL LETTER A" in book_copy.check().stderr


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.removeprefix("fault_"))
def test_build_refuses_bad_data(book_copy: BookCopy, fault) -> None:
    line, field, _ = fault(book_copy)
    result = book_copy.build()
    assert result.returncode != 0
    assert f"curriculum.yml:{line}: {field}: " in result.stderr
    assert not (book_copy.root / "site" / "index.html").exists()


def test_clean_data_passes(book_copy: BookCopy) -> None:
    result = book_copy.check()
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_github_annotations(book_copy: BookCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    line, field, _ = fault_wrong_type(book_copy)
    import subprocess
    import sys

    from conftest import ENV

    result = subprocess.run([sys.executable, "scripts/check_curriculum.py"], cwd=book_copy.root,
                            env={**ENV, "GITHUB_ACTIONS": "true"}, capture_output=True, text=True)
    assert f"::error file=curriculum.yml,line={line},title=curriculum::{field}: " in result.stdout
