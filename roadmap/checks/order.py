"""The path's shape: prerequisites exist, form no cycle, and every track teaches them first."""

from __future__ import annotations

import difflib
from typing import Iterator

from ..data.models import Curriculum
from ..data.problems import Path


def study_order(cur: Curriculum, track) -> list[tuple[str, int, str, bool]]:
    """(topic id, stage index, stage id, is elective) in the order a track studies them:
    each stage's topics in order, then its electives (the learner picks one)."""
    phases = {p.id for p in cur.phases}
    topics = {t.id for _, t in cur.topics()}
    out = []
    for j, stage in enumerate(track.stages):
        # Unknown ids are reported by the reference checks; the known ones keep their place.
        ids = [t for t in stage.topics if t in topics] if stage.topics else (
            [t.id for t in cur.phase(stage.phase).topics] if stage.phase in phases else [])
        out += [(t, j, stage.id, False) for t in ids]
        out += [(t, j, stage.id, True) for t in stage.electives]
    return out


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle of the prerequisite graph, as [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return None


def order_problems(cur: Curriculum) -> Iterator[tuple[Path, str, str]]:
    paths = {t.id: ("phases", i, "topics", j) for i, p in enumerate(cur.phases) for j, t in enumerate(p.topics)}
    known = list(paths)
    graph: dict[str, list[str]] = {}
    for topic_id, path in paths.items():
        topic = cur.topic(topic_id)
        graph[topic_id] = [r for r in topic.requires if r in paths]
        for k, req in enumerate(topic.requires):
            if req == topic_id:
                yield path + ("requires", k), f"topic '{topic_id}' requires itself", "remove it from its own `requires:`"
            elif req not in paths:
                close = difflib.get_close_matches(req, known, n=2, cutoff=0.6)
                hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "use the `id:` of a topic under `phases:`"
                yield path + ("requires", k), f"unknown topic '{req}'", hint
    cycle = _cycle({k: [v for v in vs if v != k] for k, vs in graph.items()})
    if cycle:
        yield (paths[cycle[0]] + ("requires",), "prerequisites form a cycle: " + " -> ".join(cycle),
               "a topic cannot need, directly or not, a topic that needs it; drop one link of the cycle")
        return
    phases = {p.id for p in cur.phases}
    for i, track in enumerate(cur.tracks):
        if any((stage.phase is not None and stage.phase not in phases) or any(t not in paths for t in [*stage.topics, *stage.electives])
               for stage in track.stages):
            continue  # the reference checks name the unknown id; its knock-on gaps would only bury that message
        order = study_order(cur, track)
        position = {topic_id: n for n, (topic_id, *_rest) in enumerate(order) if topic_id in paths}
        for n, (topic_id, j, stage_id, elective) in enumerate(order):
            if topic_id not in paths:
                continue
            where = ("tracks", i, "stages", j, "electives" if elective else "topics")
            for req in graph[topic_id]:
                what = f"elective '{topic_id}'" if elective else f"topic '{topic_id}'"
                if req not in position:
                    yield (where, f"track '{track.id}' includes {what} (stage '{stage_id}') without its prerequisite '{req}'",
                           f"add '{req}' to an earlier stage of the track, or drop '{topic_id}' from it")
                elif position[req] > n:
                    yield (where, f"track '{track.id}' schedules {what} (stage '{stage_id}') before its prerequisite '{req}'",
                           f"move '{req}' before '{topic_id}' (in the phase's `topics:` order or the stage's list)")
