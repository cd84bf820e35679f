"""Print the whole book to PDF from the offline edition's print page.

usage: python scripts/make_pdf.py [--site site-offline] [--out docs/downloads]

Build the offline edition first (`make pdf` does: mkdocs build -f mkdocs.offline.yml).
Writes docs/downloads/ml-roadmap-<commit date>-<short hash>.pdf with Debian's
Chromium (roadmap/exports/downloads.py says how) and removes older PDFs there;
prints the file's name and size.
"""

from __future__ import annotations

import argparse
import pathlib

import yaml

from roadmap.exports import downloads

ROOT = pathlib.Path(__file__).resolve().parent.parent


def site_url() -> str:
    """mkdocs.yml's site_url (read from its own line: the file has MkDocs-only tags)."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return yaml.safe_load(line)["site_url"]
    raise SystemExit("mkdocs.yml has no site_url")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site-offline", help="a built offline edition")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "docs" / downloads.FOLDER, help="where the PDF goes")
    args = parser.parse_args()
    release = downloads.release(ROOT)
    name = release.file_name(downloads.PDF)
    pdf = downloads.make_pdf(args.site, args.out / name, site_url(), release)
    downloads.keep_only(args.out, downloads.PDF, name)
    print(f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: {downloads.size_label(pdf.stat().st_size)}")


if __name__ == "__main__":
    main()
