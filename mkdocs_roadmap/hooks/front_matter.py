"""MkDocs hook: a page's front matter is data, never markup.

Material prints `page.meta.title`, `description` and `author` into the page
without escaping (the header, `<meta name="description" content="…">`, the
nav), so `description: '"><script>…'` in any page would run. This hook
escapes every front matter string the theme prints, on every page, once; the
escaped value is `Markup`, so templates that escape again (`| e`) leave it as
it is. Structured data may only come from the macros (`json_script`, already
`Markup`); a plain string under `structured_data:` is dropped.

Enable with ``hooks: [mkdocs_roadmap/hooks/front_matter.py]`` in mkdocs.yml.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PRINTED = ("title", "description", "author")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    for key in PRINTED:
        value = page.meta.get(key)
        if value is not None and not isinstance(value, Markup):
            page.meta[key] = escape(str(value))
    if "structured_data" in page.meta and not isinstance(page.meta["structured_data"], Markup):
        del page.meta["structured_data"]
    return None
