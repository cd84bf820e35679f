"""Add one resource to a topic of curriculum.yml, the way a careful reviewer would.

The new entry is validated with the same model the book uses, refused if its
link is already in the book (compared after `checks.normalise_url`: scheme,
`www.`, trailing slash, tracking parameters and fragment do not count), and
inserted with ruamel.yaml's round-trip mode into the topic's `resources:` list,
after the last resource that costs no more than it (free first). Comments, key
order and formatting of the rest of the file stay byte for byte: the result is
compared with the original and refused unless the only change is the inserted
block. The full checker then runs on the result before anything is written.

The file is written back the way it was saved (`data_file.py` reads it and
refuses what it could not keep, holds the lock two runs share, and refuses a
symbolic link out of the repository). A text value that YAML 1.1 (the book's
loader) would read as something else (`yes`, `1:30`) is quoted.

`scripts/add_resource.py` is the command; this module holds the logic.
"""

from __future__ import annotations

import codecs
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

import yaml as pyyaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from ..checks import check, normalise_url
from ..data.load import DataLoader, Lines, load, problems_from_validation
from ..data.models import Curriculum, Resource
from ..data.problems import CurriculumError, Problem
from .data_file import Refused, read_data, target

COST_ORDER = ("free", "freemium", "paid")
FIELDS = tuple(Resource.model_fields)  # the order keys are written in


@dataclasses.dataclass
class Added:
    resource: Resource
    topic_id: str
    index: int  # position in the topic's resources list
    before: str  # the file's text as read, line endings included (no byte-order mark)
    after: str  # the same with the entry inserted, in the same line endings
    original: bytes = b""  # the file's bytes when it was read
    bom: bool = False  # the file starts with a UTF-8 byte-order mark

    def diff(self, name: str) -> str:
        return "".join(difflib.unified_diff(
            self.before.replace("\r\n", "\n").splitlines(keepends=True),
            self.after.replace("\r\n", "\n").splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}",
        ))

    def data(self) -> bytes:
        """The bytes to write: the new text in the file's own encoding."""
        return (codecs.BOM_UTF8 if self.bom else b"") + self.after.encode("utf-8")


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


def _reads_back(value: object, expected: str) -> bool:
    entry = CommentedMap()
    entry["k"] = value
    out = io.StringIO()
    _yaml().dump(entry, out)
    try:
        return pyyaml.load(out.getvalue(), Loader=DataLoader) == {"k": expected}
    except pyyaml.YAMLError:
        return False


def scalar(value: object) -> object:
    """`value` as ruamel.yaml should write it: a text the book's loader (YAML 1.1) would read
    as something else (`yes`, `off`, `1:30`) is quoted, in single quotes if they suffice."""
    if not isinstance(value, str):
        return value
    for style in (str, SingleQuotedScalarString, DoubleQuotedScalarString):
        if _reads_back(style(value), value):
            return style(value)
    raise Refused(f"{value!r} cannot be written so that YAML reads it back as the same text")


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
        return check(cur, lines, file, path.absolute().parent / "docs")


def add(fields: dict[str, Any], topic_id: str, path: pathlib.Path, *, file: str | None = None) -> Added:
    """Work out the new file text with the resource added; write nothing."""
    file = file or path.name
    source = read_data(target(path, file), file)
    before = source.text
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
            entry[key] = scalar(value)
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
    added = Added(resource, topic_id, index, before.replace("\n", source.newline),
                  after.replace("\n", source.newline), source.raw, source.bom)
    # What will be written is the file as read plus the entry's lines, byte for byte.
    if added.before.encode("utf-8") != source.raw[len(codecs.BOM_UTF8) if source.bom else 0:] \
            or not _only_inserted(added.before, added.after):
        raise Refused(f"adding the entry would change other bytes of {file}; add it by hand, following CONTRIBUTING.md")
    return added


def write(added: Added, path: pathlib.Path, *, file: str | None = None) -> None:
    """Replace the real file behind `path` in one step, so an interrupted write never leaves half
    a file and a symbolic link stays a link. Hold `locked(path)` from `add` to here."""
    file = file or path.name
    real = target(path, file)
    if real.read_bytes() != added.original:
        raise Refused(f"{file} changed while the entry was being added (an editor or another command wrote it) "
                      "— run this again")
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(added.data())
        os.chmod(tmp, real.stat().st_mode & 0o777)
        os.replace(tmp, real)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
