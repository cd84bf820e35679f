"""The finder's word list: a small YAML file beside this module, typed and checked.

`finder_words.yml` says which question words become filters (a type, level,
cost, the sort order, a phase, topic or track) and which words only widen or
say nothing. `load()` reads it through the data file's own safe parser and a
strict model; `check()` refuses ids the curriculum does not have and a word
that two entries claim. `phrases()` merges it with what the data itself names
(topic, phase and track titles, providers) into the one table the browser
matches questions against, in order of precedence.

`tokens()` is the normalisation the finder uses everywhere (docs/javascripts/
finder-search.js has the same rules; tests/browser/test_finder.py checks they
agree): lower case, accents dropped, split on anything but letters and
digits, a plural ending removed.
"""

from __future__ import annotations

import pathlib
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError

from ..data.load import parse, problems_from_validation
from ..data.models import Cost, Curriculum, Id, Level, ResourceType, Strict, Title, TrackId
from ..data.problems import CurriculumError, Problem, field_name

WORDS_FILE = pathlib.Path(__file__).resolve().parent / "finder_words.yml"
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Word = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$", max_length=30)]
Example = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]


class FacetWords(Strict):
    type: dict[ResourceType, list[Phrase]] = Field(default_factory=dict)
    level: dict[Level, list[Phrase]] = Field(default_factory=dict)
    cost: dict[Cost, list[Phrase]] = Field(default_factory=dict)
    sort: dict[Literal["short"], list[Phrase]] = Field(default_factory=dict)


class Group(Strict):
    """Several topics a learner names with one word ("MLOps")."""

    title: Title
    topics: list[Id] = Field(min_length=2)
    words: list[Phrase] = Field(min_length=1)


class Synonyms(Strict):
    phases: dict[Id, list[Phrase]] = Field(default_factory=dict)
    topics: dict[Id, list[Phrase]] = Field(default_factory=dict)
    tracks: dict[TrackId, list[Phrase]] = Field(default_factory=dict)
    groups: dict[Id, Group] = Field(default_factory=dict)


class FinderWords(Strict):
    """What finder_words.yml holds (see the comments in that file)."""

    facets: FacetWords
    synonyms: Synonyms = Field(default_factory=Synonyms)
    expand: dict[Word, list[Word]] = Field(default_factory=dict)
    stopwords: list[Word] = Field(default_factory=list)
    compare: list[Phrase] = Field(default_factory=list)
    typical_hours: dict[ResourceType, float] = Field(default_factory=dict)
    examples: list[Example] = Field(min_length=1)


_SPLIT = re.compile(r"[^a-z0-9]+")


