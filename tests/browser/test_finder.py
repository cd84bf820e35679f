"""The finder (docs/finder.md) in Chromium against the built book.

Realistic questions are opened as `?q=` URLs and the ranked answers read
from the page; expectations are properties of the items in the data
(roadmap/pages/catalogue.py), so they follow the book as it grows. Then:
facets shown and undone, the URL as you type, typos, compare, the phase
link, suggestions instead of a blank page, the keyboard, a phone, and a
copy of the data with a hostile title and a renamed resource.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from roadmap.checks import load_checked
from roadmap.pages import catalogue, finder_words
from conftest import watch_errors

ROOT = pathlib.Path(__file__).resolve().parents[2]
CUR = load_checked(ROOT / "curriculum.yml")
WORDS, _ = finder_words.load()
ITEMS = {i.id: i for i in catalogue.items(CUR, WORDS)}
HITS = "[data-rm-ask-hits] > li[data-rm-item]"

pytestmark = pytest.mark.browser


# -- what a careful reader would expect in the top three ------------------------------------


def has(item, **want) -> bool:
    """An item has every property asked: a field's value, or a topic/phase it serves."""
    for key, value in want.items():
        if key in ("topic", "phase"):
            ok = value in getattr(item, key + "s")
        elif key == "title_has":
            ok = value.lower() in item.title.lower()
        elif key == "group":
            ok = catalogue.provider_group(item.provider) == value
        else:
            ok = getattr(item, key) == value
        if not ok:
            return False
    return True


def first(item_id=None, **want):
    def check(top):
        return bool(top) and (top[0].id == item_id if item_id else has(top[0], **want))
    check.__doc__ = f"first is {item_id or want}"
    return check


def top3(**want):
    def check(top):
        return bool(top) and all(has(i, **want) for i in top[:3])
    check.__doc__ = f"each of the top three has {want}"
    return check


def among(*ids):
    def check(top):
        return set(ids) <= {i.id for i in top[:3]}
    check.__doc__ = f"top three include {ids}"
    return check


QUESTIONS = [
    ("best python course for beginners", first(type="course", level="beginner", title_has="Python")),
    ("free video about backpropagation", first(type="video", cost="free", topic="backpropagation")),
    ("compare deep learning courses", top3(type="course", phase="deep-learning")),
    ("book on probability", first(type="book", topic="probability-statistics")),
    ("short intro to docker", top3(topic="docker", level="beginner")),
    ("pandas groupby", first("pandas-dataframes-groupby-guide")),
    ("transformers paper", first("attention-transformers-paper")),
    ("mlops course", top3(course=True, phase="advanced-ai")),
    ("computer vision beginner", top3(phase="computer-vision", level="beginner")),
    ("nlp", top3(phase="nlp")),
    ("stats for ml", top3(topic="probability-statistics")),
    ("backpropogation", top3(topic="backpropagation")),
    ("linear algebra video", first("linear-algebra-essence-3blue1brown")),
    ("numpy for beginners", first("numpy-arrays-absolute-beginners")),
    ("how do I tune hyperparameters", first(topic="hyperparameter-search")),
    ("xgboost paper", first("gradient-boosting-xgboost-paper")),
    ("the illustrated transformer", first("attention-transformers-illustrated")),
    ("karpathy", top3(group="Andrej Karpathy")),
    ("attention is all you need", first("attention-transformers-paper")),
    ("fine-tune bert", top3(topic="bert-fine-tuning")),
    ("rag tutorial", first(topic="rag", type="tutorial")),
    ("object detection yolo", among("object-detection-ultralytics-docs", "object-detection-yolo-paper")),
    ("reinforcement learning course", top3(type="course", topic="reinforcement-learning")),
    ("docker fastapi", first("docker-fastapi-in-containers")),
    ("experiment tracking with mlflow", first("experiment-tracking-mlflow-tracking")),
    ("precision recall imbalanced data", among("classification-metrics-sklearn-precision-recall")),
    ("pytorch dataloader", first("pytorch-datasets-dataloaders")),
    ("word2vec", top3(topic="word-embeddings")),
    ("lstm", top3(topic="rnn-lstm")),
    ("diffusion models", among("generative-models-ddpm-paper", "generative-models-weng-diffusion")),
    ("time series forecasting book", first("time-series-forecasting-fpp3")),
    ("advanced papers on optimisers", first("optimisers-schedules-adam-paper")),
    ("quick matplotlib guide", first("plotting-matplotlib-quick-start")),
    ("maths for machine learning book", first("linear-algebra-mml-book")),
    ("pytroch tutorial", top3(topic="pytorch", type="tutorial")),
    ("paid course", top3(cost="paid", type="course")),
    ("hugging face course", top3(group="Hugging Face", type="course")),
    ("intro to neural networks", top3(topic="neural-network-fundamentals", level="beginner")),
    ("git", top3(topic="dev-environment")),
    ("k-means clustering", top3(topic="clustering")),
    ("deep learning book", top3(type="book", phase="deep-learning")),
    ("free practitioner track videos", top3(type="video", cost="free")),
]


