"""A corpus of bad contributor edits, each a small patch to a copy of curriculum.yml.

Every case is what a pull request could plausibly contain (an http link, a
look-alike letter, a fifth resource, a quoted date…). The test applies it to a
`book_copy`, runs the checker and asserts the exact problem the contributor
reads: `curriculum.yml:LINE: field: message — hint`. Lines and field paths are
found from the text and the data, never typed in. A representative sample is
also fed to a full `mkdocs build`, which must refuse it. The live data file is
hashed before and after: no case may touch it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

import pytest
import yaml

from conftest import DATA, ENV, BookCopy

from roadmap.checks import MAX_RESOURCES_PER_TOPIC, load_checked
from roadmap.data.problems import CurriculumError

LIVE = yaml.safe_load(DATA.read_text(encoding="utf-8"))

URL_PATTERN = "String should match pattern '^https://[^\\s<>\"']+$'"
URL_HINT = "use a full https:// link (http:, javascript: and relative links are refused)"
ID_PATTERN = "String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'"
DUPLICATE_HINT = "each link appears once in the book; add a sentence to the existing entry instead"
YAML_HINT = "check indentation (2 spaces, no tabs) and quote text containing ': ' or '#'"


# -- where things are in the data ---------------------------------------------

def resource_path(resource_id: str) -> str:
    for i, phase in enumerate(LIVE["phases"]):
        for j, topic in enumerate(phase["topics"]):
            for k, resource in enumerate(topic.get("resources", [])):
                if resource["id"] == resource_id:
                    return f"phases[{i}].topics[{j}].resources[{k}]"
    raise LookupError(resource_id)


def topic_path(topic_id: str) -> str:
    for i, phase in enumerate(LIVE["phases"]):
        for j, topic in enumerate(phase["topics"]):
            if topic["id"] == topic_id:
                return f"phases[{i}].topics[{j}]"
    raise LookupError(topic_id)


def topic_of(resource_id: str) -> dict:
    return next(t for p in LIVE["phases"] for t in p["topics"] for r in t.get("resources", []) if r["id"] == resource_id)


def resource(resource_id: str) -> dict:
    return next(r for r in topic_of(resource_id)["resources"] if r["id"] == resource_id)


# The resources the edits touch, picked from the data so the corpus follows it:
# a topic with at least two resources (FIRST, then SECOND), and a one-resource
# topic elsewhere (LONE) for the "too many" and "free first" cases.
_pair = next(t for p in LIVE["phases"] for t in p["topics"] if len(t.get("resources", [])) >= 2)
FIRST, SECOND = _pair["resources"][0]["id"], _pair["resources"][1]["id"]
TOPIC = _pair["id"]
OTHER_TOPIC = next(t["id"] for p in LIVE["phases"] for t in p["topics"] if t["id"] != TOPIC)
COURSE = LIVE["courses"][0]
COURSE_INDEX = LIVE["courses"].index(COURSE)
PHASE_STAGE = next((i, j, s) for i, t in enumerate(LIVE["tracks"]) for j, s in enumerate(t["stages"]) if s.get("phase"))
TOPIC_STAGE = next((i, j, s) for i, t in enumerate(LIVE["tracks"]) for j, s in enumerate(t["stages"]) if s.get("topics"))


# -- editing the copy by the id of the entry --------------------------------------

def block(text: str, entry_id: str) -> str:
    """The YAML of the list item `- id: entry_id`, up to the next sibling or parent."""
    match = re.search(rf"(?m)^( *)- id: {re.escape(entry_id)}\n", text)
    assert match, f"no `- id: {entry_id}` in the data"
    indent = len(match.group(1))
    end = match.end()
    for line in re.finditer(r"(?m)^.*\n", text[match.end():]):
        stripped = line.group().lstrip(" ")
        if stripped.strip() and len(line.group()) - len(stripped) <= indent:
            break
        end = match.end() + line.end()
    return text[match.start():end]


def edit(book: BookCopy, entry_id: str, old: str, new: str) -> int:
    """Replace `old` inside entry `entry_id`; return the line where `old` started."""
    text = book.read()
    original = block(text, entry_id)
    assert original.count(old) >= 1, f"{old!r} not in entry {entry_id}"
    start = book.replace(original, original.replace(old, new, 1))
    return start + original[: original.index(old)].count("\n")


def set_value(book: BookCopy, entry_id: str, key: str, value: str | None) -> int:
    """Give `key` of entry `entry_id` a new value (its whole value, folded lines
    included), or remove the key when `value` is None; return the key's line."""
    original = block(book.read(), entry_id)
    match = re.search(rf"(?m)^( +(?:- )?){key}:.*\n", original)
    assert match, f"no `{key}:` in entry {entry_id}"
    indent = len(match.group(1))
    end = match.end()
    for line in re.finditer(r"(?m)^.*\n", original[end:]):
        text = line.group()
        if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
            break
        end = match.end() + line.end()
    replacement = "" if value is None else f"{match.group(1)}{key}: {value}\n"
    start = book.replace(original, original[: match.start()] + replacement + original[end:])
    return start + original[: match.start()].count("\n")


