"""The topic map in Chromium: ticks on nodes, the track filter, a phone's width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_tick_shows_on_its_node_after_reload(served, page):
    page.goto(served.url("phases/classical-ml/"))
    page.wait_for_function("() => window.rmLearner")
    page.locator("section[data-topic='svm'] input[data-rm-action='topic']").check()
    page.goto(served.url("map/"))
    page.reload()
    page.wait_for_function("() => document.querySelector('.rm-map__node[data-map-topic=\"svm\"]').classList.contains('rm-done')")
    assert page.locator("li[data-map-topic='svm'] .rm-map-outline__done").is_visible()
    assert not page.locator(".rm-map__node.rm-done[data-map-topic='knn']").count()


def test_the_track_filter_fades_the_other_topics(served, page):
    page.goto(served.url("map/"))
    node = page.locator(".rm-map__node[data-map-topic='pytorch']")
    assert float(node.evaluate("n => getComputedStyle(n).opacity")) == 1
    page.get_by_label("Practitioner track").check()
    assert float(node.evaluate("n => getComputedStyle(n).opacity")) < 0.5  # PyTorch is not on the practitioner track
    assert page.locator("li[data-map-topic='pytorch']").is_hidden()
    assert page.locator("li[data-map-topic='svm']").is_visible()
    page.get_by_label("Every topic").check()
    assert float(node.evaluate("n => getComputedStyle(n).opacity")) == 1


def test_on_a_phone_the_map_scrolls_and_stays_legible(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served.url("map/"))
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the page itself must not scroll sideways"
    box = page.locator(".rm-map__scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the map scrolls inside its box
    size = page.locator(".rm-map__node text").first.evaluate("t => t.getBoundingClientRect().height")
    assert size >= 10, "node text is drawn at its real size, not shrunk to fit"
    context.close()
