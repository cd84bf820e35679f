"""The glossary: each term of the data's `glossary:` defined once, in two places.

- The glossary page (`docs/glossary.md` -> the template `glossary.html`): every
  term in alphabetical order, with its anchor, its definition and a link to the
  topic that teaches it.
- The tooltips: `docs/includes/abbreviations.md`, one abbreviation line
  (`*[term]: definition`) for each way the text writes a term. pymdownx.snippets
  appends the file to every Markdown page (`auto_append` in mkdocs.yml), the
  `abbr` extension wraps each match in `<abbr title="definition">`, and
  Material's `content.tooltips` shows the title on hover and tap. The file is
  written before the build by `scripts/write_glossary.py` (`--check` fails when
  it drifts from the data); `exclude_docs` keeps it from being built as a page.

A definition goes into a `title` attribute as typed: white space is collapsed to
one line (so it cannot start another abbreviation line or a Markdown block) and
HTML's special characters become entities (so it cannot open a tag).
"""

from __future__ import annotations

import html

from ..data.models import Curriculum, GlossaryEntry

FOLDER = "includes"  # under docs/, kept out of the built site by `exclude_docs`
NAME = "abbreviations.md"


def entries(cur: Curriculum) -> list[GlossaryEntry]:
    """The glossary in the order a reader looks terms up: alphabetical, ignoring case."""
    return sorted(cur.glossary, key=lambda entry: (entry.term.casefold(), entry.term))


def abbreviation(spelling: str, definition: str) -> str:
    """One line of the abbreviations file: the definition on one line, inert in an attribute."""
    return f"*[{spelling}]: {html.escape(' '.join(definition.split()), quote=True)}"


def abbreviations(cur: Curriculum) -> str:
    """The whole abbreviations file, one line per spelling, in glossary order.

    Each line is its own Markdown block (a blank line between them). Python-Markdown's
    abbr block processor takes one definition off the front of a block and hands the
    rest back, and every block processor then tests what is left again: one block of
    n lines is read about n times over, which cost 0.4 s on every page of the book
    (most of a build). Separate blocks are read once."""
    lines = [abbreviation(spelling, entry.definition) for entry in entries(cur) for spelling in entry.spellings()]
    return "\n\n".join(lines) + "\n" if lines else ""
