"""What the study companion needs, derived once from the schedule.

The companion pages (this week, my plan, the study log) and the home page's
panel embed this as JSON. It is `schedule.export()` (every track at every
pace, as the planner has it) plus, for each week, its target hours and the
project worked on in it, and for each track and pace the weeks of each
project. The browser only picks a track and pace and lays dates on the weeks.

A project is a phase's project (id: the phase id) or the project a stage
without a phase builds (id `<track id>-<stage id>`); its deliverables become a
checklist, ids `<project id>-<n>`, n counting from 1 in the data's order. A
stage with neither has project and review time under the same id and no
deliverables: the page offers one tick for it. `page` is where the project is
explained (a path under docs/ and its anchor), for the caller to link.
"""

from __future__ import annotations

from typing import Any

from ..data.models import Curriculum, Stage, Track
from . import schedule
from .book import phase_page


def project_id(track: Track, stage: Stage) -> str:
    return stage.phase if stage.phase else f"{track.id}-{stage.id}"


def projects(cur: Curriculum) -> dict[str, dict[str, Any]]:
    """Every project a track plans: title, phase (or None) and deliverables [[id, text], ...]."""
    out: dict[str, dict[str, Any]] = {}
    for track in cur.tracks:
        for stage in track.stages:
            pid = project_id(track, stage)
            if pid in out:
                continue
            project = schedule.stage_project(cur, stage)
            if project is None:
                out[pid] = {"title": f"{stage.title}: project and review", "phase": None, "page": None, "deliverables": []}
                continue
            page = [phase_page(stage.phase), "project"] if stage.phase else ["projects/index.md", f"project-{pid}"]
            out[pid] = {"title": project.title, "phase": stage.phase, "page": page,
                        "deliverables": [[f"{pid}-{n}", text] for n, text in enumerate(project.deliverables, 1)]}
    return out


def _project_weeks(weeks: list[dict[str, Any]], stage_project: dict[str, str]) -> dict[str, list[int]]:
    """First and last week of each project: the weeks with its project time, or
    the stage's last week when the stage's topics fill every hour of it."""
    out: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for week in weeks:
        pid = stage_project[week["stage"]]
        last[pid] = week["week"]
        if week["project"]:
            out[pid] = [out.get(pid, [week["week"]])[0], week["week"]]
    for pid, n in last.items():
        out.setdefault(pid, [n, n])
    return out


def export(cur: Curriculum) -> dict[str, Any]:
    data = schedule.export(cur)
    for track in cur.tracks:
        entry = data["tracks"][track.id]
        stage_project = {s.id: project_id(track, s) for s in track.stages}
        entry["electives"] = {s.id: list(s.electives) for s in track.stages if s.electives}
        entry["stage_projects"] = stage_project
        entry["projects"] = {}
        for pace, weeks in entry["paces"].items():
            for week in weeks:
                week["hours"] = round(sum(item[3] for item in week["items"]), 2)
                has_project = any(item[0] == "project" for item in week["items"])
                week["project"] = stage_project[week["stage"]] if has_project else None
            entry["projects"][pace] = _project_weeks(weeks, stage_project)
    data["projects"] = projects(cur)
    data["titles"] = {t.id: t.title for _, t in cur.topics()}
    return data
