"""mkdocs-macros entry point: the curriculum becomes the book's pages.

`define_env` loads and checks the data file next to mkdocs.yml once per build
(any problem stops the build with the checker's `file:line: field: message`
lines and no traceback), then registers one small renderer per page type.
Each renderer returns the Markdown of a template in `roadmap/pages/templates/`;
pages opt in with `render_macros: true` and call one.

This module only turns MkDocs' view of a page (its path, its URL) into links;
everything about the curriculum comes from the engine in `roadmap/`.
"""

from __future__ import annotations

import pathlib
import posixpath
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from roadmap.checks import load_checked
from roadmap.data.models import Curriculum
from roadmap.data.problems import CurriculumError
from roadmap.exports import downloads, export
from roadmap.pages import catalogue, companion, finder_words, glossary
from roadmap.pages.book import Book, faq_structured_data, phase_page
from roadmap.pages.render import json_script, render, use_cache

from .hooks.notebook_pages import colab_url
from .paths import book_root

DATA_NAME = "curriculum.yml"  # next to mkdocs.yml
CACHE_DIR = pathlib.Path(".cache") / "roadmap-render"  # next to mkdocs.yml


class Pages:
    """The renderers, bound to the page being rendered (for relative links)."""

    def __init__(self, env: Any, book: Book):
        self.env, self.book = env, book
        self._planner_data: dict[str, Any] | None = None

    def link(self, target: str) -> str:
        """A link from the current page to `target` (a path under docs/)."""
        here = posixpath.dirname(self.env.page.file.src_uri)
        return posixpath.relpath(target, here or ".")

    def site_url(self, target: str) -> str:
        """Where the page built from `target` (a path under docs/) is served,
        relative to the site's root (for data read by the learner scripts)."""
        conf = self.env.conf
        return File(target, conf["docs_dir"], conf["site_dir"], conf["use_directory_urls"]).url

    def url(self, target: str) -> str:
        """A link from the current page to the page built from `target`, for raw
        HTML that MkDocs does not rewrite (a `.md` link there would break)."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        return get_relative_url(self.site_url(target), self.env.page.url) + anchor

    def colab(self, notebook: str) -> str | None:
        """"Open in Colab" for a notebook under docs/ (None without a GitHub repo_url)."""
        return colab_url(self.env.conf.get("repo_url"), f"docs/{notebook}")

    def download(self, notebook: str) -> str:
        """A link from the current page to the .ipynb file itself (mkdocs-jupyter's
        `include_source` copies it next to the notebook's page), for "Download"."""
        folder = notebook.removesuffix(".ipynb") if self.env.conf["use_directory_urls"] else posixpath.dirname(notebook)
        return get_relative_url(posixpath.join(folder, posixpath.basename(notebook)), self.env.page.url)

    def _render(self, template: str, **context: Any) -> str:
        return render(
            template,
            review_md=self.review_md(),
            cur=self.book.cur,
            book=self.book,
            link=self.link,
            url=self.url,
            colab=self.colab,
            download=self.download,
            phase_page=phase_page,
            **context,
        )

    def review_md(self) -> str | None:
        """The self-check Review page, when the book has one (the companion links to it)."""
        return "review.md" if (pathlib.Path(self.env.conf["docs_dir"]) / "review.md").is_file() else None

    def planner_data(self) -> dict[str, Any]:
        """What the planner and companion scripts need: every track at every
        pace with each week's target hours and project (computed once per
        build), and where each topic, stage and project is explained."""
        if self._planner_data is None:
            cur = self.book.cur
            default = cur.tracks[0]
            data = companion.export(cur)
            for project in data["projects"].values():
                page = project.pop("page")
                project["url"] = f"{self.site_url(page[0])}#{page[1]}" if page else None
            self._planner_data = {
                **data,
                "default": {"track": default.id, "hours": default.hours_per_week},
                "topics": {t: f"{self.site_url(phase_page(p))}#{t}" for t, p in self.book.phase_of_topic.items()},
                "stage_pages": {
                    track.id: {s.id: self.site_url(phase_page(s.phase)) for s in track.stages if s.phase}
                    for track in cur.tracks
                },
            }
        return self._planner_data

    def planner_page(self) -> str:
        track = self.book.cur.tracks[0]
        return self._render("planner.html", track=track, data=self.planner_data())

    def downloads(self) -> list[dict[str, str]]:
        """The PDF and the offline zip that this build publishes: the newest of
        each in docs/downloads/ (`make pdf offline`, or the deploy, put them
        there), unless the build leaves the folder out (the offline edition)."""
        conf = self.env.conf
        excluded = conf.get("exclude_docs")
        found = []
        for item in downloads.find(pathlib.Path(conf["docs_dir"]) / downloads.FOLDER):
            target = f"{downloads.FOLDER}/{item.name}"
            if excluded is None or not excluded.match_file(target):
                found.append({"kind": item.kind, "link": self.link(target), "size": item.size_label})
        return found

    def home(self) -> str:
        return self._render("home.html", downloads=self.downloads(), data=self.planner_data())

    def this_week_page(self) -> str:
        return self._render("this_week.html", track=self.book.cur.tracks[0], data=self.planner_data())

    def my_plan_page(self) -> str:
        return self._render("my_plan.html", track=self.book.cur.tracks[0], data=self.planner_data())

    def study_log_page(self) -> str:
        return self._render("study_log.html", data=self.planner_data())

    def phase_chapter(self, phase_id: str) -> str:
        phase = self.book.cur.phase(phase_id)
        return self._render("phase.html", phase=phase, number=self.book.phase_number[phase_id])

    def tracks_page(self) -> str:
        return self._render("tracks.html")

    def courses_page(self) -> str:
        return self._render("courses.html")

    def faq_page(self) -> str:
        return self._render("faq.html")

    def glossary_page(self) -> str:
        return self._render("glossary.html", entries=glossary.entries(self.book.cur))

    def projects_page(self) -> str:
        return self._render("projects.html")

    def map_page(self) -> str:
        return self._render("topic_map.html")

    def study_page(self) -> str:
        return self._render("study.html")

    def finder_page(self) -> str:
        """The finder: the catalogue (roadmap/pages/catalogue.py) embedded as data,
        with links relative to this page so it also works opened from a folder."""
        cur = self.book.cur
        try:
            words, lines = finder_words.load()
            finder_words.check(words, lines, cur)
        except CurriculumError as exc:
            raise PluginError("\n" + exc.report()) from None
        items = catalogue.items(cur, words)
        return self._render("finder.html", data=catalogue.export(cur, words, link=self.url),
                            catalogue=catalogue.by_phase(cur, items), facets=catalogue.facets(cur, items))
    def review_page(self) -> str:
        return self._render("review.html", topics=self.book.review_topics(self.site_url))

    def changelog_page(self) -> str:
        here = self.env.page.url
        return self._render("changelog.html", days=export.changelog(self.book.cur),
                            feed=get_relative_url(export.FEED, here), export=get_relative_url(export.EXPORT, here),
                            schema=get_relative_url(export.SCHEMA, here))


def load_book(config_file: str | None) -> Book:
    """The checked book from the data file next to mkdocs.yml; a data problem
    stops the build with the checker's lines (MkDocs prints a BuildError
    without a traceback, and `mkdocs serve` recovers once the file is fixed)."""
    try:
        return Book(load_checked(book_root(config_file) / DATA_NAME))
    except CurriculumError as exc:
        raise PluginError("\n" + exc.report()) from None


def define_env(env: Any) -> None:
    config_file = env.conf.config_file_path
    # Highlighted snippets and compiled templates kept between builds and serve
    # rebuilds (gitignored; `make clean` removes it; keyed, so never stale).
    use_cache(book_root(config_file) / CACHE_DIR)
    book = load_book(config_file)
    pages = Pages(env, book)
    for name in ("home", "phase_chapter", "tracks_page", "courses_page", "faq_page", "glossary_page", "projects_page", "study_page",
                 "planner_page", "map_page", "review_page", "changelog_page", "finder_page", "this_week_page", "my_plan_page",
                 "study_log_page"):
        env.macro(getattr(pages, name), name)
    env.variables["curriculum"] = book.cur
    env.variables["roadmap_book"] = book


def on_post_page_macros(env: Any) -> None:
    """Generated pages are edited in the data file, so 'edit this page' goes there."""
    page = env.page
    repo = env.conf.get("repo_url")
    if page.meta.get("render_macros") and repo:
        page.edit_url = f"{repo.rstrip('/')}/edit/main/{DATA_NAME}"
    # A phase chapter's <meta name="description"> is its summary from the data.
    # Material writes page.meta.description into the attribute unescaped; escaped here.
    phase = page.meta.get("render_macros") and _phase_of_page(env.variables["roadmap_book"].cur, page.file.src_uri)
    if phase and not page.meta.get("description"):
        page.meta["description"] = escape(phase.summary)  # Markup: the front matter hook leaves it
    # The FAQ as schema.org data, written into <head> by overrides/main.html
    # (a script in the body would be re-run as JavaScript by instant navigation).
    if page.file.src_uri == "faq.md":
        page.meta["structured_data"] = json_script(faq_structured_data(env.variables["roadmap_book"].cur))  # Markup: kept


def _phase_of_page(cur: Curriculum, src_uri: str):
    """The phase whose chapter is this page, or None."""
    return next((p for p in cur.phases if phase_page(p.id) == src_uri), None)


def on_post_build(env: Any) -> None:
    """Publish curriculum.json, its JSON Schema and the changelog's Atom feed
    next to the pages (roadmap/exports/export.py)."""
    export.write(env.variables["roadmap_book"].cur, pathlib.Path(env.conf["site_dir"]), env.conf.get("site_url") or "")
