"""An offline link checker over the built site: every internal href/src and
every #anchor in every HTML page must resolve to a file, and to an element id,
inside site/. External links are checked weekly by .github/workflows/links.yml,
never here (no network in tests)."""

from __future__ import annotations

import functools
import pathlib
import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import yaml

from conftest import ROOT, Site

# Attributes that hold a URL the browser follows or loads.
URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                  ("iframe", "src"), ("area", "href"), ("form", "action"), ("video", "src"), ("audio", "src")}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}  # data: is an inline image, not a link


def site_path_prefix() -> str:
    """'/ml-roadmap/' for site_url https://ml-roadmap.github.io/ml-roadmap/: absolute links start with it."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = yaml.safe_load("\n".join(line for line in text.splitlines() if line.startswith("site_url:")))["site_url"]
    return urlsplit(url).path.rstrip("/") + "/"


class Page(HTMLParser):
    """The ids a page defines and the URLs it refers to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in URL_ATTRIBUTES:
                self.urls.append((tag, name, value))

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=None)
def parse(path: pathlib.Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def resolve(site_root: pathlib.Path, page: pathlib.Path, url: str, prefix: str) -> tuple[pathlib.Path | None, str]:
    """The file `url` (found on `page`) points at, and its fragment; None when it
    is not a file of the site."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if not path.startswith(prefix):
            return None, parts.fragment
        target = site_root / path[len(prefix):]
    else:
        here = page.parent.relative_to(site_root).as_posix()
        target = site_root / posixpath.normpath(posixpath.join(here, path))
    if site_root.resolve() not in (target.resolve(), *target.resolve().parents):
        return None, parts.fragment
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site_root: pathlib.Path) -> list[str]:
    prefix = site_path_prefix()
    problems = []
    for page_path in sorted(site_root.rglob("*.html")):
        for tag, attribute, url in parse(page_path).urls:
            scheme = urlsplit(url).scheme.lower()
            if scheme in EXTERNAL_SCHEMES or url.startswith("//"):
                continue
            where = f"{page_path.relative_to(site_root)}: <{tag} {attribute}=\"{url}\">"
            if scheme:
                problems.append(f"{where}: a {scheme}: link")
                continue
            target, fragment = resolve(site_root, page_path, url, prefix)
            if target is None or not target.is_file():
                problems.append(f"{where}: no such file in site/")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in parse(target).ids:
                problems.append(f"{where}: no id=\"{unquote(fragment)}\" in {target.relative_to(site_root)}")
    return problems


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    pages = list(site.root.rglob("*.html"))
    assert len(pages) >= 10, "the site looks empty"
    assert broken_links(site.root) == []


def test_the_checker_finds_a_broken_link_and_anchor(site: Site, tmp_path: pathlib.Path) -> None:
    """The checker itself can fail: a page with a dead link, a dead anchor and a javascript: link."""
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1><a href="#top">ok</a><a href="missing/">dead</a>'
        '<a href="#nowhere">dead anchor</a><a href="javascript:alert(1)">js</a>'
        '<a href="https://example.org/">external, not checked here</a>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        'index.html: <a href="missing/">: no such file in site/',
        'index.html: <a href="#nowhere">: no id="nowhere" in index.html',
        'index.html: <a href="javascript:alert(1)">: a javascript: link',
    ]


def test_pages_link_the_chapters_they_are_built_from(site: Site) -> None:
    """The walk covers what readers click: the home page links into every phase chapter."""
    home = parse(site.root / "index.html")
    linked = {posixpath.normpath(u) for _, _, u in home.urls}
    data = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
    for phase in data["phases"]:
        assert any(u.startswith(f"phases/{phase['id']}") for u in linked), phase["id"]
