"""Everything the book recommends as one catalogue, computed once for the finder.

Every resource of every topic and every course of the courses page becomes an
`Item` with what a learner filters and compares by: type, level, cost,
provider, duration (as written, and in hours when it can be read), the topics,
phases and tracks it serves, and why it is worth the time. `export()` packs
the catalogue and the word list (finder_words.py) into the compact data the
finder page embeds; the browser only ranks and picks from it.

Links are docs paths with an anchor ("phases/nlp.md#rag"); the caller turns
them into URLs (the MkDocs adapter makes them relative to the finder page).
Fields that later data may add (a course's duration, tools, prerequisites;
a topic's prerequisites) are read when the models have them.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass

from ..data.models import Cost, Curriculum, Level, ResourceType
from . import finder_words
from .book import phase_page

COURSES_PAGE = "courses/index.md"
FINDER_PAGE = "finder.md"
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hours?|hrs?|min|mins|minutes?)\b", re.I)
_PER_WEEK = re.compile(r"(\d+(?:\.\d+)?)\s*weeks?\D+?(\d+(?:\.\d+)?)\s*(?:h|hours?)\b", re.I)


def hours(duration: str | None) -> float | None:
    """'1.5 h' -> 1.5, '30 min' -> 0.5, '6 weeks at 5 h a week' -> 30; None when unclear."""
    if not duration:
        return None
    weekly = _PER_WEEK.search(duration)
    if weekly:
        return float(weekly.group(1)) * float(weekly.group(2))
    if re.search(r"\b(weeks?|months?|days?)\b", duration, re.I):
        return None
    amount = _AMOUNT.search(duration)
    if not amount:
        return None
    value = float(amount.group(1))
    return round(value / 60, 2) if amount.group(2).lower().startswith("m") else value


def provider_group(provider: str) -> str:
    """The name a provider is filtered by: 'Coursera (University of Michigan)' -> 'Coursera'."""
    return provider.split(" (", 1)[0].strip() or provider


def _texts(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    course: bool  # one of the courses page's recommendations
    title: str
    url: str | None
    provider: str
    level: str
    cost: str
    duration: str | None
    hours: float | None
    topics: tuple[str, ...]
    phases: tuple[str, ...]
    tracks: tuple[str, ...]
    why: str
    gap: str
    when: str
    tools: tuple[str, ...]
    prerequisites: tuple[str, ...]
    place: str  # where the book explains it: a docs path and anchor


def course_item_id(course_id: str) -> str:
    """Courses share the courses page's anchors, so their ids never meet a resource's."""
    return f"course-{course_id}"


def course_topics(cur: Curriculum, course, words: finder_words.FinderWords | None) -> tuple[str, ...]:
    """The topics of a course's phases that its own text names (by title, the
    head of the title or id), and the topics of a group it names ("MLOps")."""
    text = f" {finder_words.key(' '.join([course.title, course.gap, course.why, course.when]))} "

    def names(*phrases: str) -> bool:
        return any(k and f" {k} " in text for k in map(finder_words.key, phrases))

    mine = [t for p in course.phases for t in cur.phase(p).topics]
    out = [t.id for t in mine if names(t.title, finder_words.short_title(t.title), t.id.replace("-", " "))]
    for group in (words.synonyms.groups.values() if words else ()):
        if names(*group.words):
            out += [t.id for t in mine if t.id in group.topics and t.id not in out]
    return tuple(out)


def items(cur: Curriculum, words: finder_words.FinderWords | None = None) -> list[Item]:
    """Every resource in book order, then every course."""
    out = []
    for phase, topic in cur.topics():
        needs = tuple(cur.topic(t).title for t in getattr(topic, "prerequisites", None) or ())
        for r in topic.resources:
            out.append(Item(
                id=r.id, type=r.type, course=False, title=r.title, url=r.url, provider=r.provider, level=r.level,
                cost=r.cost, duration=r.duration, hours=hours(r.duration), topics=(topic.id,), phases=(phase.id,),
                tracks=tuple(cur.tracks_of(topic.id)), why=r.why, gap="", when="",
                tools=_texts(getattr(r, "tools", None)), prerequisites=_texts(getattr(r, "prerequisites", None)) or needs,
                place=f"{phase_page(phase.id)}#{topic.id}",
            ))
    for c in cur.courses:
        tracks = {t for p in c.phases for topic in cur.phase(p).topics for t in cur.tracks_of(topic.id)}
        duration = getattr(c, "duration", None)
        out.append(Item(
            id=course_item_id(c.id), type="course", course=True, title=c.title, url=c.url, provider=c.provider,
            level=c.level, cost=c.cost, duration=duration, hours=hours(duration), topics=course_topics(cur, c, words),
            phases=tuple(c.phases),
            tracks=tuple(t.id for t in cur.tracks if t.id in tracks), why=c.why, gap=c.gap, when=c.when,
            tools=_texts(getattr(c, "tools", None)), prerequisites=_texts(getattr(c, "prerequisites", None)),
            place=f"{COURSES_PAGE}#{course_item_id(c.id)}",
        ))
    ids = [i.id for i in out]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"two catalogue items share the id '{dup}'")
    return out


def by_phase(cur: Curriculum, catalogue: list[Item]) -> list[tuple[object, list[Item]]]:
    """Each phase with its courses first, then its resources in book order (the page without JavaScript)."""
    return [(p, [i for i in catalogue if i.course and p.id in i.phases] + [i for i in catalogue if not i.course and p.id in i.phases])
            for p in cur.phases]


def facets(cur: Curriculum, catalogue: list[Item]) -> dict[str, list[str]]:
    """The values each filter offers, in the models' order (providers by name)."""
    def present(choices, field):
        return [v for v in typing.get_args(choices) if any(getattr(i, field) == v for i in catalogue)]

    return {
        "type": present(ResourceType, "type"),
        "level": present(Level, "level"),
        "cost": present(Cost, "cost"),
        "provider": sorted({provider_group(i.provider) for i in catalogue}, key=str.casefold),
    }


