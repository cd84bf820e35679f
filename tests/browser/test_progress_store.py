"""The progress store never runs untrusted input and never loses a learner's
work (docs/javascripts/learner.js, progress.js, planner.js), in Chromium:

- the files today's release really saved (tests/fixtures/progress/) load with every tick;
- a bad entry is set aside, under its own timestamped key, and every good one kept;
- progress from a newer schema is shown read-only and never overwritten;
- a full storage says so at once, keeps the ticks and saves them later;
- ids named like Object.prototype's properties; ids the book replaced;
- restoring merges (earliest tick wins), replaces only after saying what it
  removes, can be undone, and refuses another book's file;
- the planner's start dates (years 0050 and 9999) and saved preferences, and
  control characters in its calendar file.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re

import pytest

from roadmap.pages import schedule
from roadmap.checks import load_checked
from conftest import watch_errors

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "progress"
CUR = load_checked(ROOT / "curriculum.yml")
PHASE = CUR.phases[0]
CHAPTER = f"phases/{PHASE.id}/"
T1, T2, T3 = (t.id for t in PHASE.topics[:3])
FULL = "Not saved: this browser's storage is full"

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(browser):
    """A fresh context (empty localStorage) whose page records console errors."""
    contexts = []

    def open_(**options):
        context = browser.new_context(accept_downloads=True, reduced_motion="reduce", **options)
        contexts.append(context)
        page = context.new_page()
        watch_errors(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def go(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.rmLearner && document.body.hasAttribute('data-md-color-scheme')")


def key(served, suffix="") -> str:
    return f"rm:{served.prefix}:progress{suffix}"


def raw(page, served, suffix=""):
    return page.evaluate("k => localStorage.getItem(k)", key(served, suffix))


def put(page, served, value, suffix=""):
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(served, suffix), text])
    return text


def set_aside(page, served) -> dict[str, dict]:
    return page.evaluate(
        """p => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))
                 .map(k => [k, JSON.parse(localStorage.getItem(k))]))""",
        key(served, ":set-aside:"),
    )


def box(page, topic_id):
    return page.locator(f"section[data-topic='{topic_id}'] input[data-rm-action='topic']")


def has(page, section, item_id) -> bool:
    return page.evaluate("([s, i]) => rmLearner.store.has(s, i)", [section, item_id])


def notice(page):
    return page.locator("[data-rm-notice] [role=alert]")


def open_tools(page):
    tools = page.locator("[data-rm-progress-tools]")
    if not tools.evaluate("d => d.open"):
        tools.locator("summary").click()
    return tools


def export(page, tmp_path, button="Save progress to a file") -> dict:
    if button == "Save progress to a file":
        open_tools(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def restore(page, name: str, payload: dict | bytes, expect: str = "Restored"):
    tools = open_tools(page)
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    tools.locator("input[data-rm-action='import']").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": body}])
    status = tools.locator("[data-rm-progress-status]")
    page.wait_for_function("([el, n, w]) => el.textContent.includes(n) && el.textContent.includes(w)",
                           arg=[status.element_handle(), name, expect])
    return status.inner_text()


def progress_file(topics: dict, signals: dict | None = None, site: str = "/ml-roadmap/") -> dict:
    return {"format": "ml-roadmap-progress", "schema": 2, "site": site, "exported": "2026-12-01T00:00:00.000Z",
            "topics": topics, "signals": signals or {}}


# -- the files today's release saved ------------------------------------------------


def _fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _every_tick_is_kept(page, served, saved: dict) -> None:
    for topic_id, at in saved["topics"].items():
        assert has(page, "topics", topic_id), topic_id
        assert page.evaluate("i => rmLearner.store.get('topics', i)", topic_id) == at
    for signal_id in saved["signals"]:
        assert has(page, "signals", signal_id), signal_id
    phase_topics = [t for t in saved["topics"] if t in {t.id for t in PHASE.topics}]
    assert phase_topics
    go(page, served.url(CHAPTER))
    assert all(box(page, t).is_checked() for t in phase_topics)
    # A tick writes schema 2 and keeps every old tick with its date.
    untouched = next(t.id for t in PHASE.topics if t.id not in saved["topics"])
    box(page, untouched).check()
    stored = json.loads(raw(page, served))
    assert stored["schema"] == 2
    assert {k: stored["topics"][k] for k in saved["topics"]} == saved["topics"]
    assert stored["signals"] == saved["signals"]


def test_the_stored_value_of_the_2026_11_release_keeps_every_tick(tab, served):
    text = (FIXTURES / "release-2026-11-v1-localstorage.json").read_text(encoding="utf-8")
    saved = json.loads(text)
    assert saved["schema"] == 1
    page = tab()
    go(page, served.url(CHAPTER))
    put(page, served, text)
    go(page, served.url(""))
    assert raw(page, served) == text, "reading progress must never rewrite it"
    _every_tick_is_kept(page, served, saved)
    assert not set_aside(page, served)
    assert not page.errors


def test_the_export_file_of_the_2026_11_release_restores_every_tick(tab, served):
    saved = _fixture("release-2026-11-v1-export.json")
    assert saved["schema"] == 1
    page = tab()
    go(page, served.url(""))
    restore(page, "release-2026-11-v1-export.json",
            (FIXTURES / "release-2026-11-v1-export.json").read_bytes())
    _every_tick_is_kept(page, served, saved)
    assert not page.errors


# -- bad entries, newer schemas -------------------------------------------------------


def test_a_bad_entry_is_set_aside_and_every_good_one_kept(tab, served, tmp_path):
    page = tab()
    go(page, served.url(CHAPTER))
    bad = put(page, served, {"schema": 2, "topics": {
        T1: "2026-10-01T08:00:00.000Z", "Numpy-Arrays": "2026-10-02T08:00:00.000Z", T2: "yesterday-ish",
        T3: "2026-10-03T08:00:00.000Z"}, "signals": None})
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    assert box(page, T1).is_checked() and box(page, T3).is_checked()
    assert not box(page, T2).is_checked()
    copies = set_aside(page, served)
    assert [c["value"] for c in copies.values()] == [bad], "the text with the bad entries is kept as it was"
    (copy_key, copy), = copies.items()
    assert re.fullmatch(re.escape(key(served, ":set-aside:")) + r"\d{4}-\d\d-\d\dT[\d:.]+Z(-\d+)?", copy_key)
    assert any("Numpy-Arrays" in p for p in copy["problems"]) and any(p.startswith("signals") for p in copy["problems"])

    page.reload(wait_until="load")  # the same stored text again: no second copy
    page.wait_for_function("() => window.rmLearner")
    assert list(set_aside(page, served)) == [copy_key]
    box(page, T2).check()
    stored = json.loads(raw(page, served))
    assert set(stored["topics"]) == {T1, T2, T3} and stored["signals"] == {}
    assert set_aside(page, served)[copy_key]["value"] == bad

    go(page, served.url(""))
    warning = page.locator("[data-rm-set-aside]")
    assert warning.is_visible() and "Some saved progress could not be read" in warning.inner_text()
    data = export(page, tmp_path, button="download it")
    assert set(data["topics"]) == {T1, T2, T3}
    assert [c["value"] for c in data["setAside"]] == [bad]
    assert not page.errors


def test_two_bad_events_in_a_row_are_both_kept(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    first = put(page, served, "{ not json")
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    second = put(page, served, {"schema": 2, "topics": {T1: "2026-10-01T08:00:00Z", "toString": "2026-10-01T08:00:00Z"}})
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    copies = set_aside(page, served)
    assert sorted(c["value"] for c in copies.values()) == sorted([first, second]), copies
    assert box(page, T1).is_checked()
    assert not page.errors


def test_progress_from_a_newer_schema_is_shown_and_never_overwritten(tab, served, tmp_path):
    page = tab()
    go(page, served.url(CHAPTER))
    newer = put(page, served, {"schema": 3, "topics": {T1: "2026-10-01T08:00:00.000Z"},
                               "signals": {}, "journal": {"2026-10-01": {"minutes": 40}}})
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    assert box(page, T1).is_checked()
    box(page, T2).click()
    page.wait_for_function("() => /newer version/.test(document.querySelector('[data-rm-notice]').textContent)")
    assert notice(page).is_visible() and notice(page).inner_text().startswith("Not saved")
    assert not box(page, T2).is_checked()
    assert raw(page, served) == newer
    go(page, served.url(""))
    assert page.locator("[data-rm-read-only]").is_visible()
    data = export(page, tmp_path)
    assert set(data["topics"]) == {T1} and [c["value"] for c in data["setAside"]] == [newer]
    assert raw(page, served) == newer
    assert not page.errors


# -- a full storage --------------------------------------------------------------------

FILL = """() => {
  let i = 0;
  for (let size = 1 << 20; size >= 1; ) {
    try { localStorage.setItem('filler-' + i, 'x'.repeat(size)); i++; } catch (e) { size = size >> 1; }
  }
  return i;
}"""
EMPTY = "() => Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k))"


def test_a_full_storage_says_so_keeps_the_ticks_and_saves_them_later(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    box(page, T1).check()
    assert page.evaluate(FILL) > 0
    box(page, T2).check()
    page.wait_for_function("t => document.querySelector('[data-rm-notice] [role=alert]').textContent.startsWith(t)", arg=FULL)
    assert notice(page).is_visible()
    assert box(page, T2).is_checked() and has(page, "topics", T2), "the tick is kept in memory"
    assert set(json.loads(raw(page, served))["topics"]) == {T1}
    page.evaluate(EMPTY)
    box(page, T3).check()
    assert set(json.loads(raw(page, served))["topics"]) == {T1, T2, T3}
    assert "Saved" in notice(page).inner_text()

    # A restore that cannot be saved says so and changes nothing.
    go(page, served.url(""))
    before = raw(page, served)
    page.evaluate(FILL)
    status = restore(page, "more.json", progress_file({t.id: "2026-01-01T00:00:00.000Z" for t in PHASE.topics}),
                     expect="not restored")
    assert "storage is full" in status
    assert raw(page, served) == before and not has(page, "topics", PHASE.topics[-1].id)
    page.evaluate(EMPTY)
    assert not page.errors


# -- sections ------------------------------------------------------------------------------


def test_sections_unknown_here_round_trip_and_a_script_can_add_its_own(tab, served, tmp_path):
    page = tab()
    go(page, served.url(""))
    journal = {"2026-10-01": {"minutes": 40, "note": "<b>not html</b>"}, "odd": [1, None]}
    put(page, served, {"schema": 2, "topics": {T1: "2026-10-01T08:00:00.000Z"}, "signals": {},
                       "journal": journal, "flashcards": {"q-one": "b", "q-two": 7}})
    go(page, served.url(""))
    # A later script registers "flashcards" (a section no script of this release knows): its good entries are read, the bad one set aside.
    page.evaluate("""() => rmLearner.store.section('flashcards', {
        validateEntry: (id, value) => typeof value === 'string' || 'an answer is a letter',
        merge: (mine, theirs) => mine })""")
    assert page.evaluate("() => rmLearner.store.get('flashcards', 'q-one')") == "b"
    assert not has(page, "flashcards", "q-two")
    assert any("q-two" in p for c in set_aside(page, served).values() for p in c["problems"])
    assert page.evaluate("() => rmLearner.store.set('flashcards', 'q-three', 'c')") is True
    stored = json.loads(raw(page, served))
    assert stored["journal"] == journal, "a section this release does not know is written back verbatim"
    assert stored["flashcards"] == {"q-one": "b", "q-three": "c"}

    data = export(page, tmp_path)
    assert data["journal"] == journal and data["flashcards"] == stored["flashcards"]
    page.evaluate("() => localStorage.clear()")
    go(page, served.url(""))
    restore(page, "with-sections.json", data)
    assert json.loads(raw(page, served))["journal"] == journal
    assert not page.errors


# -- ids ---------------------------------------------------------------------------------


def test_ids_named_like_object_properties_work_or_are_set_aside(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    assert page.evaluate("() => rmLearner.store.set('topics', 'constructor', true)") is True
    assert has(page, "topics", "constructor")
    assert isinstance(json.loads(raw(page, served))["topics"]["constructor"], str)
    put(page, served, '{"schema": 2, "topics": {"constructor": "2026-10-01T08:00:00Z", "__proto__": "2026-10-01T08:00:00Z",'
                      ' "toString": "2026-10-01T08:00:00Z", "hasOwnProperty": "2026-10-01T08:00:00Z",'
                      f' "{T1}": "2026-10-01T08:00:00Z"}}, "signals": {{"__proto__": {{"polluted": true}}}}}}')
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    assert box(page, T1).is_checked() and has(page, "topics", "constructor")
    for name in ("__proto__", "toString", "hasOwnProperty", "valueOf"):
        assert not has(page, "topics", name) and not has(page, "signals", name)
    assert page.evaluate("() => ({}).polluted === undefined")
    box(page, T2).check()
    assert set(json.loads(raw(page, served))["topics"]) == {"constructor", T1, T2}
    assert len(set_aside(page, served)) == 1
    assert not page.errors


def test_a_tick_on_a_replaced_id_counts_for_its_successor(tab, served):
    page = tab()
    book = {"ids": {"topics": [t.id for _, t in CUR.topics()], "signals": []},
            "replaced": {"topics": {"old-first-topic": T1}, "signals": {}}}
    page.context.route("**/javascripts/book-data.js", lambda route: route.fulfill(
        body=f"window.rmBook = {json.dumps(book)};", content_type="text/javascript"))
    go(page, served.url(CHAPTER))
    put(page, served, {"schema": 1, "topics": {"old-first-topic": "2026-09-01T08:00:00.000Z"}, "signals": {}})
    page.reload(wait_until="load")
    page.wait_for_function("() => window.rmLearner")
    assert box(page, T1).is_checked()
    box(page, T2).check()
    stored = json.loads(raw(page, served))["topics"]
    assert stored[T1] == stored["old-first-topic"] == "2026-09-01T08:00:00.000Z"
    assert not page.errors


# -- restore --------------------------------------------------------------------------


def test_restore_merges_replaces_after_saying_what_it_removes_and_undoes(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    box(page, T1).check()
    box(page, T2).check()
    mine = json.loads(raw(page, served))["topics"]
    go(page, served.url(""))
    early, late = "2020-01-01T00:00:00.000Z", "2099-01-01T00:00:00.000Z"
    status = restore(page, "other-browser.json", progress_file({T1: early, T2: late, T3: late}))
    assert "1 mark added" in status and "2 marks already here" in status
    merged = json.loads(raw(page, served))["topics"]
    assert merged == {T1: early, T2: mine[T2], T3: late}, "the union, the earliest tick of each"

    tools = open_tools(page)
    tools.get_by_role("button", name=re.compile("Replace my progress")).click()
    assert "removes 0 marks" in tools.locator("[data-rm-progress-status]").inner_text()
    assert json.loads(raw(page, served))["topics"] == merged, "asking is not replacing"
    tools.get_by_role("button", name="Keep the merge").click()

    status = restore(page, "only-one.json", progress_file({T3: early}))
    tools.get_by_role("button", name=re.compile("Replace my progress")).click()
    assert "removes 2 marks" in tools.locator("[data-rm-progress-status]").inner_text()
    tools.get_by_role("button", name="Remove 2 marks and replace").click()
    assert json.loads(raw(page, served))["topics"] == {T3: early}

    tools.get_by_role("button", name="Undo restore").click()
    assert json.loads(raw(page, served))["topics"] == merged, "back to before the last restore"
    assert not tools.get_by_role("button", name="Undo restore").is_visible()
    assert not page.errors


def test_a_file_of_another_book_is_refused(tab, served):
    page = tab()
    go(page, served.url(""))
    other = progress_file({"their-topic": "2026-01-01T00:00:00.000Z"}, site="/another-book/")
    status = restore(page, "theirs.json", other, expect="not restored")
    assert "another book" in status
    assert raw(page, served) is None
    # The same book published elsewhere (it names this book's topics) is restored.
    restore(page, "ours-elsewhere.json", progress_file({T1: "2026-01-01T00:00:00.000Z"}, site="/mirror/"))
    assert set(json.loads(raw(page, served))["topics"]) == {T1}
    assert not page.errors


# -- planner -------------------------------------------------------------------------


def _planner(page, served):
    go(page, served.url("planner/"))
    form = page.locator("form[data-rm-planner]")
    form.wait_for(state="visible")
    return form


def _no_download(page, button) -> bool:
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    button.click()
    page.wait_for_timeout(300)
    return not downloads


def test_planner_start_years_0050_and_9999(tab, served, tmp_path):
    page = tab()
    form = _planner(page, served)
    form.get_by_label("Start date").fill("2026-01-05")
    weeks = page.locator("table.rm-plan tr[data-week]").count()
    assert weeks > 0
    summary = page.locator("[data-rm-plan-summary]")
    button = page.get_by_role("button", name=re.compile("calendar"))

    form.get_by_label("Start date").fill("0050-03-01")
    assert "between the years 1970 and 9999" in summary.inner_text()
    assert page.locator("table.rm-plan").count() == 0, "no plan dated 1950"
    assert _no_download(page, button)

    form.get_by_label("Start date").fill("9999-12-31")
    assert "would end after 31 December 9999" in summary.inner_text()
    assert _no_download(page, button)

    latest = dt.date(9999, 12, 31) - dt.timedelta(days=7 * weeks)
    form.get_by_label("Start date").fill(latest.isoformat())
    assert summary.locator("[data-rm-plan-finish]").get_attribute("datetime") == "9999-12-30"
    with page.expect_download() as download:
        button.click()
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    text = path.read_bytes().decode("utf-8")
    dates = re.findall(r"^DT(?:START|END);VALUE=DATE:(.*)\r$", text, flags=re.M)
    assert len(dates) == 2 * weeks and all(re.fullmatch(r"\d{8}", d) for d in dates)
    assert dates[-1] == "99991231"
    assert not page.errors


def test_planner_ignores_saved_preferences_naming_object_properties(tab, served):
    page = tab()
    go(page, served.url("planner/"))
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({track: '__proto__', hours: 'constructor', start: '0050-01-01'}))",
                  f"rm:{served.prefix}:planner")
    form = _planner(page, served)
    assert form.get_by_label("Track").input_value() == CUR.tracks[0].id
    assert page.locator("table.rm-plan tr[data-week]").count() == len(schedule.plan(CUR, CUR.tracks[0].id))
    assert form.get_by_label("Start date").input_value() >= "1970"
    assert not page.errors


def test_calendar_text_never_carries_a_control_character(tab, served, tmp_path):
    track = CUR.tracks[0]
    page = tab()
    form = _planner(page, served)
    form.get_by_label("Track").select_option(track.id)
    form.get_by_label("Start date").fill("2026-01-05")
    page.evaluate(
        """id => {
             const data = document.querySelector('template[data-rm-plan-data]').content.querySelector('script')._rmData;
             const t = data.tracks[id];
             t.title = 'Bare\\rCR\\u0000NUL\\u007fDEL\\u0085NEL\\u2028LS\\u2029PS\\tTAB';
             for (const s in t.stages) t.stages[s] = 'Stage\\rwith\\nbreaks\\u009b';
             for (const weeks of Object.values(t.paces)) for (const w of weeks) for (const i of w.items) i[2] = 'Item\\r\\n\\u001b[31m';
           }""",
        track.id,
    )
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("calendar")).click()
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    text = path.read_bytes().decode("utf-8")
    body = text.replace("\r\n", "")
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", body), "a control character reached the file"
    assert "X-WR-CALNAME:ML Roadmap: BareCRNULDELNELLSPSTAB" in text.replace("\r\n ", "")
    assert not page.errors


# -- accessibility of the new messages ------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_warnings_the_notice_and_the_restore_choice_pass_axe(tab, served, scheme):
    page = tab(color_scheme=scheme)
    go(page, served.url(""))
    put(page, served, "{ not json")
    go(page, served.url(""))
    restore(page, "mine.json", progress_file({T1: "2026-01-01T00:00:00.000Z"}))
    page.evaluate("""() => {
        document.querySelector('[data-rm-read-only]').hidden = false;
        rmLearner.notify("Not saved: this browser's storage is full.", true);
    }""")
    assert page.locator("[data-rm-set-aside]").is_visible() and notice(page).is_visible()
    assert page.get_by_role("button", name="Undo restore").is_visible()
    page.evaluate("source => (0, eval)(source)", AXE.read_text(encoding="utf-8"))  # the CSP refuses an inline <script>
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
        " resultTypes: ['violations']})")
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert not problems, problems
    assert not page.errors
