"""MkDocs hook for the printable book (mkdocs-print-site-plugin, /print_page/).

The print page prefixes each page's heading ids with the page's key and
rewrites in-page links to match, but it finds a heading's id with a regex that
stops at the first tag of a line. mkdocs-jupyter writes a notebook's HTML with
many tags on one line, so notebook headings kept their old ids while the links
to them were rewritten: broken anchors. Starting each heading on its own line,
in the copy of the page the print plugin collects (`page.html`, set by its
on_page_content, which runs before hooks), fixes that without touching the
notebook page itself.
"""

from __future__ import annotations

import re

HEADING = re.compile(r"(?<!\n)(<h[1-6][\s>])")


def on_page_content(html, page, **kwargs):
    printed = getattr(page, "html", None)
    if printed and page.file.src_uri.endswith(".ipynb"):
        page.html = HEADING.sub(r"\n\1", printed)
    return html
