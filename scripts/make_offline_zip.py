"""Zip the offline edition, the book as a folder that works from disk.

usage: python scripts/make_offline_zip.py [--site site-offline] [--out docs/downloads]

Build it first (`make offline` does: mkdocs build -f mkdocs.offline.yml).
Writes docs/downloads/ml-roadmap-<commit date>-<short hash>-offline.zip, whose
one top folder has the same name (roadmap/exports/downloads.py), removes older
zips there and prints the file's name and size.
"""

from __future__ import annotations

import argparse
import pathlib

from roadmap.exports import downloads

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site-offline", help="a built offline edition")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "docs" / downloads.FOLDER, help="where the zip goes")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site} holds no built book: run `make offline`")
    release = downloads.release(ROOT)
    name = release.file_name(downloads.ZIP)
    archive = downloads.make_zip(args.site, args.out / name, release)
    downloads.keep_only(args.out, downloads.ZIP, name)
    print(f"{archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive}: {downloads.size_label(archive.stat().st_size)}")


if __name__ == "__main__":
    main()
