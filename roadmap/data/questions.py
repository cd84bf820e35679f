"""Self-check questions: four kinds, each with what it needs to be marked and explained."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field, StringConstraints

from .types import Explanation, Id, Sentence, Strict

Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=800)]


class Option(Strict):
    """One answer of a multiple-choice question, right or wrong, with why."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    correct: bool = False
    why: Sentence = Field(description="Why this option is right or wrong (shown after answering).")


class QuestionBase(Strict):
    id: Id = Field(description="Stable: learners' results are keyed by it. Reword freely, never rename.")
    prompt: Prompt
    replaces: list[Id] = Field(default_factory=list, max_length=5,
                               description="Published question ids this question takes over.")


class ChoiceQuestion(QuestionBase):
    """Multiple choice: exactly one option is correct, every option explains itself."""

    kind: Literal["choice"]
    options: list[Option] = Field(min_length=2, max_length=6)


class NumericQuestion(QuestionBase):
    """A number to compute; any answer within the tolerance is right."""

    kind: Literal["numeric"]
    answer: float
    tolerance: float = Field(gt=0, description="Absolute tolerance around the answer.")
    unit: Optional[Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]] = None
    explanation: Explanation = Field(description="The working, shown after answering.")
    compute: Optional[Code] = Field(default=None, description=(
        "Python (stdlib and NumPy) whose last line evaluates to the answer; the tests run it."))


class OutputQuestion(QuestionBase):
    """Predict what a short Python snippet prints; the tests run the snippet."""

    kind: Literal["output"]
    code: Code
    answer: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        description="Exactly what the snippet prints (trailing whitespace stripped).")
    explanation: Explanation


class OpenQuestion(QuestionBase):
    """Answered in the learner's own words and marked by the learner against a model answer."""

    kind: Literal["open"]
    model_answer: Explanation
    must_mention: list[Sentence] = Field(min_length=2, max_length=6, description="What a good answer must contain.")


Question = Annotated[Union[ChoiceQuestion, NumericQuestion, OutputQuestion, OpenQuestion], Field(discriminator="kind")]
QUESTION_KINDS = ("choice", "numeric", "output", "open")
