"""The checked curriculum plus everything the pages derive from it, computed once.

Nothing here knows about MkDocs: the adapter (mkdocs_roadmap/) hands this
object to the templates, and any other site generator could do the same.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

from ..data.models import Cost, Curriculum, Level
from . import schedule
from .topic_map import TopicMap, topic_map

#: Questions in one phase self-test; each new test takes the next ones of `test_order`.
TEST_SIZE = 10


class Book:
    """The checked curriculum plus everything derived from it for the pages."""

    def __init__(self, cur: Curriculum):
        self.cur = cur
        self.plans = {t.id: schedule.plan(cur, t.id) for t in cur.tracks}
        self.stage_weeks = {tid: schedule.stage_ranges(p) for tid, p in self.plans.items()}
        self.topic_weeks = {tid: schedule.topic_weeks(p) for tid, p in self.plans.items()}
        self.phase_number = {p.id: n for n, p in enumerate(cur.phases, 1)}
        self.phase_of_topic = {t.id: p.id for p, t in cur.topics()}
        # Both directions of the prerequisite graph, computed once: "builds on" is
        # the data's `requires:`, "leads to" the topics that require this one.
        self.leads_to: dict[str, list[str]] = {t.id: [] for _, t in cur.topics()}
        for _, topic in cur.topics():
            for required in topic.requires:
                self.leads_to[required].append(topic.id)
        self.test_size = TEST_SIZE

    def courses_for(self, phase_id: str):
        return [c for c in self.cur.courses if phase_id in c.phases]

    def weeks_of_phase(self, track_id: str, phase) -> list[tuple[int, list]]:
        """(week number, topics of this phase studied that week) on a track."""
        ids = {t.id for t in phase.topics}
        rows = []
        for week in self.plans[track_id]:
            topics = [self.cur.topic(i.ref) for i in week.items if i.kind == "topic" and i.ref in ids]
            if topics:
                rows.append((week.number, topics))
        return rows

    def test_order(self, phase) -> list[str]:
        """A phase's question ids for its self-tests, mixed: the first question
        of each topic, then the second of each, and so on. The browser takes
        TEST_SIZE of them in turn (test n starts at n x TEST_SIZE, wrapping)."""
        columns = [t.questions for t in phase.topics]
        return [c[i].id for i in range(max(map(len, columns), default=0)) for c in columns if i < len(c)]

    def review_topics(self, url) -> list[dict[str, Any]]:
        """Every topic with questions, for the Review page: id, title, phase,
        where it is explained (`url(path under docs/)`) and its question ids."""
        return [{"id": t.id, "title": t.title, "phase": p.title, "url": f"{url(phase_page(p.id))}#{t.id}",
                 "questions": [q.id for q in t.questions]}
                for p, t in self.cur.topics() if t.questions]

    def timeline(self) -> list[dict[str, Any]]:
        """Each track's stages as spans of weeks at the track's own pace, for the
        visual roadmap: where each bar starts and how wide it is (percent of the
        track), which chapter it leads to and which topics mark its progress."""
        out = []
        for track in self.cur.tracks:
            total = len(self.plans[track.id])
            stages = []
            for stage in track.stages:
                first, last = self.stage_weeks[track.id][stage.id]
                topics = [t.id for t in self.cur.stage_topics(stage)]  # electives are optional
                phases = list(dict.fromkeys(self.phase_of_topic[t] for t in topics))
                stages.append({
                    "stage": stage, "first": first, "last": last,
                    "left": round(100 * (first - 1) / total, 3),
                    "width": round(100 * (last - first + 1) / total, 3),
                    "topics": topics, "phases": phases,
                })
            out.append({"track": track, "weeks": total, "stages": stages})
        return out

    def course_facets(self) -> dict[str, list[str]]:
        """The distinct levels, costs and providers of the courses, for the course finder."""
        courses = self.cur.courses
        return {
            "level": [v for v in typing.get_args(Level) if any(c.level == v for c in courses)],
            "cost": [v for v in typing.get_args(Cost) if any(c.cost == v for c in courses)],
            "provider": sorted({c.provider for c in courses}, key=str.casefold),
        }

    def stage_of(self, track_id: str, topic_id: str):
        """The stage of a track that covers a topic (or offers it as an elective)."""
        return self._stage_of_topic[track_id].get(topic_id)

    @functools.cached_property
    def _stage_of_topic(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for track in self.cur.tracks:
            stages = out[track.id] = {}
            for stage in track.stages:
                for topic_id in [t.id for t in self.cur.stage_topics(stage)] + list(stage.electives):
                    stages.setdefault(topic_id, stage)  # the first stage that has it, as before
        return out

    @functools.cached_property
    def topic_map(self) -> TopicMap:
        return topic_map(self.cur)

    @functools.cached_property
    def projects(self) -> list[dict[str, Any]]:
        """Every project the tracks build: each phase's, then each stage's own, with
        the tracks and stages that build it and its worked notebook (a stage's project
        without one of its own shares the notebook of the phase project it adapts),
        for the projects page."""
        out = [{"anchor": f"project-{p.id}", "project": p.project, "phase": p, "used_by": [],
                "notebook": p.project.notebook} for p in self.cur.phases]
        by_phase = {entry["phase"].id: entry for entry in out}
        for track in self.cur.tracks:
            for stage in track.stages:
                if stage.project:
                    based_on = by_phase.get(stage.project.based_on)
                    out.append({"anchor": f"project-{track.id}-{stage.id}", "project": stage.project, "phase": None,
                                "used_by": [(track, stage)], "based_on": based_on,
                                "notebook": stage.project.notebook or (based_on["notebook"] if based_on else None)})
                elif stage.phase in by_phase:
                    by_phase[stage.phase]["used_by"].append((track, stage))
        return out


def phase_page(phase_id: str) -> str:
    """Where a phase's chapter lives, relative to docs/."""
    return f"phases/{phase_id}.md"


def faq_structured_data(cur: Curriculum) -> dict:
    """The FAQ as schema.org FAQPage data (JSON-LD on the FAQ page, for search engines)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": f.question, "acceptedAnswer": {"@type": "Answer", "text": f.answer}}
            for f in cur.faqs
        ],
    }
