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
import pathlib
import html
import json
import re

import jinja2
from markupsafe import Markup

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"

# Characters that make Markdown, attr_list or table syntax anywhere in a line
# (`#` too: a trailing one is dropped from a heading, "ML for C#").
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]|#]")
# ...and the ones that only do so at the start of a line: lists, rules, quotes,
# admonitions (`!!!`) and collapsible blocks (`???`), definition lists.
_MD_LINE_START = re.compile(r"^([-+>=!?:]|\d+[.)])")


def _ref(match: re.Match) -> str:
    return "".join(f"&#{ord(ch)};" for ch in match.group())


def md(value: object) -> Markup:
    """Plain text -> inert Markdown text (one line, escaped). Punctuation
    that Markdown would act on becomes a character reference, which renders
    as the same character; everything else stays as typed, so search
    tokenises it normally."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=True)
    text = _MD_SPECIAL.sub(_ref, text)
    return Markup(_MD_LINE_START.sub(_ref, text))


def json_script(value: object) -> Markup:
    """Data for a `<script type="application/json">` element, safe inside HTML."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def https(url: object) -> str:
    """Refuse anything but https links at render time too (defence in depth)."""
    text = str(url)
    if not text.startswith("https://"):
        raise ValueError(f"refusing non-https URL {text!r}")
    return text


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
    env.filters.update(md=md, json_script=json_script, https=https)
    env.globals["zip"] = zip
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_to(path, template: str, **context: object) -> None:
    """Render a template into a file piece by piece, never the whole text in memory."""
    environment().get_template(template).stream(**context).dump(str(path), encoding="utf-8")
