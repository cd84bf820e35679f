"""A glossary entry: a term the book's text uses, defined once (models.py lists them under `glossary:`)."""

from __future__ import annotations

import re

from pydantic import Field

from .types import GlossaryTerm, Id, Sentence, Strict


class GlossaryEntry(Strict):
    """A term a learner meets in the book, defined once: shown on the glossary page and as a
    tooltip wherever the term (or one of its aliases) appears in a page's text."""

    term: GlossaryTerm = Field(description="Written exactly as the book's text writes it (case matters: 'mAP', 'IoU').")
    definition: Sentence = Field(description="One or two plain sentences, in your own words.")
    topic: Id = Field(description="The id of the topic that teaches the term (its glossary entry links there).")
    aliases: list[GlossaryTerm] = Field(
        default_factory=list, max_length=6,
        description="Other spellings the text uses for the same thing, with the same tooltip: a plural "
                    "('logits') or the words an abbreviation stands for ('intersection over union').")

    @property
    def anchor(self) -> str:
        """Its id on the glossary page: 'KV cache' -> 'kv-cache', 'CI/CD' -> 'ci-cd'."""
        return "-".join(re.findall(r"[a-z0-9]+", self.term.lower()))

    def spellings(self) -> list[str]:
        """Every way the book's text writes it (the tooltip matches these exactly): the term and
        its aliases, and each all-lowercase one capitalised too, as at the start of a sentence."""
        return [form for word in (self.term, *self.aliases) for form in with_capital(word)]


def with_capital(word: str) -> list[str]:
    """'dropout' -> ['dropout', 'Dropout']; 'mAP', 'IoU' and 't-SNE' stay as written."""
    return [word, word[0].upper() + word[1:]] if word.islower() and word[0].isalpha() else [word]
