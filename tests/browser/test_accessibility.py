"""Every page type of the book has no WCAG 2.1 AA violations, in light and dark mode.

axe-core (node_modules/axe-core, installed by `npm ci`; never from a CDN) is
injected into each page of the served book after Material's scripts have run,
so what is checked is what a reader's browser shows. Dark mode is the reader's
system preference (Material's palette follows `prefers-color-scheme`).
"""

from __future__ import annotations

import json
import pathlib

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}


def _first_notebook_page() -> str:
    """The first project notebook the data file names, as a URL path."""
    data = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
    for phase in data["phases"]:
        notebook = phase["project"].get("notebook")
        if notebook:
            return notebook.removesuffix(".ipynb") + "/"
    raise AssertionError("no phase of curriculum.yml names a project notebook")


def _page_types() -> dict[str, str]:
    data = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
    # The longest chapter: the most topics, resources and links to get wrong.
    chapter = max(data["phases"], key=lambda p: sum(len(t.get("resources", [])) + 1 for t in p["topics"]))
    pages = {
        "home": "",
        "phase chapter": f"phases/{chapter['id']}/",
        "project notebook": _first_notebook_page(),
        "projects": "projects/",
        "topic map": "map/",
        "tracks": "tracks/",
        "courses": "courses/",
        "study": "study/",
        "faq": "faq/",
        "404": "this-page-does-not-exist/",
    }
    if (ROOT / "docs" / "planner.md").is_file():
        pages["planner"] = "planner/"
    if (ROOT / "docs" / "finder.md").is_file():
        pages["finder"] = "finder/"
    if (ROOT / "docs" / "review.md").is_file():
        pages["review"] = "review/"
    # The study companion (tests/browser/test_companion.py also checks them with a plan set).
    for name, stub in (("this week", "this-week"), ("my plan", "my-plan"), ("study log", "study-log")):
        if (ROOT / "docs" / f"{stub}.md").is_file():
            pages[name] = f"{stub}/"
    if (ROOT / "docs" / "glossary.md").is_file():
        pages["glossary"] = "glossary/"
    return pages


PAGES = _page_types()


