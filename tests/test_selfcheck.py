"""Self-checks a learner can trust, and that the book shows as it should:

- every predict-the-output snippet prints exactly its stated answer, and every
  numeric question's `compute` gives its answer within the tolerance (each run
  in a fresh process with NumPy, pandas and scikit-learn: tests/run_snippets.py);
- the data keeps its promises (at least 4 questions per topic, a quarter or
  more numeric or predict-the-output, every readiness signal verifiable);
- every topic's chapter has its "Check yourself" block with every question and
  the data a script marks it with, an answer key entry per question, each
  readiness signal's check or model answer, and the phase self-test;
- neither the questions nor their answers are in the search index;
- the print page has each chapter's answers;
- the text escaping (`md`) and the snippet highlighting stay inert.
"""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site, run_snippets
from roadmap.checks import load_checked
from roadmap.pages.book import Book
from roadmap.pages.render import code_block, md

CUR = load_checked(ROOT / "curriculum.yml")
QUESTIONS = [(p, t, q) for p, t in CUR.topics() for q in t.questions]


def test_every_output_snippet_prints_its_stated_answer() -> None:
    questions = {q.id: q for _, _, q in QUESTIONS if q.kind == "output"}
    results = run_snippets([{"id": i, "kind": "output", "code": q.code} for i, q in questions.items()])
    wrong = []
    for qid, q in questions.items():
        got = results[qid]
        if "error" in got:
            wrong.append(f"{qid}: the snippet fails:\n{got['error']}")
        elif got["stdout"].rstrip() != q.answer:
            wrong.append(f"{qid}: prints {got['stdout'].rstrip()!r}, the data says {q.answer!r}")
    assert len(questions) >= 50
    assert not wrong, "\n".join(wrong)


def test_every_numeric_compute_gives_its_answer_within_the_tolerance() -> None:
    questions = {q.id: q for _, _, q in QUESTIONS if q.kind == "numeric" and q.compute}
    results = run_snippets([{"id": i, "kind": "compute", "code": q.compute} for i, q in questions.items()])
    wrong = []
    for qid, q in questions.items():
        got = results[qid]
        if "error" in got:
            wrong.append(f"{qid}: compute fails:\n{got['error']}")
        elif not math.isfinite(got["value"]) or abs(got["value"] - q.answer) > q.tolerance:
            wrong.append(f"{qid}: compute gives {got['value']!r}, the answer is {q.answer} ± {q.tolerance}")
    assert len(questions) >= 100
    assert not wrong, "\n".join(wrong)


def test_the_questions_keep_the_promises_of_the_data() -> None:
    kinds = Counter(q.kind for _, _, q in QUESTIONS)
    assert set(kinds) == {"choice", "numeric", "output", "open"}
    assert (kinds["numeric"] + kinds["output"]) * 4 >= len(QUESTIONS), kinds
    assert all(len(t.questions) >= 4 for _, t in CUR.topics())
    for phase in CUR.phases:
        for s in phase.readiness:
            assert bool(s.check) != bool(s.model_answer and len(s.must_mention) >= 2), s.id


# -- the built book ---------------------------------------------------------------


def _chapter(site: Site, phase) -> BeautifulSoup:
    return BeautifulSoup(site.html(f"phases/{phase.id}/"), "html.parser")


def test_every_topic_has_its_block_and_every_question_its_form_and_answer(site: Site) -> None:
    for phase in CUR.phases:
        soup = _chapter(site, phase)
        key = soup.select_one("section.rm-key[data-search-exclude]")
        assert key is not None, phase.id
        for topic in phase.topics:
            block = soup.select_one(f"section.rm-cy[data-topic='{topic.id}'][data-search-exclude]")
            assert block is not None, f"{phase.id}: no Check yourself block for {topic.id}"
            # Right under the topic it checks.
            assert block.find_previous_sibling("section", class_="rm-topic")["data-topic"] == topic.id
            forms = block.select("form[data-q]")
            assert [f["data-q"] for f in forms] == [q.id for q in topic.questions]
            answers = key.select_one(f"details[data-topic='{topic.id}']").select("ol > li")
            assert len(answers) == len(topic.questions)
            for form, q, answer in zip(forms, topic.questions, answers):
                assert form["data-k"] == q.kind
                legend = " ".join(form.legend.get_text().split())
                assert legend.startswith(f"{topic.questions.index(q) + 1}. ")
                assert " ".join(q.prompt.replace("`", "").split()) in legend
                if q.kind == "choice":
                    radios = form.select("input[type=radio][name=a]")
                    assert len(radios) == len(q.options) and all(r.find_parent("label") for r in radios)
                    assert int(form["data-a"]) == next(i for i, o in enumerate(q.options) if o.correct)
                    whys = answer.select("ul > li")
                    assert [" ".join(w.get_text().split()) for w in whys] == [
                        f"{'ABCDEF'[i]}, {'right' if o.correct else 'wrong'}: {' '.join(o.why.replace('`', '').split())}"
                        for i, o in enumerate(q.options)]
                elif q.kind == "numeric":
                    assert float(form["data-a"]) == q.answer and float(form["data-t"]) == q.tolerance
                    assert form.select_one("label input[inputmode=decimal][name=a]")
                    if q.unit:
                        assert q.unit in form.label.get_text()
                    assert " ".join(q.explanation.replace("`", "").split()) in " ".join(answer.get_text().split())
                elif q.kind == "output":
                    assert form["data-a"] == q.answer
                    code = form.select_one("div.highlight pre code")
                    assert code.get_text().rstrip() == q.code.rstrip() and code.select("span.kn, span.k, span.nb")
                    assert form.select_one("label input[name=a]")
                    assert answer.select_one("pre code").get_text() == q.answer
                else:
                    assert form.select_one("label textarea[name=a]")
                    text = " ".join(answer.get_text().split())
                    assert " ".join(q.model_answer.replace("`", "").split()) in text
                    assert all(m.replace("`", "") in text for m in q.must_mention)
        for signal in phase.readiness:
            li = soup.select_one(f"ul.rm-readiness li[data-signal='{signal.id}']")
            disclosure = li.select_one("details.rm-sd[data-search-exclude]")
            text = " ".join(disclosure.get_text().split())
            expected = signal.check or signal.model_answer
            assert " ".join(expected.replace("`", "").split()) in text, signal.id
        test = soup.select_one(f"section.rm-test[data-phase='{phase.id}'][hidden]")
        assert test["data-order"].split() == Book(CUR).test_order(phase)
        assert sorted(test["data-order"].split()) == sorted(q.id for t in phase.topics for q in t.questions)


