"""A synthetic curriculum N times the size of the real one, still valid.

Each phase gets (N-1) clones of each of its topics, resources included, with
new ids (its questions' too) and URLs (the checker's uniqueness rules hold) and one
hour each, its resources half an hour. The
tracks that follow a phase then need more time: such a track moves to the
highest pace the schema allows (60 h/week) and its stages get the weeks their
topics need (a stage longer than 20 weeks is split into stages listing its
topics), so every stage fits its budget. Pages stay the same; chapters,
the search index and the planner's data grow.
"""

from __future__ import annotations

import copy
import math
import pathlib

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_HOURS_PER_WEEK = 60  # models.Track.hours_per_week
MAX_STAGE_WEEKS = 20  # models.Stage.weeks and models.Phase.weeks


def _clone_topic(topic: dict, n: int) -> dict:
    clone = copy.deepcopy(topic)
    clone["id"] = f"s{n}-{topic['id']}"[:60].rstrip("-")
    clone["title"] = f"{topic['title']} (synthetic {n})"[:120]
    clone["hours"] = 1
    renamed = {}
    for k, resource in enumerate(clone.get("resources", [])):
        renamed[resource["id"]] = resource["id"] = f"s{n}-{k}-{resource['id']}"[:60].rstrip("-")
        sep = "&" if "?" in resource["url"] else "?"
        resource["url"] = f"{resource['url']}{sep}synthetic={n}"
        resource["duration"] = "30 min"  # a topic of one hour starts with a resource that fits it
    for k, question in enumerate(clone.get("questions", [])):
        question["id"] = f"s{n}-{k}-{question['id']}"[:60].rstrip("-")
    if clone.get("start_with") in renamed:  # the clone starts with its own copy of the resource
        clone["start_with"] = renamed[clone["start_with"]]
    return clone


def _project_hours(data: dict, stage: dict) -> int:
    """The hours of the project a stage plans: its own, or its phase's (the milestones' sum)."""
    project = stage.get("project") or next((p.get("project") for p in data["phases"] if p["id"] == stage.get("phase")), None)
    if not project:
        return 0
    return sum(m.get("hours", 0) for m in project.get("milestones", [])) or project.get("hours", 0)


def _split(stage: dict, topic_ids: list[str], hours: dict[str, int], extra: int = 0) -> list[dict]:
    """The stage at the highest pace; if its topics need more than the longest
    stage allows, several stages listing the topics in order (`extra`: the
    elective's and the project's hours, planned in the first)."""
    budget = MAX_STAGE_WEEKS * MAX_HOURS_PER_WEEK
    chunks, chunk, used = [], [], extra
    for topic_id in topic_ids:
        if chunk and used + hours[topic_id] > budget:
            chunks.append((chunk, used))
            chunk, used = [], 0
        chunk.append(topic_id)
        used += hours[topic_id]
    chunks.append((chunk, used))
    if len(chunks) == 1:
        return [{**stage, "weeks": max(1, math.ceil(used / MAX_HOURS_PER_WEEK))}]
    parts = []
    for i, (ids, need) in enumerate(chunks):
        part = {k: v for k, v in stage.items() if k not in ("phase", "topics") and (i == 0 or k not in ("electives", "elective_hours"))}
        part.update(id=f"{stage['id']}-{i + 1}", topics=ids, weeks=max(1, math.ceil(need / MAX_HOURS_PER_WEEK)))
        parts.append(part)
    return parts


def scale(data: dict, factor: int) -> dict:
    """The curriculum as data, `factor` times as many topics and resources."""
    data = copy.deepcopy(data)
    if factor <= 1:
        return data
    n = 0
    for phase in data["phases"]:
        originals = list(phase["topics"])
        for _ in range(factor - 1):
            for topic in originals:
                n += 1
                phase["topics"].append(_clone_topic(topic, n))
    hours = {t["id"]: t["hours"] for p in data["phases"] for t in p["topics"]}
    topics_of_phase = {p["id"]: [t["id"] for t in p["topics"]] for p in data["phases"]}
    for track in data["tracks"]:
        topics = [topics_of_phase.get(s.get("phase"), []) + s.get("topics", []) for s in track["stages"]]
        extra = [s.get("elective_hours", 0) + _project_hours(data, s) for s in track["stages"]]
        needs = [sum(hours[t] for t in ids) + e for ids, e in zip(topics, extra)]
        if all(need <= s["weeks"] * track["hours_per_week"] for need, s in zip(needs, track["stages"])):
            continue
        track["hours_per_week"] = MAX_HOURS_PER_WEEK
        track["stages"] = [part for ids, stage, e in zip(topics, track["stages"], extra) for part in _split(stage, ids, hours, e)]
        track["weeks"] = sum(s["weeks"] for s in track["stages"])
    for phase in data["phases"]:
        need = sum(hours[t["id"]] for t in phase["topics"])
        phase["weeks"] = min(MAX_STAGE_WEEKS, max(phase["weeks"], math.ceil(need / MAX_HOURS_PER_WEEK)))
    return data


def write_scaled(root: pathlib.Path, factor: int) -> dict:
    """Rewrite root/curriculum.yml at `factor` times its size; return counts."""
    path = root / "curriculum.yml"
    data = scale(yaml.load(path.read_text(encoding="utf-8"), Loader=Loader), factor)
    path.write_text(yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    topics = [t for p in data["phases"] for t in p["topics"]]
    return {
        "topics": len(topics),
        "resources": sum(len(t.get("resources", [])) for t in topics),
        "data_kb": path.stat().st_size / 1024,
    }
