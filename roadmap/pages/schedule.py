"""Week-by-week plans, computed once from the data for every pace the book offers.

Every hour is an estimate from the data: a stage's topics come first, in order,
for their estimated hours; the chosen elective (if any) next; then the stage's
project, milestone by milestone (a deep-track stage builds its phase's project,
a practitioner stage its own). The checker makes sure this work fills the
stage's weeks at the track's pace, so no week is filler. At a different pace
the same hours are spread over more or fewer weeks, so the chapters, the tracks
page and the planner all show one plan.
"""

from __future__ import annotations

import dataclasses
import math

from ..data.models import Curriculum, Project, Stage, Track

# The weekly-hours choices the planner offers; each is precomputed at build time.
PACES = (4, 6, 8, 10, 12, 15, 20, 25)


@dataclasses.dataclass(frozen=True)
class Item:
    kind: str  # "topic" | "elective" | "project"
    ref: str  # topic id, "electives" or the stage id
    title: str
    hours: float  # hours of this item spent in this week


@dataclasses.dataclass(frozen=True)
class Week:
    number: int  # 1-based within the whole track
    stage: str
    items: tuple[Item, ...]


def stage_project(cur: Curriculum, stage: Stage) -> Project | None:
    """The project a stage builds: its own, or its phase's."""
    return stage.project or (cur.phase(stage.phase).project if stage.phase else None)


def _stage_items(cur: Curriculum, track: Track, stage: Stage) -> list[tuple[str, str, str, float]]:
    items = [("topic", t.id, t.title, float(t.hours)) for t in cur.stage_topics(stage)]
    if stage.electives:
        titles = " / ".join(cur.topic(t).title for t in stage.electives)
        items.append(("elective", "electives", f"Your specialisation, one of: {titles}", float(stage.elective_hours)))
    project = stage_project(cur, stage)
    for milestone in project.milestones if project else ():
        items.append(("project", stage.id, f"{project.title}: {milestone.title}", float(milestone.hours)))
    return items


def stage_hours(cur: Curriculum, track: Track, stage: Stage) -> float:
    """The hours of everything a stage plans: topics, the elective, the project."""
    return sum(item[3] for item in _stage_items(cur, track, stage))


def plan(cur: Curriculum, track_id: str, hours_per_week: int | None = None) -> list[Week]:
    """The weeks of a track at `hours_per_week` (default: the track's own pace)."""
    track = cur.track(track_id)
    pace = float(hours_per_week or track.hours_per_week)
    weeks: list[Week] = []
    for stage in track.stages:
        items = _stage_items(cur, track, stage)
        budget = sum(i[3] for i in items)
        n_weeks = max(1, math.ceil(budget / pace - 1e-9))
        start = 0.0
        spans = []
        for kind, ref, title, hours in items:
            spans.append((kind, ref, title, start, start + hours))
            start += hours
        for w in range(n_weeks):
            lo, hi = w * pace, (w + 1) * pace
            week_items = tuple(
                Item(kind, ref, title, round(min(hi, b) - max(lo, a), 2))
                for kind, ref, title, a, b in spans
                if min(hi, b) - max(lo, a) > 1e-9
            )
            weeks.append(Week(len(weeks) + 1, stage.id, week_items))
    return weeks


def stage_ranges(weeks: list[Week]) -> dict[str, tuple[int, int]]:
    """First and last week number of each stage."""
    out: dict[str, tuple[int, int]] = {}
    for week in weeks:
        first, _ = out.get(week.stage, (week.number, week.number))
        out[week.stage] = (first, week.number)
    return out


def topic_weeks(weeks: list[Week]) -> dict[str, tuple[int, int]]:
    """First and last week in which each topic is studied."""
    out: dict[str, tuple[int, int]] = {}
    for week in weeks:
        for item in week.items:
            if item.kind == "topic":
                first, _ = out.get(item.ref, (week.number, week.number))
                out[item.ref] = (first, week.number)
    return out


def export(cur: Curriculum) -> dict:
    """Every track at every pace, as JSON-ready data for the planner page.
    The browser only picks one and lays calendar dates on it."""
    tracks = {}
    for track in cur.tracks:
        paces = sorted(set(PACES) | {track.hours_per_week})
        tracks[track.id] = {
            "title": track.title,
            "hours_per_week": track.hours_per_week,
            "stages": {s.id: s.title for s in track.stages},
            "paces": {
                str(p): [
                    {"week": w.number, "stage": w.stage,
                     "items": [[i.kind, i.ref, i.title, i.hours] for i in w.items]}
                    for w in plan(cur, track.id, p)
                ]
                for p in paces
            },
        }
    return {"version": cur.version, "tracks": tracks}