def test_the_phase_self_test_mixes_the_topics() -> None:
    phase = max(CUR.phases, key=lambda p: len(p.topics))
    order = Book(CUR).test_order(phase)
    first = order[:len(phase.topics)]
    assert [CUR.topic(t.id).questions[0].id for t in phase.topics] == first


def _searchable(site: Site) -> str:
    return " ".join(" ".join(f"{d['title']} {d['text']}".split()) for d in site.search_index()["docs"])


def _plain(text: str) -> str:
    return " ".join(text.replace("`", "").split())


def test_questions_and_answers_are_not_in_the_search_index(site: Site) -> None:
    index = BeautifulSoup(_searchable(site), "html.parser").get_text()
    index = " ".join(index.split())
    leaked = []
    for _, topic, q in QUESTIONS:
        texts = [q.prompt]
        if q.kind == "choice":
            texts += [o.why for o in q.options] + [o.text for o in q.options if len(o.text) > 30]
        elif q.kind in ("numeric", "output"):
            texts.append(q.explanation)
        else:
            texts += [q.model_answer]
        leaked += [f"{q.id}: {t[:60]}" for t in texts if len(t) > 25 and _plain(t) in index]
    for phase in CUR.phases:
        for s in phase.readiness:
            if _plain(s.check or s.model_answer) in index:
                leaked.append(f"{s.id}: its check or model answer")
    assert "Answers to the self-checks" not in index
    assert not leaked, "\n".join(leaked[:20])
    # ...while the chapters' own text is still found.
    assert _plain(CUR.phases[0].topics[0].summary) in index


def test_the_print_page_has_each_chapters_answers_after_its_questions(site: Site) -> None:
    soup = BeautifulSoup(site.html("print_page/"), "html.parser")
    for phase in CUR.phases:
        page = soup.select_one(f"section.rm-print-page#phases-{phase.id}")
        blocks = page.select("section.rm-cy")
        key = page.select_one("section.rm-key")
        assert len(blocks) == len(phase.topics) and key is not None
        assert blocks[-1].sourceline < key.sourceline
        assert len(key.select("details > ol > li")) == sum(len(t.questions) for t in phase.topics)


def test_the_review_page_is_in_the_nav_with_every_topic(site: Site) -> None:
    html = site.html("review/")
    soup = BeautifulSoup(html, "html.parser")
    text = html.split("<template data-rm-review-data>", 1)[1].split("</template>", 1)[0]
    data = json.loads(text.removeprefix('<script type="application/json">').removesuffix("</script>"))
    assert [t["id"] for t in data] == [t.id for _, t in CUR.topics() if t.questions]
    assert all(t["url"].startswith("phases/") and "#" in t["url"] for t in data)
    assert soup.select_one("[data-rm-review][hidden]") is not None
    home = BeautifulSoup(site.html(""), "html.parser")
    assert any(a.get("href", "").rstrip("/").endswith("review") for a in home.select("nav a"))


# -- escaping -------------------------------------------------------------------------


def test_md_escapes_each_character_once() -> None:
    assert md("the terminal's pip") == "the terminal&#39;s pip"
    assert md("a <b> & \"c\" # d_e") == "a &lt;b&gt; &amp; &quot;c&quot; &#35; d&#95;e"
    assert md("- not a list") == "&#45; not a list" and md("> not a quote") == "&gt; not a quote"


def test_a_snippet_is_highlighted_and_stays_inert() -> None:
    html = code_block('print("</code></pre><script>alert(1)</script>")  # {{ x }}\n')
    assert html.startswith('<div class="highlight"><pre><span></span><code>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<span class="nb">print</span>' in html and '<span class="c1">' in html


@pytest.mark.parametrize("kind", ["choice", "numeric", "output", "open"])
def test_each_kind_is_in_the_book(kind: str) -> None:
    assert any(q.kind == kind for _, _, q in QUESTIONS)
