"""Every topic teaches before it links, and what it teaches is checked:

- each topic's lesson, its worked example (code and what it prints) and the
  resource to start with are on its chapter, in that order, before the links;
- every example prints exactly the output the data states (run in a fresh
  process with NumPy, pandas and scikit-learn, like the self-check snippets);
- the checker refuses a `start_with` that names no resource of the topic and
  a topic without a lesson, with `file:line: field`;
- the lessons are not one template repeated: no two topics' lessons open, or
  end, with the same four words.
"""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup

from conftest import ROOT, BookCopy, Site, run_snippets
from roadmap.checks import load_checked

CUR = load_checked(ROOT / "curriculum.yml")
TOPICS = [(p, t) for p, t in CUR.topics()]


def _words(text: str) -> list[str]:
    return " ".join(text.split()).lower().split(" ")


def test_every_example_prints_what_the_book_says_it_prints() -> None:
    examples = {t.id: t.example for _, t in TOPICS if t.example}
    got = run_snippets([{"id": i, "kind": "output", "code": e.code} for i, e in examples.items()])
    wrong = []
    for tid, example in examples.items():
        if "error" in got[tid]:
            wrong.append(f"{tid}: the example fails:\n{got[tid]['error']}")
        elif "\n".join(line.rstrip() for line in got[tid]["stdout"].rstrip().split("\n")) != example.output:
            wrong.append(f"{tid}: prints\n{got[tid]['stdout'].rstrip()}\nbut the data says\n{example.output}")
    assert len(examples) >= len(TOPICS) // 2, "most topics work an example through"
    assert not wrong, "\n\n".join(wrong)


def test_each_chapter_teaches_each_topic_before_it_links(site: Site) -> None:
    for phase in CUR.phases:
        soup = BeautifulSoup(site.html(f"phases/{phase.id}/index.html"), "html.parser")
        for topic in phase.topics:
            section = soup.find("section", attrs={"data-topic": topic.id})
            assert section, f"{phase.id}: no section for {topic.id}"
            text = "".join(section.get_text().split())  # glossary tooltips and code spans split the text
            for paragraph in topic.lesson:
                words = paragraph.replace("`", "").split()
                assert "".join(words) in text, f"{topic.id}: lesson paragraph missing: {' '.join(words[:8])!r}…"
            start = next(r for r in topic.resources if r.id == topic.start_with)
            item = section.find("a", attrs={"data-resource": start.id}).find_parent("li")
            assert item.get_text(" ").strip().startswith("Start here:"), f"{topic.id}: no 'Start here' on {start.id}"
            assert sum("Start here:" in li.get_text() for li in section.find_all("li")) == 1, topic.id
            if topic.example:
                example = section.find(class_="rm-example")
                assert example, f"{topic.id}: example not shown"
                assert example.find(class_="highlight").get_text().strip() == topic.example.code.strip()
                assert example.find(class_="rm-example__output").get_text() == topic.example.output
                links = section.find("a", class_="rm-resource")
                assert example.sourceline < links.sourceline, f"{topic.id}: the example comes after the links"


def test_a_start_with_that_is_not_a_resource_of_the_topic_is_refused(book_copy: BookCopy) -> None:
    topic = CUR.phases[0].topics[0]
    text = book_copy.read()
    old = f"        start_with: {topic.start_with}\n"
    line = text.count("\n", 0, text.index(old)) + 1
    book_copy.replace(old, "        start_with: numpy-arrays-quickstart\n")
    problems = book_copy.problems()
    expected = f"curriculum.yml:{line}: phases[0].topics[0].start_with: unknown resource 'numpy-arrays-quickstart'"
    hits = [p for p in problems if p.startswith(expected)]
    assert hits, problems
    assert all(r.id in hits[0] for r in topic.resources), "the hint lists the topic's own resources"


def test_a_topic_without_a_lesson_is_refused(book_copy: BookCopy) -> None:
    text = book_copy.read()
    start = text.index("        lesson:\n")
    end = text.index("        start_with:", start)
    line = text.count("\n", 0, text.index(f"      - id: {CUR.phases[0].topics[0].id}\n")) + 1
    book_copy.write(text[:start] + text[end:])
    problems = book_copy.problems()
    assert any(p.startswith(f"curriculum.yml:{line}: phases[0].topics[0].lesson: Field required — add `lesson:`")
               for p in problems), problems


def test_the_lessons_are_not_one_template() -> None:
    openings = Counter(" ".join(_words(t.lesson[0])[:4]) for _, t in TOPICS)
    endings = Counter(" ".join(_words(t.lesson[-1].split(". ")[-1])[:4]) for _, t in TOPICS)
    assert max(openings.values()) == 1, openings.most_common(3)
    assert max(endings.values()) <= 2, endings.most_common(3)
