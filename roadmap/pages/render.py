"""The Jinja environment the macros render with.

Templates live in `roadmap/pages/templates/`, outside the theme's folder, so
MkDocs never publishes their source. They produce Markdown (headings, so the
table of contents and search see them) with small inline HTML. Every value
from the data file passes through autoescaping; text placed in Markdown also
goes through `md`, which turns Markdown punctuation into character references,
so a contributor's string is always shown literally and never becomes a link,
an emphasis, a Jinja expression or a tag.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import pathlib
import re

import jinja2
import pygments
from markupsafe import Markup
from pygments import format as pygments_format
from pygments import lex
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from pygments.token import Name, Operator, Punctuation, Text

from .file_cache import cached_text

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"

# Characters that make Markdown, attr_list or table syntax anywhere in a line
# (`#` too: a trailing one is dropped from a heading, "ML for C#").
_MD_SPECIAL = r"\\`*_{}\[\]|#"
# One pass over the text: HTML's special characters become their entities and
# Markdown's become character references (two passes would escape the `#` of
# one another's references: "it's" must not become "it&&#35;x27;s").
_ESCAPE = re.compile(f"[&<>\"'{_MD_SPECIAL}]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# ...and the ones that only do so at the start of a line: lists, rules, quotes,
# admonitions (`!!!`) and collapsible blocks (`???`), definition lists.
_MD_LINE_START = re.compile(r"^([-+=!?:]|\d+[.)])")


def _ref(match: re.Match) -> str:
    return "".join(_HTML.get(ch) or f"&#{ord(ch)};" for ch in match.group())


def md(value: object) -> Markup:
    """Plain text -> inert Markdown text (one line, escaped). Punctuation
    that Markdown would act on becomes a character reference, which renders
    as the same character; everything else stays as typed, so search
    tokenises it normally."""
    text = _ESCAPE.sub(_ref, " ".join(str(value).split()))
    return Markup(_MD_LINE_START.sub(_ref, text))


def json_script(value: object) -> Markup:
    """Data for a `<script type="application/json">` element, safe inside HTML."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


_PLAIN = {Name, Operator, Punctuation}
_FORMATTER = HtmlFormatter(wrapcode=True, cssclass="highlight")
#: Where highlighted snippets and compiled templates are kept between builds
#: (`use_cache`); None: everything is made again each time.
_cache: pathlib.Path | None = None


def _highlight(code: str) -> str:
    # Names, spaces, punctuation and operators are written as plain text (names
    # and spaces are in Material's text colour anyway; punctuation and operators
    # lose a light grey): keywords, builtins, strings, numbers and comments keep
    # their colours, and the snippet costs half the bytes (the chapter's budget).
    tokens = [(Text if kind in _PLAIN or kind in Text else kind, value) for kind, value in lex(code, PythonLexer())]
    return pygments_format(tokens, _FORMATTER)


@functools.lru_cache(maxsize=4096)
def _highlighted(code: str) -> str:
    if _cache is None:
        return _highlight(code)
    # Keyed by everything the markup depends on: the code, Pygments' version and this file.
    key = hashlib.sha256("\0".join((pygments.__version__, _SOURCE_HASH, code)).encode("utf-8")).hexdigest()
    return cached_text(_cache / "code-blocks" / f"{key}.html", lambda: _highlight(code))


def code_block(code: object) -> Markup:
    """A Python snippet from the data, highlighted as Material colours a fenced
    block (`div.highlight > pre > code`, Pygments classes). Pygments escapes the
    text; the markup is Pygments', never assembled here."""
    return Markup(_highlighted(str(code)))


def https(url: object) -> str:
    """Refuse anything but https links at render time too (defence in depth)."""
    text = str(url)
    if not text.startswith("https://"):
        raise ValueError(f"refusing non-https URL {text!r}")
    return text


_SOURCE_HASH = hashlib.sha256(pathlib.Path(__file__).read_bytes()).hexdigest()[:16]


def use_cache(folder: pathlib.Path) -> None:
    """Keep highlighted snippets and compiled templates in `folder` between builds.

    Each entry is keyed by what it depends on (a snippet by its code, Pygments'
    version and this file; a compiled template by a hash of its source, in a
    folder named after Jinja's version and this file), so a stale one is never
    used and the pages are the same as without the cache. The MkDocs adapter
    passes `.cache/` next to mkdocs.yml; without a call nothing is kept."""
    global _cache
    templates = folder / f"templates-{jinja2.__version__}-{_SOURCE_HASH}"
    try:
        templates.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only checkout builds as before
    _cache = folder
    _highlighted.cache_clear()
    environment().bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, json_script=json_script, https=https, code_block=code_block)
    env.globals["zip"] = zip
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_to(path, template: str, **context: object) -> None:
    """Render a template into a file piece by piece, never the whole text in memory."""
    environment().get_template(template).stream(**context).dump(str(path), encoding="utf-8")
