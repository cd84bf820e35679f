"""The data checker, as a contributor meets it: break a copy of curriculum.yml
one way at a time and read the message. Each case asserts the exact
`curriculum.yml:LINE: field:` prefix, the message, and that a hint follows;
the line is where the test made its edit, found in the text, never typed in.
"""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml

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


#: Where the phase whose project lists the generative-models practice notebook sits in `phases:`.
PRACTICE_PHASE = next(n for n, p in enumerate(yaml.safe_load(DATA.read_text(encoding="utf-8"))["phases"])
                      if any(x["notebook"] == "projects/07-vae-digits.ipynb" for x in p["project"].get("practice", [])))


def fault_missing_practice_notebook(book: BookCopy):
    line = book.replace("notebook: projects/07-vae-digits.ipynb", "notebook: projects/07-missing.ipynb")
    return (line, f"phases[{PRACTICE_PHASE}].project.practice[0].notebook",
            "notebook 'projects/07-missing.ipynb' does not exist")


def fault_practice_topic_of_another_phase(book: BookCopy):
    line = book.replace("topics: [generative-models]", "topics: [object-detection]")
    return (line, f"phases[{PRACTICE_PHASE}].project.practice[0].topics[0]",
            "topic 'object-detection' is not one of this phase's topics")


def fault_course_unknown_phase(book: BookCopy):
    text = book.read()
    at = text.index("  - id: mathematics-for-machine-learning")
    phases_at = text.index("- foundations\n", at)
    line = text.count("\n", 0, phases_at) + 1
    book.write(text[:phases_at] + "- foundation\n" + text[phases_at + len("- foundations\n"):])
    return line, "courses[0].phases[0]", "unknown phase 'foundation'"


#: Where the course `_course_text` edits sits in the `courses:` list.
ML_REGRESSION = next(n for n, c in enumerate(yaml.safe_load(DATA.read_text(encoding="utf-8"))["courses"]) if c["id"] == "ml-regression")


def _course_text(book: BookCopy, text: str):
    """Replace the ml-regression course's `why:` by `text`; return its line (the `why:` key)."""
    src = book.read()
    at = src.index("\n  - id: ml-regression\n")
    start = src.index("\n    why: >-\n", at) + 1
    end = src.index("\n    when: ", start) + 1
    book.write(src[:start] + f"    why: {text}\n" + src[end:])
    return src.count("\n", 0, start) + 1


def fault_topic_id_in_course_why(book: BookCopy):
    line = _course_text(book, "It pairs naturally with the ml-workflow topic and its project.")
    return line, f"courses[{ML_REGRESSION}].why", "names the topic id 'ml-workflow'"


def fault_avoided_spelling_in_data(book: BookCopy):
    text = book.read()
    line = line_of(text, "- A Git repository with a README stating the dataset,")
    book.write(text.replace("README stating the dataset,", "README stating the data set,", 1))
    return line, "tracks[1].stages[0].project.deliverables[0]", "'data set'"


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
    assert "allowed fields here: id, title, summary, lesson, example, start_with, subtopics, hours, label, resources, requires, questions, replaces" in result.stderr


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



# -- prose rules: ids where titles belong, house spellings ------------------------

_LIVE = yaml.safe_load(DATA.read_text(encoding="utf-8"))
WORKFLOW_TITLE = next(t["title"] for p in _LIVE["phases"] for t in p["topics"] if t["id"] == "ml-workflow")
STYLE = "(CONTRIBUTING.md, House style)"
NOTEBOOK = "docs/projects/04-small-cnn-digits.ipynb"


def test_an_id_in_prose_is_refused_with_its_title(book_copy: BookCopy) -> None:
    line, field, _ = fault_topic_id_in_course_why(book_copy)
    result = book_copy.check()
    assert result.returncode == 1
    assert (f"curriculum.yml:{line}: {field}: names the topic id 'ml-workflow' — "
            f"write its title, '{WORKFLOW_TITLE}', instead") in result.stderr.splitlines(), result.stderr


def test_a_phase_id_in_prose_is_refused_but_single_words_are_not(book_copy: BookCopy) -> None:
    line = _course_text(book_copy, "Take it during classical-ml, before deep learning or nlp.")
    result = book_copy.check()
    lines = result.stderr.splitlines()
    assert (f"curriculum.yml:{line}: courses[{ML_REGRESSION}].why: names the phase id 'classical-ml' — "
            "write its title, 'Classical machine learning', instead") in lines, result.stderr
    assert "'nlp'" not in result.stderr and "1 problem(s)" in result.stderr


@pytest.mark.parametrize("text", [
    "The topic's id is `ml-workflow`, the anchor of its section.",
    "Its links end in `#ml-workflow` and `phases/classical-ml/`, written as code.",
    "A workflow for ml-workflows is not an id, nor is non-ml-workflow.",
])
def test_an_id_in_backticks_or_inside_a_longer_word_is_allowed(book_copy: BookCopy, text: str) -> None:
    _course_text(book_copy, text)
    result = book_copy.check()
    assert result.returncode == 0, result.stderr


def test_an_avoided_spelling_in_the_data_is_refused(book_copy: BookCopy) -> None:
    line, field, _ = fault_avoided_spelling_in_data(book_copy)
    result = book_copy.check()
    assert result.returncode == 1
    assert f"curriculum.yml:{line}: {field}: 'data set' — the book writes 'dataset' {STYLE}" in result.stderr.splitlines()


def test_code_and_the_names_of_others_works_keep_their_spelling(book_copy: BookCopy) -> None:
    _course_text(book_copy, "Call `optimizer.step()` and `mlflow.log_artifact`, then optimizer.zero_grad() too.")
    text = book_copy.read()
    assert "title: NumPy - the absolute basics for beginners\n" in text
    book_copy.write(text.replace("title: NumPy - the absolute basics for beginners\n",
                                 "title: NumPy - the absolute basics for pre-trained optimizer users\n", 1))
    result = book_copy.check()
    assert result.returncode == 0, result.stderr


def _break_notebook_markdown(book: BookCopy) -> str:
    path = book.root / NOTEBOOK
    raw = path.read_text(encoding="utf-8")
    assert raw.count("a network pretrained on millions") == 1
    path.write_text(raw.replace("a network pretrained on millions", "a network pre-trained on millions"), encoding="utf-8")
    return f"{NOTEBOOK}: cell 15: 'pre-trained' — the book writes 'pretrained' {STYLE}"


def test_an_avoided_spelling_in_a_notebook_markdown_cell_is_refused(book_copy: BookCopy) -> None:
    expected = _break_notebook_markdown(book_copy)
    result = book_copy.check()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected, "1 problem(s) in curriculum.yml"], result.stderr


def test_notebook_code_cells_and_fenced_code_keep_their_spelling(book_copy: BookCopy) -> None:
    import json

    path = book_copy.root / NOTEBOOK
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["source"] = ["# a pre-trained optimizer on a data set\n"] + list(code["source"])
    md = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    md["source"] = list(md["source"]) + ["\n\n```python\noptimizer = pre_trained()  # pre-trained\n```\n"]
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    result = book_copy.check()
    assert result.returncode == 0, result.stderr


def test_build_refuses_an_avoided_spelling_in_a_notebook(book_copy: BookCopy) -> None:
    expected = _break_notebook_markdown(book_copy)
    result = book_copy.build()
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-2000:]
    assert not (book_copy.root / "site" / "index.html").exists()
