"""MkDocs hook for the project-notebook pages (docs/projects/*.ipynb).

mkdocs-jupyter turns each notebook into HTML. This hook then:

* drops the ~600 KB of JupyterLab CSS that mkdocs-jupyter inlines into every
  notebook page, and links the book's small ``stylesheets/notebooks.css``
  instead; code cells get Material's own ``highlight`` class, so their syntax
  colours follow the light/dark palette like every other code block;
* drops the MathJax and other scripts that would be fetched from a CDN;
* marks every output area with ``data-search-exclude`` (Material's search
  plugin skips such elements), so the search index holds the prose and the
  code but not printed numbers, tables and base64 figures;
* makes output areas keyboard-focusable regions with a label, since long
  outputs scroll;
* adds a "Download the notebook" link (mkdocs-jupyter's ``include_source``
  copies the .ipynb next to the page) and an "Open in Colab" link built from
  ``repo_url`` in mkdocs.yml;
* fails the build if the macros plugin ever rendered a notebook's JSON.

Parsing a notebook page with BeautifulSoup is the slowest step of a build, so
the rewritten HTML is cached on disk in ``.cache/roadmap-notebook-pages/``
(next to mkdocs-jupyter's own cache), keyed by a hash of the page's HTML, this
file's source and BeautifulSoup's version: an unchanged notebook costs a file
read. The header (title, download and Colab links) is rendered on every build.
Entries no build used are removed after the build, as mkdocs-jupyter does.

Enable with ``hooks: [mkdocs_roadmap/hooks/notebook_pages.py]`` in mkdocs.yml.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mkdocs_roadmap.paths import book_root
from roadmap.checks.notebook_safety import notebook_problems
from roadmap.pages.file_cache import cached_text
from roadmap.pages.render import render
from roadmap.pages.sanitise import sanitise

log = logging.getLogger("mkdocs.hooks.notebook_pages")

COLAB = "https://colab.research.google.com/github"
BRANCH = "main"
#: Attribute that Material's search plugin honours (material/plugins/search/plugin.py).
SEARCH_EXCLUDE = "data-search-exclude"

_OUTPUT_CLASSES = ("jp-OutputArea-output",)
_PROMPT_CLASSES = ("jp-InputPrompt", "jp-OutputPrompt")


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def github_repo(repo_url: str | None) -> tuple[str, str] | None:
    """('owner', 'repo') from a GitHub repo_url, else None."""
    if not repo_url:
        return None
    parsed = urlparse(repo_url)
    if parsed.scheme not in ("http", "https") or parsed.netloc.lower() not in ("github.com", "www.github.com"):
        return None
    parts = [p for p in parsed.path.split("/") if p]
    if len(parts) < 2:
        return None
    owner, repo = parts[0], parts[1].removesuffix(".git")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", owner) or not re.fullmatch(r"[A-Za-z0-9_.-]+", repo):
        return None
    return owner, repo


def colab_url(repo_url: str | None, repo_path: str) -> str | None:
    """The "Open in Colab" address of a notebook at ``repo_path`` in the repository."""
    gh = github_repo(repo_url)
    if gh is None:
        return None
    owner, repo = gh
    return f"{COLAB}/{quote(owner)}/{quote(repo)}/blob/{BRANCH}/{quote(repo_path)}"


def repo_path_of(page, config) -> str:
    """Path of the page's notebook relative to the repository root (posix)."""
    root = book_root(config.config_file_path)
    docs = Path(config.docs_dir).resolve()
    try:
        rel_docs = docs.relative_to(root).as_posix()
    except ValueError:
        rel_docs = "docs"
    return str(PurePosixPath(rel_docs) / page.file.src_uri)


# ---------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------


def on_page_markdown(markdown, page, config, files):
    """Guard: the macros plugin must leave notebook JSON untouched."""
    if not is_notebook(page):
        return markdown
    if page.meta.get("render_macros"):
        raise PluginError(f"{page.file.src_uri}: notebooks must not set render_macros")
    with open(page.file.abs_src_path, encoding="utf-8-sig") as fh:
        raw = fh.read()
    if markdown.strip() != raw.strip():
        raise PluginError(
            f"{page.file.src_uri}: a plugin rewrote the notebook's JSON before rendering "
            "(is the macros plugin rendering it? keep render_by_default: false)"
        )
    return markdown


CACHE_DIR = Path(".cache") / "roadmap-notebook-pages"
#: Cache files this build read or wrote; the others are evicted after it.
_used: set[Path] = set()
_salt: bytes = b""  # this file's source and BeautifulSoup's version, hashed once


def _cache_dir(config) -> Path:
    return book_root(config.config_file_path) / CACHE_DIR


