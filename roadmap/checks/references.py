"""What a reviewer would catch, checked on the typed curriculum.

`load.load()` guarantees the shape; these checks cover what a schema cannot:
unique ids and links, references that resolve, and a plan that fits its weeks.
Every check reports all problems at once, naming the allowed values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import pathlib
from collections import Counter
from typing import Iterator

from ..data.durations import duration_hours
from ..data.load import Lines, load
from ..data.glossary import with_capital
from ..data.models import Curriculum
from ..data.problems import CurriculumError, Path, Problem, field_name
from . import published
from .links import normalise_url, url_fields, url_problems
from .order import order_problems
from .prose import id_problems, notebook_spelling_problems, spelling_problems
from .questions import question_problems, readiness_problems
from .text import character_problems

MAX_RESOURCES_PER_TOPIC = 4
class Checker:
    def __init__(self, cur: Curriculum, lines: Lines, file: str, docs_dir: pathlib.Path):
        self.cur, self.lines, self.file, self.docs_dir = cur, lines, file, docs_dir
        self.problems: list[Problem] = []

    def report(self, path: Path, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, self.lines.line(path), field_name(path), message, hint))

    # -- helpers ------------------------------------------------------------

    def _unique(self, what: str, items: Iterator[tuple[Path, str]], hint: str) -> None:
        first: dict[str, Path] = {}
        for path, value in items:
            if value in first:
                self.report(path, f"duplicate {what} '{value}' (also at line {self.lines.line(first[value])})", hint)
            else:
                first[value] = path

    def _known(self, path: Path, value: str, allowed: list[str], what: str) -> None:
        if value in allowed:
            return
        close = difflib.get_close_matches(value, allowed, n=3, cutoff=0.6)
        if len(allowed) <= 12:
            hint = f"use one of: {', '.join(allowed)}"
        elif close:
            hint = f"did you mean {' or '.join(repr(c) for c in close)}? {what} ids are the `id:` fields under `phases:`"
        else:
            hint = f"use the `id:` of an existing {what} (see `phases:` in curriculum.yml)"
        self.report(path, f"unknown {what} '{value}'", hint)

    # -- the checks ---------------------------------------------------------

    def ids(self) -> None:
        c = self.cur
        self._unique("phase id", ((("phases", i, "id"), p.id) for i, p in enumerate(c.phases)), "give each phase its own id")
        self._unique("track id", ((("tracks", i, "id"), t.id) for i, t in enumerate(c.tracks)), "each track appears once")
        topics = [(("phases", i, "topics", j, "id"), t.id) for i, p in enumerate(c.phases) for j, t in enumerate(p.topics)]
        self._unique("topic id", iter(topics), "topic ids are unique across the book: learners' progress is keyed by them")
        self._unique("resource id", (
            (("phases", i, "topics", j, "resources", k, "id"), r.id)
            for i, p in enumerate(c.phases) for j, t in enumerate(p.topics) for k, r in enumerate(t.resources)
        ), "prefix the resource id with its topic id, e.g. `numpy-arrays-official-guide`")
        self._unique("readiness id", (
            (("phases", i, "readiness", j, "id"), s.id) for i, p in enumerate(c.phases) for j, s in enumerate(p.readiness)
        ), "prefix it with the phase id")
        for key in ("courses", "faqs", "tools", "guides"):
            self._unique(f"{key[:-1]} id", (((key, i, "id"), x.id) for i, x in enumerate(getattr(c, key))), "give each entry its own id")
        self._unique("glossary term", self._glossary_spellings(),
                     "define each term once; put another spelling of it in that entry's `aliases:`")
        self._unique("glossary anchor", ((("glossary", i, "term"), e.anchor) for i, e in enumerate(c.glossary)),
                     "two terms that differ only in case or punctuation share an anchor on the glossary page; merge them")
        for i, track in enumerate(c.tracks):
            self._unique("stage id", ((("tracks", i, "stages", j, "id"), s.id) for j, s in enumerate(track.stages)),
                         "stage ids are unique within a track")

    def _glossary_spellings(self) -> Iterator[tuple[Path, str]]:
        """Each way the text may write a glossary term (as `GlossaryEntry.spellings`), with its field."""
        for i, entry in enumerate(self.cur.glossary):
            words = [(("glossary", i, "term"), entry.term)]
            words += [(("glossary", i, "aliases", k), alias) for k, alias in enumerate(entry.aliases)]
            for path, word in words:
                for form in with_capital(word):
                    yield path, form

    def published_ids(self) -> None:
        record = published.read_record(self.docs_dir.parent)
        for path, message, hint in published.problems(self.cur, record):
            self.report(path or ("phases",), message, hint)

    def path_shape(self) -> None:
        for path, message, hint in order_problems(self.cur):
            self.report(path, message, hint)

    def self_checks(self) -> None:
        for source in (question_problems, readiness_problems):
            for path, message, hint in source(self.cur):
                self.report(path, message, hint)

    def characters(self) -> None:
        for path, message, hint in character_problems(self.cur):
            self.report(path, message, hint)

    def prose(self) -> None:
        for source in (id_problems, spelling_problems):
            for path, message, hint in source(self.cur):
                self.report(path, message, hint)
        for file, cell, message, hint in notebook_spelling_problems(self.docs_dir):
            self.problems.append(Problem(file, 0, f"cell {cell}", message, hint))  # line 0: a cell, not a line

    def urls(self) -> None:
        first: dict[str, tuple[Path, str]] = {}
        for path, url in url_fields(self.cur):
            for message, hint in url_problems(url):
                self.report(path, message, hint)
            key = normalise_url(url)
            if key in first:
                other_path, other = first[key]
                where = f"line {self.lines.line(other_path)}"
                message = (f"duplicate link: the same URL is already at {where}" if other == url
                           else f"near-duplicate of {other} at {where} (the same page once scheme, www., "
                                "trailing slash or dot, default port, dot segments, percent-encoding and tracking parameters are ignored)")
                self.report(path, message, "each link appears once in the book; add a sentence to the existing entry instead")
            else:
                first[key] = (path, url)

    def resources(self) -> None:
        latest = dt.date.today() + dt.timedelta(days=1)  # a day of slack for time zones
        for i, phase in enumerate(self.cur.phases):
            for j, topic in enumerate(phase.topics):
                base = ("phases", i, "topics", j, "resources")
                if len(topic.resources) > MAX_RESOURCES_PER_TOPIC:
                    self.report(base + (MAX_RESOURCES_PER_TOPIC,),
                                f"{len(topic.resources)} resources on topic '{topic.id}'; at most {MAX_RESOURCES_PER_TOPIC}",
                                "replace the weakest resource rather than adding another")
                if topic.resources and all(r.cost != "free" for r in topic.resources):
                    self.report(base, f"topic '{topic.id}' has no free resource",
                                "the book is free first: add a resource with `cost: free` before paid or freemium ones")
                ids = [r.id for r in topic.resources]
                start = ids.index(topic.start_with) if topic.start_with in ids else None
                if start is None:
                    self._known(("phases", i, "topics", j, "start_with"), topic.start_with, ids, "resource")
                first = topic.resources[start] if start is not None else None
                hours = duration_hours(first.duration) if first else None
                if first and hours is None:
                    self.report(base + (start, "duration"), f"cannot read hours from duration '{first.duration}'",
                                "write it like '45 min', '6 h' or '11 weeks at 4 h'")
                elif first and hours > topic.hours:
                    self.report(base + (start, "duration"),
                                f"the resource to start with takes {hours:g} h, more than the topic's {topic.hours} h",
                                "raise the topic's `hours:`, name the part to study in `duration:`, or start with a shorter resource (`start_with:`)")
                for k, resource in enumerate(topic.resources):
                    if resource.added > latest:
                        self.report(base + (k, "added"), f"date {resource.added} is in the future",
                                    "write the day the resource joins the book (YYYY-MM-DD); it orders the changelog")

    def references(self) -> None:
        c = self.cur
        phase_ids = [p.id for p in c.phases]
        topic_ids = [t.id for _, t in c.topics()]
        for i, track in enumerate(c.tracks):
            for j, stage in enumerate(track.stages):
                base = ("tracks", i, "stages", j)
                if stage.phase:
                    self._known(base + ("phase",), stage.phase, phase_ids, "phase")
                for k, topic_id in enumerate(stage.topics):
                    self._known(base + ("topics", k), topic_id, topic_ids, "topic")
                for k, topic_id in enumerate(stage.electives):
                    self._known(base + ("electives", k), topic_id, topic_ids, "topic")
                if not stage.phase and not stage.topics:
                    self.report(base, "stage has neither `phase:` nor `topics:`", "add `phase: <phase id>` or a `topics:` list")
                if stage.electives and not stage.elective_hours:
                    self.report(base + ("electives",), "electives without `elective_hours`", "add the hours reserved for the chosen elective")
        for key in ("courses", "tools"):
            for i, item in enumerate(getattr(c, key)):
                for k, phase_id in enumerate(item.phases):
                    self._known((key, i, "phases", k), phase_id, phase_ids, "phase")
        for i, entry in enumerate(c.glossary):
            self._known(("glossary", i, "topic"), entry.topic, topic_ids, "topic")
        projects = [(("phases", i, "project"), p.project, [t.id for t in p.topics], "phase")
                    for i, p in enumerate(c.phases)]
        projects += [(("tracks", i, "stages", j, "project"), s.project, s.topics + s.electives, "stage")
                     for i, track in enumerate(c.tracks) for j, s in enumerate(track.stages) if s.project]
        for base, project, own_topics, what in projects:
            notebooks = [(base + ("notebook",), project.notebook)]
            notebooks += [(base + ("practice", k, "notebook"), p.notebook) for k, p in enumerate(project.practice)]
            for path, nb in notebooks:
                if nb and not (self.docs_dir / nb).is_file():
                    self.report(path, f"notebook '{nb}' does not exist under docs/", "add the notebook or remove the line")
            for k, practice in enumerate(project.practice):
                for m, topic_id in enumerate(practice.topics):  # a practice notebook serves its own phase or stage
                    if topic_id not in own_topics:
                        self.report(base + ("practice", k, "topics", m), f"topic '{topic_id}' is not one of this {what}'s topics",
                                    f"use one of: {', '.join(own_topics)}")
        latest = dt.date.today() + dt.timedelta(days=1)  # a day of slack for time zones
        for i, course in enumerate(c.courses):
            rating = course.rating
            if rating is None:
                continue
            if rating.score > rating.scale:
                self.report(("courses", i, "rating", "score"), f"score {rating.score} is above its scale {rating.scale}",
                            "write the score on the scale the source uses")
            if rating.read > latest:
                self.report(("courses", i, "rating", "read"), f"date {rating.read} is in the future",
                            "write the day you read the score at its source")

    def tracks(self) -> None:
        c = self.cur
        if not c.tracks:
            return
        known = {p.id for p in c.phases} | {t.id for _, t in c.topics()}
        for i, track in enumerate(c.tracks):
            total = sum(s.weeks for s in track.stages)
            if total != track.weeks:
                self.report(("tracks", i, "weeks"), f"track says {track.weeks} weeks but its stages add up to {total}",
                            "make the stage weeks add up to the track's weeks")
            counts: Counter[str] = Counter()
            for j, stage in enumerate(track.stages):
                if (stage.phase and stage.phase not in known) or any(t not in known for t in stage.topics + stage.electives):
                    continue  # already reported as an unknown reference
                topics = c.stage_topics(stage)
                counts.update(t.id for t in topics)
                project = stage.project or (c.phase(stage.phase).project if stage.phase else None)
                if project is None:
                    self.report(("tracks", i, "stages", j), f"stage '{stage.id}' builds no project",
                                "add `project:` (title, brief, deliverables, rubric, milestones, datasets), or follow a phase with `phase:`")
                topic_hours = sum(t.hours for t in topics)
                project_hours = project.hours if project else 0
                need = topic_hours + stage.elective_hours + project_hours
                have = stage.weeks * track.hours_per_week
                parts = f"topics {topic_hours} h, elective {stage.elective_hours} h, project {project_hours} h"
                if need > have:
                    self.report(("tracks", i, "stages", j, "weeks"),
                                f"stage '{stage.id}' needs {need} h ({parts}) but {stage.weeks} weeks x "
                                f"{track.hours_per_week} h/week gives {have} h: over by {need - have} h",
                                "lower topic or milestone hours, move a topic to another stage, or give the stage more weeks")
                elif have - need >= track.hours_per_week:
                    self.report(("tracks", i, "stages", j, "weeks"),
                                f"stage '{stage.id}' plans {need} h ({parts}) in {stage.weeks} weeks x "
                                f"{track.hours_per_week} h/week = {have} h: {have - need} h, a week or more, would be filler",
                                "give the stage fewer weeks, or plan real work: a topic or a project milestone")
            for topic_id, n in counts.items():
                if n > 1:
                    self.report(("tracks", i, "stages"), f"topic '{topic_id}' appears in {n} stages of track '{track.id}'",
                                "list each topic in one stage of a track")
        in_tracks = {t for track in c.tracks for s in track.stages if not (s.phase and s.phase not in known)
                     and all(x in known for x in s.topics + s.electives) for t in [x.id for x in c.stage_topics(s)] + s.electives}
        for i, phase in enumerate(c.phases):
            for j, topic in enumerate(phase.topics):
                if topic.id not in in_tracks:
                    self.report(("phases", i, "topics", j, "id"), f"topic '{topic.id}' is in no track",
                                "add it to a stage's `topics:` in `tracks:` (deep-track stages include their phase's topics)")

    def run(self) -> list[Problem]:
        for check in (self.ids, self.published_ids, self.characters, self.prose, self.urls, self.self_checks, self.resources, self.references, self.tracks, self.path_shape):
            check()
        return self.problems


def check(cur: Curriculum, lines: Lines, file: str, docs_dir: pathlib.Path) -> list[Problem]:
    return Checker(cur, lines, file, docs_dir).run()


def load_checked(path: pathlib.Path, *, docs_dir: pathlib.Path | None = None) -> Curriculum:
    """Load the data file and run every check; raise CurriculumError listing
    every problem. This is what the build and the command both call."""
    cur, lines = load(path)
    file = _display(path)
    problems = check(cur, lines, file, docs_dir or path.resolve().parent / "docs")
    if problems:
        raise CurriculumError(problems)
    return cur


def _display(path: pathlib.Path) -> str:
    from ..data.load import _display as display

    return display(path)
