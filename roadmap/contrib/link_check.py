"""Check every external link of the data over the network, and write the weekly report.

`scripts/check_links.py` is the command (run weekly by .github/workflows/links.yml);
this module holds the logic, so the tests can drive it with made-up answers and
never touch the network.

Each URL is fetched with a HEAD request, falling back to GET when a server
refuses HEAD, with retries and backoff. Answers are cached in a JSON file: a
link that answered within `--max-age` days is not fetched again; a failing link
is always retried. A cache entry that is not what `link_answers.py` writes is dropped
(and logged), never fatal.

What a linked site sends back is untrusted: the report becomes the body of an
issue posted by the bot, so it quotes only the HTTP status code (or a fixed
description of why there was no answer, from `NO_ANSWER`) and the addresses,
each in a code span made of URL characters only (`code_span`), where GitHub
neither renders Markdown nor turns `@name` into a mention. The server's reason
phrase, error texts and headers never reach the report; a redirect's final
address appears only through `code_span`.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import datetime as dt
import http.client
import math
import os
import pathlib
import socket
import ssl
import string
import sys
import time
import urllib.error
import urllib.request
from typing import Callable
from urllib.parse import quote

from ..checks import normalise_url
from ..data.load import load
from ..data.problems import CurriculumError, field_name
from .link_answers import DEAD_STATUS, NO_ANSWER, Answer, fresh, load_cache, save_cache

USER_AGENT = "ml-roadmap-link-check/1.0 (+https://github.com/ml-roadmap/ml-roadmap)"
TIMEOUT = 20  # seconds per request
ATTEMPTS = 3
MAX_WORKERS = 32
MAX_AGE_DAYS = 365
CODE_LIMIT = 300  # characters of an address quoted in the report
BODY_LIMIT = 60_000  # GitHub refuses an issue body over 65 536 characters

# The characters a code span of the report may hold: RFC 3986's, minus none that matter
# to Markdown inside a code span. Everything else (backtick, `|`, `\`, `<`, `>`, quotes,
# spaces, line breaks, control and non-ASCII characters) is percent-encoded.
URL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")


@dataclasses.dataclass
class Link:
    url: str
    line: int
    field: str
    title: str


def links(path: pathlib.Path) -> list[Link]:
    cur, lines = load(path)
    out: list[Link] = []
    for i, phase in enumerate(cur.phases):
        for j, topic in enumerate(phase.topics):
            for k, r in enumerate(topic.resources):
                where = ("phases", i, "topics", j, "resources", k, "url")
                out.append(Link(r.url, lines.line(where), field_name(where), r.title))
    for i, course in enumerate(cur.courses):
        if course.url:
            where = ("courses", i, "url")
            out.append(Link(course.url, lines.line(where), field_name(where), course.title))
    for i, tool in enumerate(cur.tools):
        where = ("tools", i, "url")
        out.append(Link(tool.url, lines.line(where), field_name(where), tool.name))
    return out


def no_answer_kind(exc: BaseException) -> str:
    """The NO_ANSWER key for an exception, from its type only (never its text)."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(reason, socket.gaierror):
        return "dns"
    if isinstance(reason, (ssl.SSLError, ssl.CertificateError)):
        return "tls"
    if isinstance(reason, ConnectionRefusedError):
        return "refused"
    if isinstance(reason, http.client.HTTPException):
        return "protocol"
    if isinstance(reason, ValueError):
        return "address"
    return "connection"


def fetch_once(url: str) -> Answer:
    last: Answer | None = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # follows redirects
                if method == "GET":
                    response.read(1024)
                return Answer(int(response.status), str(response.geturl()))
        except urllib.error.HTTPError as exc:
            # Only the code: the reason phrase and the headers are the server's words.
            last = Answer(int(exc.code), str(exc.geturl() or url))
            if exc.code not in (400, 403, 405, 406, 501):  # only these may mean "HEAD not allowed"
                return last
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            return Answer(None, url, no_answer_kind(exc))
    assert last is not None
    return last


def fetch(url: str) -> Answer:
    """Retry what may be temporary (no answer, 5xx, 429) with backoff."""
    answer = fetch_once(url)
    for attempt in range(1, ATTEMPTS):
        if answer.ok or answer.status in DEAD_STATUS or (answer.status and 400 <= answer.status < 500
                                                         and answer.status != 429):
            break
        time.sleep(2 ** attempt)
        answer = fetch_once(url)
    answer.checked = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    return answer


