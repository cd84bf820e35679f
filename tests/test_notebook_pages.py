"""The project-notebook pages of the BUILT book (uses the `site` fixture).

Each page shows its figures, links to a downloadable copy of the notebook and
to Colab, keeps outputs out of the search index while the prose stays
searchable, and stays light: HTML plus the CSS and JS it loads weigh under
300 KB as transferred (gzip), with nothing fetched from another host.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_roadmap.hooks.notebook_pages import SEARCH_EXCLUDE, colab_url, github_repo
from roadmap.checks.notebooks import PROJECTS_DIR, find_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = find_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
PAGE_BUDGET = 300 * 1024


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name tags; ignore them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _repo_url() -> str:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["repo_url"]


def _page(site, nb: Path) -> tuple[Path, BeautifulSoup]:
    path = site.root / "projects" / nb.stem / "index.html"
    assert path.is_file(), f"no page built for {nb.name}"
    return path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _output_lines(nb_path: Path) -> list[str]:
    """Distinctive text lines that only appear in the notebook's outputs."""
    nb = nbformat.read(nb_path, as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            for line in text.splitlines():
                line = " ".join(line.split())
                if len(line) >= 25 and line not in sources and not re.search(r"\d{4}[-/]\d\d", line):
                    lines.append(line)
    return lines


def test_every_notebook_has_a_page(site):
    for nb in NOTEBOOKS:
        assert (site.root / "projects" / nb.stem / "index.html").is_file(), nb.name


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_page_shows_the_figures(site, nb):
    _, soup = _page(site, nb)
    images = [img for img in soup.select(".jupyter-wrapper img") if img.get("src", "").startswith(("data:image/png", "data:image/"))]
    images += [img for img in soup.select(".jupyter-wrapper img") if not img.get("src", "").startswith("data:")
               and (site.root / "projects" / nb.stem / unquote(img["src"])).is_file()]
    assert images, f"{nb.name}: no rendered figure on the page"
    assert all(img.get("alt") for img in images), "figures need an alt text"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_download_link_serves_the_notebook(site, nb):
    page, soup = _page(site, nb)
    links = soup.select("a[download]")
    assert len(links) == 1, f"{nb.name}: expected one download link, found {len(links)}"
    href = links[0]["href"]
    assert not urlparse(href).scheme, "the download link must be relative"
    target = (page.parent / unquote(href)).resolve()
    assert target.is_file(), f"{href} does not exist in the built site"
    assert target.suffix == ".ipynb"
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(nb.read_text(encoding="utf-8"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_colab_link_points_at_the_notebook(site, nb):
    _, soup = _page(site, nb)
    owner, repo = github_repo(_repo_url())
    expected = f"https://colab.research.google.com/github/{owner}/{repo}/blob/main/docs/projects/{nb.name}"
    links = [a["href"] for a in soup.find_all("a", href=True) if "colab.research.google.com" in a["href"]]
    assert links == [expected]
    assert expected == colab_url(_repo_url(), f"docs/projects/{nb.name}")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_outputs_are_marked_focusable_and_excluded_from_search(site, nb):
    _, soup = _page(site, nb)
    outputs = soup.select(".jp-OutputArea-output")
    assert outputs, f"{nb.name}: no outputs rendered"
    for out in outputs:
        assert out.has_attr(SEARCH_EXCLUDE)
        assert out.get("tabindex") == "0" and out.get("aria-label")
        assert all(child.has_attr(SEARCH_EXCLUDE) for child in out.find_all(True))
    # Prose is not excluded.
    for md in soup.select(".jp-MarkdownCell"):
        assert not md.has_attr(SEARCH_EXCLUDE) and not md.find_parent(attrs={SEARCH_EXCLUDE: True})


def test_search_index_has_prose_but_no_outputs(site):
    docs = site.search_index()["docs"]
    for nb in NOTEBOOKS:
        text = " ".join(d["text"] + " " + d["title"] for d in docs if d["location"].startswith(f"projects/{nb.stem}/"))
        assert text, f"{nb.name}: not in the search index"
        first_md = next(c.source for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "markdown")
        first_md = "\n".join(line for line in first_md.splitlines() if not line.startswith("#"))
        sentence = next(s for s in re.split(r"(?<=[.!?])\s+", first_md) if len(s.split()) > 8 and "`" not in s and "*" not in s)
        words = " ".join(sentence.split()[:6])
        assert words in " ".join(BeautifulSoup(text, "html.parser").get_text().split()), f"{nb.name}: prose missing from search"
        lines = _output_lines(nb)
        assert lines, f"{nb.name}: no distinctive output text to probe"
        leaked = [line for line in lines if line in text]
        assert not leaked, f"{nb.name}: outputs in the search index: {leaked[:3]}"
        assert "data:image" not in text and "iVBORw0KGgo" not in text
        assert "Copied!" not in text


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_page_weight_and_no_third_party_assets(site, nb):
    page, soup = _page(site, nb)
    html = page.read_bytes()
    raw, transferred = len(html), len(gzip.compress(html))
    refs = [el.get("href") for el in soup.find_all("link", rel="stylesheet")]
    refs += [el.get("src") for el in soup.find_all("script") if el.has_attr("src")]
    for ref in refs:
        assert ref and not urlparse(ref).scheme and not ref.startswith("//"), f"third-party or empty asset: {ref!r}"
        body = (page.parent / unquote(ref.split("?")[0])).read_bytes()
        raw += len(body)
        transferred += len(gzip.compress(body))
    assert transferred < PAGE_BUDGET, f"{nb.name}: {transferred} bytes transferred (raw {raw}) > {PAGE_BUDGET}"
    assert any(r.endswith("stylesheets/notebooks.css") for r in refs)
    # mkdocs-jupyter's inlined JupyterLab stylesheet is gone; MathJax is not loaded.
    assert not any(".jp-" in (s.string or "") for s in soup.find_all("style") if not s.find_parent(class_="jp-OutputArea"))
    assert "MathJax" not in html.decode("utf-8")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_nav_title_is_the_only_h1(site, nb):
    _, soup = _page(site, nb)
    h1s = soup.select("article h1, .md-content h1")
    assert len(h1s) == 1, f"{nb.name}: {len(h1s)} H1 headings"


def test_notebook_pages_css_is_small():
    css = ROOT / "docs" / "stylesheets" / "notebooks.css"
    assert css.is_file() and css.stat().st_size < 10_000


def test_projects_dir_is_docs_projects():
    assert PROJECTS_DIR == ROOT / "docs" / "projects"