def line_in(book: BookCopy, entry_id: str, needle: str) -> int:
    text = book.read()
    original = block(text, entry_id)
    return text.count("\n", 0, text.index(original)) + 1 + original[: original.index(needle)].count("\n")


# -- the corpus -----------------------------------------------------------------

@dataclass
class Edit:
    """A bad edit: applies itself to a copy, returns the exact problem lines expected.

    `knock_on` edits also break what depends on them (a renamed topic id leaves
    its track stage pointing at nothing); the expected lines must be among the
    problems, the rest are the knock-on reports."""

    name: str
    apply: Callable[[BookCopy], list[str]]
    knock_on: bool = False


def resource_field(key: str, new_value: str, message: str, hint: str, rid: str = SECOND) -> Callable[[BookCopy], list[str]]:
    def apply(book: BookCopy) -> list[str]:
        line = set_value(book, rid, key, new_value)
        return [f"curriculum.yml:{line}: {resource_path(rid)}.{key}: {message} — {hint}"]
    return apply


def bad_url(new_url: str) -> Callable[[BookCopy], list[str]]:
    return resource_field("url", new_url, URL_PATTERN, URL_HINT)


def duplicate_url(book: BookCopy) -> list[str]:
    first_url = resource(FIRST)["url"]
    first_line = line_in(book, FIRST, "url: ")
    line = edit(book, SECOND, f"url: {resource(SECOND)['url']}\n", f"url: {first_url}\n")
    return [f"curriculum.yml:{line}: {resource_path(SECOND)}.url: duplicate link: the same URL is already at line "
            f"{first_line} — {DUPLICATE_HINT}"]


def near_duplicate(variant: Callable[[str], str], tracking: str = "") -> Callable[[BookCopy], list[str]]:
    def apply(book: BookCopy) -> list[str]:
        first_url = resource(FIRST)["url"]
        first_line = line_in(book, FIRST, "url: ")
        new_url = variant(first_url)
        line = edit(book, SECOND, f"url: {resource(SECOND)['url']}\n", f"url: {new_url}\n")
        at = f"curriculum.yml:{line}: {resource_path(SECOND)}.url: "
        out = [f"{at}near-duplicate of {first_url} at line {first_line} (the same page once scheme, www., trailing "
               f"slash or dot, default port, dot segments, percent-encoding and tracking parameters are ignored) — {DUPLICATE_HINT}"]
        if tracking:
            out.append(f"{at}link carries tracking parameter(s) {tracking} — link to the page itself: "
                       f"{new_url.split('?')[0]}")
        return out
    return apply


def tracking_link(book: BookCopy) -> list[str]:
    url = resource(SECOND)["url"]
    line = edit(book, SECOND, f"url: {url}\n", f"url: {url}?utm_source=twitter&utm_medium=social\n")
    return [f"curriculum.yml:{line}: {resource_path(SECOND)}.url: link carries tracking parameter(s) utm_source, "
            f"utm_medium — link to the page itself: {url}"]


