"""Add one resource to a topic of curriculum.yml, the way a careful reviewer would.

The new entry is validated with the same model the book uses, refused if its
link is already in the book (compared after `checks.normalise_url`: scheme,
`www.`, trailing slash, tracking parameters and fragment do not count), and
inserted with ruamel.yaml's round-trip mode into the topic's `resources:` list,
after the last resource that costs no more than it (free first). Comments, key
order and formatting of the rest of the file stay byte for byte: the result is
compared with the original and refused unless the only change is the inserted
block. The full checker then runs on the result before anything is written.

`scripts/add_resource.py` is the command; this module holds the logic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import io
import os
import pathlib
import re
import tempfile
import unicodedata
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..checks import check, normalise_url
from ..data.load import Lines, load, problems_from_validation
from ..data.models import Curriculum, Resource
from ..data.problems import CurriculumError, Problem

COST_ORDER = ("free", "freemium", "paid")
FIELDS = tuple(Resource.model_fields)  # the order keys are written in


class Refused(Exception):
    """The resource was not added; the message says why and what to do."""


@dataclasses.dataclass
class Added:
    resource: Resource
    topic_id: str
    index: int  # position in the topic's resources list
    before: str
    after: str

    def diff(self, name: str) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}",
        ))


def slug(text: str) -> str:
    """'Attention Is All You Need (paper)' -> 'attention-is-all-you-need-paper'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def default_id(topic_id: str, title: str, limit: int = 60) -> str:
    words = slug(f"{topic_id} {title}").split("-")
    out = words[0]
    for word in words[1:]:
        if len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}"
    return out


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _problems_text(problems: list[Problem]) -> str:
    return "\n".join(f"  {p}" for p in problems)


def validate_entry(fields: dict[str, Any]) -> Resource:
    """The entry as the model sees it; Refused with one line per bad field."""
    try:
        return Resource.model_validate(fields)
    except ValidationError as exc:
        problems = problems_from_validation(exc, Lines(), "new resource")
        lines = [f"  {p.field}: {p.message}" + (f" — {p.hint}" if p.hint else "") for p in problems]
        raise Refused("the new resource is not valid:\n" + "\n".join(lines)) from None


def _links(cur: Curriculum) -> list[tuple[tuple, str, str, str]]:
    """(path, what it is, url, id) of every link in the book the checker compares."""
    out = [(("phases", i, "topics", j, "resources", k), f"resource '{r.id}' of topic '{t.id}'", r.url, r.id)
           for i, p in enumerate(cur.phases) for j, t in enumerate(p.topics) for k, r in enumerate(t.resources)]
    out += [(("courses", i), f"course '{c.id}'", c.url, c.id) for i, c in enumerate(cur.courses) if c.url]
    return out


def _duplicate_links(cur: Curriculum, lines: Lines, file: str, url: str) -> list[str]:
    """The book's links that are the same page as `url` once normalised."""
    key = normalise_url(url)
    out = []
    for path, what, other, _ in _links(cur):
        if normalise_url(other) == key:
            same = "the same link" if other == url else f"the same page as {other}"
            out.append(f"url: {url} is {same}, already in the book at {file}:{lines.line(path + ('url',))} "
                       f"({what}) — each link appears once; improve that entry's `why:` instead")
    return out


def _duplicate_id(cur: Curriculum, lines: Lines, file: str, resource_id: str) -> list[str]:
    return [f"id: '{resource_id}' is already used at {file}:{lines.line(path)} ({what}) — pass another --id"
            for path, what, _, other_id in _links(cur) if path[0] == "phases" and other_id == resource_id]


def _topic_location(cur: Curriculum, topic_id: str) -> tuple[int, int]:
    for i, phase in enumerate(cur.phases):
        for j, topic in enumerate(phase.topics):
            if topic.id == topic_id:
                return i, j
    known = [t.id for _, t in cur.topics()]
    close = difflib.get_close_matches(topic_id, known, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "use the `id:` of a topic under `phases:`"
    raise Refused(f"topic: unknown topic '{topic_id}' — {hint}")


def insert_position(costs: list[str], cost: str) -> int:
    """After the last resource that costs no more than the new one (free first)."""
    rank = COST_ORDER.index(cost)
    position = 0
    for index, other in enumerate(costs):
        if COST_ORDER.index(other) <= rank:
            position = index + 1
    return position


def _only_inserted(before: str, after: str) -> bool:
    """True when `after` is `before` with one block of whole lines inserted."""
    ops = [op for op in difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                                autojunk=False).get_opcodes() if op[0] != "equal"]
    return len(ops) == 1 and ops[0][0] == "insert"


def _check_text(text: str, path: pathlib.Path, file: str) -> list[Problem]:
    """Every problem the full checker finds in `text`, as if it were `path`."""
    with tempfile.TemporaryDirectory() as tmp:
        candidate = pathlib.Path(tmp) / path.name
        candidate.write_text(text, encoding="utf-8")
        try:
            cur, lines = load(candidate, display_name=file)
        except CurriculumError as exc:
            return exc.problems
        return check(cur, lines, file, path.resolve().parent / "docs")


def add(fields: dict[str, Any], topic_id: str, path: pathlib.Path, *, file: str | None = None) -> Added:
    """Work out the new file text with the resource added; write nothing."""
    file = file or path.name
    before = path.read_text(encoding="utf-8")
    try:
        cur, lines = load(path, display_name=file)
    except CurriculumError as exc:
        raise Refused(f"{file} has problems already; fix them first:\n{_problems_text(exc.problems)}") from None
    i, j = _topic_location(cur, topic_id)
    fields = {k: v for k, v in fields.items() if v is not None}
    fields.setdefault("added", dt.date.today())
    if "title" in fields and not fields.get("id"):
        fields["id"] = default_id(topic_id, str(fields["title"]))
    # A duplicate is named first, even when it is also an http:// or tracking link.
    duplicates = _duplicate_links(cur, lines, file, str(fields.get("url", "")))
    resource = None if duplicates else validate_entry(fields)
    duplicates = duplicates or _duplicate_id(cur, lines, file, resource.id)
    if duplicates:
        raise Refused("the resource is already in the book:\n" + "\n".join(f"  {d}" for d in duplicates))

    yaml = _yaml()
    document = yaml.load(before)
    topic = document["phases"][i]["topics"][j]
    entry = CommentedMap()
    for key in FIELDS:
        value = getattr(resource, key)
        if value is not None:
            entry[key] = value
    if "resources" not in topic:
        topic["resources"] = CommentedSeq()
    index = insert_position([str(r["cost"]) for r in topic["resources"]], resource.cost)
    topic["resources"].insert(index, entry)
    out = io.StringIO()
    yaml.dump(document, out)
    after = out.getvalue()
    if not _only_inserted(before, after):
        raise Refused(f"adding the entry would reformat other lines of {file} (ruamel.yaml could not keep them "
                      "byte for byte); add it by hand, following CONTRIBUTING.md")

    earlier = {(p.field, p.message) for p in _check_text(before, path, file)}
    new = [p for p in _check_text(after, path, file) if (p.field, p.message) not in earlier]
    if new:
        raise Refused(f"the checker refuses {file} with this resource:\n{_problems_text(new)}")
    return Added(resource, topic_id, index, before, after)


def write(added: Added, path: pathlib.Path) -> None:
    """Replace the file in one step, so an interrupted write never leaves half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(added.after)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
