"""Self-checks in Chromium against the built book (docs/javascripts/selfcheck.js):

- a choice question answered wrongly, then rightly, shows each explanation;
  a numeric one inside and outside its tolerance ("0,596", ".596"); an output
  one with other spacing; an open one is marked by the learner;
- the results are kept across a reload and instant navigation, and come back
  after export, start over and restore;
- the files the 2026-11 release saved still load with every tick, and an
  answer added on top keeps them;
- the Review page lists a missed topic and a topic made due by moving the
  stored dates back, and works through a mixed set of the due questions;
- the phase readiness block shows the results and the phase self-test's score;
- everything can be answered from the keyboard alone;
- the print view has no form controls and shows the answers.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from urllib.parse import urlsplit

import pytest
import yaml

from roadmap.checks import load_checked
from conftest import watch_errors

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "progress"
CUR = load_checked(ROOT / "curriculum.yml")
PHASE = CUR.phases[0]
CHAPTER = f"phases/{PHASE.id}/"
SITE_URL = next(yaml.safe_load(line)["site_url"] for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
                if line.startswith("site_url:"))


def first(kind: str, phase=PHASE, where=lambda q: True):
    """(topic, question) of the first question of a kind in a phase."""
    return next((t, q) for t in phase.topics for q in t.questions if q.kind == kind and where(q))


CHOICE_TOPIC, CHOICE = first("choice")
NUMERIC_TOPIC, NUMERIC = first("numeric", where=lambda q: q.answer != int(q.answer) and q.tolerance < 0.01)
OUTPUT_TOPIC, OUTPUT = first("output", where=lambda q: " " in q.answer)
OPEN_TOPIC, OPEN = first("open")

pytestmark = pytest.mark.browser


def _sitemap_at_this_origin(route):
    """Material's instant navigation follows only links of the sitemap's origin."""
    response = route.fetch()
    published, here = urlsplit(SITE_URL), urlsplit(route.request.url)
    body = response.text().replace(f"{published.scheme}://{published.netloc}", f"{here.scheme}://{here.netloc}")
    route.fulfill(response=response, body=body)


@pytest.fixture
def tab(browser):
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
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.rmLearner && rmLearner.review && document.body.hasAttribute('data-md-color-scheme')")


def form(page, question):
    return page.locator(f"section.rm-cy form[data-q='{question.id}']")


def feedback(page, question):
    return form(page, question).locator(".rm-q__f")


def check(page, question):
    form(page, question).get_by_role("button", name="Check", exact=True).click()


def answer_of(page, question):
    return page.evaluate("i => rmLearner.store.get('answers', i) || null", question.id)


def key(served) -> str:
    return f"rm:{served.prefix}:progress"


def stored(page, served) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", key(served)) or "null")


def words(text: str) -> str:
    return " ".join(text.replace("`", "").split())


def iso(days_ago: float) -> str:
    return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# -- answering ------------------------------------------------------------------


def test_a_choice_question_wrong_then_right_shows_each_explanation(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    right = next(i for i, o in enumerate(CHOICE.options) if o.correct)
    wrong = next(i for i, o in enumerate(CHOICE.options) if not o.correct)
    radios = form(page, CHOICE).locator("input[type=radio]")
    radios.nth(wrong).check()
    check(page, CHOICE)
    said = words(feedback(page, CHOICE).inner_text())
    assert said.startswith("Not right.")
    assert words(CHOICE.options[wrong].why) in said and words(CHOICE.options[right].why) in said
    assert f"The answer is {'ABCDEF'[right]}" in said
    assert feedback(page, CHOICE).get_attribute("aria-live") == "polite"
    assert answer_of(page, CHOICE)["result"] == "wrong"

    form(page, CHOICE).get_by_role("button", name="Try again").click()
    assert feedback(page, CHOICE).inner_text() == "" and not radios.nth(wrong).is_checked()
    radios.nth(right).check()
    check(page, CHOICE)
    said = words(feedback(page, CHOICE).inner_text())
    assert said.startswith("Right.") and words(CHOICE.options[right].why) in said
    assert words(CHOICE.options[wrong].why) not in said
    entry = answer_of(page, CHOICE)
    assert entry["result"] == "right" and entry["tries"] == 2
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", entry["at"])
    assert "right (2 tries)" in form(page, CHOICE).locator(".rm-q__s").inner_text()
    assert not page.errors


def test_a_numeric_question_inside_and_outside_its_tolerance(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    field = form(page, NUMERIC).locator("input[name=a]")
    outside = f"{NUMERIC.answer + 3 * NUMERIC.tolerance:.6g}"
    field.fill(outside)
    check(page, NUMERIC)
    said = words(feedback(page, NUMERIC).inner_text())
    assert said.startswith("Not right.") and f"You wrote: {outside}" in said
    assert words(NUMERIC.explanation) in said
    assert answer_of(page, NUMERIC)["result"] == "wrong"

    field.fill("about a half")
    check(page, NUMERIC)
    assert "Write a number" in feedback(page, NUMERIC).inner_text()
    assert answer_of(page, NUMERIC)["tries"] == 1, "an unreadable answer is not a try"

    inside = NUMERIC.answer + NUMERIC.tolerance / 2
    for text in (f"{inside:.6g}".replace(".", ","), f"{NUMERIC.answer:g}".removeprefix("0"), f" {NUMERIC.answer:g} "):
        field.fill(text)
        check(page, NUMERIC)
        assert words(feedback(page, NUMERIC).inner_text()).startswith("Right."), text
    assert answer_of(page, NUMERIC) | {"at": None} == {"at": None, "result": "right", "tries": 4}
    assert not page.errors


def test_an_output_question_reads_the_printed_text_with_any_spacing(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    code = form(page, OUTPUT).locator("div.highlight code")
    assert code.inner_text().rstrip() == OUTPUT.code.rstrip()
    assert code.locator("span").count() > 0, "the snippet is highlighted"
    field = form(page, OUTPUT).locator("input[name=a]")
    field.fill(OUTPUT.answer + "x")
    check(page, OUTPUT)
    assert words(feedback(page, OUTPUT).inner_text()).startswith("Not right.")
    field.fill("  " + OUTPUT.answer.replace(" ", "   ") + "\t")
    check(page, OUTPUT)
    said = words(feedback(page, OUTPUT).inner_text())
    assert said.startswith("Right.") and words(OUTPUT.explanation) in said
    assert not page.errors


def test_an_open_question_is_marked_by_the_learner(tab, served):
    page = tab()
    go(page, served.url(f"phases/{next(p.id for p in CUR.phases if OPEN_TOPIC in p.topics)}/"))
    f = form(page, OPEN)
    f.locator("textarea").fill("My own answer, in my own words.")
    assert not f.get_by_role("button", name="I got it").is_visible()
    f.get_by_role("button", name="Show model answer").click()
    said = words(feedback(page, OPEN).inner_text())
    assert words(OPEN.model_answer) in said and all(words(m) in said for m in OPEN.must_mention)
    assert answer_of(page, OPEN) is None, "showing the model answer marks nothing"
    f.get_by_role("button", name="Not yet").click()
    assert answer_of(page, OPEN)["result"] == "self-wrong"
    assert "Marked: not yet" in feedback(page, OPEN).inner_text()
    f.get_by_role("button", name="Try again").click()
    f.get_by_role("button", name="Show model answer").click()
    f.get_by_role("button", name="I got it").click()
    assert answer_of(page, OPEN) | {"at": None} == {"at": None, "result": "self-right", "tries": 2}
    assert not page.errors


# -- kept ---------------------------------------------------------------------------


def test_results_are_kept_across_reload_and_instant_navigation(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    form(page, CHOICE).locator("input[type=radio]").nth(0).check()
    check(page, CHOICE)
    form(page, NUMERIC).locator("input[name=a]").fill(f"{NUMERIC.answer:g}")
    check(page, NUMERIC)
    data = stored(page, served)
    assert data["schema"] == 2 and set(data["answers"]) == {CHOICE.id, NUMERIC.id}

    page.reload(wait_until="load")
    page.wait_for_selector("form[data-rm-ready] .rm-q__s")
    assert "Last checked" in form(page, NUMERIC).locator(".rm-q__s").inner_text()
    assert "right (1 try)" in form(page, NUMERIC).locator(".rm-q__s").inner_text()

    # Instant navigation away and back: Material swaps the page, the scripts stay.
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=re.compile(r"^\s*Home\s*$")).first.click()
    page.wait_for_selector(".rm-progress--overall .rm-bar")
    page.locator(f"a.rm-phase-card[data-phase='{PHASE.id}']").click()
    page.wait_for_selector(f"form[data-q='{NUMERIC.id}'][data-rm-ready]")
    assert page.evaluate("() => window.__sameDocument") is True, "navigation reloaded the page: not instant"
    assert "right (1 try)" in form(page, NUMERIC).locator(".rm-q__s").inner_text()
    assert form(page, NUMERIC).locator(".rm-q__act button").count() == 2, "controls added once"
    assert page.locator("[data-rm-score]").inner_text().startswith("Self-checks: ")
    assert not page.errors


def _tools(page):
    tools = page.locator("[data-rm-progress-tools]")
    if not tools.evaluate("d => d.open"):
        tools.locator("summary").click()
    return tools


def test_export_start_over_and_restore_bring_the_results_back(tab, served, tmp_path):
    page = tab()
    go(page, served.url(CHAPTER))
    form(page, OUTPUT).locator("input[name=a]").fill(OUTPUT.answer)
    check(page, OUTPUT)
    page.locator(f"section[data-topic='{PHASE.topics[0].id}'] input[data-rm-action='topic']").check()
    go(page, served.url(""))
    tools = _tools(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"][OUTPUT.id]["result"] == "right"

    reset = page.get_by_role("button", name="Start over")
    reset.click()
    page.get_by_role("button", name="Click again to erase every tick").click()
    assert page.evaluate("() => rmLearner.store.ids('answers').length") == 0

    tools.locator("input[data-rm-action='import']").set_input_files(path)
    page.wait_for_function("() => rmLearner.store.ids('answers').length === 1")
    assert answer_of(page, OUTPUT) == saved["answers"][OUTPUT.id]
    go(page, served.url(CHAPTER))
    assert "right (1 try)" in form(page, OUTPUT).locator(".rm-q__s").inner_text()
    assert not page.errors


@pytest.mark.parametrize("name", ["release-2026-11-v1-localstorage.json", "release-2026-11-v1-export.json"])
def test_the_files_the_2026_11_release_saved_keep_every_tick(tab, served, name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    saved = json.loads(text)
    page = tab()
    go(page, served.url(""))
    if name.endswith("-export.json"):
        _tools(page).locator("input[data-rm-action='import']").set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}])
        page.wait_for_function("n => rmLearner.store.ids('topics').length === n", arg=len(saved["topics"]))
    else:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(served), text])
    go(page, served.url(CHAPTER))
    for section in ("topics", "signals"):
        for item, at in saved[section].items():
            assert page.evaluate("([s, i]) => rmLearner.store.get(s, i)", [section, item]) == at, item
    assert page.evaluate("() => rmLearner.store.ids('answers').length") == 0
    # Answering on top writes schema 2 with every old tick and date kept.
    form(page, CHOICE).locator("input[type=radio]").nth(0).check()
    check(page, CHOICE)
    data = stored(page, served)
    assert data["schema"] == 2 and data["topics"] == saved["topics"] and data["signals"] == saved["signals"]
    assert set(data["answers"]) == {CHOICE.id}
    assert not page.errors


# -- the Review page and the readiness block ---------------------------------------------


def test_the_review_page_lists_missed_and_due_topics_and_works_through_them(tab, served):
    missed_topic, missed = CHOICE_TOPIC, CHOICE
    due_phase = CUR.phases[1]
    due_topic = due_phase.topics[0]
    page = tab()
    go(page, served.url("review/"))
    assert "3, 10 and 30 days" in page.locator("[data-rm-intervals]").inner_text()
    assert page.evaluate("() => rmLearner.review.intervals") == [3, 10, 30]
    assert "Nothing to review" in page.locator("[data-rm-review-count]").inner_text()

    state = {"schema": 2, "topics": {due_topic.id: iso(2), missed_topic.id: iso(1)}, "signals": {},
             "answers": {missed.id: {"at": iso(1), "result": "wrong", "tries": 1},
                         due_topic.questions[0].id: {"at": iso(1.5), "result": "right", "tries": 1}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(served), json.dumps(state)])
    go(page, served.url("review/"))
    missed_list = page.locator("[data-rm-missed]")
    assert missed_list.is_visible() and missed_topic.title in missed_list.inner_text()
    assert missed_list.get_by_role("link", name=missed_topic.title).get_attribute("href").endswith(f"#{missed_topic.id}")
    assert not page.locator("[data-rm-due]").is_visible(), "ticked two days ago: not due yet"

    # Move the stored dates back: ticked 11 days ago, answered 9 days ago (before the day-10 point).
    state["topics"][due_topic.id] = iso(11)
    state["answers"][due_topic.questions[0].id]["at"] = iso(9)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(served), json.dumps(state)])
    go(page, served.url("review/"))
    due_list = page.locator("[data-rm-due]")
    assert due_topic.title in due_list.inner_text()
    assert f"{len(due_topic.questions)} questions not answered since day 10" in due_list.inner_text()
    due = page.evaluate("() => rmLearner.review.due()")
    assert due[0] == {"question": missed.id, "topic": missed_topic.id, "reason": "missed", "since": state["answers"][missed.id]["at"]}
    assert {d["question"] for d in due[1:]} == {q.id for q in due_topic.questions}

    page.get_by_role("button", name="Start a review set").click()
    items = page.locator("[data-rm-review-set] .rm-set__item")
    items.first.wait_for()
    assert items.count() == min(10, 1 + len(due_topic.questions))
    text = page.locator("[data-rm-review-set]").inner_text()
    assert missed_topic.title in text and due_topic.title in text
    # Answer the missed question right from the Review page.
    right = next(i for i, o in enumerate(missed.options) if o.correct)
    item = items.first.locator(f"form[data-q='{missed.id}']")
    item.locator("input[type=radio]").nth(right).check()
    item.get_by_role("button", name="Check").click()
    assert words(item.locator(".rm-q__f").inner_text()).startswith("Right.")
    assert words(missed.options[right].why) in words(item.locator(".rm-q__f").inner_text())
    assert answer_of(page, missed)["result"] == "right"
    assert not page.locator("[data-rm-missed]").is_visible()
    assert "1 of" in page.locator(".rm-set__status").inner_text()
    assert not page.errors


def test_the_readiness_block_shows_the_results_and_the_self_test_score(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    score = page.locator(f"section.rm-test[data-phase='{PHASE.id}'] [data-rm-score]")
    total = sum(len(t.questions) for t in PHASE.topics)
    assert f"No self-check answered yet" in score.inner_text() and f"({total} questions" in score.inner_text()
    wrong = next(i for i, o in enumerate(CHOICE.options) if not o.correct)
    form(page, CHOICE).locator("input[type=radio]").nth(wrong).check()
    check(page, CHOICE)
    form(page, NUMERIC).locator("input[name=a]").fill(f"{NUMERIC.answer:g}")
    check(page, NUMERIC)
    assert score.inner_text().startswith(f"Self-checks: 1 of 2 answered correctly ({total} questions in this phase); review: ")
    assert score.get_by_role("link", name=CHOICE_TOPIC.title).get_attribute("href") == f"#{CHOICE_TOPIC.id}"

    # The phase self-test: answer every question (choice right, the rest with a wrong number or text).
    test = page.locator(f"section.rm-test[data-phase='{PHASE.id}']")
    test.get_by_role("button", name="Start the phase self-test").click()
    forms = test.locator(".rm-set form[data-q]")
    assert forms.count() == min(10, total)
    topic_of = {q.id: t.id for t in PHASE.topics for q in t.questions}
    ids = forms.evaluate_all("fs => fs.map(f => f.dataset.q)")
    assert len({topic_of[q] for q in ids}) >= min(5, len(PHASE.topics)), "a mixed test"
    right = 0
    for n in range(forms.count()):
        f = forms.nth(n)
        qid = f.get_attribute("data-q")
        question = next(q for t in PHASE.topics for q in t.questions if q.id == qid)
        if question.kind == "choice":
            f.locator("input[type=radio]").nth(next(i for i, o in enumerate(question.options) if o.correct)).check()
            right += 1
        elif question.kind == "open":
            f.get_by_role("button", name="Show model answer").click()
            f.get_by_role("button", name="I got it").click()
            right += 1
            continue
        else:
            f.locator("[name=a]").fill("-12345")
        f.get_by_role("button", name="Check").click()
    status, size = test.locator(".rm-set__status"), forms.count()
    assert status.inner_text().startswith(f"Finished: {right} of {size} right the first time.")
    saved = page.evaluate("p => rmLearner.store.get('phase-tests', p)", PHASE.id)
    assert saved["score"] == right and saved["total"] == size and saved["tries"] == 1
    assert f"Last phase self-test: {right} of {size} on " in score.inner_text()
    page.reload(wait_until="load")
    page.wait_for_selector(f"section.rm-test[data-phase='{PHASE.id}']:not([hidden])")
    assert f"Last phase self-test: {right} of {size} on " in score.inner_text()
    # The next test takes the next questions.
    test.get_by_role("button", name="Start the phase self-test").click()
    again = test.locator(".rm-set form[data-q]").evaluate_all("fs => fs.map(f => f.dataset.q)")
    order = test.get_attribute("data-order").split()
    assert again == [order[(len(ids) + i) % len(order)] for i in range(len(again))]
    assert not page.errors


def test_every_kind_can_be_answered_with_the_keyboard_alone(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    right = next(i for i, o in enumerate(CHOICE.options) if o.correct)
    radios = form(page, CHOICE).locator("input[type=radio]")
    radios.first.focus()
    page.keyboard.press("Space")
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    assert radios.nth(right).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    assert words(feedback(page, CHOICE).inner_text()).startswith("Right.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Try again"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.type") == "radio", "Try again returns to the question"

    # A number: type it and press Enter in the field.
    form(page, NUMERIC).locator("input[name=a]").focus()
    page.keyboard.type(f"{NUMERIC.answer:g}")
    page.keyboard.press("Enter")
    assert words(feedback(page, NUMERIC).inner_text()).startswith("Right.")
    # An open question: Tab from the text to its buttons.
    page.goto(served.url(f"phases/{next(p.id for p in CUR.phases if OPEN_TOPIC in p.topics)}/"), wait_until="load")
    page.wait_for_selector(f"form[data-q='{OPEN.id}'][data-rm-ready]")
    form(page, OPEN).locator("textarea").focus()
    page.keyboard.type("An answer.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Show model answer
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "I got it"
    page.keyboard.press("Enter")
    assert answer_of(page, OPEN)["result"] == "self-right"
    assert not page.errors


def test_print_shows_the_answers_and_no_form_controls(tab, served):
    page = tab()
    go(page, served.url(CHAPTER))
    key_entry = page.locator(".rm-key details ol > li").first
    assert not page.locator("section.rm-key").is_visible(), "on screen the answers wait behind each question"
    page.emulate_media(media="print")
    assert key_entry.is_visible()
    for selector in ("section.rm-cy input", "section.rm-cy textarea", "section.rm-cy button", "section.rm-test"):
        assert page.locator(selector).evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0, selector
    assert page.locator("section.rm-cy legend").first.is_visible()
    assert page.locator("details.rm-sd p").first.is_visible()
    assert not page.errors