def lookalike_host(book: BookCopy) -> list[str]:
    url = resource(SECOND)["url"]
    host = url.split("/")[2]
    vowel = next(ch for ch in host if ch in "aeo")
    swapped = {"a": "\u0430", "e": "\u0435", "o": "\u043e"}[vowel]
    name = {"a": "CYRILLIC SMALL LETTER A", "e": "CYRILLIC SMALL LETTER IE", "o": "CYRILLIC SMALL LETTER O"}[vowel]
    line = edit(book, SECOND, f"url: {url}\n", f"url: {url.replace(vowel, swapped, 1)}\n")
    return [f"curriculum.yml:{line}: {resource_path(SECOND)}.url: link contains non-ASCII character(s) '{swapped}' "
            f"({name}) — retype it in plain ASCII: a look-alike letter points to another site (a path is percent-encoded)"]


def lookalike_resource_id(book: BookCopy) -> list[str]:
    new_id = SECOND.replace("e", "\u0435", 1)
    line = edit(book, SECOND, f"id: {SECOND}\n", f"id: {new_id}\n")
    return [f"curriculum.yml:{line}: {resource_path(SECOND)}.id: {ID_PATTERN} — it contains non-ASCII look-alike "
            f"characters '\u0435' (CYRILLIC SMALL LETTER IE); retype it in plain ASCII"]


def duplicate_resource_id(book: BookCopy) -> list[str]:
    first_line = line_in(book, FIRST, f"id: {FIRST}")
    line = edit(book, SECOND, f"id: {SECOND}\n", f"id: {FIRST}\n")
    return [f"curriculum.yml:{line}: {resource_path(SECOND)}.id: duplicate resource id '{FIRST}' (also at line "
            f"{first_line}) — prefix the resource id with its topic id, e.g. `numpy-arrays-official-guide`"]


def missing_field(key: str, hint: str) -> Callable[[BookCopy], list[str]]:
    def apply(book: BookCopy) -> list[str]:
        start = line_in(book, SECOND, f"id: {SECOND}")
        set_value(book, SECOND, key, None)
        return [f"curriculum.yml:{start}: {resource_path(SECOND)}.{key}: Field required — {hint}"]
    return apply


def misspelt_field(book: BookCopy) -> list[str]:
    start = line_in(book, SECOND, f"id: {SECOND}")
    line = edit(book, SECOND, "provider: ", "provder: ")
    path = resource_path(SECOND)
    return [f"curriculum.yml:{start}: {path}.provider: Field required — add `provider:`",
            f"curriculum.yml:{line}: {path}.provder: Extra inputs are not permitted — check the spelling; allowed "
            f"fields here: id, title, url, type, level, cost, provider, duration, why, added"]


def duplicate_key(book: BookCopy) -> list[str]:
    cost = resource(SECOND)["cost"]
    first = line_in(book, SECOND, "cost: ")
    edit(book, SECOND, f"cost: {cost}\n", f"cost: {cost}\n            cost: paid\n")
    return [f"curriculum.yml:{first + 1}: {resource_path(SECOND)}.cost: duplicate key (first at line {first}) — "
            f"remove one of the two; YAML would silently keep only the last"]


def tab_indent(book: BookCopy) -> list[str]:
    line = edit(book, SECOND, "            level: ", "\tlevel: ")
    return [f"curriculum.yml:{line}: (yaml): YAML syntax error: found a tab character that violates indentation — "
            f"{YAML_HINT}"]


def unquoted_colon(book: BookCopy) -> list[str]:
    line = set_value(book, SECOND, "why", "Best part: the exercises.")
    return [f"curriculum.yml:{line}: (yaml): YAML syntax error: mapping values are not allowed in this context — {YAML_HINT}"]


