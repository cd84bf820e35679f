"""mkdocs-macros entry point: the curriculum becomes the book's pages.

`define_env` loads and checks the data file once per build (any problem fails
the build with `file:line: field: message`), then registers one small renderer
per page type. Each renderer returns the Markdown of a template in
`overrides/roadmap/`; pages opt in with `render_macros: true` and call one.
"""

from __future__ import annotations

import functools

import pathlib
import posixpath
import sys
import typing
from typing import Any

from markupsafe import escape
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import export, schedule
from .checks import load_checked
from .load import DATA_FILE, CurriculumError
from .models import Cost, Curriculum, Level
from .render import json_script, render


class Book:
    """The checked curriculum plus everything derived from it for the pages."""

    def __init__(self, cur: Curriculum):
        self.cur = cur
        self.plans = {t.id: schedule.plan(cur, t.id) for t in cur.tracks}
        self.stage_weeks = {tid: schedule.stage_ranges(p) for tid, p in self.plans.items()}
        self.topic_weeks = {tid: schedule.topic_weeks(p) for tid, p in self.plans.items()}
        self.phase_number = {p.id: n for n, p in enumerate(cur.phases, 1)}
        self.phase_of_topic = {t.id: p.id for p, t in cur.topics()}

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

    def timeline(self) -> list[dict[str, Any]]:
        """Each track's stages as spans of weeks at the track's own pace, for the
        visual roadmap: where each bar starts and how wide it is (percent of the
        track), which chapter it leads to and which topics mark its progress."""
        out = []
        for track in self.cur.tracks:
            total = len(self.plans[track.id])
            stages = []
            for stage in track.stages:
                first, last = self.stage_weeks[track.id][stage.id]
                topics = [t.id for t in self.cur.stage_topics(stage)]  # electives are optional
                phases = list(dict.fromkeys(self.phase_of_topic[t] for t in topics))
                stages.append({
                    "stage": stage, "first": first, "last": last,
                    "left": round(100 * (first - 1) / total, 3),
                    "width": round(100 * (last - first + 1) / total, 3),
                    "topics": topics, "phases": phases,
                })
            out.append({"track": track, "weeks": total, "stages": stages})
        return out

    def course_facets(self) -> dict[str, list[str]]:
        """The distinct levels, costs and providers of the courses, for the course finder."""
        courses = self.cur.courses
        return {
            "level": [v for v in typing.get_args(Level) if any(c.level == v for c in courses)],
            "cost": [v for v in typing.get_args(Cost) if any(c.cost == v for c in courses)],
            "provider": sorted({c.provider for c in courses}, key=str.casefold),
        }

    def stage_of(self, track_id: str, topic_id: str):
        """The stage of a track that covers a topic (or offers it as an elective)."""
        return self._stage_of_topic[track_id].get(topic_id)

    @functools.cached_property
    def _stage_of_topic(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for track in self.cur.tracks:
            stages = out[track.id] = {}
            for stage in track.stages:
                for topic_id in [t.id for t in self.cur.stage_topics(stage)] + list(stage.electives):
                    stages.setdefault(topic_id, stage)  # the first stage that has it, as before
        return out


def phase_page(phase_id: str) -> str:
    """Where a phase's chapter lives, relative to docs/."""
    return f"phases/{phase_id}.md"


def faq_structured_data(cur: Curriculum) -> dict:
    """The FAQ as schema.org FAQPage data (JSON-LD on the FAQ page, for search engines)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": f.question, "acceptedAnswer": {"@type": "Answer", "text": f.answer}}
            for f in cur.faqs
        ],
    }


class Pages:
    """The renderers, bound to the page being rendered (for relative links)."""

    def __init__(self, env: Any, book: Book):
        self.env, self.book = env, book

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

    def _render(self, template: str, **context: Any) -> str:
        return render(
            template,
            cur=self.book.cur,
            book=self.book,
            link=self.link,
            url=self.url,
            phase_page=phase_page,
            **context,
        )

    def planner_data(self) -> dict[str, Any]:
        """What the planner script needs: every track at every pace (computed
        here, once), and where each topic and stage is explained."""
        cur = self.book.cur
        default = cur.tracks[0]
        return {
            **schedule.export(cur),
            "default": {"track": default.id, "hours": default.hours_per_week},
            "topics": {t: f"{self.site_url(phase_page(p))}#{t}" for t, p in self.book.phase_of_topic.items()},
            "stage_pages": {
                track.id: {s.id: self.site_url(phase_page(s.phase)) for s in track.stages if s.phase}
                for track in cur.tracks
            },
        }

    def planner_page(self) -> str:
        track = self.book.cur.tracks[0]
        return self._render("planner.html", track=track, data=self.planner_data())

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

    def changelog_page(self) -> str:
        here = self.env.page.url
        return self._render("changelog.html", days=export.changelog(self.book.cur),
                            feed=get_relative_url(export.FEED, here), export=get_relative_url(export.EXPORT, here),
                            schema=get_relative_url(export.SCHEMA, here))


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
    for name in ("home", "phase_chapter", "tracks_page", "courses_page", "faq_page", "projects_page", "study_page", "planner_page",
                 "changelog_page"):
        env.macro(getattr(pages, name), name)
    env.variables["curriculum"] = book.cur
    env.variables["roadmap_book"] = book


def on_post_page_macros(env: Any) -> None:
    """Generated pages are edited in the data file, so 'edit this page' goes there."""
    page = env.page
    repo = env.conf.get("repo_url")
    if page.meta.get("render_macros") and repo:
        page.edit_url = f"{repo.rstrip('/')}/edit/main/{DATA_FILE.name}"
    # A phase chapter's <meta name="description"> is its summary from the data.
    # Material writes page.meta.description into the attribute unescaped: escape it here.
    phase = page.meta.get("render_macros") and _phase_of_page(env.variables["roadmap_book"].cur, page.file.src_uri)
    if phase and not page.meta.get("description"):
        page.meta["description"] = str(escape(phase.summary))
    # The FAQ as schema.org data, written into <head> by overrides/main.html
    # (a script in the body would be re-run as JavaScript by instant navigation).
    if page.file.src_uri == "faq.md":
        page.meta["structured_data"] = str(json_script(faq_structured_data(env.variables["roadmap_book"].cur)))


def _phase_of_page(cur: Curriculum, src_uri: str):
    """The phase whose chapter is this page, or None."""
    return next((p for p in cur.phases if phase_page(p.id) == src_uri), None)


def on_post_build(env: Any) -> None:
    """Publish curriculum.json, its JSON Schema and the changelog's Atom feed
    next to the pages (roadmap/export.py)."""
    export.write(env.variables["roadmap_book"].cur, pathlib.Path(env.conf["site_dir"]), env.conf.get("site_url") or "")
