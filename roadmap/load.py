"""Read curriculum.yml into typed models, with a line number for every field.

The YAML is read with libyaml's C parser when available (about five times
faster than the pure-Python one), recording where each key and list item
starts, so every error can say `file:line: field: message — hint`. The data is
built straight from the parser's events: PyYAML's node tree (every scalar with
two position marks) would take about 25 bytes of memory per byte of YAML,
~280 MB for a curriculum 100 times today's. Anchors, aliases, merge keys and
custom tags (which the curriculum does not use) take PyYAML's own path.
"""

from __future__ import annotations

import dataclasses
import pathlib
import typing
import unicodedata
from typing import Any, Iterable

import yaml
from pydantic import BaseModel, ValidationError

from .models import Curriculum

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path = tuple  # a location inside the data: ("phases", 0, "topics", 2, "title")

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "curriculum.yml"


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data file, as a contributor should read it."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.field}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def annotation(self) -> str:
        """The same problem as a GitHub Actions annotation on the changed line."""
        body = f"{self.field}: {self.message}" + (f" — {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},title=curriculum::{body}"


class CurriculumError(Exception):
    """Raised with every problem found, so a contributor fixes them in one go."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


def field_name(path: Path) -> str:
    """('phases', 0, 'topics', 2, 'title') -> 'phases[0].topics[2].title'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


class Lines:
    """Where each path of the document starts, from the YAML parser's marks.

    A line for every key and list item is a lot to keep (about 40 MB for a
    curriculum 100 times today's) and a valid file never needs one, so
    `parse` hands back `Lines(text)`: the text is read again, recording, the
    first time a line is asked for.
    """

    def __init__(self, text: str | None = None) -> None:
        self.at: dict[Path, int] = {(): 1}
        self._text = text

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that exists."""
        if self._text is not None:
            text, self._text = self._text, None
            _parse_events(text, "", self)
        path = tuple(path)
        while path not in self.at:
            path = path[:-1]
        return self.at[path]


def _note_key(key: str, line: int, seen: dict[Any, int], path: Path, lines: Lines | None,
              problems: list[Problem], file: str) -> None:
    """Record where a mapping key starts; report it if the mapping already has it."""
    if key in seen:
        problems.append(
            Problem(file, line, field_name(path + (key,)), f"duplicate key (first at line {seen[key]})",
                    "remove one of the two; YAML would silently keep only the last")
        )
    seen[key] = line
    if lines is not None:
        lines.at.setdefault(path + (key,), line)


def _walk(node: yaml.Node, path: Path, lines: Lines, problems: list[Problem], file: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            _note_key(key, key_node.start_mark.line + 1, seen, path, lines, problems, file)
            _walk(value_node, path + (key,), lines, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.at[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines, problems, file)


class _Unusual(Exception):
    """The fast path met a YAML feature it leaves to PyYAML's composer."""


_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _build(loader: Any, path: Path, lines: Lines | None, problems: list[Problem], file: str) -> tuple[Any, str | None]:
    """The value of the next node in the event stream, the same as PyYAML's
    SafeLoader would construct it, reporting duplicate keys and (unless
    `lines` is None) recording lines as `_walk` does. Returns (value, the
    scalar's text or None for collections)."""
    event = loader.get_event()
    if getattr(event, "anchor", None) is not None or isinstance(event, yaml.AliasEvent):
        raise _Unusual
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        constructor = loader.yaml_constructors.get(tag)
        if constructor is None or tag == "tag:yaml.org,2002:merge":
            raise _Unusual
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return constructor(loader, node), event.value
    if isinstance(event, yaml.SequenceStartEvent):
        if event.tag not in (None, "!", _SEQ):
            raise _Unusual
        items: list = []
        while not loader.check_event(yaml.SequenceEndEvent):
            index = len(items)
            if lines is not None:
                lines.at[path + (index,)] = loader.peek_event().start_mark.line + 1
            items.append(_build(loader, path + (index,), lines, problems, file)[0])
        loader.get_event()
        return items, None
    if isinstance(event, yaml.MappingStartEvent):
        if event.tag not in (None, "!", _MAP):
            raise _Unusual
        mapping: dict = {}
        seen: dict[Any, int] = {}
        while not loader.check_event(yaml.MappingEndEvent):
            if not loader.check_event(yaml.ScalarEvent):
                raise _Unusual  # a list or mapping as a key
            line = loader.peek_event().start_mark.line + 1
            key, text = _build(loader, path, lines, problems, file)
            _note_key(text, line, seen, path, lines, problems, file)
            try:
                hash(key)
            except TypeError:
                raise _Unusual from None
            mapping[key] = _build(loader, path + (text,), lines, problems, file)[0]
        loader.get_event()
        return mapping, None
    raise _Unusual


def _parse_events(text: str, file: str, lines: Lines | None) -> tuple[Any, list[Problem]]:
    """The document built from parser events (no node tree), its lines
    recorded into `lines` unless it is None; raises _Unusual."""
    loader = Loader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise CurriculumError([Problem(file, 1, "(file)", "the file is empty", "start from the existing curriculum.yml")])
        loader.get_event()  # document start
        problems: list[Problem] = []
        data, _ = _build(loader, (), lines, problems, file)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Unusual  # a second document: PyYAML's composer words the error
        return data, problems
    finally:
        loader.dispose()


def parse(text: str, file: str) -> tuple[Any, Lines]:
    """Parse YAML text; raise CurriculumError on syntax errors or duplicate keys."""
    try:
        data, problems = _parse_events(text, file, None)
    except _Unusual:
        return _parse_nodes(text, file)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    if problems:
        raise CurriculumError(problems)
    return data, Lines(text)


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> CurriculumError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    message = f"YAML syntax error: {exc.problem or exc.context}"
    return CurriculumError([Problem(file, line, "(yaml)", message,
                                    "check indentation (2 spaces, no tabs) and quote text containing ': ' or '#'")])


def _parse_nodes(text: str, file: str) -> tuple[Any, Lines]:
    """PyYAML's composer and constructor, for documents the fast path leaves out."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CurriculumError([Problem(file, 1, "(file)", "the file is empty", "start from the existing curriculum.yml")])
        lines, problems = Lines(), []
        _walk(node, (), lines, problems, file)
        if problems:
            raise CurriculumError(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    finally:
        loader.dispose()
    return data, lines


# -- turning pydantic's errors into contributor-facing problems -------------

def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class that the mapping at `path` must match."""
    model: Any = Curriculum
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = model.model_fields[part].annotation
        while typing.get_origin(model) in (list, typing.Union, typing.Optional) or str(typing.get_origin(model)) == "types.UnionType":
            args = [a for a in typing.get_args(model) if a is not type(None)]
            model = args[0] if args else None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _hint(kind: str, path: Path, ctx: dict, value: Any = None) -> str:
    last = path[-1] if path else ""
    if kind == "missing":
        model = _model_at(path[:-1])
        info = model.model_fields.get(last) if model else None
        desc = f" ({info.description})" if info is not None and info.description else ""
        return f"add `{last}:`{desc}"
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = ", ".join(model.model_fields) if model else "see curriculum.schema.json"
        return f"check the spelling; allowed fields here: {allowed}"
    if kind == "string_pattern_mismatch":
        if last == "url" or str(ctx.get("pattern", "")).startswith("^https"):
            return "use a full https:// link (http:, javascript: and relative links are refused)"
        if "ipynb" in str(ctx.get("pattern", "")):
            return "point at a notebook under docs/, e.g. projects/01-linear-regression-from-scratch.ipynb"
        odd = [ch for ch in str(value) if ord(ch) > 127]
        if odd:
            names = ", ".join(f"'{ch}' ({unicodedata.name(ch, 'unknown')})" for ch in odd)
            return f"it contains non-ASCII look-alike characters {names}; retype it in plain ASCII"
        return "ids are lowercase ASCII letters, digits and single hyphens, e.g. `numpy-arrays`"
    if kind in ("string_too_long", "too_long"):
        return "shorten it; long text belongs in a linked resource"
    if kind in ("string_too_short", "too_short"):
        return "fill it in; empty entries are not shown"
    if kind.startswith("int") or kind.startswith("float"):
        return "write a plain number without quotes"
    if kind in ("string_type",):
        return "write text; quote it if YAML reads it as a number, date or yes/no"
    if kind.startswith("date"):
        return "write the date as YYYY-MM-DD without quotes"
    if kind in ("list_type",):
        return "write a list: one `- item` per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of `field: value` lines"
    if kind == "literal_error":
        return "use one of the allowed values"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "use a value in the allowed range"
    return ""


def problems_from_validation(exc: ValidationError, lines: Lines, file: str) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        path = tuple(err["loc"])
        out.append(Problem(file, lines.line(path), field_name(path), err["msg"], _hint(err["type"], path, err.get("ctx") or {}, err.get("input"))))
    return out


def load(path: pathlib.Path = DATA_FILE, *, display_name: str | None = None) -> tuple[Curriculum, Lines]:
    """Read and validate the shape of the data file. Cross-references are
    checked separately (`roadmap.checks`). Raises CurriculumError."""
    file = display_name or _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurriculumError([Problem(file, 1, "(file)", f"cannot read the file: {exc}", "save it as UTF-8")])
    data, lines = parse(text, file)
    if not isinstance(data, dict):
        raise CurriculumError([Problem(file, 1, "(file)", "the top level must be a mapping", "start from the existing curriculum.yml")])
    try:
        return Curriculum.model_validate(data), lines
    except ValidationError as exc:
        raise CurriculumError(problems_from_validation(exc, lines, file)) from None


def _display(path: pathlib.Path) -> str:
    try:
        return str(path.resolve().relative_to(pathlib.Path.cwd().resolve()))
    except ValueError:
        return str(path)