def too_many_resources(book: BookCopy) -> list[str]:
    """Copy the topic's last resource (new id and link) until there is one too many."""
    resources = topic_of(SECOND)["resources"]
    last = resources[-1]
    template = block(book.read(), last["id"])
    extra = [template.replace(f"id: {last['id']}\n", f"id: {TOPIC}-extra-{n}\n")
             .replace(f"url: {last['url']}\n", f"url: https://example.org/extra/{n}\n")
             for n in range(MAX_RESOURCES_PER_TOPIC + 1 - len(resources))]
    book.replace(template, template + "".join(extra))
    fifth = line_in(book, f"{TOPIC}-extra-{len(extra) - 1}", "id: ")
    return [f"curriculum.yml:{fifth}: {topic_path(TOPIC)}.resources[{MAX_RESOURCES_PER_TOPIC}]: "
            f"{MAX_RESOURCES_PER_TOPIC + 1} resources on topic '{TOPIC}'; at most {MAX_RESOURCES_PER_TOPIC} — "
            f"replace the weakest resource rather than adding another"]


def no_free_resource(book: BookCopy) -> list[str]:
    text = book.read()
    topic_block = block(text, TOPIC)
    paid = re.sub(r"(?m)^( +cost: )free$", r"\1paid", topic_block)
    start = book.replace(topic_block, paid)
    resources_line = start + topic_block[: topic_block.index("resources:")].count("\n")
    return [f"curriculum.yml:{resources_line}: {topic_path(TOPIC)}.resources: topic '{TOPIC}' has no free resource — "
            f"the book is free first: add a resource with `cost: free` before paid or freemium ones"]


def topic_field(key: str, new_value: str, message: str, hint: str) -> Callable[[BookCopy], list[str]]:
    def apply(book: BookCopy) -> list[str]:
        line = set_value(book, TOPIC, key, new_value)
        return [f"curriculum.yml:{line}: {topic_path(TOPIC)}.{key}: {message} — {hint}"]
    return apply


def duplicate_topic_id(book: BookCopy) -> list[str]:
    first = line_in(book, TOPIC, f"id: {TOPIC}")
    line = edit(book, OTHER_TOPIC, f"id: {OTHER_TOPIC}\n", f"id: {TOPIC}\n")
    return [f"curriculum.yml:{line}: {topic_path(OTHER_TOPIC)}.id: duplicate topic id '{TOPIC}' (also at line {first}) — "
            f"topic ids are unique across the book: learners' progress is keyed by them"]


def stage_unknown_phase(book: BookCopy) -> list[str]:
    i, j, stage = PHASE_STAGE
    typo = stage["phase"][:-1]
    line = book.replace(f"        phase: {stage['phase']}\n", f"        phase: {typo}\n")
    allowed = ", ".join(p["id"] for p in LIVE["phases"])
    return [f"curriculum.yml:{line}: tracks[{i}].stages[{j}].phase: unknown phase '{typo}' — use one of: {allowed}"]


def stage_unknown_topic(book: BookCopy) -> list[str]:
    i, j, stage = TOPIC_STAGE
    topic_id = stage["topics"][0]
    text = book.read()
    track_at = text.index(f"  - id: {LIVE['tracks'][i]['id']}\n")
    at = text.index(f"- {topic_id}\n", track_at)
    line = text.count("\n", 0, at) + 1
    typo = topic_id + "s"
    book.write(text[:at] + f"- {typo}\n" + text[at + len(f"- {topic_id}\n"):])
    return [f"curriculum.yml:{line}: tracks[{i}].stages[{j}].topics[0]: unknown topic '{typo}' — did you mean "
            f"'{topic_id}'? topic ids are the `id:` fields under `phases:`"]


def track_weeks(book: BookCopy) -> list[str]:
    track = LIVE["tracks"][0]
    total = sum(s["weeks"] for s in track["stages"])
    line = book.replace(f"    weeks: {track['weeks']}\n", f"    weeks: {track['weeks'] + 2}\n")
    return [f"curriculum.yml:{line}: tracks[0].weeks: track says {track['weeks'] + 2} weeks but its stages add up to "
            f"{total} — make the stage weeks add up to the track's weeks"]


def course_edit(old: str, new: str, field: str, message: str, offset: int = 0) -> Callable[[BookCopy], list[str]]:
    def apply(book: BookCopy) -> list[str]:
        line = edit(book, COURSE["id"], old.format(**COURSE), new.format(**COURSE))
        return [f"curriculum.yml:{line + offset}: courses[{COURSE_INDEX}].{field}: {message}"]
    return apply


