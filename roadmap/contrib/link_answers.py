"""What a link check learned about one address, and the cache that keeps it between weekly runs.

The cache is read back from a file the workflow restores, so every entry is
checked before it is trusted: unknown keys, a status that is not an HTTP code,
a time without a zone or in the future, and a server's own error text are
refused or dropped with a log line (roadmap/contrib/link_check.py uses it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pathlib
from typing import Callable, Iterable

DEAD_STATUS = {404, 410}  # the page is gone
BLOCKED_STATUS = {401, 403, 429, 999}  # the server refuses robots; a person should look
CLOCK_SKEW = dt.timedelta(hours=1)  # a cache entry "checked" later than now + this is refused
CACHE_KEYS = {"status", "final_url", "error", "checked"}

# Why there was no HTTP answer, in our own words: the only error text the report shows.
NO_ANSWER = {
    "timeout": "no answer: timed out",
    "dns": "no answer: host not found",
    "tls": "no answer: TLS error",
    "refused": "no answer: connection refused",
    "connection": "no answer: connection failed",
    "protocol": "no answer: malformed HTTP reply",
    "address": "no answer: address not fetchable",
}


@dataclasses.dataclass
class Answer:
    status: int | None  # HTTP status, None when no answer at all
    final_url: str
    error: str = ""  # a key of NO_ANSWER when status is None, else ""
    checked: str = ""  # ISO timestamp with its time zone

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def blocked(self) -> bool:
        return self.status in BLOCKED_STATUS


def answer_from_cache(entry: object, now: dt.datetime) -> Answer:
    """The cached answer, or ValueError saying what is wrong with the entry."""
    if not isinstance(entry, dict):
        raise ValueError(f"not an object but {type(entry).__name__}")
    if set(entry) - CACHE_KEYS or not {"status", "final_url", "checked"} <= set(entry):
        raise ValueError(f"keys {sorted(map(str, entry))}, expected {sorted(CACHE_KEYS)}")
    status, final_url, error, checked = (entry.get(k, "") for k in ("status", "final_url", "error", "checked"))
    if status is not None and (type(status) is not int or not 100 <= status <= 999):
        raise ValueError(f"status {status!r} is not an HTTP status code")
    if not isinstance(final_url, str) or not isinstance(error, str) or not isinstance(checked, str):
        raise ValueError("final_url, error and checked must be strings")
    try:
        when = dt.datetime.fromisoformat(checked)
    except ValueError:
        raise ValueError(f"checked {checked[:40]!r} is not an ISO date and time") from None
    if when.tzinfo is None:
        raise ValueError(f"checked {checked!r} has no time zone")
    if when > now + CLOCK_SKEW:
        raise ValueError(f"checked {checked!r} is in the future")
    # An older cache kept the server's reason phrase here: keep only our own words.
    return Answer(status, final_url, error if status is None and error in NO_ANSWER else "", checked)


def load_cache(path: pathlib.Path | None, log: Callable[[str], None] = print) -> dict[str, Answer]:
    """Earlier answers by URL; an unreadable file or a bad entry is dropped with a log line."""
    if not path or not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log(f"{path}: cache not readable ({type(exc).__name__}); checking every link")
        return {}
    if not isinstance(raw, dict):
        log(f"{path}: cache is not a JSON object; checking every link")
        return {}
    now = dt.datetime.now(dt.timezone.utc)
    out: dict[str, Answer] = {}
    for url, entry in raw.items():
        try:
            out[url] = answer_from_cache(entry, now)
        except ValueError as exc:
            log(f"{path}: dropped the cache entry for {url[:200]!r}: {exc}")
    return out


def save_cache(path: pathlib.Path, cache: dict[str, Answer], known: Iterable[str]) -> None:
    keep = set(known)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {url: dataclasses.asdict(answer) for url, answer in sorted(cache.items()) if url in keep}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def fresh(answer: Answer | None, max_age: dt.timedelta) -> bool:
    if answer is None or not answer.ok:
        return False
    return dt.datetime.now(dt.timezone.utc) - dt.datetime.fromisoformat(answer.checked) < max_age
