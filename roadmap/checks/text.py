"""One character policy for every string of the data file.

Refused anywhere: control characters (a tab too; a line break only inside a
field meant for code), Unicode format characters (bidi controls such as
U+202E, zero-width characters, U+2060, U+FEFF, the soft hyphen), line and
paragraph separators (U+2028, U+2029, U+0085: PyYAML reads them as line
breaks but editors do not), private-use and unassigned code points, surrogates
and noncharacters (U+FFFE…). They are invisible or change how text around
them is shown, break the Atom feed's XML and the .ics calendar, and have no
place in a roadmap.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from pydantic import BaseModel

from ..data.problems import Path
from .walk import strings

REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
MULTILINE_FIELDS = {"code", "compute", "output"}  # code snippets keep their line breaks


def char_name(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'; unnamed controls get their code point alone."""
    name = unicodedata.name(ch, "")
    if not name and ch in "\t\n\r":
        name = {"\t": "CHARACTER TABULATION", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}[ch]
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def _refused(ch: str) -> bool:
    return (unicodedata.category(ch) in REFUSED_CATEGORIES or 0xFDD0 <= ord(ch) <= 0xFDEF
            or (ord(ch) & 0xFFFE) == 0xFFFE)


def bad_characters(text: str, multiline: bool = False) -> list[str]:
    """The refused characters in `text`, each once, in order."""
    if text.isascii():  # the common case: only the ASCII controls can be refused
        bad = set(ASCII_CONTROLS.findall(text))
    else:  # each distinct character looked up once
        bad = {ch for ch in set(text) if _refused(ch)}
    if multiline:
        bad.discard("\n")
    return sorted(bad, key=text.index)


def character_problems(cur: BaseModel) -> Iterator[tuple[Path, str, str]]:
    """(path, message, hint) for every string holding a refused character."""
    for path, _info, value in strings(cur):
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        bad = bad_characters(value, multiline=field in MULTILINE_FIELDS)
        if bad:
            names = ", ".join(char_name(ch) for ch in bad)
            yield (path, f"contains the invisible or control character(s) {names}",
                   "delete them: retype the text or paste it as plain text (a line break inside a folded `>-` paragraph is fine)")
