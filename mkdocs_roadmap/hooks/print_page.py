"""MkDocs hook: the whole book on one page, /print_page/, for printing or PDF.

`docs/print_page.md` is a stub. The theme renders it like any page, around a
marker; after the build this hook rewrites that file as the marker's
surroundings with every page of the navigation in between, in nav order:

* each nav section opens with its title, each page is a `<section>` whose id
  is the page's key (`phases/foundations/` -> `phases-foundations`);
* every id in a page becomes `<key>-<id>` (and `for=`, `aria-*` references and
  `#fragment` links with it), so ids stay unique on the long page;
* a link to another printed page becomes a link within the print page, and
  any other relative link or image is rebased onto /print_page/;
* a contents list comes first, and the theme's sidebar lists the same;
* every `<details>` is open (answers and notes fold away on a screen only).

On paper, docs/stylesheets/print.css writes an external link's address after
its text; on every page this hook marks the links whose text already is the
address (class `rm-url-shown`), which it leaves alone.

The file is written page by page from the pages' HTML, which MkDocs keeps
until the build ends, so memory grows with the largest page, not with the
book (a one-string print page costs several copies of the whole book: the
reason this replaced mkdocs-print-site-plugin, see README, "What keeps builds
fast"). Pages with `print: false` in their front matter are left out (the
changelog, the planner).

Enable with ``hooks: [mkdocs_roadmap/hooks/print_page.py]`` in mkdocs.yml.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from roadmap.pages.render import environment

PRINT_PAGE = "print_page.md"
MARKER = "<!-- roadmap:print-book -->"

# A start tag, and the attributes in it that name ids or point somewhere.
START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
ATTRIBUTE = re.compile(r"""(?<=\s)(id|for|href|src|aria-labelledby|aria-describedby|aria-controls)=(?:"([^"]*)"|'([^']*)')""")
ID_LISTS = ("aria-labelledby", "aria-describedby", "aria-controls")
FIRST_HEADING = re.compile(r"<h([1-6])[\s>]")
DETAILS = re.compile(r"<details(?=[\s>])(?![^>]*\sopen[\s=>])")
# A link and its content (links do not nest), and its class and href attributes.
LINK = re.compile(r"<a(\s[^>]*)>(.*?)</a>", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
URL_SHOWN = "rm-url-shown"


@dataclass
class Part:
    """A nav section (no page) or a page, as the print page shows it."""

    id: str
    title: str
    page: object = None
    children: list["Part"] = field(default_factory=list)


@dataclass
class Printed:
    """What this build prints: the nav, its outline, the print page and its shell."""

    items: list = field(default_factory=list)  # the nav, as MkDocs built it
    parts: list[Part] = field(default_factory=list)
    keys: dict = field(default_factory=dict)  # page URL -> key, for PageLinks
    page: object = None  # the print page
    shell: str | None = None


_book = Printed()


def page_key(url: str) -> str:
    """'phases/foundations/' -> 'phases-foundations'; the home page is 'index'."""
    key = url.removesuffix("index.html").removesuffix(".html").strip("/").replace("/", "-")
    return key or "index"


def is_printed(page) -> bool:
    return page.file.src_uri != PRINT_PAGE and page.meta.get("print", True) is not False


def section_id(number: str) -> str:
    """A nav section's id on the print page, from its place in the nav ('2-1')."""
    return f"section-{number}"


class PageLinks:
    """Rewrites one page's HTML for its place on the print page."""

    def __init__(self, page, keys: dict[str, str], print_url: str):
        self.key = keys[page.url]
        self.base = "/" + page.url
        self.keys = keys
        self.print_url = print_url

    def url(self, value: str, is_link: bool) -> str:
        if value.startswith("#"):
            return f"#{self.key}-{value[1:]}" if len(value) > 1 else f"#{self.key}"
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not value:
            return value
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.base), parts.path)) if parts.path else self.base
        if parts.path.endswith("/") and not target.endswith("/"):
            target += "/"
        target = target.lstrip("/")
        # A page's URL: `x/` with directory URLs, `x/index.html` or `x.html` without.
        page_url = target if target in self.keys else target.removesuffix("index.html")
        if is_link and not parts.query and page_url in self.keys:
            key = self.keys[page_url]
            return f"#{key}-{parts.fragment}" if parts.fragment else f"#{key}"
        rebased = get_relative_url(target or ".", self.print_url)
        if parts.path.endswith("/") and not rebased.endswith("/"):
            rebased += "/"
        return rebased + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

    def attribute(self, match: re.Match) -> str:
        name = match.group(1)
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if name in ("id", "for"):
            value = f"{self.key}-{value}"
        elif name in ID_LISTS:
            value = " ".join(f"{self.key}-{token}" for token in value.split())
        else:
            value = self.url(value, is_link=name == "href")
        return f'{name}="{value.replace(chr(34), "&quot;")}"'  # written back double-quoted

    def tag(self, match: re.Match) -> str:
        return DETAILS.sub("<details open", ATTRIBUTE.sub(self.attribute, match.group()))

    def rewrite(self, html: str) -> str:
        return START_TAG.sub(self.tag, html)


