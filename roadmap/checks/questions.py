"""Self-checks a learner can trust: every question markable, every readiness signal verifiable."""

from __future__ import annotations

from typing import Iterator

from ..data.models import Curriculum
from ..data.problems import Path

MIN_QUESTIONS = 4  # per topic


def question_problems(cur: Curriculum) -> Iterator[tuple[Path, str, str]]:
    first: dict[str, Path] = {}
    for i, phase in enumerate(cur.phases):
        for j, topic in enumerate(phase.topics):
            base = ("phases", i, "topics", j)
            if len(topic.questions) < MIN_QUESTIONS:
                yield (base + (("questions",) if topic.questions else ("id",)),
                       f"topic '{topic.id}' has {len(topic.questions)} self-check question(s); at least {MIN_QUESTIONS}",
                       "add questions under `questions:` (kinds: choice, numeric, output, open; see CONTRIBUTING.md)")
            for k, question in enumerate(topic.questions):
                path = base + ("questions", k)
                if question.id in first:
                    yield path + ("id",), f"duplicate question id '{question.id}'", "question ids are unique across the book: prefix it with the topic id"
                first.setdefault(question.id, path)
                if question.kind == "choice":
                    yield from _choice_problems(question, path)


def _choice_problems(question, path: Path) -> Iterator[tuple[Path, str, str]]:
    correct = [n for n, option in enumerate(question.options) if option.correct]
    if not correct:
        yield path + ("options",), "no option is marked `correct: true`", "mark the one right answer with `correct: true`"
    elif len(correct) > 1:
        yield (path + ("options", correct[1], "correct"), f"{len(correct)} options are marked correct",
               "a choice question has exactly one right answer; reword it or make it two questions")
    seen: dict[str, int] = {}
    for n, option in enumerate(question.options):
        text = " ".join(option.text.split())
        if text in seen:  # reported where the repeat is, like a duplicate id
            yield (path + ("options", n, "text"), f"duplicate option '{option.text}' (the same as option {seen[text] + 1})",
                   "every option must differ from the others")
        seen.setdefault(text, n)


def readiness_problems(cur: Curriculum) -> Iterator[tuple[Path, str, str]]:
    for i, phase in enumerate(cur.phases):
        for j, signal in enumerate(phase.readiness):
            path = ("phases", i, "readiness", j)
            explained = signal.model_answer is not None or bool(signal.must_mention)
            if signal.check and explained:
                yield path, "a readiness signal has both `check` and a model answer", "keep `check` for a task, or `model_answer` with `must_mention` for an explanation"
            elif not signal.check and not explained:
                yield (path + ("text",), "the learner cannot verify this signal",
                       "add `check:` (how to tell the task passed: a number to reach, an output to reproduce) "
                       "or `model_answer:` with `must_mention:`")
            elif explained and not (signal.model_answer and len(signal.must_mention) >= 2):
                yield path, "a model answer needs `model_answer` and at least two `must_mention` points", "add the missing part"
