"""The courses, as a reader meets them: every phase chapter points to at least
two courses, every course on the courses page links its own https page and
shows its provider, level, cost, duration, tools and prerequisites, and a
rating is shown only with the source that publishes it and the day it was read."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from conftest import DATA, Site
from roadmap.data.load import load
from roadmap.data.models import Rating
from roadmap.pages.book import Book, phase_page
from roadmap.pages.render import render

CUR, _ = load(DATA)


class Courses(HTMLParser):
    """The course articles of the courses page: per id, its links, its <dt>/<dd> pairs and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: dict[str, dict] = {}
        self.current: dict | None = None
        self.depth = 0
        self.field: str | None = None
        self.term: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "article" and "rm-course" in (attrs.get("class") or "").split():
            self.current = self.articles.setdefault(attrs["id"], {"links": [], "facts": {}, "text": [], "times": []})
            self.depth = 1
            return
        if self.current is None:
            return
        if tag == "article":
            self.depth += 1
        if tag == "a" and attrs.get("href"):
            self.current["links"].append(attrs["href"])
        if tag == "time":
            self.current["times"].append(attrs.get("datetime"))
        if tag in ("dt", "dd"):
            self.field = tag
            if tag == "dt":
                self.term = ""

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if tag in ("dt", "dd"):
            self.field = None
        if tag == "article":
            self.depth -= 1
            if not self.depth:
                self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is None:
            return
        self.current["text"].append(data)
        if self.field == "dt":
            self.term += data
        elif self.field == "dd" and self.term is not None:
            facts = self.current["facts"]
            facts[self.term.strip()] = facts.get(self.term.strip(), "") + data


def courses_of(html: str) -> dict[str, dict]:
    parser = Courses()
    parser.feed(html)
    return parser.articles


def test_every_phase_chapter_links_at_least_two_courses(site: Site) -> None:
    for phase in CUR.phases:
        html = site.html(phase_page(phase.id).removesuffix(".md") + "/")
        section = html[html.index('id="courses"'):html.index('id="schedule"')]
        urls = {c.url for c in CUR.courses if phase.id in c.phases}
        linked = {href for href in re.findall(r'href="([^"]+)"', section) if href in urls}
        notes = re.findall(r'href="[^"]*courses/#course-([a-z0-9-]+)"', section)
        assert len(linked) >= 2 and len(set(notes)) >= 2, f"{phase.title}: courses linked {sorted(linked)}"
        assert set(notes) == {c.id for c in CUR.courses if phase.id in c.phases}


def test_every_course_on_the_courses_page_links_its_https_page_with_its_facts(site: Site) -> None:
    articles = courses_of(site.html("courses/"))
    assert set(articles) == {c.id for c in CUR.courses}
    for course in CUR.courses:
        article = articles[course.id]
        # Text pieces are joined with spaces; a tooltip's <abbr> splits a sentence, so no space before punctuation.
        text = re.sub(r" ([.,;:!?])", r"\1", " ".join(" ".join(article["text"]).split()))
        assert course.url.startswith("https://") and course.url in article["links"], course.id
        assert all(not link.startswith("http:") for link in article["links"]), course.id
        for fact in (course.provider, course.level, course.cost, course.duration, course.gap):
            assert " ".join(fact.split()) in text, (course.id, fact)
        assert article["facts"]["Teaches with"].strip() == ", ".join(course.tools)
        assert " ".join(article["facts"]["Before you start"].split()) == " ".join(course.prerequisites.split())
        if course.other_stack:
            assert "A different stack from the book's" in article["facts"]


def test_a_rating_is_shown_only_with_its_source_and_date(site: Site) -> None:
    articles = courses_of(site.html("courses/"))
    rated = {c.id: c.rating for c in CUR.courses if c.rating}
    for course_id, article in articles.items():
        text = " ".join(article["text"])
        if course_id not in rated:
            assert "Rating" not in article["facts"] and not article["times"], course_id
            assert not re.search(r"\brated\b|\d/10\b", text), course_id
            continue
        rating = rated[course_id]
        shown = article["facts"]["Rating"]
        assert rating.source in shown and rating.read.isoformat() in shown
        assert article["times"] == [rating.read.isoformat()]


def test_a_rated_course_shows_its_score_source_and_date() -> None:
    """The data has no rating today; render the courses page with one to see how it reads."""
    first = CUR.courses[0].model_copy(update={
        "rating": Rating(score=4.7, scale=5, source="Coursera course page", read=dt.date(2026, 11, 20))})
    cur = CUR.model_copy(update={"courses": [first, *CUR.courses[1:]]})
    page = render("courses.html", cur=cur, book=Book(cur), link=str, url=str, colab=lambda _: None, phase_page=phase_page)
    facts = courses_of(re.sub(r"(?m)^(#+ .*)$", "", page))[first.id]["facts"]
    assert " ".join(facts["Rating"].split()) == "4.7/5 on Coursera course page, read on 2026-11-20"
    for other in CUR.courses[1:]:
        assert "Rating" not in courses_of(page)[other.id]["facts"]


@pytest.mark.parametrize("rating", [
    {"score": 4.7, "scale": 5, "read": dt.date(2026, 11, 20)},
    {"score": 4.7, "scale": 5, "source": "Coursera course page"},
], ids=["no-source", "no-date"])
def test_a_rating_needs_a_source_and_a_date(rating: dict) -> None:
    with pytest.raises(ValueError):
        Rating(**rating)
