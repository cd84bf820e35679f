"""The path's shape (issue: prerequisites, a topic map, hours that add up).

* The checker refuses each new fault with the exact `curriculum.yml:LINE: field:`
  and a hint, and so does a full build.
* The built chapters say where each topic sits ("Builds on", "Leads to"), agreeing
  with the data in both directions; the topic map has a node per topic and an
  edge per prerequisite.
* Every week of both tracks names real work: no filler.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import DATA, BookCopy
from roadmap.checks import load_checked
from roadmap.pages import schedule

CUR = load_checked(DATA)




def line_of(text: str, needle: str, start: int = 0) -> int:
    return text.count("\n", 0, text.index(needle, start)) + 1


def requires_line(text: str, topic_id: str) -> tuple[int, str]:
    at = text.index(f"      - id: {topic_id}\n")
    line = next(l for l in text[at:].splitlines(keepends=True) if l.startswith("        requires: "))
    return line_of(text, line, at), line


def fault_unknown_prerequisite(book: BookCopy):
    text = book.read()
    line, old = requires_line(text, "gradient-boosting")
    book.write(text.replace(old, "        requires: [decision-tree-forests]\n", 1))
    return line, "phases[1].topics[6].requires[0]", "unknown topic 'decision-tree-forests'", "did you mean 'decision-trees-forests'"


def fault_cycle(book: BookCopy):
    text = book.read()
    line, old = requires_line(text, "dev-environment")
    book.write(text.replace(old, "        requires: [pandas-dataframes]\n", 1))
    return line, "phases[0].topics[0].requires", "prerequisites form a cycle: dev-environment -> ", "drop one link"


def fault_out_of_order_deep(book: BookCopy):
    text = book.read()
    _, old = requires_line(text, "linear-regression")
    book.write(text.replace(old, "        requires: [ml-workflow, knn]\n", 1))
    stage = line_of(text, "      - id: classical-ml\n", text.index("  - id: deep\n"))
    return stage, "tracks[0].stages[1].topics", "track 'deep' schedules topic 'linear-regression'", "move 'knn' before 'linear-regression'"


def fault_out_of_order_practitioner(book: BookCopy):
    text = book.read()
    start = text.index("  - id: practitioner\n")
    old = "          - calculus-gradients\n          - probability-statistics\n"
    at = text.index(old, start)
    book.write(text[:at] + "          - probability-statistics\n          - calculus-gradients\n" + text[at + len(old):])
    return (line_of(text, "        topics:\n", start), "tracks[1].stages[0].topics",
            "track 'practitioner' schedules topic 'probability-statistics'", "move 'calculus-gradients'")


def fault_elective_without_prerequisite(book: BookCopy):
    text = book.read()
    old = "          - time-series-forecasting\n"
    book.write(text.replace(old, "          - time-series-forecasting\n          - transfer-learning\n", 1))
    return (line_of(text, "        electives:\n"), "tracks[1].stages[2].electives",
            "includes elective 'transfer-learning'", "add 'cnn-architectures' to an earlier stage")


def fault_track_over_its_hours(book: BookCopy):
    text = book.read()
    at = text.index("      - id: dev-environment\n")
    book.write(text[:at] + text[at:].replace("        hours: 4\n", "        hours: 30\n", 1))
    weeks = line_of(text, "        weeks: 7\n", text.index("  - id: deep\n"))
    phase = CUR.phase("foundations")
    need = sum(t.hours for t in phase.topics) + phase.project.hours + 26
    return weeks, "tracks[0].stages[0].weeks", f"stage 'foundations' needs {need} h", "give the stage more weeks"


def fault_track_with_filler(book: BookCopy):
    text = book.read()
    start = text.index("  - id: deep\n")
    book.write(text[:start] + text[start:].replace("        weeks: 7\n", "        weeks: 9\n", 1).replace("    weeks: 49\n", "    weeks: 51\n", 1))
    return line_of(text, "        weeks: 7\n", start), "tracks[0].stages[0].weeks", "would be filler", "give the stage fewer weeks"


def fault_resource_without_duration(book: BookCopy):
    text = book.read()
    line = line_of(text, "            duration: 30 min\n")
    book.write(text.replace("            duration: 30 min\n", "", 1))
    return line - 7, "phases[0].topics[0].resources[0].duration", "Field required", "add `duration:`"


FAULTS = [fault_unknown_prerequisite, fault_cycle, fault_out_of_order_deep, fault_out_of_order_practitioner,
          fault_elective_without_prerequisite, fault_track_over_its_hours, fault_track_with_filler,
          fault_resource_without_duration]


@pytest.mark.parametrize("fault", FAULTS, ids=[f.__name__.removeprefix("fault_") for f in FAULTS])
def test_checker_refuses_with_line_field_and_hint(book_copy: BookCopy, fault):
    line, field, message, hint = fault(book_copy)
    problems = book_copy.problems()
    prefix = f"curriculum.yml:{line}: {field}: "
    hits = [p for p in problems if p.startswith(prefix) and message in p]
    assert hits, f"expected {prefix}{message}…, got:\n" + "\n".join(problems)
    assert any(hint in p.split(" — ", 1)[1] for p in hits), hits


@pytest.mark.parametrize("fault", [fault_cycle, fault_elective_without_prerequisite, fault_track_over_its_hours],
                         ids=["cycle", "elective", "hours"])
def test_the_build_refuses_them_too(book_copy: BookCopy, fault):
    line, field, message, _ = fault(book_copy)
    result = book_copy.build()
    assert result.returncode != 0
    assert f"curriculum.yml:{line}: {field}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


# -- the built site -------------------------------------------------------------

PLACE = re.compile(r'<p class="rm-topic__place">(.*?)</p>', re.S)
LINK = re.compile(r'<a href="([^"]+)">')


def test_builds_on_and_leads_to_agree_with_the_data(site):
    leads_to = {t.id: [] for _, t in CUR.topics()}
    for _, topic in CUR.topics():
        for req in topic.requires:
            leads_to[req].append(topic.id)
    for phase in CUR.phases:
        html = site.html(f"phases/{phase.id}/")
        places = PLACE.findall(html)
        assert len(places) == len(phase.topics)
        for topic, place in zip(phase.topics, places):
            before, _, after = place.partition("Leads to:")
            before_ids = [h.rsplit("#", 1)[1] for h in LINK.findall(before)]
            after_ids = [h.rsplit("#", 1)[1] for h in LINK.findall(after)]
            assert before_ids == list(topic.requires), topic.id
            assert after_ids == leads_to[topic.id], topic.id
            for href in LINK.findall(place):
                page, anchor = href.split("#")
                target = (site.root / f"phases/{phase.id}/" / page).resolve() / "index.html"
                assert target.is_file() and f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_the_topic_map_has_every_topic_and_every_prerequisite(site):
    html = site.html("map/")
    start = html.index('<svg class="rm-map__svg"')
    svg = html[start:html.index("</svg>", start)]
    nodes = re.findall(r'class="rm-map__node" data-map-topic="([a-z0-9-]+)"', svg)
    assert sorted(nodes) == sorted(t.id for _, t in CUR.topics())
    edges = set(re.findall(r'<path d="[^"]+" data-from="([a-z0-9-]+)" data-to="([a-z0-9-]+)"/>', svg))
    assert edges == {(req, t.id) for _, t in CUR.topics() for req in t.requires}
    outline = re.findall(r'<li data-map-topic="([a-z0-9-]+)"', html)
    assert outline == [t.id for _, t in CUR.topics()]
    assert 'href="map/"' in site.html("")  # the home page links it


def test_no_week_of_either_track_is_filler(site):
    for track in CUR.tracks:
        weeks = schedule.plan(CUR, track.id)
        assert len(weeks) == track.weeks
        for week in weeks:
            assert week.items, f"{track.id} week {week.number} is empty"
            for item in week.items:
                assert "project and review" not in item.title
                if item.kind == "project":
                    assert ": " in item.title  # the project and this week's milestone
        html = unescape(site.html("tracks/"))
        assert "project and review" not in html


def test_titles_hold_no_classifier_words():
    for _, topic in CUR.topics():
        assert not re.search(r"\((specialisation|emerging|learn one)\)", topic.title), topic.title
    assert {t.label for _, t in CUR.topics()} >= {"specialisation", "emerging", "choose one"}
