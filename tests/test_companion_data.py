"""The study companion's data (roadmap/pages/companion.py) is the schedule the
build computed, with each week's target hours and project, and is what the
companion pages embed."""

from __future__ import annotations

import json
import pathlib
import re

from roadmap.checks import load_checked
from roadmap.pages import companion, schedule

ROOT = pathlib.Path(__file__).resolve().parent.parent
CUR = load_checked(ROOT / "curriculum.yml")
DATA = companion.export(CUR)


def test_every_track_and_pace_is_the_schedule_with_target_hours_and_projects():
    assert {t.id for t in CUR.tracks} == set(DATA["tracks"])
    for track in CUR.tracks:
        entry = DATA["tracks"][track.id]
        assert set(entry["paces"]) == {str(p) for p in set(schedule.PACES) | {track.hours_per_week}}
        for pace, weeks in entry["paces"].items():
            plan = schedule.plan(CUR, track.id, int(pace))
            assert [w["week"] for w in weeks] == [w.number for w in plan]
            for week, computed in zip(weeks, plan):
                assert week["items"] == [[i.kind, i.ref, i.title, i.hours] for i in computed.items]
                assert week["hours"] == round(sum(i.hours for i in computed.items), 2)
                assert 0 < week["hours"] <= int(pace) + 1e-6
                has_project = any(i.kind == "project" for i in computed.items)
                assert week["project"] == (entry["stage_projects"][week["stage"]] if has_project else None)
            # Each project's weeks: where its stage's project time is, else the stage's last week.
            for stage in track.stages:
                pid = entry["stage_projects"][stage.id]
                in_stage = [w["week"] for w in weeks if w["stage"] == stage.id]
                with_time = [w["week"] for w in weeks if w["stage"] == stage.id and w["project"]]
                expected = [with_time[0], with_time[-1]] if with_time else [in_stage[-1], in_stage[-1]]
                assert entry["projects"][pace][pid] == expected, (track.id, pace, pid)


def test_phase_projects_have_their_deliverables_as_a_checklist():
    for phase in CUR.phases:
        project = DATA["projects"][phase.id]
        assert project["title"] == phase.project.title
        assert project["deliverables"] == [[f"{phase.id}-{n}", d] for n, d in enumerate(phase.project.deliverables, 1)]
    for track in CUR.tracks:
        for stage in track.stages:
            pid = DATA["tracks"][track.id]["stage_projects"][stage.id]
            assert pid == (stage.phase or f"{track.id}-{stage.id}")
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid) and len(pid) <= 55
            if not stage.phase:
                # A practitioner stage builds its own project: its deliverables, explained on the projects page.
                own = stage.project.deliverables if stage.project else []
                assert DATA["projects"][pid]["deliverables"] == [[f"{pid}-{n}", d] for n, d in enumerate(own, 1)]
                assert DATA["projects"][pid]["page"] == (["projects/index.md", f"project-{pid}"] if stage.project else None)


def test_electives_and_titles_are_there_for_the_week_view():
    for track in CUR.tracks:
        for stage in track.stages:
            if stage.electives:
                assert DATA["tracks"][track.id]["electives"][stage.id] == list(stage.electives)
    assert DATA["titles"] == {t.id: t.title for _, t in CUR.topics()}


def test_the_companion_pages_embed_the_data(site):
    for page in ("", "this-week/", "my-plan/", "study-log/", "planner/"):
        html = site.html(page)
        found = re.search(r'<template data-rm-plan-data><script type="application/json">(.*?)</script></template>', html, re.S)
        assert found, page
        embedded = json.loads(found.group(1))
        assert embedded["tracks"] == json.loads(json.dumps(DATA["tracks"])), page
        assert set(embedded["projects"]) == set(DATA["projects"])
        for pid, project in embedded["projects"].items():
            page = DATA["projects"][pid]["page"]
            assert (project["url"] is None) == (page is None), pid
            if page:
                assert project["url"].endswith(("/" if page[0].endswith("index.md") else "") + "#" + page[1]), pid