# No course carries a rating unless its source is named and dated, so the rating
# edits first give the copy's course one, as a contributor would add it.
RATING = "    rating:\n      score: 4.5\n      scale: 5\n      source: Coursera course page\n      read: 2026-11-20\n"


def add_rating(book: BookCopy) -> int:
    """Give COURSE a rating right after its url; return the line of `rating:`."""
    url_line = f"    url: {COURSE['url']}\n"
    return edit(book, COURSE["id"], url_line, url_line + RATING) + 1


def rating_without_source(book: BookCopy) -> list[str]:
    rating_line = add_rating(book)
    set_value(book, COURSE["id"], "source", None)
    return [f"curriculum.yml:{rating_line}: courses[{COURSE_INDEX}].rating.source: Field required — add `source:` "
            f"(Who publishes the rating, by name, e.g. 'Coursera course page'.)"]


def rating_without_date(book: BookCopy) -> list[str]:
    rating_line = add_rating(book)
    set_value(book, COURSE["id"], "read", None)
    return [f"curriculum.yml:{rating_line}: courses[{COURSE_INDEX}].rating.read: Field required — add `read:` "
            f"(The day the score was read at its source (YYYY-MM-DD).)"]


def rating_above_scale(book: BookCopy) -> list[str]:
    add_rating(book)
    line = set_value(book, COURSE["id"], "score", "6.5")
    return [f"curriculum.yml:{line}: courses[{COURSE_INDEX}].rating.score: score 6.5 is above its scale "
            f"5.0 — write the score on the scale the source uses"]


def course_without_url(book: BookCopy) -> list[str]:
    course_line = line_in(book, COURSE["id"], f"id: {COURSE['id']}")
    set_value(book, COURSE["id"], "url", None)
    return [f"curriculum.yml:{course_line}: courses[{COURSE_INDEX}].url: Field required — add `url:` "
            f"(The course's own page: a canonical https:// address.)"]


def course_http_link(book: BookCopy) -> list[str]:
    line = set_value(book, COURSE["id"], "url", "http://example.org/course")
    return [f"curriculum.yml:{line}: courses[{COURSE_INDEX}].url: {URL_PATTERN} — {URL_HINT}"]


def version_quoted(book: BookCopy) -> list[str]:
    line = book.replace(f"\nversion: {LIVE['version']}\n", f"\nversion: '{LIVE['version']}'\n") + 1
    return [f"curriculum.yml:{line}: version: Input should be a valid integer — write a plain number without quotes"]


def missing_notebook(book: BookCopy) -> list[str]:
    phase_index, phase = next((i, p) for i, p in enumerate(LIVE["phases"]) if p["project"].get("notebook"))
    line = book.replace(f"notebook: {phase['project']['notebook']}\n", "notebook: projects/99-not-written-yet.ipynb\n")
    return [f"curriculum.yml:{line}: phases[{phase_index}].project.notebook: notebook 'projects/99-not-written-yet.ipynb' "
            f"does not exist under docs/ — add the notebook or remove the line"]


def _topic_with_hyphen() -> tuple[str, str]:
    topic = next(t for p in LIVE["phases"] for t in p["topics"] if "-" in t["id"])
    return topic["id"], topic["title"]


def course_names_a_topic_id(book: BookCopy) -> list[str]:
    tid, title = _topic_with_hyphen()
    line = set_value(book, COURSE["id"], "when", f"Alongside the {tid} topic, once its resources are done.")
    return [f"curriculum.yml:{line}: courses[{COURSE_INDEX}].when: names the topic id '{tid}' — "
            f"write its title, '{title}', instead"]


def course_avoided_spelling(book: BookCopy) -> list[str]:
    line = set_value(book, COURSE["id"], "when", "Once you have fine-tuned a pre-trained model on a small data set.")
    hint = "(CONTRIBUTING.md, House style)"
    return [f"curriculum.yml:{line}: courses[{COURSE_INDEX}].when: 'data set' — the book writes 'dataset' {hint}",
            f"curriculum.yml:{line}: courses[{COURSE_INDEX}].when: 'pre-trained' — the book writes 'pretrained' {hint}"]