def _cache_key(content: str) -> str:
    global _salt
    if not _salt:
        from importlib.metadata import PackageNotFoundError, version

        try:
            bs4_version = version("beautifulsoup4")
        except PackageNotFoundError:
            bs4_version = "?"
        try:
            nh3_version = version("nh3")
        except PackageNotFoundError:
            nh3_version = "?"
        _salt = hashlib.sha256(Path(__file__).read_bytes() + b"\0" + bs4_version.encode() + nh3_version.encode()).digest()
    return hashlib.sha256(_salt + content.encode("utf-8")).hexdigest()


def cached_body(content: str, config) -> str:
    """`notebook_body(content)`, read from the on-disk cache when it has it."""
    path = _cache_dir(config) / f"{_cache_key(content)}.html"
    _used.add(path)
    return cached_text(path, lambda: notebook_body(content))


@event_priority(50)  # before other plugins and hooks read the page's HTML
def on_page_content(content, page, config, files):
    if not is_notebook(page):
        return content
    body = cached_body(content, config)

    # The nav title as the page's H1, then download and Colab links.
    colab = colab_url(config.get("repo_url"), repo_path_of(page, config))
    if not colab:
        log.info("notebook_pages: repo_url is not a GitHub repository; no Colab link")
    name = os.path.basename(page.file.abs_src_path)
    header = render(
        "notebook_header.html",
        title=page.title,
        anchor="notebook",
        name=name,
        download=quote(name),
        colab=colab,
    )
    return header + body


def on_pre_build(config: MkDocsConfig) -> None:
    _used.clear()  # `mkdocs serve` keeps this module loaded across rebuilds
    problems = [p for nb in sorted(Path(config.docs_dir).rglob("*.ipynb")) if ".ipynb_checkpoints" not in nb.parts
                for p in notebook_problems(nb)]
    if problems:
        raise PluginError("\nA notebook holds something that would run in readers' browsers:\n  " + "\n  ".join(problems))


def on_post_build(config):
    """Remove cache entries this build did not use (old versions of pages)."""
    if not _used:
        return
    folder = _cache_dir(config)
    for path in folder.glob("*.html"):
        if path not in _used:
            path.unlink(missing_ok=True)


def notebook_body(content: str) -> str:
    """mkdocs-jupyter's HTML of a notebook, rewritten as the module docstring says."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(content, "html.parser")
    sanitise(soup)

    # 1. mkdocs-jupyter's inlined JupyterLab/Pygments CSS, and scripts from CDNs.
    for style in soup.find_all("style"):
        if not style.find_parent(class_="jp-OutputArea"):
            style.decompose()
    # MathJax (its URL is empty or a CDN's; the notebooks write formulas in
    # plain Unicode) and the Mermaid loader, which imports from a CDN.
    for script in soup.find_all("script"):
        text = script.string or ""
        if (
            script.has_attr("src") and (not script["src"].strip() or script["src"].startswith(("http:", "https:", "//")))
            or "mathjax" in script.get("type", "").lower()
            or "MathJax" in text
            or re.search(r"import\(\s*[\"']https?:", text)
        ):
            script.decompose()

    from bs4 import Comment

    for comment in soup.find_all(string=lambda t: isinstance(t, Comment) and "MathJax" in t):
        comment.extract()

    # 2. Code cells: Material's highlight class gives palette-aware token colours.
    for block in soup.select("div.highlight-ipynb"):
        classes = block.get("class", [])
        if "highlight" not in classes:
            block["class"] = [*classes, "highlight"]

    # 3. Outputs and prompts: out of the search index; outputs focusable and labelled.
    # Material's search parser compares elements by tag name, so a nested
    # element of the same tag would end the exclusion early: mark every
    # descendant too.
    # The copy button, its "Copied!" notice and the hidden plain-text copy of
    # each cell's code (the code itself is indexed once, from the visible cell).
    for widget in soup.select(".zeroclipboard-container, .clipboard-copy-txt"):
        for el in [widget, *widget.find_all(True)]:
            el[SEARCH_EXCLUDE] = ""
    for prompt in soup.find_all(class_=list(_PROMPT_CLASSES)):
        prompt[SEARCH_EXCLUDE] = ""
        prompt["aria-hidden"] = "true"
    outputs = soup.find_all(class_=list(_OUTPUT_CLASSES))
    for n, output in enumerate(outputs, start=1):
        output[SEARCH_EXCLUDE] = ""
        for child in output.find_all(True):
            child[SEARCH_EXCLUDE] = ""
        output["tabindex"] = "0"
        output["role"] = "region"
        output["aria-label"] = f"Notebook output {n} of {len(outputs)}"
        for img in output.find_all("img"):
            if not img.get("alt"):
                img["alt"] = f"Figure: notebook output {n}"

    return str(soup)
