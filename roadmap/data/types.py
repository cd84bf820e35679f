"""The building blocks of the models: strict base, ids, links and text lengths."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

# Ids are stable, lowercase ASCII kebab-case: learners' saved progress is keyed
# by them, so they must never change once published.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=2, max_length=60)]
# Every URL field has this type: the link policy (roadmap/checks/links.py) finds them by it.
URL_MARK = "https-url"
HttpsUrl = Annotated[str, StringConstraints(pattern="^https://[^\\s<>\"']+$", max_length=300), URL_MARK]
# Free text is shown escaped, as plain text. Lengths keep pages scannable.
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=1600)]
Explanation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=1200)]
# A glossary term as it is written in the book's text ("IoU", "KV cache", "CI/CD"): letters, digits,
# spaces, dots, slashes and hyphens only, so it can never carry Markdown or HTML into a tooltip.
GLOSSARY_TERM_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9 ./-]*[A-Za-z0-9])?$"
GlossaryTerm = Annotated[str, StringConstraints(pattern=GLOSSARY_TERM_PATTERN, min_length=2, max_length=40)]

TRACK_IDS = ("deep", "practitioner")
TrackId = Literal["deep", "practitioner"]
ResourceType = Literal["docs", "book", "course", "video", "paper", "tutorial", "tool"]
Level = Literal["beginner", "intermediate", "advanced"]
Cost = Literal["free", "freemium", "paid"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
