"""Record every progress-bearing id the data publishes in published-ids.json (or --check it).

usage: python scripts/write_published_ids.py [--check]
  --check   write nothing; exit 1 if the data has an id the record lacks

Ids are never dropped from the record: learners' saved progress is keyed by
them. To retire one, give the entry that takes its place `replaces: [old-id]`.
"""

import argparse
import pathlib
import sys

from roadmap.checks import load_checked
from roadmap.checks import published
from roadmap.data.problems import CurriculumError

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    args = parser.parse_args()
    try:
        cur = load_checked(DATA_FILE)
    except CurriculumError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    folder = DATA_FILE.parent
    if args.check:
        if published.drift(cur, folder):
            print(f"{published.RECORD_NAME} lacks ids the data publishes; run: python scripts/write_published_ids.py",
                  file=sys.stderr)
            return 1
        return 0
    if published.drift(cur, folder):
        (folder / published.RECORD_NAME).write_text(published.record_text(cur, published.read_record(folder)), encoding="utf-8")
        print(f"wrote {published.RECORD_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
