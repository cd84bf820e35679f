"""What a contributor reads when the data file is wrong: `file:line: field: message — hint`."""

from __future__ import annotations

import dataclasses
from typing import Iterable

Path = tuple  # a location inside the data: ("phases", 0, "topics", 2, "title")


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data file, as a contributor should read it."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # line 0: a place with no line (a notebook cell)
        text = f"{where}: {self.field}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def annotation(self) -> str:
        """The same problem as a GitHub Actions annotation on the changed line."""
        body = f"{self.field}: {self.message}" + (f" — {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={self.file}{line},title=curriculum::{body}"


class CurriculumError(Exception):
    """Raised with every problem found, so a contributor fixes them in one go."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))

    def report(self) -> str:
        """The problems as the build and the checker print them."""
        lines = [f"The curriculum data file has {len(self.problems)} problem(s):"]
        return "\n".join(lines + [f"  {p}" for p in self.problems])


def field_name(path: Path) -> str:
    """('phases', 0, 'topics', 2, 'title') -> 'phases[0].topics[2].title'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"
