"""Add a resource to a topic of curriculum.yml, checked, in place, showing the change.

usage: python scripts/add_resource.py --topic numpy-arrays --url https://… --title … \\
         --type docs --level beginner --cost free --provider … --why "…" [--duration "2 h"]
         [--id …] [--added YYYY-MM-DD] [--dry-run] [--file curriculum.yml]

Prints the change as a unified diff and writes the file; exits 1 without
writing if the entry is invalid, a duplicate (after URL normalisation) or
makes the checker fail. The file keeps its line endings and encoding; a file
that is not UTF-8, or a symbolic link out of the repository, is refused. While
it works it holds a lock next to the data file, so a second run at the same
time waits (up to --wait seconds, then says the file is busy) and no entry is
lost. The logic lives in roadmap/contrib/add_resource.py.
"""

import argparse
import datetime as dt
import pathlib
import sys
import typing


from roadmap.contrib import add_resource, data_file
from roadmap.data.models import Cost, Level, ResourceType

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 600:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is out of range: give a number of seconds from 0 to 600")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="add_resource.py", description=__doc__.splitlines()[0])
    parser.add_argument("--topic", required=True, help="id of the topic the resource belongs to, e.g. numpy-arrays")
    parser.add_argument("--url", required=True, help="canonical https:// link, without tracking parameters")
    parser.add_argument("--title", required=True)
    parser.add_argument("--type", required=True, choices=typing.get_args(ResourceType))
    parser.add_argument("--level", required=True, choices=typing.get_args(Level))
    parser.add_argument("--cost", required=True, choices=typing.get_args(Cost))
    parser.add_argument("--provider", required=True, help="who publishes it")
    parser.add_argument("--why", required=True, help="one sentence on why it is worth the learner's time")
    parser.add_argument("--duration", help="rough time to work through it, e.g. '6 h'")
    parser.add_argument("--id", help="resource id (default: topic id + title, in kebab-case)")
    parser.add_argument("--added", type=date, help="date it joins the book (default: today)")
    parser.add_argument("--file", type=pathlib.Path, default=DATA_FILE, help="the data file (default: %(default)s)")
    parser.add_argument("--dry-run", action="store_true", help="print the change, write nothing")
    parser.add_argument("--wait", type=seconds, default=60,
                        help="seconds to wait while another run is adding to the file (default: %(default)s)")
    args = parser.parse_args(argv)

    fields = {key: getattr(args, key) for key in
              ("id", "title", "url", "type", "level", "cost", "provider", "duration", "why", "added")}
    name = args.file.name
    try:
        if args.dry_run:
            added = add_resource.add(fields, args.topic, args.file, file=name)
        else:
            # Read, add and write under one lock: a second run waits for this one and then sees its entry.
            with data_file.locked(args.file, file=name, wait=args.wait):
                added = add_resource.add(fields, args.topic, args.file, file=name)
                add_resource.write(added, args.file, file=name)
    except data_file.Refused as exc:
        print(f"add_resource.py: not added: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"add_resource.py: not added: cannot read or write {args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(added.diff(name))
    if args.dry_run:
        print(f"dry run: {name} not changed")
        return 0
    print(f"added '{added.resource.id}' to topic '{added.topic_id}' (resource {added.index + 1}); "
          f"{name} passes the checker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
