"""Check every external link in curriculum.yml over the network (weekly, in CI).

usage: python scripts/check_links.py [--cache .cache/links.json] [--report links-report.md]
                                     [--max-age DAYS] [--workers N] [--list]

Each URL (resources, courses, study tools) is fetched with a HEAD request,
falling back to GET when a server refuses HEAD, with retries and backoff.
Answers are cached in a JSON file: a link that answered within --max-age days
is not fetched again; a failing link is always retried. The report (Markdown,
for the one "dead links" issue that .github/workflows/links.yml keeps up to
date) lists dead links with the line to fix, then links that only refuse
robots, then links that moved.

The exit status is 0 whatever the links say (the workflow reads the counts from
the report); 2 on a usage or data error. This script needs the network, so the
test suite NEVER runs it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import datetime as dt
import json
import os
import pathlib
import sys
import time
import urllib.error
import urllib.request


from roadmap.checks import normalise_url
from roadmap.data.load import load
from roadmap.data.problems import CurriculumError, field_name

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file

USER_AGENT = "ml-roadmap-link-check/1.0 (+https://github.com/ml-roadmap/ml-roadmap)"
TIMEOUT = 20  # seconds per request
ATTEMPTS = 3
DEAD_STATUS = {404, 410}  # the page is gone
BLOCKED_STATUS = {401, 403, 429, 999}  # the server refuses robots; a person should look


@dataclasses.dataclass
class Link:
    url: str
    line: int
    field: str
    title: str


@dataclasses.dataclass
class Answer:
    status: int | None  # HTTP status, None when no answer at all
    final_url: str
    error: str = ""
    checked: str = ""  # ISO timestamp

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def blocked(self) -> bool:
        return self.status in BLOCKED_STATUS


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


def fetch_once(url: str) -> Answer:
    last: Answer | None = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # follows redirects
                if method == "GET":
                    response.read(1024)
                return Answer(response.status, response.geturl())
        except urllib.error.HTTPError as exc:
            last = Answer(exc.code, exc.geturl() or url, exc.reason if isinstance(exc.reason, str) else "")
            if exc.code not in (400, 403, 405, 406, 501):  # only these may mean "HEAD not allowed"
                return last
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Answer(None, url, f"{type(exc).__name__}: {reason}")
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


def load_cache(path: pathlib.Path | None) -> dict[str, dict]:
    if not path or not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def fresh(entry: dict | None, max_age: dt.timedelta) -> bool:
    if not entry or not (entry.get("status") and entry["status"] < 400):
        return False
    checked = dt.datetime.fromisoformat(entry["checked"])
    return dt.datetime.now(dt.timezone.utc) - checked < max_age


def report(items: list[tuple[Link, Answer]], file: str) -> tuple[str, int]:
    dead = [(link, a) for link, a in items if not a.ok and not a.blocked]
    blocked = [(link, a) for link, a in items if a.blocked]
    moved = [(link, a) for link, a in items if a.ok and normalise_url(a.final_url) != normalise_url(link.url)]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"<!-- dead-links: {len(dead)} -->",
           f"Weekly check of {len(items)} external links in `{file}` ({when}).", ""]
    if dead:
        out += ["## Dead links", "", "Replace each with a working, canonical https link (or remove the entry), "
                "then run `python scripts/check_curriculum.py`.", "",
                "| Where | Link | What happened |", "| --- | --- | --- |"]
        out += [f"| `{file}:{link.line}` `{link.field}` | {link.url.replace('|', '%7C')} | "
                + " ".join(str(x) for x in (a.status, a.error) if x) + " |" for link, a in dead]
        out.append("")
    else:
        out += ["No dead links. 🎉", ""]
    if blocked:
        out += ["## Refused by the server (check by hand)", "",
                "These answered 401/403/429: usually bot protection, not a dead page.", ""]
        out += [f"- `{file}:{link.line}` {link.url} ({a.status})" for link, a in blocked]
        out.append("")
    if moved:
        out += ["## Redirected (consider updating to the final address)", ""]
        out += [f"- `{file}:{link.line}` {link.url} → {a.final_url}" for link, a in moved]
        out.append("")
    return "\n".join(out), len(dead)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=pathlib.Path, default=DATA_FILE)
    parser.add_argument("--cache", type=pathlib.Path, help="JSON file of earlier answers (read and updated)")
    parser.add_argument("--max-age", type=float, default=14, help="days a good answer stays in the cache")
    parser.add_argument("--report", type=pathlib.Path, help="write the Markdown report here")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--list", action="store_true", help="print the links and exit, without any network")
    args = parser.parse_args()
    try:
        found = links(args.path)
    except CurriculumError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.list:
        for link in found:
            print(f"{args.path.name}:{link.line}\t{link.url}")
        return 0

    cache = load_cache(args.cache)
    max_age = dt.timedelta(days=args.max_age)
    todo = sorted({link.url for link in found if not fresh(cache.get(link.url), max_age)})
    print(f"{len(found)} links, {len(set(link.url for link in found)) - len(todo)} fresh in the cache, "
          f"checking {len(todo)}", file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for url, answer in zip(todo, pool.map(fetch, todo)):
            cache[url] = dataclasses.asdict(answer)
    if args.cache:
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        known = {link.url for link in found}
        args.cache.write_text(json.dumps({u: a for u, a in sorted(cache.items()) if u in known}, indent=1) + "\n",
                              encoding="utf-8")

    items = [(link, Answer(**cache[link.url])) for link in found]
    text, dead = report(items, args.path.name)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"dead={dead}\n")
    print(f"{dead} dead link(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
