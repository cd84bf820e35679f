"""The learner tools in a real browser: ticks and progress bars that survive
reloads, instant navigation and a new release of the book; saving, restoring
and refusing a bad file; the pacing planner and its calendar file; the course
finder; the visual roadmap on a phone; print; and no console errors anywhere.

Expectations come from the data (curriculum.yml through roadmap/), never from
copied numbers, so the tests follow the book as it grows.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import yaml

from roadmap.pages import schedule
from roadmap.checks import load_checked
from conftest import watch_errors

ROOT = pathlib.Path(__file__).resolve().parents[2]
CUR = load_checked(ROOT / "curriculum.yml")
PHASE = CUR.phases[0]
CHAPTER = f"phases/{PHASE.id}/"
SITE_URL = next(
    yaml.safe_load(line)["site_url"]
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    if line.startswith("site_url:")
)

pytestmark = pytest.mark.browser


# -- helpers ---------------------------------------------------------------------


def _sitemap_at_this_origin(route):
    """The sitemap names the published origin (site_url); Material's instant
    navigation only follows links whose origin it finds there and keeps the
    port out of that comparison. Served from 127.0.0.1:<port>, answer with the
    sitemap the book would have when published at this origin."""
    response = route.fetch()
    published = urlsplit(SITE_URL)
    here = urlsplit(route.request.url)
    body = response.text().replace(f"{published.scheme}://{published.netloc}", f"{here.scheme}://{here.netloc}")
    route.fulfill(response=response, body=body)


@pytest.fixture
def tab(browser):
    """A fresh browser context (empty localStorage) that records console errors."""
    contexts = []

    def open_(**options):
        context = browser.new_context(accept_downloads=True, reduced_motion="reduce", **options)
        context.route("**/sitemap.xml", _sitemap_at_this_origin)
        contexts.append(context)
        page = context.new_page()
        watch_errors(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def go(page, url):
    page.goto(url, wait_until="load", timeout=180_000)  # the print page is the whole book
    page.wait_for_function("() => window.rmLearner && document.body.hasAttribute('data-md-color-scheme')")


def ready_for_instant_navigation(page):
    """Material intercepts links only once it has fetched sitemap.xml; a click
    before that is an ordinary page load."""
    page.wait_for_load_state("networkidle")


def progress_key(served) -> str:
    return f"rm:{served.prefix}:progress"


def stored(page, served) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", progress_key(served)) or "null")


def tick(page, topic_id: str) -> None:
    page.locator(f"section[data-topic='{topic_id}'] input[data-rm-action='topic']").check()


def is_ticked(page, topic_id: str) -> bool:
    return page.locator(f"section[data-topic='{topic_id}'] input[data-rm-action='topic']").is_checked()


def bar_text(page, selector: str) -> str:
    return page.locator(f"{selector} .rm-bar__text").first.inner_text()


def done_text(done: int, total: int) -> str:
    return f"{done} of {total} topics done"


def open_tools(page):
    tools = page.locator("[data-rm-progress-tools]")
    if not tools.evaluate("d => d.open"):
        tools.locator("summary").click()
    return tools


# -- progress ----------------------------------------------------------------------


def test_ticks_survive_reload_and_instant_navigation(tab, served):
    page = tab()
    first, last = PHASE.topics[0].id, PHASE.topics[-1].id
    total_topics = len(CUR.topics())
    go(page, served.url(CHAPTER))
    assert bar_text(page, f".rm-progress[data-phase='{PHASE.id}']").startswith(done_text(0, len(PHASE.topics)))
    tick(page, first)
    tick(page, last)
    signal = PHASE.readiness[0].id
    page.locator(f"li[data-signal='{signal}'] input[type=checkbox]").check()
    assert bar_text(page, f".rm-progress[data-phase='{PHASE.id}']").startswith(done_text(2, len(PHASE.topics)))

    # Keyed by stable ids under this site's path, with a schema version.
    data = stored(page, served)
    assert data["schema"] == 2 and set(data["topics"]) == {first, last} and set(data["signals"]) == {signal}

    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    assert is_ticked(page, first) and is_ticked(page, last)
    assert not is_ticked(page, PHASE.topics[1].id)
    assert page.locator(f"li[data-signal='{signal}'] input[type=checkbox]").is_checked()

    # Instant navigation: Material swaps the page without reloading the scripts.
    ready_for_instant_navigation(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=re.compile(r"^\s*Home\s*$")).first.click()
    page.wait_for_selector(".rm-progress--overall .rm-bar")
    assert page.evaluate("() => window.__sameDocument") is True, "navigation reloaded the page: not instant"
    assert bar_text(page, ".rm-progress--overall").startswith(done_text(2, total_topics))
    card = page.locator(f"a.rm-phase-card[data-phase='{PHASE.id}']").locator("xpath=ancestor::li[1]")
    assert card.locator(".rm-bar__text").inner_text().startswith(done_text(2, len(PHASE.topics)))
    deep_stage = page.locator(".rm-timeline__stage", has=page.locator(f"a[href$='phases/{PHASE.id}/']")).first
    assert done_text(2, len(PHASE.topics)) in deep_stage.inner_text()

    page.locator(f"a.rm-phase-card[data-phase='{PHASE.id}']").click()
    page.wait_for_selector(f"section[data-topic='{first}'] input[data-rm-action='topic']")
    assert page.evaluate("() => window.__sameDocument") is True
    assert is_ticked(page, first) and is_ticked(page, last)
    assert bar_text(page, f".rm-progress[data-phase='{PHASE.id}']").startswith(done_text(2, len(PHASE.topics)))
    assert not page.errors


def test_export_reset_import_and_a_bad_file_changes_nothing(tab, served, tmp_path):
    page = tab()
    ids = [t.id for t in PHASE.topics[:3]]
    go(page, served.url(CHAPTER))
    for topic_id in ids:
        tick(page, topic_id)
    # An id this release of the book does not have (a retired topic) is kept.
    page.evaluate(
        """k => { const s = JSON.parse(localStorage.getItem(k));
                  s.topics['a-retired-topic'] = '2024-05-01T10:00:00.000Z';
                  localStorage.setItem(k, JSON.stringify(s)); }""",
        progress_key(served),
    )
    go(page, served.url(""))
    assert bar_text(page, ".rm-progress--overall").startswith(done_text(3, len(CUR.topics())))

    tools = open_tools(page)
    with page.expect_download() as download:
        tools.get_by_role("button", name="Save progress to a file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data["topics"]) == set(ids) | {"a-retired-topic"} and data["schema"] == 2

    reset = tools.locator("button[data-rm-action='reset']")
    reset.click()  # asks first: nothing is erased yet
    assert "again" in reset.inner_text().lower()
    assert len(stored(page, served)["topics"]) == 4
    reset.click()
    assert bar_text(page, ".rm-progress--overall").startswith(done_text(0, len(CUR.topics())))
    assert stored(page, served)["topics"] == {}

    importer = tools.locator("input[data-rm-action='import']")
    importer.set_input_files(str(saved))
    status = tools.locator("[data-rm-progress-status]")
    page.wait_for_function("el => /Restored/.test(el.textContent)", arg=status.element_handle())
    assert bar_text(page, ".rm-progress--overall").startswith(done_text(3, len(CUR.topics())))
    assert set(stored(page, served)["topics"]) == set(ids) | {"a-retired-topic"}

    before = page.evaluate("k => localStorage.getItem(k)", progress_key(served))
    bad_files = {
        "not-json.json": b"{ this is not json",
        "other-app.json": json.dumps({"schema": 1, "topics": {}}).encode(),
        "bad-id.json": json.dumps({**data, "topics": {"<img src=x>": "2024-01-01T00:00:00Z"}}).encode(),
        "newer.json": json.dumps({**data, "schema": 99}).encode(),
        "bad-date.json": json.dumps({**data, "topics": {ids[0]: "yesterday-ish"}}).encode(),
        "list.json": json.dumps({**data, "topics": [ids[0]]}).encode(),
    }
    for name, payload in bad_files.items():
        importer.set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": payload}])
        page.wait_for_function(
            "([el, n]) => el.textContent.includes(n) && /not restored/.test(el.textContent)",
            arg=[status.element_handle(), name],
        )
        assert status.is_visible()
        assert page.evaluate("k => localStorage.getItem(k)", progress_key(served)) == before, name
        assert bar_text(page, ".rm-progress--overall").startswith(done_text(3, len(CUR.topics())))
    assert not page.errors


def _move_and_rename_topic(text: str, phase_id: str, topic_id: str, new_title: str) -> str:
    """In curriculum.yml's text: make `topic_id` the first topic of its phase
    and give it a new title (what a new release of the book might do)."""
    lines = text.splitlines(keepends=True)
    phase_at = lines.index(f"  - id: {phase_id}\n")
    topics_at = lines.index("    topics:\n", phase_at)
    start = lines.index(f"      - id: {topic_id}\n", topics_at)
    end = start + 1
    while end < len(lines) and not lines[end].startswith("      - id: ") and (
        lines[end].startswith("       ") or not lines[end].strip()
    ):
        end += 1
    block = lines[start:end]
    title_at = next(i for i, line in enumerate(block) if line.startswith("        title: "))
    block[title_at] = f"        title: {new_title}\n"
    rest = lines[:start] + lines[end:]
    return "".join(rest[: topics_at + 1] + block + rest[topics_at + 1 :])


def test_a_mark_is_kept_when_a_release_renames_and_reorders_its_topic(tab, site, site_server, book_copy, tmp_path):
    moved = PHASE.topics[-1]
    new_title = "Probability and statistics, renamed for this test"
    text = _move_and_rename_topic(book_copy.read(), PHASE.id, moved.id, new_title)
    # First in its phase, it can no longer build on the topics before it (the checker would refuse).
    text = text.replace(f"        requires: [{', '.join(moved.requires)}]\n", "        requires: []\n", 1)
    book_copy.write(text)
    rebuilt = tmp_path / "rebuilt"
    result = book_copy.build(rebuilt)
    assert result.returncode == 0, result.stderr[-2000:]

    current = {"root": site.root}
    with site_server(lambda: current["root"]) as server:
        page = tab()
        go(page, server.url(CHAPTER))
        first_before = page.locator("section.rm-topic").first.get_attribute("data-topic")
        assert first_before != moved.id
        tick(page, moved.id)

        current["root"] = rebuilt  # the new release, same origin: same localStorage
        page.reload(wait_until="load")
        page.wait_for_function("() => window.rmLearner")
        first_section = page.locator("section.rm-topic").first
        assert first_section.get_attribute("data-topic") == moved.id, "the rebuilt chapter did not reorder"
        assert new_title in first_section.locator("h3").inner_text()
        assert is_ticked(page, moved.id), "the renamed, moved topic lost its mark"
        assert not is_ticked(page, first_before), "a mark followed a position instead of an id"
        assert bar_text(page, f".rm-progress[data-phase='{PHASE.id}']").startswith(done_text(1, len(PHASE.topics)))
        assert not page.errors


# -- planner ------------------------------------------------------------------------


def _unfold(ics: str) -> list[str]:
    """RFC 5545 content lines: CRLF-separated, folded lines start with one space."""
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", ""), "lines must end with CRLF"
    raw = ics[:-2].split("\r\n")
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, f"unfolded line over 75 octets: {line[:40]}…"
    lines: list[str] = []
    for line in raw:
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _events(lines: list[str]) -> list[dict[str, str]]:
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events, event = [], None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT":
            events.append(event)
            event = None
        elif event is not None:
            name, _, value = line.partition(":")
            event[name] = value
    return events


def test_planner_dates_and_calendar_file_follow_the_schedule(tab, served, tmp_path):
    track = CUR.tracks[-1]
    hours = next(h for h in schedule.PACES if h != track.hours_per_week)
    start = dt.date(2025, 3, 3)
    weeks = schedule.plan(CUR, track.id, hours)

    page = tab()
    go(page, served.url(""))
    # Reach the planner by instant navigation: its embedded data is read from the swapped page.
    ready_for_instant_navigation(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-sidebar--primary a.md-nav__link[href$='planner/']").first.click()
    form = page.locator("form[data-rm-planner]")
    form.wait_for(state="visible")
    assert page.evaluate("() => window.__sameDocument") is True
    form.get_by_label("Track").select_option(track.id)
    form.get_by_label("Hours per week").select_option(str(hours))
    form.get_by_label("Start date").fill(start.isoformat())

    finish = start + dt.timedelta(days=7 * len(weeks) - 1)
    summary = page.locator("[data-rm-plan-summary]")
    assert summary.locator("[data-rm-plan-start]").get_attribute("datetime") == start.isoformat()
    assert summary.locator("[data-rm-plan-finish]").get_attribute("datetime") == finish.isoformat()
    assert f"{len(weeks)} weeks" in summary.inner_text()

    rows = page.locator("table.rm-plan tr[data-week]")
    assert rows.count() == len(weeks)
    shown = rows.evaluate_all(
        """rows => rows.map(r => ({
             week: +r.dataset.week,
             dates: [...r.querySelectorAll('time')].map(t => t.getAttribute('datetime')),
             items: [...r.querySelectorAll('li')].map(li => li.textContent)}))"""
    )
    for week, row in zip(weeks, shown):
        monday = start + dt.timedelta(days=7 * (week.number - 1))
        assert row["week"] == week.number
        assert row["dates"] == [monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()]
        assert [i.split(" · ")[0].removesuffix(" (done)") for i in row["items"]] == [i.title for i in week.items]
    stage_rows = page.locator("table.rm-plan tr.rm-plan__stage")
    assert stage_rows.count() == len(track.stages)

    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("calendar")).click()
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".ics")
    events = _events(_unfold(path.read_bytes().decode("utf-8")))
    assert len(events) == len(weeks)
    assert len({e["UID"] for e in events}) == len(events)
    for week, event in zip(weeks, events):
        monday = start + dt.timedelta(days=7 * (week.number - 1))
        assert event["DTSTART;VALUE=DATE"] == monday.strftime("%Y%m%d")
        assert event["DTEND;VALUE=DATE"] == (monday + dt.timedelta(days=7)).strftime("%Y%m%d")
        assert event["SUMMARY"].startswith(f"Week {week.number}")
    assert not page.errors


def test_without_javascript_every_tool_page_still_reads(tab, served):
    page = tab(java_script_enabled=False)
    default = CUR.tracks[0]
    page.goto(served.url("planner/"))
    assert not page.locator("form[data-rm-planner]").is_visible()
    table_rows = page.locator("[data-rm-plan-output] table tbody tr")
    assert table_rows.count() == len(schedule.plan(CUR, default.id))

    page.goto(served.url("courses/"))
    assert not page.locator("form[data-rm-finder]").is_visible()
    assert page.locator("article.rm-course:visible").count() == len(CUR.courses)

    page.goto(served.url(CHAPTER))
    assert page.locator("section.rm-topic").count() == len(PHASE.topics)
    assert page.locator("input[data-rm-action]").count() == 0
    assert page.locator("ul.rm-readiness > li").count() == len(PHASE.readiness)

    page.goto(served.url(""))
    timeline_links = page.locator(".rm-timeline a")
    assert timeline_links.count() >= sum(len(t.stages) for t in CUR.tracks)
    assert page.locator(".rm-timeline").inner_text().count("weeks ") >= sum(len(t.stages) for t in CUR.tracks)


# -- course finder -------------------------------------------------------------------


def test_course_finder_narrows_the_list(tab, served):
    page = tab()
    go(page, served.url("courses/"))
    form = page.locator("form[data-rm-finder]")
    visible = page.locator("article.rm-course:visible")
    assert visible.count() == len(CUR.courses)

    # The phase with the fewest courses (but some): a real narrowing.
    phase = min((p for p in CUR.phases if any(p.id in c.phases for c in CUR.courses)),
                key=lambda p: sum(p.id in c.phases for c in CUR.courses))
    expected = {c.id for c in CUR.courses if phase.id in c.phases}
    assert len(expected) < len(CUR.courses), "every course fits every phase: nothing to narrow"
    form.get_by_label("Phase").select_option(phase.id)
    assert {a.get_attribute("id") for a in visible.all()} == expected
    assert f"Showing {len(expected)} of {len(CUR.courses)}" in form.locator("[data-rm-finder-status]").inner_text()

    form.get_by_label("Phase").select_option("")
    course = CUR.courses[-1]
    word = max(course.title.split(), key=len)
    form.get_by_label("Words").fill(word.upper())
    ids = {a.get_attribute("id") for a in visible.all()}
    assert course.id in ids and len(ids) <= len(CUR.courses)
    form.get_by_label("Words").fill(word + " zzzz-no-such-word")
    assert visible.count() == 0
    assert form.locator("[data-rm-finder-empty]").is_visible()

    form.get_by_label("Words").fill("")
    form.get_by_label("Cost").select_option(course.cost)
    form.get_by_label("Level").select_option(course.level)
    assert {a.get_attribute("id") for a in visible.all()} == {
        c.id for c in CUR.courses if c.cost == course.cost and c.level == course.level
    }
    assert not page.errors


# -- visual roadmap, phone, dark, print -------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_roadmap_and_planner_fit_a_phone(tab, served, scheme):
    page = tab(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    for path in ("", "tracks/", "planner/", "courses/", CHAPTER):
        go(page, served.url(path))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways on a phone by {overflow}px ({scheme})"
    go(page, served.url(""))
    stages = page.locator(".rm-timeline__stage")
    assert stages.count() == sum(len(t.stages) for t in CUR.tracks)
    bar = page.locator(".rm-timeline__span").first.bounding_box()
    assert bar and bar["width"] > 10 and bar["x"] >= 0
    assert not page.errors


def test_print_hides_the_controls_and_the_print_page_has_the_whole_book(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    assert page.locator(".rm-done").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".rm-done").first.is_visible()
    assert not page.locator(".rm-progress").first.is_visible()
    assert page.locator("section.rm-topic h3").first.is_visible()

    page.emulate_media(media="screen")
    go(page, served.url("print_page/"))
    text = page.locator(".md-content").inner_text()
    for phase in CUR.phases:
        assert phase.title in text
        assert phase.topics[0].title in text
    page.emulate_media(media="print")
    assert not page.locator(".rm-progress-tools").first.is_visible()
    assert not page.errors


# -- every page ----------------------------------------------------------------------


def test_no_console_errors_on_any_page(tab, served, site):
    tree = ET.parse(site.root / "sitemap.xml")
    paths = {urlsplit(loc.text).path for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    page = tab()
    go(page, served.url(""))
    # Everything the navigation offers too (the print page is not in the sitemap).
    paths |= set(page.locator(".md-nav a.md-nav__link[href]").evaluate_all(
        "links => links.filter(a => a.origin === location.origin).map(a => a.pathname)"
    ))
    assert len(paths) >= len(CUR.phases) + 5
    failed = {}
    for path in sorted(paths):
        page.errors = []
        page.goto(served.origin + path, wait_until="load")
        page.wait_for_function("() => window.rmLearner")
        page.wait_for_timeout(50)
        if page.errors:
            failed[path] = page.errors
    assert not failed, f"console errors: {json.dumps(failed, indent=1)[:3000]}"

    # The same pages reached by instant navigation, where Material swaps the
    # content and re-runs its scripts (a page's own data must survive that).
    go(page, served.url(""))
    for path in sorted(paths):
        page.errors = []
        page.evaluate(
            "p => { const a = Object.assign(document.createElement('a'), {href: p, textContent: p});"
            " document.body.append(a); a.click(); }",
            path,
        )
        page.wait_for_function("p => location.pathname === p && document.title", arg=path)
        page.wait_for_timeout(150)
        if page.errors:
            failed[path] = page.errors
    assert not failed, f"console errors after instant navigation: {json.dumps(failed, indent=1)[:3000]}"
