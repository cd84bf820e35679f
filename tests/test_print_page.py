"""The print page's faster anchor search (roadmap/print_page.py) changes nothing.

mkdocs-print-site-plugin renames heading ids with `urls.update_anchor_ids`;
the hook swaps in a version that skips hopeless `<` positions. Its result must
be the plugin's own, byte for byte, on every page the book builds and on the
corner cases of the plugin's regex.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from mkdocs_print_site_plugin import urls

from roadmap import print_page

ORIGINAL = urls.update_anchor_ids
ROOT = pathlib.Path(__file__).resolve().parent.parent

CORNER_CASES = [
    "",
    "no tags at all",
    '<h2 id="intro">Intro</h2>',
    '<H2 ID="upper">x</H2>',
    '<h2 class="a" id="one">1</h2><p>x</p><h3 id="two">2</h3>',
    '<div id="kept">not renamed</div><li id="fn:1">note</li><sup id="fnref:1">1</sup>',
    '<p>a < b and c > d</p>\n<h2 id="after-lt">x</h2>',
    '<h2\n id="split-tag">the tag spans two lines: no match</h2>',
    '<h2 id="value\nacross lines">x</h2>',
    '<p>x</p><p>y</p>' * 200 + '<h4 id="late">z</h4>',
    '<h2 id="same">a</h2>\n<h2 id="same">b</h2>',
    '<h2 id="">empty</h2>',
    '<li id="a"><li id="b">',
    '<h2 data-x="1" id="x" id="y">two ids</h2>',
    "<" * 50 + 'h2 id="x">',
    '<h1 id="end-without-newline">',
]


@pytest.mark.parametrize("html", CORNER_CASES)
def test_same_result_as_the_plugin_on_corner_cases(html):
    assert print_page.update_anchor_ids(html, "page-key") == ORIGINAL(html, "page-key")


def test_same_result_as_the_plugin_on_every_built_page(site):
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        html = path.read_text(encoding="utf-8")
        # What the plugin collects from a notebook: each heading on its own line.
        for variant in (html, print_page.HEADING.sub(r"\n\1", html)):
            assert print_page.update_anchor_ids(variant, "k") == ORIGINAL(variant, "k"), path


def test_replaces_the_plugin_function_only_at_the_checked_version(monkeypatch):
    monkeypatch.setattr(urls, "update_anchor_ids", ORIGINAL)
    print_page.on_config(None)
    assert urls.update_anchor_ids is print_page.update_anchor_ids

    monkeypatch.setattr(urls, "update_anchor_ids", ORIGINAL)
    monkeypatch.setattr(print_page, "version", lambda name: "99.0")
    print_page.on_config(None)
    assert urls.update_anchor_ids is ORIGINAL


def test_checked_version_is_the_pinned_one():
    pinned = re.search(r"^mkdocs-print-site-plugin==(\S+)", (ROOT / "requirements.txt").read_text(), re.M)
    assert pinned and pinned.group(1) == print_page.CHECKED_VERSION, (
        "requirements.txt pins another mkdocs-print-site-plugin: compare its urls.update_anchor_ids "
        "with roadmap/print_page.py, then update CHECKED_VERSION")


def test_print_page_headings_carry_their_page_key(site):
    html = site.html("print_page/")
    # A notebook heading and a chapter heading, renamed with their page's key.
    assert re.search(r'<h2 id="projects-01-linear-regression-from-scratch-[^"]+"', html)
    assert re.search(r'<h2 id="phases-foundations-[^"]+"', html)
