"""Reading a resource's `duration:` text as hours ("45 min" -> 0.75, "11 weeks at 4 h" -> 44)."""

from __future__ import annotations

import re

_PER_WEEK = re.compile(r"(\d+(?:\.\d+)?)\s*weeks?\s*(?:at|x|×)\s*(?:about\s*)?(\d+(?:\.\d+)?)\s*h", re.I)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hours?|hrs?|min|mins|minutes?)\b", re.I)


def duration_hours(text: str) -> float | None:
    """The hours a duration names (the first amount it gives), or None if it names none."""
    match = _PER_WEEK.search(text)
    if match:
        return float(match.group(1)) * float(match.group(2))
    match = _AMOUNT.search(text)
    if match:
        value = float(match.group(1))
        return value / 60 if match.group(2).lower().startswith("min") else value
    return None
