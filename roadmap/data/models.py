"""Typed models of the curriculum: the one source of truth for its shape.

`curriculum.yml` is parsed into these models; `curriculum.schema.json` is
generated from them (`python scripts/write_schema.py`), so editors, the checker
and the book can never disagree about which fields exist.

Every model forbids unknown fields and uses strict types, so a typo in the data
file is an error with a line number, never a silently ignored key.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, StringConstraints

from .glossary import GlossaryEntry
from .practice import NotebookPath, Practice
from .questions import QUESTION_KINDS, Question
from .types import (ID_PATTERN, TRACK_IDS, URL_MARK, Cost, Explanation, HttpsUrl, Id, Level, Paragraph,
                    ResourceType, Sentence, Strict, Title, TrackId)

__all__ = ["ID_PATTERN", "QUESTION_KINDS", "TRACK_IDS", "URL_MARK", "Cost", "Curriculum", "HttpsUrl", "Id", "Level",
           "Question", "ResourceType", "TrackId"]


class Resource(Strict):
    """A link a learner follows to study a topic."""

    id: Id
    title: Title
    url: HttpsUrl
    type: ResourceType
    level: Level
    cost: Cost
    provider: Title
    duration: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40)] = Field(
        description="Time to work through the part the learner needs, e.g. '45 min', '6 h' or '11 weeks at 4 h'.")
    why: Sentence = Field(description="One sentence on why this resource is worth the learner's time.")
    added: dt.date = Field(description="Date the resource joined the book (YYYY-MM-DD); feeds the changelog.")


class Example(Strict):
    """A short snippet the lesson works through, with what it prints; the tests run it and compare."""

    intro: Sentence = Field(description="What the snippet shows, in one sentence.")
    code: Annotated[str, StringConstraints(min_length=1, max_length=1000)] = Field(
        description="Python using the standard library, NumPy, pandas or scikit-learn; runs in a second or two.")
    output: Annotated[str, StringConstraints(min_length=1, max_length=600)] = Field(
        description="Exactly what the code prints (trailing whitespace stripped); the tests run the code to check.")


class Topic(Strict):
    """One thing to learn. Its id is an anchor on the phase chapter and a progress key."""

    id: Id
    title: Title
    summary: Paragraph = Field(description="What it is and why a practitioner needs it.")
    lesson: list[Paragraph] = Field(min_length=2, max_length=4, description=(
        "The idea itself, taught in two to four paragraphs: the problem, how it works (a formula or a "
        "small worked example where it helps), the usual mistake, and which resource to open first."))
    example: Optional[Example] = Field(default=None, description="A snippet the lesson works through.")
    start_with: Id = Field(description="The id of the resource of this topic to open first.")
    subtopics: list[Title] = Field(min_length=1, max_length=12)
    hours: int = Field(ge=1, le=80, description="Estimated study hours, practice included.")
    label: Optional[Literal["specialisation", "emerging", "choose one"]] = Field(
        default=None, description="Shown as a badge next to the title (never written into the title).")
    resources: list[Resource] = Field(default_factory=list, max_length=8)
    requires: list[Id] = Field(default_factory=list, max_length=8,
                               description="Topics to study first (ids); the checker keeps every track in this order.")
    questions: list[Question] = Field(default_factory=list, max_length=10,
                                      description="Self-check questions (at least 4 per topic; kinds: choice, numeric, output, open).")
    replaces: list[Id] = Field(default_factory=list, max_length=5,
                               description="Published topic ids this topic takes over (learners' ticks move here).")


class Milestone(Strict):
    """One week-sized step of a project, with its estimated hours (the schedule lays them out)."""

    title: Title
    hours: int = Field(ge=1, le=40)


class Dataset(Strict):
    """A real, freely available dataset a project can use."""

    title: Title
    url: HttpsUrl
    licence: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]


class Project(Strict):
    """What the learner builds at the end of a phase or a stage; its hours are its milestones' hours."""

    title: Title
    brief: Paragraph
    based_on: Optional[Id] = Field(default=None, description="The phase whose project this one adapts (its brief says how it differs).")
    deliverables: list[Sentence] = Field(min_length=1, max_length=12)
    rubric: list[Sentence] = Field(min_length=1, max_length=12)
    milestones: list[Milestone] = Field(min_length=1, max_length=8, description="Estimated steps, in order.")
    datasets: list[Dataset] = Field(min_length=1, max_length=3)
    notebook: Optional[NotebookPath] = Field(default=None, description="Path under docs/ of the project's notebook.")
    practice: list[Practice] = Field(default_factory=list, max_length=4,
                                     description="Practice notebooks for topics the project's notebook leaves out.")

    @property
    def hours(self) -> int:
        return sum(m.hours for m in self.milestones)