LONG = "An entry " + "that goes on " * 30
CORPUS = [
    Edit("javascript-link", bad_url("javascript:alert(document.cookie)")),
    Edit("http-link", bad_url("http://example.org/ml-guide")),
    Edit("relative-link", bad_url("/docs/ml-guide.html")),
    Edit("protocol-relative-link", bad_url("//example.org/ml-guide")),
    Edit("link-with-space", bad_url("https://example.org/ml guide")),
    Edit("data-uri-link", bad_url("data:text/html;base64,PHNjcmlwdD4=")),
    Edit("duplicate-link", duplicate_url),
    Edit("near-duplicate-www-and-slash", near_duplicate(lambda u: u.replace("https://", "https://www.", 1).rstrip("/") + "/")),
    Edit("near-duplicate-no-trailing-slash-upper-host",
         near_duplicate(lambda u: "https://" + u[8:].split("/", 1)[0].upper() + "/" + u[8:].split("/", 1)[1].rstrip("/") + "#intro")),
    Edit("near-duplicate-utm", near_duplicate(lambda u: u + "?utm_source=newsletter", tracking="utm_source")),
    Edit("tracking-parameters", tracking_link),
    Edit("lookalike-letter-in-host", lookalike_host),
    Edit("lookalike-letter-in-id", lookalike_resource_id),
    Edit("upper-case-id", resource_field("id", "Python-Guide", ID_PATTERN,
                                         "ids are lowercase ASCII letters, digits and single hyphens, e.g. `numpy-arrays`")),
    Edit("duplicate-resource-id", duplicate_resource_id),
    Edit("empty-title", resource_field("title", "''", "String should have at least 2 characters",
                                       "fill it in; empty entries are not shown")),
    Edit("over-long-title", resource_field("title", "x" * 121, "String should have at most 120 characters",
                                           "shorten it; long text belongs in a linked resource")),
    Edit("over-long-why", resource_field("why", LONG, "String should have at most 300 characters",
                                         "shorten it; long text belongs in a linked resource")),
    Edit("over-long-duration", resource_field("duration", "about " + "ten " * 10 + "hours",
                                              "String should have at most 40 characters",
                                              "shorten it; long text belongs in a linked resource",
                                              rid=next(r["id"] for r in topic_of(FIRST)["resources"] if r.get("duration")))),
    Edit("missing-why", missing_field("why", "add `why:` (One sentence on why this resource is worth the learner's time.)")),
    Edit("missing-added", missing_field("added", "add `added:` (Date the resource joined the book (YYYY-MM-DD); "
                                                 "feeds the changelog.)")),
    Edit("misspelt-field", misspelt_field),
    Edit("unknown-type", resource_field("type", "blog",
                                        "Input should be 'docs', 'book', 'course', 'video', 'paper', 'tutorial' or 'tool'",
                                        "use one of the allowed values")),
    Edit("unknown-cost", resource_field("cost", "cheap", "Input should be 'free', 'freemium' or 'paid'",
                                        "use one of the allowed values")),
    Edit("unknown-level", resource_field("level", "expert", "Input should be 'beginner', 'intermediate' or 'advanced'",
                                         "use one of the allowed values")),
    Edit("quoted-date", resource_field("added", "'2026-11-23'", "Input should be a valid date",
                                       "write the date as YYYY-MM-DD without quotes")),
    Edit("day-first-date", resource_field("added", "23/11/2026", "Input should be a valid date",
                                          "write the date as YYYY-MM-DD without quotes")),
    Edit("future-date", resource_field("added", "2099-01-01", "date 2099-01-01 is in the future",
                                       "write the day the resource joins the book (YYYY-MM-DD); it orders the changelog")),
    Edit("duplicate-key", duplicate_key),
    Edit("tab-indentation", tab_indent),
    Edit("unquoted-colon", unquoted_colon),
    Edit("too-many-resources", too_many_resources),
    Edit("no-free-resource", no_free_resource),
    Edit("hours-as-text", topic_field("hours", "'6'", "Input should be a valid integer", "write a plain number without quotes")),
    Edit("zero-hours", topic_field("hours", "0", "Input should be greater than or equal to 1", "use a value in the allowed range")),
    Edit("duplicate-topic-id", duplicate_topic_id, knock_on=True),
    Edit("stage-unknown-phase", stage_unknown_phase),
    Edit("stage-unknown-topic", stage_unknown_topic),
    Edit("track-weeks-do-not-add-up", track_weeks),
    Edit("rating-without-source", rating_without_source),
    Edit("rating-without-date", rating_without_date),
    Edit("rating-above-scale", rating_above_scale),
    Edit("course-without-url", course_without_url),
    Edit("course-http-link", course_http_link),
    Edit("course-unknown-phase", course_edit("    phases:\n      - {phases[0]}\n", "    phases:\n      - {phases[0]}x\n",
                                             "phases[0]", f"unknown phase '{COURSE['phases'][0]}x' — use one of: "
                                             + ", ".join(p["id"] for p in LIVE["phases"]), offset=1)),
    Edit("version-as-text", version_quoted),
    Edit("missing-notebook", missing_notebook),
    Edit("course-names-a-topic-id", course_names_a_topic_id),
    Edit("course-avoided-spelling", course_avoided_spelling),
]