@pytest.fixture(scope="module")
def finder_page(browser, served):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    watch_errors(page)
    yield page
    context.close()


@pytest.fixture
def tab(browser):
    contexts = []

    def open_(**options):
        context = browser.new_context(reduced_motion="reduce", **options)
        contexts.append(context)
        page = context.new_page()
        watch_errors(page)
        return page

    yield open_
    for context in contexts:
        assert not [e for p in context.pages for e in p.errors], "console errors"
        context.close()


def ask(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('[data-rm-ask-status]').textContent.trim() !== ''")


def answers(page) -> list[str]:
    return page.eval_on_selector_all(HITS, "els => els.map(e => e.dataset.rmItem)")


def finder_url(served, **params) -> str:
    return served.url("finder/") + ("?" + urlencode(params) if params else "")


@pytest.mark.parametrize("question, expect", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_realistic_questions_get_what_a_careful_person_expects(finder_page, served, question, expect):
    assert len(QUESTIONS) >= 30
    ask(finder_page, finder_url(served, q=question))
    top = [ITEMS[i] for i in answers(finder_page)[:3]]
    assert expect(top), f"{question!r}: {expect.__doc__}; got {[i.id for i in top]}"
    assert not finder_page.errors


# -- what was understood, shown and undone --------------------------------------------------


def chips(page) -> list[str]:
    return page.eval_on_selector_all(".rm-ask__chip", "els => els.map(e => e.textContent)")


def select(page, kind: str):
    return page.locator(f"form[data-rm-ask] select[data-rm-field='{kind}']")


def open_filters(page) -> None:
    if not page.locator("details[data-rm-ask-filters]").evaluate("d => d.open"):
        page.get_by_text("Filters and sorting").click()


def test_facets_in_the_question_show_as_chips_and_in_the_filters(tab, served):
    page = tab()
    ask(page, finder_url(served, q="free beginner video about backpropogation"))
    shown = chips(page)
    for label in ("Type: video", "Level: beginner", "Cost: free", "Topic: Backpropagation"):
        assert any(c.startswith(label) for c in shown), (label, shown)
    assert [select(page, k).input_value() for k in ("type", "level", "cost", "topic")] == ["video", "beginner", "free", "backpropagation"]
    assert "Read “backpropogation” as “backpropagation”" in page.inner_text("[data-rm-ask-status]")
    first_hit = page.locator(HITS).first
    assert "free · beginner · video" in first_hit.inner_text() and "for Backpropagation" in first_hit.inner_text()
    assert first_hit.locator("a[href*='#backpropagation']").count() == 1  # to its topic in the book
    # Removing a chip takes its word out of the question and the URL.
    page.locator(".rm-ask__chip[data-rm-kind='level']").click()
    assert page.input_value("#rm-ask-q") == "free video about backpropogation"
    assert select(page, "level").input_value() == ""
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'free video about backpropogation'")


def test_choosing_a_filter_replaces_the_word_that_set_it(tab, served):
    page = tab()
    ask(page, finder_url(served, q="beginner pytorch"))
    open_filters(page)
    select(page, "level").select_option("intermediate")
    assert page.input_value("#rm-ask-q") == "pytorch"
    page.wait_for_function("() => location.search.includes('level=intermediate') && location.search.includes('q=pytorch')")
    assert answers(page) and all(ITEMS[i].level == "intermediate" for i in answers(page))
    select(page, "sort").select_option("short")
    page.wait_for_function("() => location.search.includes('sort=short')")


def test_the_url_follows_typing_and_a_reload_restores_it(tab, served):
    page = tab()
    ask(page, finder_url(served))
    page.locator("#rm-ask-q").press_sequentially("free book on statistics", delay=20)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'free book on statistics'")
    open_filters(page)
    select(page, "level").select_option("intermediate")
    page.wait_for_function("() => location.search.includes('level=intermediate')")
    before = answers(page)
    assert before
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelector('[data-rm-ask-status]').textContent.trim() !== ''")
    assert page.input_value("#rm-ask-q") == "free book on statistics"
    assert select(page, "level").input_value() == "intermediate"
    assert answers(page) == before
    # Material's own search also reads ?q=; it must not open over the finder.
    assert not page.evaluate("() => document.querySelector(\"input[data-md-toggle='search']\").checked")


def test_typos_within_one_edit_still_match(tab, served):
    page = tab()
    for typed, meant in (("pytroch", "pytorch"), ("clasification metrics", "classification"), ("beginer docker", "beginner")):
        ask(page, finder_url(served, q=typed))
        assert answers(page), typed
        assert f"as “{meant}" in page.inner_text("[data-rm-ask-status]"), typed


# -- compare ------------------------------------------------------------------------------------


def test_compare_three_items_side_by_side(tab, served):
    page = tab()
    ask(page, finder_url(served, q="free video"))
    ids = answers(page)[:5]
    for n in range(3):
        page.locator(f"{HITS} .rm-ask__pick").nth(n).click()
    assert "3 of at most 4 picked" in page.inner_text("[data-rm-ask-tray]")
    page.get_by_role("button", name="Compare side by side").click()
    table = page.locator("[data-rm-ask-compare] table")
    assert page.evaluate("() => document.activeElement.id") == "rm-ask-compare"
    heads = table.locator("thead th").all_inner_texts()
    assert heads == [ITEMS[i].title for i in ids[:3]]
    rows = {r.locator("th").inner_text(): r.locator("td").all_inner_texts() for r in table.locator("tbody tr").all()}
    for name in ("Provider", "Level", "Cost", "Duration", "The gap it fills", "Serves", "Tracks"):
        assert name in rows, name
    assert rows["Provider"] == [ITEMS[i].provider for i in ids[:3]]
    assert rows["Duration"] == [ITEMS[i].duration or "not stated" for i in ids[:3]]
    page.wait_for_function("ids => new URLSearchParams(location.search).get('compare') === ids", arg=",".join(ids[:3]))
    # Four at most: a fifth cannot be ticked.
    page.locator(f"{HITS} .rm-ask__pick").nth(3).click()
    assert page.locator(f"{HITS} input[data-rm-action='ask-pick']").nth(4).is_disabled()
    # The comparison is part of the URL: a reload shows it again.
    page.wait_for_function("() => new URLSearchParams(location.search).get('compare').split(',').length === 4")
    page.reload(wait_until="load")
    page.wait_for_selector("[data-rm-ask-compare] table")
    assert page.locator("[data-rm-ask-compare] thead th").count() == 4


def test_compare_in_the_question_offers_the_comparison(tab, served):
    page = tab()
    ask(page, finder_url(served, q="compare deep learning courses"))
    shown = answers(page)
    assert len(shown) >= 2 and all("deep-learning" in ITEMS[i].phases for i in shown)
    n = min(4, len(shown))  # the finder offers the top four at most
    page.get_by_role("button", name=f"Compare the top {n} side by side").click()
    heads = page.locator("[data-rm-ask-compare] thead th").all_inner_texts()
    assert heads == [ITEMS[i].title for i in shown[:n]]


# -- where learners are, and never a blank page ------------------------------------------------


def test_the_phase_link_opens_the_finder_filtered_to_that_phase(tab, served):
    page = tab()
    phase = CUR.phases[-2]
    page.goto(served.url(f"phases/{phase.id}/"), wait_until="load")
    page.get_by_role("link", name="Find more for this phase").click()
    page.wait_for_url("**/finder/?phase=*")
    page.wait_for_function("() => document.querySelector('[data-rm-ask-status]').textContent.trim() !== ''")
    assert select(page, "phase").input_value() == phase.id
    expected = [i for i in ITEMS.values() if phase.id in i.phases]
    assert f"{len(expected)} answers" in page.inner_text("[data-rm-ask-status]")
    if len(expected) > 20:
        page.get_by_role("button", name=f"Show all {len(expected)} answers").click()
    assert sorted(answers(page)) == sorted(i.id for i in expected)


def test_empty_and_unmatched_questions_get_suggestions(tab, served):
    page = tab()
    ask(page, finder_url(served))
    assert page.locator("[data-rm-ask-examples]").is_visible()
    assert page.locator("[data-rm-ask-catalogue]").is_visible()
    ask(page, finder_url(served, q="zzzqqq xyzzy"))
    assert "Nothing in the book mentions “zzzqqq”, “xyzzy”" in page.inner_text("[data-rm-ask-status]")
    examples = page.locator("[data-rm-ask-examples] a")
    assert examples.count() == len(WORDS.examples) and examples.first.is_visible()
    examples.first.click()
    assert page.input_value("#rm-ask-q") == WORDS.examples[0] and answers(page)
    # Filters that exclude everything: the nearest answers without one of them.
    ask(page, finder_url(served, q="git tutorial"))
    assert not answers(page)
    # Nearest first: keep the topic, drop the type (git has no tutorial, but a video and a book).
    nearest = page.locator(".rm-ask__hits--near").first.locator("li[data-rm-item]")
    ids = nearest.evaluate_all("els => els.map(e => e.dataset.rmItem)")
    assert ids and all(ITEMS[i].topics == ("dev-environment",) for i in ids)
    assert page.locator(".rm-ask__relax").first.inner_text().startswith("Without the filter Type: tutorial")
    page.get_by_role("button", name="Remove that filter").first.click()
    assert answers(page) == ids and page.input_value("#rm-ask-q") == "git"


def test_the_keyboard_moves_between_the_question_and_the_answers(tab, served):
    page = tab()
    ask(page, finder_url(served, q="transformer"))
    page.locator("#rm-ask-q").focus()
    page.keyboard.press("ArrowDown")
    titles = page.locator(f"{HITS} a[data-rm-hit]")
    assert page.evaluate("() => document.activeElement.textContent") == titles.nth(0).inner_text()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.textContent") == titles.nth(1).inner_text()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "rm-ask-q"
    assert page.get_attribute("[data-rm-ask-status]", "aria-live") == "polite"


def test_the_finder_fits_a_phone(tab, served):
    page = tab(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    ask(page, finder_url(served, q="free video", compare="linear-algebra-essence-3blue1brown,calculus-gradients-essence-3blue1brown"))
    page.wait_for_selector("[data-rm-ask-compare] table")
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    assert page.locator("#rm-ask-q").bounding_box()["width"] > 250


def test_the_script_reads_words_as_the_engine_does(tab, served):
    page = tab()
    ask(page, finder_url(served))
    texts = [i.title for i in ITEMS.values()] + [i.why for i in ITEMS.values()] + [t.title for _, t in CUR.topics()]
    texts += ["Naïve CI/CD — classes’ studies", "k-means & t-SNE, 3Blue1Brown"]
    got = page.evaluate("texts => texts.map(t => window.rmFinderSearch.tokens(t))", texts)
    assert got == [finder_words.tokens(t) for t in texts]


# -- from the data alone, and inert --------------------------------------------------------------

HOSTILE = '<img src=x onerror="window.__pwned=1"> The Illustrated Transformer'
RENAMED = "Quokka sorting for hedgehogs"


@pytest.fixture(scope="module")
def edited_book(tmp_path_factory):
    """A copy of the book whose data has a hostile title and a renamed resource."""
    root = tmp_path_factory.mktemp("finder-book") / "book"
    root.mkdir()
    for name in ("curriculum.yml", "curriculum.schema.json", "mkdocs.yml", "roadmap", "mkdocs_roadmap", "overrides", "docs", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(src, root / name)
    data = root / "curriculum.yml"
    text = data.read_text(encoding="utf-8")
    assert "title: The Illustrated Transformer\n" in text and "title: Understanding LSTM Networks\n" in text
    text = text.replace("title: The Illustrated Transformer\n", f"title: '{HOSTILE}'\n", 1)
    text = text.replace("title: Understanding LSTM Networks\n", f"title: {RENAMED}\n", 1)
    data.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")],
                            cwd=root, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_index_is_built_from_the_data_alone(tab, site_server, edited_book):
    page = tab()
    with site_server(lambda: edited_book) as server:
        ask(page, server.url("finder/?q=quokka+hedgehogs"))
        assert answers(page)[:1] == ["rnn-lstm-colah-understanding-lstms"]
        assert page.locator(f"{HITS} a[data-rm-hit]").first.inner_text() == RENAMED
        # The old title is gone from the index (the page embeds what the data says now).
        assert "Understanding LSTM Networks" not in page.content()


def test_a_hostile_title_stays_inert_text(tab, site_server, edited_book):
    page = tab()
    with site_server(lambda: edited_book) as server:
        ask(page, server.url("finder/?q=illustrated+transformer&compare=attention-transformers-illustrated,attention-transformers-paper"))
        page.wait_for_selector("[data-rm-ask-compare] table")
        assert page.locator(f"{HITS} a[data-rm-hit]").first.inner_text() == HOSTILE
        assert HOSTILE in page.locator("[data-rm-ask-compare] thead").inner_text()
        assert page.locator("article img[src='x']").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__pwned") is None
        # Without JavaScript too: the list shows the text, no element.
        assert HOSTILE in page.locator("[data-rm-ask-catalogue]").text_content()