class ReadinessSignal(Strict):
    """A 'you are ready to move on when…' statement the learner can verify, then tick off:
    either a task with a `check` (how to tell it passed) or an explanation to give, with a
    model answer and what it must mention."""

    id: Id
    text: Sentence
    check: Optional[Paragraph] = Field(default=None, description="How the learner knows the task passed.")
    model_answer: Optional[Explanation] = None
    must_mention: list[Sentence] = Field(default_factory=list, max_length=6)
    replaces: list[Id] = Field(default_factory=list, max_length=5,
                               description="Published readiness ids this signal takes over (learners' ticks move here).")


class Pitfall(Strict):
    """A common way learners get stuck, and what to do about it."""

    problem: Sentence
    remedy: Paragraph


class Phase(Strict):
    """A chapter of the book: a phase of the deep track."""

    id: Id
    title: Title
    weeks: int = Field(ge=1, le=20, description="Length of this phase in the deep track.")
    summary: Sentence
    why_here: Paragraph = Field(description="Why this phase comes at this point of the path.")
    topics: list[Topic] = Field(min_length=1)
    project: Project
    readiness: list[ReadinessSignal] = Field(min_length=1, max_length=20)
    pitfalls: list[Pitfall] = Field(default_factory=list, max_length=12)


class Stage(Strict):
    """A block of weeks in a track. A stage either follows a phase (all its
    topics, in order) or lists the topic ids it covers, in study order."""

    id: Id
    title: Title
    weeks: int = Field(ge=1, le=20)
    summary: Sentence
    phase: Optional[Id] = None
    topics: list[Id] = Field(default_factory=list)
    electives: list[Id] = Field(
        default_factory=list, description="Topic ids the learner picks ONE of (a specialisation)."
    )
    elective_hours: int = Field(default=0, ge=0, le=80, description="Hours reserved for the chosen elective.")
    project: Optional[Project] = Field(default=None, description="A stage without `phase:` builds its own project.")


class Track(Strict):
    """A path through the topics at a stated pace."""

    id: TrackId
    title: Title
    summary: Paragraph
    weeks: int = Field(ge=1, le=104)
    hours_per_week: int = Field(ge=1, le=60)
    audience: Sentence
    stages: list[Stage] = Field(min_length=1, max_length=40)


class Rating(Strict):
    """A score a named source publishes, with the day it was read there (scores move)."""

    score: float = Field(ge=0, le=100)
    scale: float = Field(gt=0, le=100)
    source: Title = Field(description="Who publishes the rating, by name, e.g. 'Coursera course page'.")
    read: dt.date = Field(description="The day the score was read at its source (YYYY-MM-DD).")


