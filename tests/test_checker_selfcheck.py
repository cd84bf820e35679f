"""The checker refuses a broken self-check or readiness signal, as a
contributor meets it (tests/test_checker.py's style): each case breaks a copy
of curriculum.yml one way and asserts the exact `curriculum.yml:LINE: field:`
prefix, the message and a hint, then that a full `mkdocs build` refuses the
same copy. The line is found in the edited text, never typed in.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import DATA, BookCopy

QUESTION = "          - id: "
CHOICE = """          - id: {id}
            kind: choice
            prompt: Which option does this test of the checker mark as the right one?
            options:
              - text: The first option
{first}                why: It is the one the test marks as right.
              - text: {second}
{second_correct}                why: It is a wrong option with its own explanation.
              - text: The third option
{third_why}"""
NUMERIC = """          - id: {id}
            kind: numeric
            prompt: How many rows does this test of the checker expect in the answer?
            answer: {answer}
{tolerance}            explanation: The test sets the answer and the tolerance itself.
"""


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def first_question(text: str, topic: str = "dev-environment") -> tuple[int, int, str]:
    """(start, end, id) of the first question of `topic` in the data file's text."""
    at = text.index("        questions:\n", text.index(f"      - id: {topic}\n")) + len("        questions:\n")
    end = text.index(QUESTION, at + 1)
    qid = text[at + len(QUESTION):text.index("\n", at)]
    return at, end, qid


def put_question(book: BookCopy, block: str) -> tuple[str, int]:
    """Replace the first question of the first topic with `block`; return the new text and its offset."""
    text = book.read()
    start, end, _ = first_question(text)
    new = text[:start] + block + text[end:]
    book.write(new)
    return new, start


def choice(qid: str = "dev-environment-wrong-interpreter", first: str = "                correct: true\n",
           second: str = "The second option", second_correct: str = "",
           third_why: str = "                why: It is wrong too.\n") -> str:
    return CHOICE.format(id=qid, first=first, second=second, second_correct=second_correct, third_why=third_why)


def fault_choice_without_a_correct_option(book: BookCopy):
    text, at = put_question(book, choice(first=""))
    line = line_at(text, text.index("            options:\n", at))
    return line, "phases[0].topics[0].questions[0].options", "no option is marked `correct: true`"


def fault_choice_with_two_correct_options(book: BookCopy):
    text, at = put_question(book, choice(second_correct="                correct: true\n"))
    line = line_at(text, text.index("                correct: true\n", text.index("The second option", at)))
    return line, "phases[0].topics[0].questions[0].options[1].correct", "2 options are marked correct"


def fault_option_without_why(book: BookCopy):
    text, at = put_question(book, choice(third_why=""))
    line = line_at(text, text.index("              - text: The third option", at))
    return line, "phases[0].topics[0].questions[0].options[2].why", "Field required"


def fault_duplicate_options(book: BookCopy):
    text, at = put_question(book, choice(second="The first option"))
    line = line_at(text, text.index("              - text: The first option", text.index("correct: true", at)))
    return line, "phases[0].topics[0].questions[0].options[1].text", "duplicate option 'The first option'"


def fault_numeric_without_tolerance(book: BookCopy):
    text, at = put_question(book, NUMERIC.format(id="dev-environment-wrong-interpreter", answer=640, tolerance=""))
    return line_at(text, at), "phases[0].topics[0].questions[0].tolerance", "Field required"


def fault_numeric_infinite_tolerance(book: BookCopy):
    block = NUMERIC.format(id="dev-environment-wrong-interpreter", answer=640, tolerance="            tolerance: .inf\n")
    text, at = put_question(book, block)
    line = line_at(text, text.index("            tolerance: .inf", at))
    return line, "phases[0].topics[0].questions[0].tolerance", "Input should be a finite number"


def fault_numeric_infinite_answer(book: BookCopy):
    block = NUMERIC.format(id="dev-environment-wrong-interpreter", answer="-.inf", tolerance="            tolerance: 0.5\n")
    text, at = put_question(book, block)
    line = line_at(text, text.index("            answer: -.inf", at))
    return line, "phases[0].topics[0].questions[0].answer", "Input should be a finite number"


def fault_duplicate_question_id(book: BookCopy):
    text = book.read()
    _, second_at, first_id = first_question(text)
    end = text.index("\n", second_at)
    book.write(text[:second_at] + QUESTION + first_id + text[end:])
    return line_at(text, second_at), "phases[0].topics[0].questions[1].id", f"duplicate question id '{first_id}'"


def fault_topic_below_four_questions(book: BookCopy):
    text = book.read()
    start = text.index("        questions:\n", text.index("      - id: dev-environment\n"))
    items = [m.start() for m in re.finditer(r"(?m)^          - id: ", text[start:text.index("      - id: numpy-arrays\n")])]
    keep = 3
    cut_from, cut_to = start + items[keep], text.index("      - id: numpy-arrays\n")
    # Keep what follows the questions (other keys of the topic): the questions are its last key.
    book.write(text[:cut_from] + text[cut_to:])
    return line_at(text, start), "phases[0].topics[0].questions", "has 3 self-check question(s); at least 4"


def fault_readiness_signal_neither_checkable_nor_explained(book: BookCopy):
    text = book.read()
    check = re.search(r"(?m)^        check: >-\n(?:          .*\n)+", text)
    signal_at = text.rindex("      - id: ", 0, check.start())
    text_line = line_at(text, text.index("        text: ", signal_at))
    phase_at = text.rindex("\n  - id: ", 0, signal_at)
    readiness_at = text.index("    readiness:\n", phase_at)
    j = len(re.findall(r"(?m)^      - id: ", text[readiness_at:signal_at]))
    phases_before = len(re.findall(r"(?m)^  - id: ", text[text.index("\nphases:\n"):phase_at + 1]))
    book.write(text[:check.start()] + text[check.end():])
    return text_line, f"phases[{phases_before}].readiness[{j}].text", "the learner cannot verify this signal"


FAULTS = [f for name, f in sorted(globals().items()) if name.startswith("fault_")]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.removeprefix("fault_"))
def test_checker_names_file_line_and_field(book_copy: BookCopy, fault) -> None:
    before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    line, field, message = fault(book_copy)
    result = book_copy.check()
    assert result.returncode == 1, result.stdout + result.stderr
    prefix = f"curriculum.yml:{line}: {field}: "
    matching = [l for l in result.stderr.splitlines() if l.startswith(prefix)]
    assert matching, f"no message starting {prefix!r} in:\n{result.stderr}"
    assert any(message in l for l in matching), f"{message!r} not in {matching}"
    assert all(" — " in l for l in matching), f"a message without a hint: {matching}"
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == before, "the live data file changed"


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.removeprefix("fault_"))
def test_build_refuses_the_broken_self_check(book_copy: BookCopy, fault) -> None:
    line, field, _ = fault(book_copy)
    result = book_copy.build()
    assert result.returncode != 0
    assert f"curriculum.yml:{line}: {field}: " in result.stderr
    assert not (book_copy.root / "site" / "index.html").exists()