def code_span(text: str, limit: int = CODE_LIMIT) -> str:
    """`text` as a Markdown code span that nothing can break out of.

    Only URL characters stay as they are; any other character is percent-encoded
    (UTF-8), so the span holds no backtick, no `|` (a table cell stays one cell),
    no line break and nothing invisible. Inside a code span GitHub renders no
    Markdown, links nothing and mentions nobody. A long address is cut, and the
    cut is marked outside the span.
    """
    safe = "".join(c if c in URL_CHARACTERS else quote(c, safe="") for c in text)
    return f"`{safe[:limit]}`" + ("…" if len(safe) > limit else "")


def what_happened(answer: Answer) -> str:
    """The status code, or our own words for no answer; never the server's."""
    if answer.status is None:
        return NO_ANSWER.get(answer.error, "no answer")
    return f"HTTP {int(answer.status)}"


def report(items: list[tuple[Link, Answer]], file: str) -> tuple[str, int]:
    dead = [(link, a) for link, a in items if not a.ok and not a.blocked]
    blocked = [(link, a) for link, a in items if a.blocked]
    moved = [(link, a) for link, a in items if a.ok and normalise_url(a.final_url) != normalise_url(link.url)]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"<!-- dead-links: {len(dead)} -->",
           f"Weekly check of {len(items)} external links in {code_span(file)} ({when}).", ""]
    if dead:
        out += ["## Dead links", "", "Replace each with a working, canonical https link (or remove the entry), "
                "then run `python scripts/check_curriculum.py`.", "",
                "| Where | Link | What happened |", "| --- | --- | --- |"]
        out += [f"| {code_span(f'{file}:{link.line}')} {code_span(link.field)} | {code_span(link.url)} | "
                f"{what_happened(a)} |" for link, a in dead]
        out.append("")
    else:
        out += ["No dead links. 🎉", ""]
    if blocked:
        out += ["## Refused by the server (check by hand)", "",
                "These answered 401/403/429: usually bot protection, not a dead page.", ""]
        out += [f"- {code_span(f'{file}:{link.line}')} {code_span(link.url)} ({what_happened(a)})"
                for link, a in blocked]
        out.append("")
    if moved:
        out += ["## Redirected (consider updating to the final address)", "",
                "Open the final address yourself before copying it: the site chose it.", ""]
        out += [f"- {code_span(f'{file}:{link.line}')} {code_span(link.url)} → {code_span(a.final_url)}"
                for link, a in moved]
        out.append("")
    return cut("\n".join(out)), len(dead)


def cut(text: str, limit: int = BODY_LIMIT) -> str:
    """At most `limit` characters, cut at a line end, saying how many lines were left out."""
    if len(text) <= limit:
        return text
    lines, size = [], 0
    for line in text.split("\n"):
        if size + len(line) + 1 > limit - 200:
            break
        lines.append(line)
        size += len(line) + 1
    left = text.count("\n") + 1 - len(lines)
    return "\n".join(lines + ["", f"… and {left} more lines: run `python scripts/check_links.py` to see them all."])


def whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range: give a number from {low} to {high}")
        return value
    return parse


def days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_AGE_DAYS:
        raise argparse.ArgumentTypeError(f"{text} is out of range: give a number of days from 0 to {MAX_AGE_DAYS}")
    return value


def parser(default_path: pathlib.Path, description: str) -> argparse.ArgumentParser:
    out = argparse.ArgumentParser(prog="check_links.py", description=description)
    out.add_argument("path", nargs="?", type=pathlib.Path, default=default_path)
    out.add_argument("--cache", type=pathlib.Path, help="JSON file of earlier answers (read and updated)")
    out.add_argument("--max-age", type=days, default=14,
                     help=f"days a good answer stays in the cache (0 to {MAX_AGE_DAYS}; default %(default)s)")
    out.add_argument("--report", type=pathlib.Path, help="write the Markdown report here")
    out.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=8,
                     help=f"links fetched at once (1 to {MAX_WORKERS}; default %(default)s)")
    out.add_argument("--list", action="store_true", help="print the links and exit, without any network")
    return out


def main(argv: list[str] | None, default_path: pathlib.Path, description: str) -> int:
    args = parser(default_path, description).parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    try:
        found = links(args.path)
    except CurriculumError as exc:
        log(str(exc))
        return 2
    if args.list:
        for link in found:
            print(f"{args.path.name}:{link.line}\t{link.url}")
        return 0

    cache = load_cache(args.cache, log)
    max_age = dt.timedelta(days=args.max_age)
    urls = {link.url for link in found}
    todo = sorted(url for url in urls if not fresh(cache.get(url), max_age))
    log(f"{len(found)} links, {len(urls) - len(todo)} fresh in the cache, checking {len(todo)}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for url, answer in zip(todo, pool.map(fetch, todo)):
            cache[url] = answer
    if args.cache:
        save_cache(args.cache, cache, urls)

    text, dead = report([(link, cache[link.url]) for link in found], args.path.name)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"dead={dead}\n")
    log(f"{dead} dead link(s)")
    return 0
