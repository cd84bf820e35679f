"""MkDocs hook for the printable book (mkdocs-print-site-plugin, /print_page/).

* Whole anchors. The print page prefixes each page's heading ids with the
  page's key and rewrites in-page links to match, but it finds a heading's id
  with a regex that stops at the first tag of a line. mkdocs-jupyter writes a
  notebook's HTML with many tags on one line, so notebook headings kept their
  old ids while the links to them were rewritten: broken anchors. Starting each
  heading on its own line, in the copy of the page the print plugin collects
  (`page.html`, set by its on_page_content, which runs before hooks), fixes
  that without touching the notebook page itself.
* The same ids, found faster. That regex, `<tag ... id="..." ...>`, is tried
  at every `<` and each try reads to the end of the line: on a notebook's long
  lines it cost 0.6 s per build, a quarter of the whole build.
  `update_anchor_ids` below returns exactly what the plugin's own function
  returns (tests/test_print_page.py compares them on every built page), but
  tries the regex only where an `id="` follows on the same line. It replaces
  the plugin's function only for the plugin version it was checked against.
"""

from __future__ import annotations

import bisect
import logging
import re
from importlib.metadata import PackageNotFoundError, version

log = logging.getLogger("mkdocs.hooks.print_page")

HEADING = re.compile(r"(?<!\n)(<h[1-6][\s>])")

CHECKED_VERSION = "2.9"  # mkdocs-print-site-plugin, pinned in requirements.txt
# The plugin's own pattern and tag list (mkdocs_print_site_plugin/urls.py).
ANCHOR = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r"id=\"", flags=re.IGNORECASE)
RENAMED_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")


def anchor_matches(html: str):
    """The matches `ANCHOR.finditer(html)` yields, skipping each `<` with no
    `id="` after it on its line (`.` does not cross a line, so none can match)."""
    ids = [m.start() for m in ID_ATTRIBUTE.finditer(html)]
    pos = 0
    while (start := html.find("<", pos)) >= 0:
        line_end = html.find("\n", start)
        k = bisect.bisect_left(ids, start + 2)  # `<`, at least one tag character, then `id="`
        if k == len(ids) or 0 <= line_end < ids[k]:
            if line_end < 0:
                return
            pos = line_end + 1
            continue
        match = ANCHOR.match(html, start)
        if match:
            yield match
            pos = match.end()
        else:
            pos = start + 1


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """mkdocs_print_site_plugin.urls.update_anchor_ids, same result."""
    for match in anchor_matches(page_html):
        if match.group(1) not in RENAMED_TAGS:
            continue
        text = match.group()
        page_html = page_html.replace(text, text.replace(match.group(2), page_key + "-" + match.group(2)))
    return page_html


def on_config(config, **kwargs):
    try:
        installed = version("mkdocs-print-site-plugin")
    except PackageNotFoundError:
        return config
    if installed == CHECKED_VERSION:
        from mkdocs_print_site_plugin import urls

        urls.update_anchor_ids = update_anchor_ids
    else:
        log.info("print_page: mkdocs-print-site-plugin %s, not %s: keeping its own anchor search",
                 installed, CHECKED_VERSION)
    return config


def on_page_content(html, page, **kwargs):
    printed = getattr(page, "html", None)
    if printed and page.file.src_uri.endswith(".ipynb"):
        page.html = HEADING.sub(r"\n\1", printed)
    return html