def _axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol: the book's Content-Security-Policy
        # (rightly) refuses an inline <script>, which add_script_tag would add.
        page.evaluate("source => (0, eval)(source)", AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return result["violations"]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {json.dumps(node['target'])}: {summary[:240]}")
    return "\n".join(lines)


@pytest.fixture
def open_page(browser, served):
    """Open a page of the book in light or dark mode, once Material's scripts have run."""
    contexts = []

    def open_(path: str, scheme: str):
        media, expected = SCHEMES[scheme]
        context = browser.new_context(color_scheme=media, reduced_motion="reduce")
        contexts.append(context)
        tab = context.new_page()
        tab.goto(served.url(path), wait_until="load")
        tab.wait_for_function("() => document.body.hasAttribute('data-md-color-scheme')")
        assert tab.evaluate("() => document.body.dataset.mdColorScheme") == expected
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_type", PAGES)
def test_page_has_no_wcag_21_aa_violations(open_page, page_type, scheme):
    tab = open_page(PAGES[page_type], scheme)
    violations = _axe_violations(tab)
    assert not violations, f"{page_type} page ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_glossary_tooltip_is_described_and_accessible(open_page, scheme):
    """A glossary term in a chapter (<abbr title>): pointing at it shows Material's tooltip with
    the definition, tied to the term by aria-describedby, and the page still passes axe."""
    tab = open_page(PAGES["phase chapter"], scheme)
    # A handle, not a locator: Material moves the title into the tooltip while it shows.
    term = tab.locator(".rm-topic abbr[title]").first.element_handle()
    definition = term.get_attribute("title")
    assert definition, "no glossary term with a tooltip in the chapter's topics"
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = tab.locator(".md-tooltip2--active[role='tooltip']")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == definition
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert term.inner_text() and term.get_attribute("title") is None, "the definition is read once, as the description"
    violations = _axe_violations(tab)
    assert not violations, f"chapter with a glossary tooltip open ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"


@pytest.mark.browser
def test_404_is_served_with_the_book_styles(open_page):
    """The 404 page loads the book's stylesheets from any depth (site_url paths)."""
    tab = open_page("a/deep/missing/page/", "light")
    assert tab.locator("h1").inner_text().startswith("404")
    assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_dialog_is_named_and_accessible_with_results(open_page, scheme):
    tab = open_page(PAGES["phase chapter"], scheme)
    query = tab.get_by_role("textbox", name="Search")
    query.click()
    # Material's search worker has loaded the index once it stops "Initializing".
    tab.wait_for_function("() => !/initiali/i.test(document.querySelector('.md-search-result__meta').textContent)")
    query.press_sequentially("gradient")
    tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    dialog = tab.get_by_role("dialog", name="Search")
    assert dialog.is_visible()
    violations = _axe_violations(tab)
    assert not violations, f"open search dialog ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_finder_answers_filters_and_comparison_are_accessible(open_page, scheme):
    """The finder with answers, its filters open, chips, the compare tray and
    table, and the nearest answers of a question nothing fits."""
    tab = open_page("finder/?q=free+beginner+video&compare=linear-algebra-essence-3blue1brown,"
                    "calculus-gradients-essence-3blue1brown", scheme)
    tab.wait_for_selector("[data-rm-ask-compare] table")
    tab.get_by_text("Filters and sorting").click()
    tab.locator("[data-rm-ask-hits] .rm-ask__pick").first.click()
    violations = _axe_violations(tab)
    assert not violations, f"finder with answers ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"
    tab.goto(tab.url.split("?")[0] + "?q=nlp", wait_until="load")  # a full page of answers, most below the screen
    tab.wait_for_selector("[data-rm-ask-hits] li")
    violations = _axe_violations(tab)
    assert not violations, f"finder with many answers ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"
    tab.goto(tab.url.split("?")[0] + "?q=git+tutorial", wait_until="load")
    tab.wait_for_selector(".rm-ask__hits--near")
    violations = _axe_violations(tab)
    assert not violations, f"finder with no exact answer ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"


@pytest.mark.browser
def test_notebook_code_and_outputs_are_reachable_by_keyboard(open_page):
    """Every scrollable region of a notebook page can take keyboard focus, so
    a reader without a mouse can scroll wide code and long outputs."""
    tab = open_page(PAGES["project notebook"], "light")
    unreachable = tab.evaluate(
        """() => [...document.querySelectorAll('.md-content *')].filter(el => {
               const style = getComputedStyle(el);
               const scrolls = (el.scrollWidth > el.clientWidth && /auto|scroll/.test(style.overflowX))
                            || (el.scrollHeight > el.clientHeight && /auto|scroll/.test(style.overflowY));
               return scrolls && el.tabIndex < 0 && !el.querySelector('a[href], button, [tabindex]:not([tabindex="-1"])');
           }).map(el => el.className || el.tagName)"""
    )
    assert tab.locator(".jp-Cell").count() > 0, "the notebook page shows no cells"
    assert not unreachable, f"scrollable regions without keyboard access: {unreachable[:10]}"


def _open_every_self_check(tab) -> None:
    """Answer one question of each kind, show an open question's model answer,
    open every readiness disclosure and start the phase self-test."""
    done = set()
    for form in tab.locator("section.rm-cy form[data-rm-ready]").all():
        kind = form.get_attribute("data-k")
        if kind in done:
            continue
        done.add(kind)
        if kind == "choice":
            form.locator("input[type=radio]").first.check()
        elif kind in ("numeric", "output"):
            form.locator("[name=a]").fill("1")
        else:
            form.locator("textarea").fill("An answer.")
        form.locator("button[type=submit]").click()
        if kind == "open":
            form.get_by_role("button", name="Not yet").click()
    for summary in tab.locator("details.rm-sd > summary").all():
        summary.click()
    tab.get_by_role("button", name="Start the phase self-test").first.click()
    assert done == {"choice", "numeric", "output", "open"}, done


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_chapter_with_its_self_checks_open_has_no_violations(open_page, scheme):
    """The self-checks answered, with feedback, model answers and the phase self-test open."""
    tab = open_page(PAGES["phase chapter"], scheme)
    tab.wait_for_selector("section.rm-cy form[data-rm-ready]")
    _open_every_self_check(tab)
    violations = _axe_violations(tab)
    assert not violations, f"chapter with self-checks open ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_answer_key_without_javascript_has_no_violations(browser, served, scheme):
    """Without the book's scripts the answers are read at the end of the chapter.
    (Scripts are refused rather than JavaScript switched off, so axe can still run.)"""
    media, _ = SCHEMES[scheme]
    context = browser.new_context(color_scheme=media, reduced_motion="reduce")
    context.route("**/*.js", lambda route: route.abort())
    try:
        tab = context.new_page()
        tab.goto(served.url(PAGES["phase chapter"]), wait_until="load")
        tab.evaluate("""() => {
            document.documentElement.classList.remove('rm-js');
            document.querySelectorAll('.rm-key details, details.rm-sd').forEach(d => { d.open = true; });
        }""")
        assert tab.locator(".rm-key details ol > li").first.is_visible()
        assert not tab.locator("section.rm-cy input").first.is_visible(), "no dead controls without JavaScript"
        violations = _axe_violations(tab)
        assert not violations, f"answer key without JavaScript ({scheme} mode) fails WCAG 2.1 AA:\n{_describe(violations)}"
    finally:
        context.close()