def _column(values: list) -> list | None:
    return values if any(v not in (None, "", [], ()) for v in values) else None


def export(cur: Curriculum, words: finder_words.FinderWords, link: Callable[[str], str] = str) -> dict:
    """The catalogue as the finder page embeds it: tables of phases, topics,
    tracks and providers, and the items as columns (one list per field) that
    point into them. Columns nobody fills are left out."""
    catalogue = items(cur, words)
    phase_ix = {p.id: n for n, p in enumerate(cur.phases)}
    topic_ix = {t.id: n for n, (_, t) in enumerate(cur.topics())}
    track_ix = {t.id: n for n, t in enumerate(cur.tracks)}
    providers = list(dict.fromkeys(i.provider for i in catalogue))
    provider_ix = {p: n for n, p in enumerate(providers)}
    groups = facets(cur, catalogue)["provider"]
    columns = {
        "id": [i.id for i in catalogue],
        "type": [i.type for i in catalogue],
        "course": [int(i.course) for i in catalogue],
        "title": [i.title for i in catalogue],
        "url": [i.url or "" for i in catalogue],
        "provider": [provider_ix[i.provider] for i in catalogue],
        "level": [i.level for i in catalogue],
        "cost": [i.cost for i in catalogue],
        "duration": [i.duration or "" for i in catalogue],
        "hours": [i.hours for i in catalogue],
        "topics": [[topic_ix[t] for t in i.topics] for i in catalogue],
        "phases": [[phase_ix[p] for p in i.phases] for i in catalogue],
        "tracks": [[track_ix[t] for t in i.tracks] for i in catalogue],
        "why": [i.why for i in catalogue],
        "gap": [i.gap for i in catalogue],
        "when": [i.when for i in catalogue],
        "tools": [list(i.tools) for i in catalogue],
        "prerequisites": [list(i.prerequisites) for i in catalogue],
        "place": [link(i.place) if i.course else "" for i in catalogue],  # a resource's place is its topic's
    }
    return {
        "version": 1,
        "count": len(catalogue),
        "phases": [[p.id, p.title, link(phase_page(p.id)), p.summary] for p in cur.phases],
        "topics": [[t.id, t.title, phase_ix[p.id], link(f"{phase_page(p.id)}#{t.id}"), " ".join([*t.subtopics, t.summary])]
                   for p, t in cur.topics()],
        "tracks": [[t.id, t.title] for t in cur.tracks],
        "providers": [[p, groups.index(provider_group(p))] for p in providers],
        "groups": groups,
        "items": {k: v for k, v in columns.items() if _column(v) is not None},
        "words": finder_words.export(cur, words, groups),
    }
