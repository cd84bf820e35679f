"""The finder's catalogue and word list, computed by the engine from the data alone.

roadmap/pages/catalogue.py turns every resource and course into one item;
roadmap/pages/finder_words.py loads and checks the word list beside it. The
built finder page embeds exactly that export, lists everything without
JavaScript, and the chapters and the courses page link to it.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

from roadmap.checks import load_checked
from roadmap.data.problems import CurriculumError
from roadmap.pages import catalogue, finder_words

ROOT = pathlib.Path(__file__).resolve().parent.parent
CUR = load_checked(ROOT / "curriculum.yml")
WORDS, LINES = finder_words.load()
ITEMS = catalogue.items(CUR, WORDS)


def embedded(html: str) -> dict:
    text = re.search(r'<template data-rm-ask-data><script type="application/json">(.*?)</script></template>', html, re.S).group(1)
    return json.loads(text)


# -- the catalogue ---------------------------------------------------------------------


def test_every_resource_and_course_is_one_item_with_its_data():
    by_id = {i.id: i for i in ITEMS}
    assert len(by_id) == len(ITEMS) == sum(len(t.resources) for _, t in CUR.topics()) + len(CUR.courses)
    for phase, topic in CUR.topics():
        for r in topic.resources:
            item = by_id[r.id]
            assert (item.type, item.level, item.cost, item.provider, item.url, item.why, item.duration) == (
                r.type, r.level, r.cost, r.provider, r.url, r.why, r.duration)
            assert item.topics == (topic.id,) and item.phases == (phase.id,) and not item.course
            assert item.tracks == tuple(CUR.tracks_of(topic.id))
            assert item.place == f"phases/{phase.id}.md#{topic.id}"
    for c in CUR.courses:
        item = by_id[catalogue.course_item_id(c.id)]
        assert item.course and item.type == "course" and item.title == c.title and item.gap == c.gap
        assert item.phases == tuple(c.phases) and item.place == f"courses/index.md#course-{c.id}"
        assert set(item.topics) <= {t.id for p in c.phases for t in CUR.phase(p).topics}


def test_courses_serve_the_topics_their_text_names():
    topics = {i.id: i.topics for i in ITEMS if i.course}
    assert "linear-regression" in topics["course-ml-regression"]
    assert "clustering" in topics["course-cluster-analysis-unsupervised-python"]
    # It names "the MLOps topics": the word list's group of that name, those of the course's own phases.
    course = next(c for c in CUR.courses if c.id == "production-ml-systems")
    in_its_phases = {t.id for p in course.phases for t in CUR.phase(p).topics}
    mlops = set(WORDS.synonyms.groups["mlops"].topics) & in_its_phases
    assert mlops and mlops <= set(topics["course-production-ml-systems"])


def test_course_items_carry_duration_tools_and_prerequisites():
    by_id = {i.id: i for i in ITEMS}
    for c in CUR.courses:
        item = by_id[catalogue.course_item_id(c.id)]
        assert item.duration == c.duration and item.tools == tuple(c.tools) and item.prerequisites == (c.prerequisites,)
        assert item.url == c.url and item.url.startswith("https://")
    assert by_id["course-ml-regression"].hours == 30  # "6 weeks at 5 h to 8 h a week": the lower bound


@pytest.mark.parametrize("text, hours", [
    ("30 min", 0.5), ("1.5 h", 1.5), ("about 4 h", 4), ("15 h", 15), ("20 min", 0.33),
    ("about 1.5 h for the first four lessons", 1.5), ("6 weeks at 5 h a week", 30),
    ("11 weeks", None), ("self-paced", None), (None, None), ("", None),
])
def test_durations_are_read_as_hours_where_they_say_so(text, hours):
    assert catalogue.hours(text) == hours


def test_the_export_is_compact_columns_that_point_into_small_tables():
    data = catalogue.export(CUR, WORDS)
    columns = data["items"]
    assert {len(v) for v in columns.values()} == {data["count"]} == {len(ITEMS)}
    # Only courses fill tools and prerequisites so far; resources leave them empty.
    for key in ("tools", "prerequisites"):
        assert all(bool(v) == bool(columns["course"][n]) for n, v in enumerate(columns[key])), key
    assert all(0 <= p < len(data["providers"]) for p in columns["provider"])
    assert all(0 <= t < len(data["topics"]) for ts in columns["topics"] for t in ts)
    assert all(0 <= p < len(data["phases"]) for ps in columns["phases"] for p in ps)
    assert [g for _, g in data["providers"]] and all(0 <= g < len(data["groups"]) for _, g in data["providers"])
    assert data["groups"] == catalogue.facets(CUR, ITEMS)["provider"]
    assert catalogue.provider_group("Coursera (University of Michigan)") == "Coursera"
    # Each topic and phase title is stored once, not once per item.
    text = json.dumps(data)
    assert all(text.count(json.dumps(t.title)) == 1 for _, t in CUR.topics() if t.title not in data["groups"])


# -- the word list -----------------------------------------------------------------------


def test_tokens_lower_case_drop_accents_and_plurals():
    assert finder_words.tokens("Naïve Courses, CI/CD & classes—studies") == ["naive", "course", "ci", "cd", "class", "study"]
    assert finder_words.short_title("Object detection with YOLO and SSD") == "Object detection"
    assert finder_words.short_title("Backpropagation") == ""


def test_the_word_list_names_only_what_the_data_has_and_the_data_adds_its_own_names():
    finder_words.check(WORDS, LINES, CUR)  # raises on any problem
    phrases = {p: (kind, value) for p, kind, value in finder_words.phrases(CUR, WORDS, catalogue.facets(CUR, ITEMS)["provider"])}
    for _, topic in CUR.topics():
        assert phrases[finder_words.key(topic.title)] == ("topic", topic.id)
    for phase in CUR.phases:
        assert phrases[finder_words.key(phase.title)] == ("phase", phase.id)
    assert phrases["hugging face"] == ("provider", "Hugging Face")
    # The word list comes first: "pandas" means the topic, not the provider of that name.
    assert phrases["panda"] == ("topic", "pandas-dataframes")
    assert phrases["free"] == ("cost", "free") and phrases["video"] == ("type", "video")
    assert phrases["mlop"] == ("topic", "mlops")


# (text to replace, replacement, what the report says, where it points: the
# line of this text in the edited file)
BAD_WORDS = [
    ("    docker: [docker,", "    dockerr: [docker,", "synonyms.topics.dockerr: unknown topic 'dockerr'", "dockerr"),
    ("    book: [book, textbook, ebook]", "    book: [book, textbook, ebook, videos]",
     "'videos' is already listed at facets.type.video[0]", "ebook, videos"),
    ("    intermediate: [intermediate]", "    middling: [intermediate]", "facets.level.middling", "middling"),
    ("stopwords: [a, an,", "stopwords: [free, a, an,", "facets.cost.free[0]: 'free' is also a stopword", "free: [free"),
    ("compare: [", "colour: [red]\ncompare: [", "colour: Extra inputs are not permitted", "colour"),
    ("      topics: [experiment-tracking,", "      topics: [experiment-trackin,", "unknown topic 'experiment-trackin'",
     "experiment-trackin,"),
]


@pytest.mark.parametrize("old, new, message, at", BAD_WORDS, ids=[b[2].split(":")[0] for b in BAD_WORDS])
def test_a_bad_word_list_stops_with_file_line_and_field(tmp_path, old, new, message, at):
    text = finder_words.WORDS_FILE.read_text(encoding="utf-8")
    assert old in text
    edited = text.replace(old, new, 1)
    path = tmp_path / "finder_words.yml"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        words, lines = finder_words.load(path)
        finder_words.check(words, lines, CUR)
    report = str(caught.value)
    assert message in report
    line = edited.count("\n", 0, edited.index(at)) + 1
    assert re.search(rf"^finder_words\.yml:{line}: ", report, re.M), report


# -- the built page ------------------------------------------------------------------------


def test_the_finder_page_embeds_the_catalogue_with_links_that_resolve(site):
    html = site.html("finder/")
    data = embedded(html)

    def from_finder(target: str) -> str:  # a docs path as the finder page links it
        path, _, anchor = target.partition("#")
        page = path.removesuffix(".md").removesuffix("index").rstrip("/")
        return f"../{page}/" + (f"#{anchor}" if anchor else "")

    assert data == catalogue.export(CUR, WORDS, link=from_finder)
    page = "http://book.invalid/finder/"
    links = [p[2] for p in data["phases"]] + [t[3] for t in data["topics"]] + [p for p in data["items"]["place"] if p]
    for href in links:
        target = urlsplit(urljoin(page, href))
        assert target.netloc == "book.invalid", href
        file = site.root / target.path.lstrip("/") / "index.html"
        assert file.is_file(), href
        if target.fragment:
            assert f'id="{target.fragment}"' in file.read_text(encoding="utf-8"), href


def test_without_javascript_the_page_lists_everything_by_phase(site):
    html = site.html("finder/")
    listing = html[html.index('data-rm-ask-catalogue'):html.index("data-rm-ask-data")]
    sections = re.split(r'<h3 id="in-', listing)[1:]
    assert [s.split('"', 1)[0] for s in sections] == [p.id for p in CUR.phases]
    for phase, section in zip(CUR.phases, sections):
        text = unescape(section)
        for item in ITEMS:
            if phase.id in item.phases:
                assert item.title in text, (phase.id, item.id)
                assert f'href="{item.url}"' in section if item.url else True
    assert "data-search-exclude" in html[html.index('class="rm-catalogue"') - 10:html.index('class="rm-catalogue"') + 80]


def test_chapters_and_the_courses_page_lead_to_the_finder(site):
    for phase in CUR.phases:
        assert f'href="../../finder/?phase={phase.id}"' in site.html(f"phases/{phase.id}/")
    assert 'href="../finder/"' in site.html("courses/")