assert len(CORPUS) >= 30 and len({e.name for e in CORPUS}) == len(CORPUS)


def problems(book: BookCopy, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The checker's problems for the copy, as printed (`curriculum.yml:LINE: …`)."""
    monkeypatch.chdir(book.root)
    try:
        load_checked(book.data, docs_dir=book.root / "docs")
    except CurriculumError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture(scope="module", autouse=True)
def live_file_untouched():
    before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    yield
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == before, "a test changed the live curriculum.yml"


def test_the_unedited_copy_is_clean(book_copy: BookCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(book_copy, monkeypatch) == []


@pytest.mark.parametrize("bad", CORPUS, ids=lambda e: e.name)
def test_checker_refuses_bad_edit(book_copy: BookCopy, monkeypatch: pytest.MonkeyPatch, bad: Edit) -> None:
    before = book_copy.read()
    expected = bad.apply(book_copy)
    assert book_copy.read() != before, "the edit changed nothing"
    found = problems(book_copy, monkeypatch)
    message = "\n".join(["expected:", *expected, "found:", *found])
    if bad.knock_on:
        assert set(expected) <= set(found), message
    else:
        assert found == sorted(expected, key=_order), message


def _order(line: str) -> tuple:
    file, number, rest = line.split(":", 2)
    return (file, int(number), rest)


SAMPLE = ["javascript-link", "near-duplicate-utm", "lookalike-letter-in-host", "too-many-resources",
          "unquoted-colon", "stage-unknown-topic", "rating-without-source", "course-names-a-topic-id",
          "course-avoided-spelling"]


@pytest.mark.parametrize("name", SAMPLE)
def test_build_refuses_bad_edit(book_copy: BookCopy, name: str) -> None:
    bad = next(e for e in CORPUS if e.name == name)
    expected = bad.apply(book_copy)
    result = book_copy.build()
    assert result.returncode != 0
    for line in expected:
        assert line in result.stderr, result.stderr[-2000:]
    assert not (book_copy.root / "site" / "index.html").exists()


def test_command_prints_problems_and_exits_1(book_copy: BookCopy) -> None:
    expected = sorted(next(e for e in CORPUS if e.name == "near-duplicate-utm").apply(book_copy), key=_order)
    result = book_copy.check()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, f"{len(expected)} problem(s) in curriculum.yml"]
    assert "::error" not in result.stdout  # annotations only under GitHub Actions


def test_github_actions_annotates_each_problem(book_copy: BookCopy) -> None:
    expected = sorted(next(e for e in CORPUS if e.name == "near-duplicate-utm").apply(book_copy), key=_order)
    result = subprocess.run([sys.executable, "scripts/check_curriculum.py"], cwd=book_copy.root,
                            env={**ENV, "GITHUB_ACTIONS": "true"}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    want = []
    for line in expected:
        file, number, rest = line.split(":", 2)
        want.append(f"::error file={file},line={number},title=curriculum::{rest.strip()}")
    assert annotations == want
