"""Free text reads as prose: titles where ids would be, and the house spellings.

Two rules, applied to every free-text string of the data file (titles,
summaries, why, when, gap, brief, text, prompts, answers, explanations…), found
by walking the models, so a field added later is covered too. Not free text:
ids and references to ids, links, choices from a fixed list, and code
(`code`, `compute`). Text inside `backticks` is code and is left alone.

* No ids in prose: a hyphenated phase, topic or track id ("the classical-ml
  phase", "in advanced-ai") is a key for the machine; a reader gets its title.
  Single-word ids ("nlp", "deep") are ordinary words and are not refused.
* House spellings (house_style.yml beside this module): 'pre-trained' is
  written 'pretrained', 'optimizer' 'optimiser', and so on. The same list is
  applied to the Markdown cells of the project notebooks. The names of other
  people's work (resource, course and dataset titles, providers) keep their
  own spelling.
"""

from __future__ import annotations

import functools
import json
import pathlib
import re
import typing
from typing import Iterator

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..data.models import URL_MARK, Curriculum
from ..data.problems import Path
from .walk import strings

STYLE_FILE = pathlib.Path(__file__).with_name("house_style.yml")
STYLE_HINT = "(CONTRIBUTING.md, House style)"
CODE_FIELDS = {"code", "compute", "output"}
#: (list, field) of names that belong to someone else's work and keep its spelling.
NAMES_OF_WORKS = {("resources", "title"), ("resources", "provider"), ("courses", "title"),
                  ("courses", "provider"), ("datasets", "title"), ("datasets", "licence")}
CODE_SPANS = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|(`+)(?:(?!\1).)+?\1", re.S)


def without_code(text: str) -> str:
    """`text` with its fenced code blocks and `code spans` blanked (line breaks kept)."""
    return CODE_SPANS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _constrained(annotation: object) -> bool:
    """Whether a type is (or holds) a Literal, a pattern-constrained string (an id) or a link."""
    if typing.get_origin(annotation) is typing.Literal:
        return True
    for meta in getattr(annotation, "__metadata__", ()):
        if meta == URL_MARK or getattr(meta, "pattern", None):
            return True
    return any(_constrained(arg) for arg in typing.get_args(annotation))


def _is_free_text(path: Path, info: FieldInfo) -> bool:
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if field in CODE_FIELDS or field == "id" or URL_MARK in info.metadata:
        return False
    if any(getattr(m, "pattern", None) for m in info.metadata):
        return False
    return not _constrained(info.annotation)


def free_text(cur: BaseModel) -> Iterator[tuple[Path, str]]:
    """(path, text without its code spans) for every free-text string of the data."""
    for path, info, value in strings(cur):
        if _is_free_text(path, info):
            yield path, without_code(value)


def _is_name_of_work(path: Path) -> bool:
    names = [p for p in path if isinstance(p, str)]
    return len(names) >= 2 and (names[-2], names[-1]) in NAMES_OF_WORKS


def _word(term: str) -> re.Pattern[str]:
    """`term` as a whole word: not inside a longer word, a hyphenated word or a dotted name (`torch.optim`)."""
    body = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(rf"(?<![\w.-]){body}(?![\w-]|\.\w)", re.IGNORECASE)


# -- no ids in prose -------------------------------------------------------


def named_ids(cur: Curriculum) -> dict[str, tuple[str, str]]:
    """Hyphenated id -> (what it names, its title), for phases, topics and tracks."""
    out = {p.id: ("phase", p.title) for p in cur.phases}
    out.update({t.id: ("topic", t.title) for _, t in cur.topics()})
    out.update({t.id: ("track", t.title) for t in cur.tracks})
    return {key: value for key, value in out.items() if "-" in key}


def id_pattern(ids: typing.Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `ids` as a whole word (case-sensitive: ids are lowercase),
    not as part of a path or an anchor (`phases/classical-ml/`, `#ml-workflow`)."""
    ordered = sorted(ids, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w./#-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w/-]|\.\w)")


def id_problems(cur: Curriculum) -> Iterator[tuple[Path, str, str]]:
    """(path, message, hint) for each phase, topic or track id named in free text."""
    ids = named_ids(cur)
    pattern = id_pattern(ids)
    if pattern is None:
        return
    for path, text in free_text(cur):
        if _is_name_of_work(path):
            continue
        for found in dict.fromkeys(m.group(1) for m in pattern.finditer(text)):
            what, title = ids[found]
            yield (path, f"names the {what} id '{found}'",
                   f"write its title, '{title}', instead")


# -- house spellings -------------------------------------------------------


@functools.lru_cache(maxsize=None)
def house_spellings() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(avoided spelling, preferred spelling, pattern), longest first, from house_style.yml."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    table = yaml.load(STYLE_FILE.read_text(encoding="utf-8"), Loader=loader) or {}
    return tuple((bad, good, _word(bad)) for bad, good in sorted(table.items(), key=lambda kv: -len(kv[0])))


def _as_found(found: str, preferred: str) -> str:
    return preferred[:1].upper() + preferred[1:] if found[:1].isupper() else preferred


@functools.lru_cache(maxsize=None)
def _house_first_words() -> tuple[str, ...]:
    """The first word of each avoided spelling, lower case: a text holding none of them is clean."""
    return tuple(dict.fromkeys(bad.split()[0].lower() for bad, _good, _pattern in house_spellings()))


def spelling_findings(text: str) -> list[tuple[str, str]]:
    """(as written, as the book writes it) for each avoided spelling in `text` (code already removed)."""
    lowered = text.lower()
    if not any(word in lowered for word in _house_first_words()):
        return []
    hits: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for _bad, good, pattern in house_spellings():
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # part of a longer avoided spelling already reported
            taken.append(m.span())
            found = " ".join(m.group().split())  # a folded line break reads as a space
            hits.append((m.start(), found, _as_found(found, good)))
    return list(dict.fromkeys((found, good) for _, found, good in sorted(hits)))


def spelling_message(found: str, preferred: str) -> tuple[str, str]:
    return f"'{found}'", f"the book writes '{preferred}' {STYLE_HINT}"


def spelling_problems(cur: Curriculum) -> Iterator[tuple[Path, str, str]]:
    """(path, message, hint) for each avoided spelling in the data's free text."""
    for path, text in free_text(cur):
        if _is_name_of_work(path):
            continue
        for found, preferred in spelling_findings(text):
            yield (path, *spelling_message(found, preferred))


def notebook_spelling_problems(docs_dir: pathlib.Path) -> Iterator[tuple[str, int, str, str]]:
    """(file, cell number, message, hint) for each avoided spelling in a project notebook's Markdown cells."""
    for nb_path in sorted((docs_dir / "projects").glob("*.ipynb")):
        file = f"{docs_dir.name}/{nb_path.relative_to(docs_dir).as_posix()}"
        try:
            cells = json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue  # the notebook checks report an unreadable notebook
        for n, cell in enumerate(cells, start=1):
            if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for found, preferred in spelling_findings(without_code(text)):
                yield (file, n, *spelling_message(found, preferred))
