"""The whole book on paper: /print_page/ as Chromium lays it out for print
(docs/stylesheets/print.css), the page `make pdf` prints. Opened from the
offline edition's folder (the PDF's source), so no server is needed.

Checked generically, whatever a page holds: nothing a reader could click,
type or choose is shown; no element's text is shown twice in a row (the
notebooks' hidden copies of their code); an external link is followed by its
address unless its text already is the address; each chapter starts a sheet.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CONTROLS = (
    # A self-check's <form> is the question itself (printed without its controls): not a control.
    "button, input, select, textarea, clipboard-copy, [data-rm-action]:not(form), "
    ".headerlink, .anchor-link, .nb-actions, .md-clipboard, .md-content__button"
)


@pytest.fixture(scope="module")
def printed(browser, offline_site):
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    tab = context.new_page()
    tab.goto((offline_site.root / "print_page.html").as_uri(), wait_until="load", timeout=180_000)
    tab.emulate_media(media="print")
    yield tab
    context.close()


def test_no_controls_are_printed(printed):
    shown = printed.locator(".md-content").locator(CONTROLS).evaluate_all(
        "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')"
        "          .map(e => e.outerHTML.slice(0, 120))"
    )
    assert not shown, f"controls on paper: {shown[:5]}"
    # Folded notes and answers are open on paper.
    assert printed.locator("details:not([open])").count() == 0


def test_no_element_is_printed_twice(printed):
    """Neighbouring blocks of code, outputs or prose never repeat each other
    (a week-by-week table may list one project in several weeks: not checked)."""
    repeated = printed.evaluate(
        """() => {
          const blocks = [...document.querySelectorAll('.md-content :is(pre, p)')]
            .filter(e => e.getClientRects().length && e.innerText.trim().length > 20
                         && !e.querySelector('pre, p'));
          const out = [];
          for (let i = 1; i < blocks.length; i++) {
            if (blocks[i].innerText.trim() === blocks[i - 1].innerText.trim()) out.push(blocks[i].innerText.slice(0, 80));
          }
          return out;
        }"""
    )
    assert not repeated, f"printed twice in a row: {repeated[:5]}"
    # mkdocs-jupyter's hidden copy of each cell's code (for its copy button) is not in the book at all.
    assert printed.locator(".jp-CodeCell").count() > 0
    assert printed.locator(".clipboard-copy-txt, .zeroclipboard-container").count() == 0


def test_external_links_show_their_address(printed):
    after = printed.evaluate(
        """() => [...document.querySelectorAll('.md-content a[href^="https:"]')]
                   .filter(a => a.getClientRects().length)
                   .map(a => [a.getAttribute('href'), a.textContent, getComputedStyle(a, '::after').content,
                              a.classList.contains('rm-url-shown'),
                              a.classList.contains('md-button') || !!a.querySelector(':scope > img')])"""
    )
    assert len(after) > 100
    for href, text, content, shown, button in after:
        if shown:
            assert content == "none", f"{href} already shows its address"
        elif button:  # a button or a badge: its address (Colab's is 120 characters) would only clutter the sheet
            assert content == "none", f"{href} is a button or an image"
        elif not text.strip():
            continue
        else:
            assert href in content, f"{href} ({text.strip()[:40]}) has no address after it: {content}"


def test_each_chapter_starts_a_new_sheet(printed):
    breaks = printed.locator("section.rm-print-page").evaluate_all(
        "els => els.map(e => [e.id, getComputedStyle(e).breakBefore, e.matches('.rm-print-section > .rm-print-page:first-of-type')])"
    )
    assert len(breaks) > 10
    assert all(value == "page" or first for _, value, first in breaks), breaks
