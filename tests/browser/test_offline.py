"""The offline edition (mkdocs.offline.yml, `make offline`) opened from disk.

A reader unzips the folder and opens index.html: file://, no server, no
network. Every test here runs Chromium in a context where any request that is
not a file: URL is aborted and recorded, and fails if one was made, if a file
outside the folder was asked for, or if the console shows an error.

The first tests read the built files only (no browser): no link to a folder
(a browser shows a folder as a file listing), nothing from a CDN.
"""

from __future__ import annotations

import pathlib
import re
from urllib.parse import unquote, urlsplit

import pytest

from roadmap.checks import load_checked

ROOT = pathlib.Path(__file__).resolve().parents[2]
CUR = load_checked(ROOT / "curriculum.yml")
PHASE = CUR.phases[0]
HREF = re.compile(r'<(?:a|link)\s[^>]*?href="([^"]*)"|<(?:script|img|iframe)\s[^>]*?src="([^"]*)"')
# What a page loads (a canonical or feed <link> only names an address).
EXTERNAL_ASSET = re.compile(
    r'<(?:script|img|iframe)\s[^>]*?src="((?:https?:)?//[^"]*)"'
    r'|<link\s(?![^>]*rel="(?:canonical|alternate)")[^>]*?href="((?:https?:)?//[^"]*)"'
)