def _address(url: str) -> str:
    """A URL as a reader compares it: no scheme, no `www.`, no trailing slash."""
    return re.sub(r"^(https?:)?//(www\.)?", "", url.strip()).rstrip("/")


def _mark_link(match: re.Match) -> str:
    attrs, text = match.group(1), match.group(2)
    href = re.search(r'\shref="(https?://[^"]*)"', attrs)
    shown = TAG.sub("", text).replace("&amp;", "&")
    if not href or not shown.strip() or _address(shown) != _address(href.group(1).replace("&amp;", "&")):
        return match.group()
    if re.search(r'\sclass="', attrs):
        attrs = re.sub(r'\sclass="', f' class="{URL_SHOWN} ', attrs, count=1)
    else:
        attrs = f' class="{URL_SHOWN}"{attrs}'
    return f"<a{attrs}>{text}</a>"


def mark_shown_urls(html: str) -> str:
    """Add class `rm-url-shown` to the external links whose text is their address."""
    return LINK.sub(_mark_link, html)


def outline(items, number: str = "") -> list[Part]:
    """The nav's sections and printed pages; a section with nothing printed is left out."""
    parts = []
    for i, item in enumerate(items, start=1):
        if item.is_section:
            children = outline(item.children, f"{number}{i}-")
            if children:
                parts.append(Part(section_id(f"{number}{i}"), item.title, children=children))
        elif item.is_page and is_printed(item):
            parts.append(Part(page_key(item.url), item.title, item))
    return parts


def pages(parts: list[Part]):
    for part in parts:
        if part.page is None:
            yield from pages(part.children)
        else:
            yield part


def contents(parts: list[Part]) -> list[AnchorLink]:
    """The print page's table of contents: sections, pages and each page's H2s."""
    out = []
    for part in parts:
        if part.page is None:
            link = AnchorLink(part.title, part.id, 1)
            link.children = contents(part.children)
        else:
            link = AnchorLink(part.title, part.id, 2)
            tops = [c for t in part.page.toc for c in (t.children if t.level == 1 else [t])]
            link.children = [AnchorLink(Markup(t.title), f"{part.id}-{t.id}", 3) for t in tops if t.level == 2]
        out.append(link)
    return out


# -- MkDocs events ----------------------------------------------------------------


def on_pre_build(config):
    global _book
    _book = Printed()  # `mkdocs serve` keeps this module loaded across rebuilds


def on_nav(nav, config, files):
    _book.items = nav.items
    return nav


@event_priority(-50)  # after the hooks and plugins that add links (notebook pages)
def on_page_content(html, page, config, files):
    if page.file.src_uri != PRINT_PAGE:
        return mark_shown_urls(html)
    _book.page = page
    macros = environment().get_template("print_book.html").module
    return str(macros.cover(config["site_name"], config.get("site_description") or "", Markup(MARKER)))


def on_page_context(context, page, config, nav):
    if page is _book.page:
        _book.parts = outline(_book.items)
        _book.keys = {part.page.url: part.id for part in pages(_book.parts)}
        page.toc = TableOfContents(contents(_book.parts))
        page.edit_url = None  # nothing to edit here: the text lives in the other pages
    return context


def on_post_page(output, page, config):
    if page is _book.page:
        _book.shell = output
    return output


def on_post_build(config):
    if _book.page is None or _book.shell is None:
        return
    head, marker, tail = _book.shell.partition(MARKER)
    if not marker:
        raise RuntimeError(f"{PRINT_PAGE}: the print page lost its marker {MARKER!r}")
    macros = environment().get_template("print_book.html").module
    with open(_book.page.file.abs_dest_path, "w", encoding="utf-8", errors="xmlcharrefreplace") as out:
        out.write(head)
        out.write(str(macros.contents(_book.page.toc.items)))
        _write_parts(out, _book.parts, macros)
        out.write(tail)


def _write_parts(out, parts: list[Part], macros) -> None:
    for part in parts:
        if part.page is None:
            out.write(str(macros.section_start(part.id, part.title)))
            _write_parts(out, part.children, macros)
        else:
            content = part.page.content or ""
            first = FIRST_HEADING.search(content)
            out.write(str(macros.page_start(part.id, part.title, not first or first.group(1) != "1")))
            out.write(PageLinks(part.page, _book.keys, _book.page.url).rewrite(content))
        out.write(str(macros.section_end()))
