"""mkdocs-macros entry point: the curriculum becomes the book's pages.

`define_env` loads and checks the data file once per build (any problem fails
the build with `file:line: field: message`), then registers one small renderer
per page type. Each renderer returns the Markdown of a template in
`overrides/roadmap/`; pages opt in with `render_macros: true` and call one.
"""

from __future__ import annotations

import posixpath
import sys
from typing import Any

from . import schedule
from .checks import load_checked
from .load import DATA_FILE, CurriculumError
from .models import Curriculum
from .render import render


class Book:
    """The checked curriculum plus everything derived from it for the pages."""

    def __init__(self, cur: Curriculum):
        self.cur = cur
        self.plans = {t.id: schedule.plan(cur, t.id) for t in cur.tracks}
        self.stage_weeks = {tid: schedule.stage_ranges(p) for tid, p in self.plans.items()}
        self.topic_weeks = {tid: schedule.topic_weeks(p) for tid, p in self.plans.items()}
        self.tracks_of = {t.id: cur.tracks_of(t.id) for _, t in cur.topics()}
        self.phase_number = {p.id: n for n, p in enumerate(cur.phases, 1)}

    def courses_for(self, phase_id: str):
        return [c for c in self.cur.courses if phase_id in c.phases]

    def weeks_of_phase(self, track_id: str, phase) -> list[tuple[int, list]]:
        """(week number, topics of this phase studied that week) on a track."""
        ids = {t.id for t in phase.topics}
        rows = []
        for week in self.plans[track_id]:
            topics = [self.cur.topic(i.ref) for i in week.items if i.kind == "topic" and i.ref in ids]
            if topics:
                rows.append((week.number, topics))
        return rows

    def stage_of(self, track_id: str, topic_id: str):
        """The stage of a track that covers a topic (or offers it as an elective)."""
        for stage in self.cur.track(track_id).stages:
            if topic_id in {t.id for t in self.cur.stage_topics(stage)} | set(stage.electives):
                return stage
        return None


def phase_page(phase_id: str) -> str:
    """Where a phase's chapter lives, relative to docs/."""
    return f"phases/{phase_id}.md"


class Pages:
    """The renderers, bound to the page being rendered (for relative links)."""

    def __init__(self, env: Any, book: Book):
        self.env, self.book = env, book

    def link(self, target: str) -> str:
        """A link from the current page to `target` (a path under docs/)."""
        here = posixpath.dirname(self.env.page.file.src_uri)
        return posixpath.relpath(target, here or ".")

    def _render(self, template: str, **context: Any) -> str:
        return render(
            template,
            cur=self.book.cur,
            book=self.book,
            link=self.link,
            phase_page=phase_page,
            **context,
        )

    def home(self) -> str:
        return self._render("home.html")

    def phase_chapter(self, phase_id: str) -> str:
        phase = self.book.cur.phase(phase_id)
        return self._render("phase.html", phase=phase, number=self.book.phase_number[phase_id])

    def tracks_page(self) -> str:
        return self._render("tracks.html")

    def courses_page(self) -> str:
        return self._render("courses.html")

    def faq_page(self) -> str:
        return self._render("faq.html")

    def projects_page(self) -> str:
        return self._render("projects.html")

    def study_page(self) -> str:
        return self._render("study.html")


def load_book(path=DATA_FILE) -> Book:
    try:
        return Book(load_checked(path))
    except CurriculumError as exc:
        print(f"\nThe curriculum data file has {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        raise


def define_env(env: Any) -> None:
    book = load_book()
    pages = Pages(env, book)
    for name in ("home", "phase_chapter", "tracks_page", "courses_page", "faq_page", "projects_page", "study_page"):
        env.macro(getattr(pages, name), name)
    env.variables["curriculum"] = book.cur
    env.variables["roadmap_book"] = book


def on_post_page_macros(env: Any) -> None:
    """Generated pages are edited in the data file, so 'edit this page' goes there."""
    page = env.page
    repo = env.conf.get("repo_url")
    if page.meta.get("render_macros") and repo:
        page.edit_url = f"{repo.rstrip('/')}/edit/main/{DATA_FILE.name}"