def pages(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(root.rglob("*.html"))


# -- the files -----------------------------------------------------------------------


def test_every_link_inside_the_folder_names_a_file(offline_site):
    """With directory URLs off, a link points at `page.html`, never at `page/`."""
    root = offline_site.root
    broken = {}
    for page in pages(root):
        for href, src in HREF.findall(page.read_text(encoding="utf-8")):
            url = href or src
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.setdefault(str(page.relative_to(root)), []).append(url)
    assert not broken, f"links that are not files in the offline edition: {broken}"


def test_nothing_is_loaded_from_the_network(offline_site):
    """No script, stylesheet, image or frame from another host; the search
    index and the worker shim come from the folder."""
    root = offline_site.root
    loaded = {str(p.relative_to(root)): [a or b for a, b in EXTERNAL_ASSET.findall(p.read_text(encoding="utf-8"))] for p in pages(root)}
    assert not {p: urls for p, urls in loaded.items() if urls}
    home = offline_site.html("index.html")
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in home
    assert (root / "assets/javascripts/iframe-worker-shim.js").is_file()
    assert (root / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert '"navigation.instant"' not in home
    assert not (root / "downloads").exists(), "the PDF and the zip are not part of the zip"
    assert not (root / "404.html").exists(), "its links start at a server's root"


# -- in the browser ------------------------------------------------------------------


@pytest.fixture
def offline(browser, offline_site):
    """A tab in a context with the network cut off; `tab.outside` lists every
    request that left the folder (aborted), `tab.errors` the console errors."""
    root = offline_site.root.resolve()
    inside = root.as_uri() + "/"
    context = browser.new_context(reduced_motion="reduce")
    outside: list[str] = []

    def gate(route):
        url = route.request.url
        if url.startswith(inside) or url.startswith("data:") or url == "about:blank":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", gate)
    context.on("request", lambda r: None if r.url.startswith((inside, "data:", "about:", "blob:")) else outside.append(r.url))
    tab = context.new_page()
    tab.errors = []
    tab.outside = outside
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.url_of = lambda path: inside + path
    yield tab
    context.close()


def go(tab, url):
    tab.goto(url, wait_until="load")
    ready(tab)


def ready(tab):
    tab.wait_for_function("() => window.rmLearner && document.body.hasAttribute('data-md-color-scheme')")


def follow(tab, locator, expected: str):
    """Click a link and wait for the page it names (an ordinary page load)."""
    with tab.expect_navigation(wait_until="load"):
        locator.first.click()
    ready(tab)
    assert tab.url.endswith(expected), tab.url


@pytest.mark.browser
def test_a_reader_moves_through_the_book_from_a_folder(offline):
    tab = offline
    go(tab, tab.url_of("index.html"))
    chapter = f"phases/{PHASE.id}.html"
    follow(tab, tab.locator(f"a.rm-phase-card[data-phase='{PHASE.id}']"), chapter)
    assert PHASE.title in tab.locator("h1").first.inner_text()

    # The chapter's project notebook: code, outputs and the notebook file beside it.
    notebook = tab.locator("article a[href*='../projects/'][href$='.html']").filter(has_not_text="Projects")
    target = notebook.first.get_attribute("href").removeprefix("../")
    follow(tab, notebook, target)
    assert tab.locator(".jupyter-wrapper .jp-CodeCell").count() > 3
    download = tab.get_by_role("link", name=re.compile("Download the notebook"))
    name = download.get_attribute("href")
    assert name.endswith(".ipynb")
    assert (pathlib.Path(unquote(urlsplit(tab.url).path)).parent / unquote(name)).is_file()

    # The planner, from the navigation: it lays the default track on dates.
    follow(tab, tab.locator(".md-sidebar--primary a.md-nav__link[href$='planner.html']"), "planner.html")
    tab.locator("form[data-rm-planner]").wait_for(state="visible")
    tab.get_by_label("Start date").fill("2027-01-04")
    assert tab.locator("table.rm-plan tr[data-week]").count() == CUR.tracks[0].weeks
    assert tab.locator("[data-rm-plan-start]").get_attribute("datetime") == "2027-01-04"

    # And back, the way the reader came.
    tab.go_back(wait_until="load")
    assert tab.url.endswith(target)
    tab.go_back(wait_until="load")
    assert tab.url.split("#")[0].endswith(chapter)
    assert not tab.outside, f"requests that left the folder: {tab.outside}"
    assert not tab.errors


@pytest.mark.browser
def test_search_finds_a_topic_and_opens_it(offline):
    tab = offline
    phase = CUR.phases[2]
    topic = phase.topics[0]
    go(tab, tab.url_of("index.html"))
    query = tab.get_by_role("textbox", name="Search")
    query.click()
    # The worker (in an iframe, through the shim) has the index once it stops "Initializing".
    tab.wait_for_function("() => !/initiali/i.test(document.querySelector('.md-search-result__meta').textContent)")
    query.press_sequentially(topic.title)
    result = tab.locator(f".md-search-result__item a[href*='phases/{phase.id}.html']").first
    result.wait_for(timeout=10_000)
    with tab.expect_navigation(wait_until="load"):
        result.click()
    ready(tab)
    assert urlsplit(tab.url).path.endswith(f"phases/{phase.id}.html")
    assert tab.locator(f"section.rm-topic[data-topic='{topic.id}']").is_visible()
    assert not tab.outside, f"requests that left the folder: {tab.outside}"
    assert not tab.errors


@pytest.mark.browser
def test_a_tick_and_dark_mode_are_kept_after_a_reload(offline):
    tab = offline
    topic = PHASE.topics[1].id
    box = tab.locator(f"section.rm-topic[data-topic='{topic}'] input[data-rm-action='topic']")
    go(tab, tab.url_of(f"phases/{PHASE.id}.html"))
    box.check()
    # Dark mode: Material's palette toggle, kept in the browser like the ticks.
    tab.locator("form[data-md-component='palette'] label:visible").first.click()
    assert tab.evaluate("() => document.body.dataset.mdColorScheme") == "slate"

    tab.reload(wait_until="load")
    ready(tab)
    assert box.is_checked()
    assert tab.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    # One key for the whole folder, whichever page set it.
    keys = tab.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('rm:'))")
    folder = urlsplit(tab.url_of("")).path
    assert keys == [f"rm:{folder}:progress"]
    follow(tab, tab.locator(".md-sidebar--primary a.md-nav__link[href$='index.html']").filter(has_text="Home"), "index.html")
    assert "1 of" in tab.locator(".rm-progress--overall .rm-bar__text").first.inner_text()
    assert not tab.outside, f"requests that left the folder: {tab.outside}"
    assert not tab.errors


@pytest.mark.browser
def test_no_page_errors_or_leaves_the_folder(offline, offline_site):
    """Every page of the edition, opened from disk: whatever tools a page
    carries, none of them reaches for the network or fails."""
    tab = offline
    failed = {}
    for page in pages(offline_site.root):
        relative = page.relative_to(offline_site.root).as_posix()
        tab.errors = []
        tab.goto(page.as_uri(), wait_until="load")
        ready(tab)
        tab.wait_for_timeout(50)
        if tab.errors:
            failed[relative] = tab.errors
    assert not failed, f"console errors: {failed}"
    assert not tab.outside, f"requests that left the folder: {tab.outside}"


@pytest.mark.browser
def test_the_study_companion_works_from_a_folder(offline, browser, offline_site):
    """My plan, This week, the study log and the device link from file://: the
    plan and a session are kept across pages and a reload, and the link opened
    in another browser (a fresh context, network cut off too) restores them
    after confirming."""
    import datetime as dt

    from roadmap.pages import companion

    tab = offline
    track = CUR.tracks[0]
    total = len(companion.export(CUR)["tracks"][track.id]["paces"][str(track.hours_per_week)])
    tab.clock.set_fixed_time(dt.datetime(2027, 3, 3, 12, tzinfo=dt.timezone.utc))
    go(tab, tab.url_of("my-plan.html"))
    form = tab.locator("form[data-rm-planner]")
    form.wait_for(state="visible")
    form.get_by_label("Start date").fill("2027-03-01")
    follow(tab, tab.locator(".md-sidebar--primary a.md-nav__link[href$='this-week.html']"), "this-week.html")
    heading = tab.locator("section[data-rm-week='full'] [data-rm-week-heading]")
    assert heading.inner_text() == f"Week 1 of {total}"

    go(tab, tab.url_of("study-log.html"))
    log = tab.locator("form[data-rm-log-form]")
    log.locator("label.rm-chip", has_text=re.compile("^30 min$")).click()
    log.get_by_role("button", name="Log this session").click()
    tab.reload(wait_until="load")
    ready(tab)
    assert tab.locator("[data-rm-sessions] li").count() == 1

    go(tab, tab.url_of("my-plan.html"))
    tab.get_by_role("button", name="Make the link").click()
    field = tab.get_by_label("Your link")
    field.wait_for(state="visible")
    link = field.input_value()
    assert link.startswith(tab.url_of("my-plan.html#rm-progress="))

    inside = offline_site.root.resolve().as_uri() + "/"
    other_context = browser.new_context(reduced_motion="reduce")
    outside: list[str] = []
    other_context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((inside, "data:")) else (outside.append(r.request.url), r.abort()))
    other = other_context.new_page()
    errors: list[str] = []
    other.on("pageerror", lambda e: errors.append(str(e)))
    other.clock.set_fixed_time(dt.datetime(2027, 3, 3, 12, tzinfo=dt.timezone.utc))
    go(other, link)
    confirm = other.locator("[data-rm-device-confirm]")
    confirm.wait_for(state="visible")
    assert "1 study session (30 min)" in confirm.inner_text()
    confirm.get_by_role("button", name="Merge it into this browser").click()
    assert other.evaluate("() => rmLearner.store.get('plan', 'current').start") == "2027-03-01"
    assert other.evaluate("() => rmLearner.store.ids('log').length") == 1
    go(other, inside + "this-week.html")
    assert other.locator("section[data-rm-week='full'] [data-rm-week-heading]").inner_text() == f"Week 1 of {total}"
    other_context.close()
    assert not outside and not tab.outside, f"requests that left the folder: {outside + tab.outside}"
    assert not errors and not tab.errors
