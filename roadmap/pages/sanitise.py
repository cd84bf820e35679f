"""Notebook HTML made inert: what mkdocs-jupyter renders from a notebook's cells may not run.

Markdown cells and HTML outputs come from pull requests. They are cleaned
with nh3 (the Rust sanitiser Ammonia: an allow-list of tags and attributes,
no script, style, frame, form, event handler or `javascript:` URL), and a
second pass over the whole notebook removes anything of that kind that got
through another way. Used by mkdocs_roadmap/hooks/notebook_pages.py.
"""

from __future__ import annotations

import re

# What HTML from a notebook (markdown cells, text/html outputs) may keep: nh3's
# allow-list (Ammonia's defaults: no script, style, iframe, form, event handler or
# javascript: URL) plus ids on headings, for the cells' anchor links.
_RENDERED = ("jp-RenderedHTMLCommon", "jp-RenderedHTML", "jp-RenderedMarkdown", "jp-RenderedSVG", "jp-RenderedLatex")
# Never inside a notebook; `_NEVER_IN_CELLS` also never inside a cell's output or Markdown
# (mkdocs-jupyter draws its own copy button with an <svg> next to the code).
_NEVER = ("script", "style", "iframe", "frame", "object", "embed", "form", "input", "button", "textarea", "select",
          "link", "meta", "base", "template", "audio", "video", "source", "portal")
_NEVER_IN_CELLS = _NEVER + ("svg", "math", "img:not([src^='data:image/'])")
_CELL_CONTENT = ".jp-OutputArea, .jp-MarkdownCell, .jp-RawCell"


def _clean(html: str) -> str:
    import nh3

    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        attributes.setdefault(tag, set()).add("id")
    attributes.setdefault("a", set()).update({"href", "title"})
    attributes.setdefault("img", set()).update({"src", "alt", "width", "height"})
    for tag in ("span", "code", "pre", "div", "table"):  # syntax-highlighting and pandas classes
        attributes.setdefault(tag, set()).add("class")
    return nh3.clean(html, attributes=attributes, url_schemes={"https", "http", "mailto", "data"},
                     allowed_classes={"a": {"anchor-link"}}, link_rel=None)


def sanitise(soup) -> None:
    """Nothing from a notebook runs: rendered HTML and Markdown are cleaned with nh3,
    JavaScript outputs dropped, and (defence in depth) no element or attribute that
    could run, submit, embed or fetch survives anywhere in the notebook's HTML."""
    from bs4 import BeautifulSoup

    # JavaScript outputs, and mkdocs-jupyter's own copy button (a script-driven
    # custom element; Material's copy button serves the code blocks instead).
    for node in soup.select(".jp-RenderedJavaScript, [data-mime-type='application/javascript'], "
                            ".zeroclipboard-container, .clipboard-copy-txt"):
        node.decompose()
    # No script of any kind survives in a notebook's HTML: the page's own
    # scripts come from the theme, allowed by the Content-Security-Policy.
    for node in soup.find_all("script"):
        node.decompose()
    for node in soup.find_all(class_=list(_RENDERED)):
        if node.find_parent(class_=list(_RENDERED)):
            continue
        cleaned = BeautifulSoup(_clean(node.decode_contents()), "html.parser")
        node.clear()
        node.append(cleaned)
    for notebook in soup.select(".jp-Notebook"):
        for node in notebook.find_all(_NEVER):
            node.decompose()
    for area in soup.select(_CELL_CONTENT):
        for node in area.select(", ".join(_NEVER_IN_CELLS)):
            node.decompose()
    for node in soup.find_all(True):
        for name in [a for a in node.attrs if a.lower().startswith("on") or a.lower() in ("srcdoc", "formaction")]:
            del node[name]
        for name in ("href", "src", "action", "xlink:href"):
            value = node.get(name)
            if isinstance(value, str) and re.match(r"\s*(javascript|vbscript|data:text/html)", value, re.I):
                del node[name]
