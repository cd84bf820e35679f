"""The topic map's layout, computed once from the data: one column per phase,
one node per topic in study order, one edge per prerequisite.

Only numbers and text come out of here (positions, wrapped title lines, SVG
path data); the template `topic_map.html` writes the markup.
"""

from __future__ import annotations

import dataclasses
import textwrap

from ..data.models import Curriculum

COLUMN = 230  # px between phase columns
NODE_W, LINE_H, PAD = 190, 15, 8
ROW = 56  # px between nodes in a column
TOP = 64  # room for the phase headings
CHARS = 27  # characters per title line at the map's font size
MARGIN = 44  # left margin: room for same-column edges


@dataclasses.dataclass(frozen=True)
class Node:
    id: str
    phase: str
    x: int
    y: int
    height: int
    lines: tuple[str, ...]
    tracks: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str  # SVG path data


@dataclasses.dataclass(frozen=True)
class TopicMap:
    width: int
    height: int
    columns: tuple[tuple[str, str, int], ...]  # (phase id, title, x of the column centre)
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _lines(title: str) -> tuple[str, ...]:
    lines = textwrap.wrap(title, CHARS)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), CHARS, placeholder="…")]
    return tuple(lines)


def topic_map(cur: Curriculum) -> TopicMap:
    nodes: dict[str, Node] = {}
    columns = []
    bottom = 0
    for c, phase in enumerate(cur.phases):
        x = MARGIN + c * COLUMN
        columns.append((phase.id, phase.title, x + NODE_W // 2))
        for r, topic in enumerate(phase.topics):
            lines = _lines(topic.title)
            height = len(lines) * LINE_H + 2 * PAD
            y = TOP + r * ROW
            nodes[topic.id] = Node(topic.id, phase.id, x, y, height, lines, tuple(cur.tracks_of(topic.id)))
            bottom = max(bottom, y + height)
    edges = []
    for _, topic in cur.topics():
        target = nodes[topic.id]
        for required in topic.requires:
            source = nodes[required]
            sy, ty = source.y + source.height // 2, target.y + target.height // 2
            if source.phase == target.phase:  # same column: a loop on the left side
                bend = source.x - 18 - min(24, abs(ty - sy) // 12)
                path = f"M{source.x} {sy}C{bend} {sy} {bend} {ty} {target.x} {ty}"
            else:
                sx, tx = source.x + NODE_W, target.x
                mid = (tx - sx) // 2 if tx > sx else 60
                path = f"M{sx} {sy}C{sx + mid} {sy} {tx - mid} {ty} {tx} {ty}"
            edges.append(Edge(required, topic.id, path))
    width = MARGIN + len(cur.phases) * COLUMN
    return TopicMap(width, bottom + 24, tuple(columns), tuple(nodes.values()), tuple(edges))
