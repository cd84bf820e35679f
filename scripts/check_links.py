"""Check every external link in curriculum.yml over the network (weekly, in CI).

usage: python scripts/check_links.py [--cache .cache/links.json] [--report links-report.md]
                                     [--max-age DAYS] [--workers N] [--list]

Each URL (resources, courses, study tools) is fetched with a HEAD request,
falling back to GET when a server refuses HEAD, with retries and backoff.
Answers are cached in a JSON file: a link that answered within --max-age days
(0 to 365) is not fetched again; a failing link is always retried; a bad cache
entry is dropped with a log line. The report (Markdown, for the one dead-links
issue that .github/workflows/links.yml keeps up to date) lists dead links with
the line to fix, then links that only refuse robots, then links that moved. It
quotes only status codes and addresses (in code spans), never what a server
wrote. The logic lives in roadmap/contrib/link_check.py.

The exit status is 0 whatever the links say (the workflow reads the count from
the report); 2 on a usage or data error. This script needs the network, so the
test suite NEVER runs it against real links.
"""

import pathlib
import sys

from roadmap.contrib import link_check

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file


def main(argv: list[str] | None = None) -> int:
    return link_check.main(argv, DATA_FILE, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