def stem(word: str) -> str:
    """A plural ending off: courses -> course, studies -> study, classes -> class."""
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_MARKS = re.compile("[\u0300-\u036f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def tokens(text: str) -> list[str]:
    """The normalised words of a text, as the finder compares them."""
    plain = _NON_ASCII.sub(" ", _MARKS.sub("", unicodedata.normalize("NFKD", text))).lower()
    return [stem(w) for w in _SPLIT.split(plain) if w]


def key(text: str) -> str:
    return " ".join(tokens(text))


def load(path: pathlib.Path = WORDS_FILE) -> tuple[FinderWords, object]:
    """The word list and where each of its entries starts (for problems)."""
    file = path.name
    data, lines = parse(path.read_text(encoding="utf-8"), file)
    try:
        return FinderWords.model_validate(data), lines
    except ValidationError as exc:
        raise CurriculumError(problems_from_validation(exc, lines, file)) from None


def _entries(words: FinderWords):
    """(path in the file, phrase, kind, value) for every phrase, in precedence order."""
    for kind in ("type", "level", "cost", "sort"):
        for value, phrases in getattr(words.facets, kind).items():
            for i, phrase in enumerate(phrases):
                yield ("facets", kind, value, i), phrase, kind, value
    for i, phrase in enumerate(words.compare):
        yield ("compare", i), phrase, "compare", ""
    for group, kind in (("phases", "phase"), ("topics", "topic"), ("tracks", "track")):
        for value, phrases in getattr(words.synonyms, group).items():
            for i, phrase in enumerate(phrases):
                yield ("synonyms", group, value, i), phrase, kind, value
    for value, group in words.synonyms.groups.items():
        for i, phrase in enumerate(group.words):
            yield ("synonyms", "groups", value, "words", i), phrase, "topic", value


def check(words: FinderWords, lines, cur: Curriculum, file: str = WORDS_FILE.name) -> None:
    """Raise CurriculumError for ids the data lacks and words claimed twice."""
    problems: list[Problem] = []

    def report(path: tuple, message: str, hint: str) -> None:
        problems.append(Problem(file, lines.line(path), field_name(path), message, hint))

    known = {"phases": {p.id for p in cur.phases}, "topics": {t.id for _, t in cur.topics()},
             "tracks": {t.id for t in cur.tracks}}
    for group, ids in known.items():
        for value in getattr(words.synonyms, group):
            if value not in ids:
                report(("synonyms", group, value), f"unknown {group[:-1]} '{value}'",
                       f"use the id of one of the {group} in curriculum.yml")
    for value, group in words.synonyms.groups.items():
        if value in known["topics"]:
            report(("synonyms", "groups", value), f"group '{value}' has the id of a topic", "give the group an id of its own")
        for i, topic in enumerate(group.topics):
            if topic not in known["topics"]:
                report(("synonyms", "groups", value, "topics", i), f"unknown topic '{topic}'",
                       "use the id of one of the topics in curriculum.yml")
    stop = {stem(w) for w in words.stopwords}
    seen: dict[str, tuple] = {}
    for path, phrase, _, _ in _entries(words):
        k = key(phrase)
        if not k:
            report(path, f"'{phrase}' has no letters or digits", "write the word as learners type it")
        elif k in seen:
            report(path, f"'{phrase}' is already listed at {field_name(seen[k])}",
                   "a word can mean one thing only; keep the entry you want")
        elif k in stop:
            report(path, f"'{phrase}' is also a stopword", "remove it from one of the two lists")
        else:
            seen[k] = path
    if problems:
        raise CurriculumError(problems)


def short_title(title: str) -> str:
    """The head of a long title, as learners shorten it: 'Object detection with
    YOLO and SSD' -> 'Object detection'."""
    head = re.split(r"\s(?:with|for|from)\s|:\s|,\s|\s\(", title, maxsplit=1)[0]
    return head if head != title else ""


def phrases(cur: Curriculum, words: FinderWords, providers: list[str]) -> list[list[str]]:
    """[normalised phrase, kind, value] for every phrase the finder matches,
    the word list's first, then the data's titles, then provider names. When
    two entries normalise alike the first is kept."""
    out: list[list[str]] = []
    seen: set[str] = set()

    def add(text: str, kind: str, value: str) -> None:
        k = key(text)
        if k and k not in seen:
            seen.add(k)
            out.append([k, kind, value])

    for _, phrase, kind, value in _entries(words):
        add(phrase, kind, value)
    for _, topic in cur.topics():
        add(topic.title, "topic", topic.id)
        add(short_title(topic.title), "topic", topic.id)
    for phase in cur.phases:
        add(phase.title, "phase", phase.id)
        add(short_title(phase.title), "phase", phase.id)
    for track in cur.tracks:
        add(track.title, "track", track.id)
    for name in providers:
        add(name, "provider", name)
    return out


def export(cur: Curriculum, words: FinderWords, providers: list[str]) -> dict:
    """The word list as the browser reads it (short keys; see finder-search.js)."""
    return {
        "phrases": phrases(cur, words, providers),
        "expand": {stem(w): [stem(x) for x in more] for w, more in words.expand.items()},
        "stop": sorted({stem(w) for w in words.stopwords}),
        "topicGroups": [[gid, g.title, g.topics] for gid, g in words.synonyms.groups.items()],
        "hours": words.typical_hours,
        "examples": words.examples,
    }