class Course(Strict):
    """A course recommendation tied to the phase gap it fills."""

    id: Id
    title: Title
    provider: Title
    url: HttpsUrl = Field(description="The course's own page: a canonical https:// address.")
    rating: Optional[Rating] = Field(default=None, description="Only with a named source and the date it was read.")
    phases: list[Id] = Field(min_length=1)
    level: Level
    cost: Cost
    duration: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)] = Field(
        description="Rough time it takes, e.g. 'about 60 h', '11 weeks at 5 h' or '9 weeks'.")
    tools: list[Title] = Field(min_length=1, max_length=8,
                               description="The languages, libraries and platforms it teaches with.")
    prerequisites: Sentence = Field(description="What the course expects you to know before you start.")
    other_stack: Optional[Sentence] = Field(
        default=None, description="Said plainly when it teaches with tools other than the book's "
                                  "(Python, NumPy, pandas, scikit-learn, PyTorch, Hugging Face, FastAPI, Docker, MLflow).")
    gap: Sentence = Field(description="The gap in the learner's path this course fills.")
    why: Paragraph
    when: Sentence = Field(description="When in the path to take it.")


class Faq(Strict):
    id: Id
    question: Sentence
    answer: Paragraph


class StudyTool(Strict):
    """A tool the learner installs, and when it enters the path."""

    id: Id
    name: Title
    url: HttpsUrl
    phases: list[Id] = Field(min_length=1)
    purpose: Sentence


class Guide(Strict):
    """A short section of advice around the phases (study habits, portfolio…)."""

    id: Id
    title: Title
    intro: Paragraph
    points: list[Sentence] = Field(default_factory=list, max_length=20)


class Book(Strict):
    title: Title
    tagline: Sentence
    description: Paragraph
    audience: list[Sentence] = Field(min_length=1, max_length=12, description="Who the book is for.")
    not_for: list[Sentence] = Field(min_length=1, max_length=12, description="Who should look elsewhere.")
    prerequisites: Paragraph


class Curriculum(Strict):
    """The whole roadmap."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        json_schema_extra={"$id": "https://ml-roadmap.github.io/ml-roadmap/curriculum.schema.json"},
    )

    version: int = Field(ge=1, le=1000, description="Schema version of this file; bump on breaking changes.")
    book: Book
    tracks: list[Track] = Field(min_length=1, max_length=4)
    phases: list[Phase] = Field(min_length=1, max_length=20)
    courses: list[Course] = Field(default_factory=list, max_length=100)
    faqs: list[Faq] = Field(default_factory=list, max_length=60)
    tools: list[StudyTool] = Field(default_factory=list, max_length=40)
    guides: list[Guide] = Field(default_factory=list, max_length=12)
    glossary: list[GlossaryEntry] = Field(default_factory=list, max_length=200,
                                          description="Terms defined on the glossary page and in tooltips.")

    # -- lookups used by the checks, the schedule and the templates ---------

    def topics(self) -> list[tuple[Phase, Topic]]:
        return [(phase, topic) for phase in self.phases for topic in phase.topics]

    # The model is frozen, so lookups are indexed once (dicts, not scans: the
    # book's build time must grow linearly with the data, see scripts/bench.py).
    @functools.cached_property
    def _topic_index(self) -> dict[str, Topic]:
        return {t.id: t for _, t in self.topics()}

    @functools.cached_property
    def _phase_index(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases}

    def topic(self, topic_id: str) -> Topic:
        return self._topic_index[topic_id]

    def phase(self, phase_id: str) -> Phase:
        return self._phase_index[phase_id]

    def track(self, track_id: str) -> Track:
        return next(t for t in self.tracks if t.id == track_id)

    def stage_topics(self, stage: Stage) -> list[Topic]:
        """The topics a stage covers, in study order."""
        if stage.topics:
            return [self.topic(t) for t in stage.topics]
        if stage.phase:
            return list(self.phase(stage.phase).topics)
        return []

    @functools.cached_property
    def _tracks_of_topic(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for track in self.tracks:
            for stage in track.stages:
                for topic_id in [t.id for t in self.stage_topics(stage)] + list(stage.electives):
                    if track.id not in out.setdefault(topic_id, []):
                        out[topic_id].append(track.id)
        return out

    def tracks_of(self, topic_id: str) -> list[str]:
        """Ids of the tracks whose stages include this topic."""
        return list(self._tracks_of_topic.get(topic_id, []))
