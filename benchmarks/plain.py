"""The book's pages as plain Markdown, built by mkdocs-material alone.

A throwaway hook (added to a copy of mkdocs.yml) saves every page as the
engine hands it to Markdown: after macros for generated pages, and the
rendered HTML for notebook pages. Those files, with the same nav, Markdown
extensions and static files, are then built with a minimal mkdocs.yml
(material + search), which is what the book would cost without the engine.
"""

from __future__ import annotations

import pathlib
import shutil

import yaml

CAPTURE_HOOK = '''
import html, pathlib, yaml
from mkdocs.plugins import event_priority

OUT = pathlib.Path({out!r})

def _save(page, body):
    # The book's front matter hook escapes these (Markup); the plain build gets the text back.
    meta = {{k: html.unescape(str(v)) for k, v in page.meta.items() if k in ("title", "description")}}
    front = "---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" if meta else ""
    path = OUT / pathlib.Path(page.file.src_uri).with_suffix(".md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front + body, encoding="utf-8")

@event_priority(-100)  # after macros
def on_page_markdown(markdown, page, **kwargs):
    _save(page, markdown)

@event_priority(-100)
def on_page_content(html, page, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):  # notebooks never reach on_page_markdown
        _save(page, "<div markdown=\\"0\\">\\n" + html + "\\n</div>\\n")
'''


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python tags read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def capture(root: pathlib.Path, out: pathlib.Path) -> pathlib.Path:
    """Write a mkdocs config that builds the book and captures each page into `out`."""
    hook = root / "_bench_capture.py"
    hook.write_text(CAPTURE_HOOK.format(out=str(out)), encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = root / "_bench_capture.yml"
    config.write_text(text + f"\nhooks:\n  - {hook.name}\n" if "\nhooks:" not in text else
                      text.replace("\nhooks:\n", f"\nhooks:\n  - {hook.name}\n", 1), encoding="utf-8")
    return config


def _plain_nav(nav):
    if isinstance(nav, list):
        return [_plain_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {k: _plain_nav(v) for k, v in nav.items()}
    if isinstance(nav, str) and nav.endswith(".ipynb"):
        return nav[: -len(".ipynb")] + ".md"
    return nav


def plain_book(root: pathlib.Path, captured: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """A docs folder of captured pages plus the book's static files, and a minimal mkdocs.yml."""
    book = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    docs = dest / "docs"
    shutil.copytree(captured, docs)
    for path in (root / "docs").rglob("*"):  # stylesheets, scripts, images: same files as the book
        if path.is_file() and path.suffix not in (".md", ".ipynb"):
            target = docs / path.relative_to(root / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    theme = {k: v for k, v in book["theme"].items() if k != "custom_dir"}
    plain = {
        "site_name": book["site_name"],
        "site_url": book.get("site_url"),
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": book.get("markdown_extensions", []),
        "extra_css": book.get("extra_css", []),
        "extra_javascript": book.get("extra_javascript", []),
        "validation": book.get("validation", {}),
    }
    if "exclude_docs" in book:
        plain["exclude_docs"] = book["exclude_docs"]
    # The glossary's tooltips: snippets appends docs/includes/ to each page, in both builds.
    for ext in plain["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(docs / "includes")]
    if (root / "docs" / "includes").is_dir():
        shutil.copytree(root / "docs" / "includes", docs / "includes", dirs_exist_ok=True)
    if "nav" in book:
        plain["nav"] = _plain_nav(book["nav"])
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest
