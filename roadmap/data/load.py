"""Read curriculum.yml into typed models, with a line number for every field.

Two passes over the text, both through PyYAML's public API and libyaml's C
parser where available (about five times faster than the pure-Python one):

1. `scan`: the parser's events (`yaml.parse`), walked without building
   anything. It refuses what this file never needs and what could hurt a
   build (anchors and aliases, so no "billion laughs"; keys that are lists or
   mappings; nesting deeper than MAX_DEPTH; a second document), reports
   duplicate keys, and, only when a problem needs a line, records where each
   key and list item starts.
2. `yaml.load` with a safe loader builds the values. A date that does not
   exist (2026-02-30) stays text, so the models report it with its line.

Anything else YAML cannot read becomes a `file:line` problem, never a traceback.
"""

from __future__ import annotations

import pathlib
import typing
import unicodedata
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .models import QUESTION_KINDS, Curriculum
from .problems import CurriculumError, Path, Problem, field_name

__all__ = ["CurriculumError", "Lines", "Path", "Problem", "field_name", "load", "parse", "problems_from_validation"]

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12  # the curriculum nests 7 deep (phases > topics > questions > options)
SYNTAX_HINT = "check indentation (2 spaces, no tabs) and quote text containing ': ' or '#'"


class DataLoader(Loader):  # type: ignore[misc, valid-type]
    """The safe loader, except that an impossible date is kept as its text."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class Lines:
    """Where each path of the document starts.

    A line for every key and list item is a lot to keep (about 40 MB for a
    curriculum 100 times today's) and a valid file never needs one, so
    `parse` hands back `Lines(text)`: the text is scanned again, recording,
    the first time a line is asked for.
    """

    def __init__(self, text: str | None = None) -> None:
        self.at: dict[Path, int] = {(): 1}
        self._text = text

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that exists."""
        if self._text is not None:
            text, self._text = self._text, None
            scan(text, "", self)
        path = tuple(path)
        while path not in self.at:
            path = path[:-1]
        return self.at[path]


class _Frame:
    """A mapping or list being walked: its path, and where its next child goes."""

    __slots__ = ("path", "is_map", "key", "seen", "count")

    def __init__(self, path: Path, is_map: bool) -> None:
        self.path, self.is_map = path, is_map
        self.key: Any = None
        self.seen: dict[str, int] = {}
        self.count = 0


def _line_of(exc: yaml.YAMLError, text: str) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1
    position = getattr(exc, "position", None)  # a ReaderError (a character YAML refuses)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else 1


def _yaml_error(exc: yaml.YAMLError, text: str, file: str) -> CurriculumError:
    if isinstance(exc, yaml.reader.ReaderError):
        name = unicodedata.name(chr(exc.character), f"U+{exc.character:04X}") if isinstance(exc.character, int) else "?"
        return CurriculumError([Problem(file, _line_of(exc, text), "(yaml)", f"the file contains the character {name}",
                                        "delete it; control characters are invisible in most editors")])
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return CurriculumError([Problem(file, _line_of(exc, text), "(yaml)", f"YAML syntax error: {problem}", SYNTAX_HINT)])


def scan(text: str, file: str, lines: Lines | None = None) -> list[Problem]:
    """Walk the parser's events: refuse what the file must not contain, report
    duplicate keys, and record lines into `lines` unless it is None."""
    problems: list[Problem] = []
    stack: list[_Frame] = []
    documents = 0

    def refuse(line: int, path: Path, message: str, hint: str) -> list[Problem]:
        return problems + [Problem(file, line, field_name(path), message, hint)]

    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                return refuse(event.start_mark.line + 1, (), "a second YAML document (`---`)",
                              "the data file is one document: remove the `---` line")
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        line = event.start_mark.line + 1
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            if stack:
                _child_done(stack[-1])
            continue
        frame = stack[-1] if stack else None
        path: Path = ()
        if frame is not None and frame.is_map and frame.key is None:
            if not isinstance(event, yaml.ScalarEvent):
                return refuse(line, frame.path, "a key that is a list or a mapping",
                              "keys are plain words such as `title:`")
            key = event.value
            if key in frame.seen:
                problems.append(Problem(file, line, field_name(frame.path + (key,)),
                                        f"duplicate key (first at line {frame.seen[key]})",
                                        "remove one of the two; YAML would silently keep only the last"))
            frame.seen[key] = line
            frame.key = key
            if lines is not None:
                lines.at.setdefault(frame.path + (key,), line)
            if getattr(event, "anchor", None) is not None:
                return refuse(line, frame.path, "a YAML anchor (`&name`)", "write each value out in full")
            continue
        if frame is not None:
            path = frame.path + ((frame.key,) if frame.is_map else (frame.count,))
            if lines is not None and not frame.is_map:
                lines.at[path] = line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return refuse(line, path, "a YAML anchor or alias (`&name`, `*name`)",
                          "this file uses none: write each value out in full")
        if isinstance(event, yaml.ScalarEvent):
            if frame is not None:
                _child_done(frame)
            continue
        if len(stack) >= MAX_DEPTH:
            return refuse(line, path, f"nested more than {MAX_DEPTH} levels deep", "the curriculum never nests this deep; check the indentation")
        stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))
    return problems


def _child_done(frame: _Frame) -> None:
    if frame.is_map:
        frame.key = None
    else:
        frame.count += 1


# YAML reads these as line breaks; editors (and `git diff`) do not, so lines would not match.
HIDDEN_BREAKS = "\u2028\u2029\x85"


def _hidden_breaks(text: str, file: str) -> list[Problem]:
    out = []
    for ch in HIDDEN_BREAKS:
        at = text.find(ch)
        if at >= 0:
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            out.append(Problem(file, text.count("\n", 0, at) + 1, "(yaml)", f"the file contains U+{ord(ch):04X} {name}".replace(f"U+{ord(ch):04X} U+", "U+"),
                               "delete it: YAML reads it as a line break that your editor does not show"))
    return out


def parse(text: str, file: str) -> tuple[Any, Lines]:
    """Parse YAML text; raise CurriculumError on anything the data file must not hold."""
    hidden = _hidden_breaks(text, file)
    if hidden:
        raise CurriculumError(hidden)
    try:
        problems = scan(text, file)
        if problems:
            raise CurriculumError(problems)
        data = yaml.load(text, Loader=DataLoader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, file) from None
    except RecursionError:
        raise CurriculumError([Problem(file, 1, "(yaml)", "the file nests too deeply to read", SYNTAX_HINT)]) from None
    if data is None:
        raise CurriculumError([Problem(file, 1, "(file)", "the file is empty", "start from the existing curriculum.yml")])
    return data, Lines(text)


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
    if kind.startswith("int") or kind.startswith("float") or kind == "finite_number":
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
        # A question's kind picks its model; pydantic names it in the location
        # (`questions[0].choice.options`), the data file does not.
        loc = err["loc"]
        path = tuple(part for n, part in enumerate(loc)
                     if not (part in QUESTION_KINDS and n and isinstance(loc[n - 1], int)))
        out.append(Problem(file, lines.line(path), field_name(path), err["msg"], _hint(err["type"], path, err.get("ctx") or {}, err.get("input"))))
    return out


def load(path: pathlib.Path, *, display_name: str | None = None) -> tuple[Curriculum, Lines]:
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
