"""The data file as `add_resource` reads and writes it: its bytes kept as they are.

A contributor's file may carry a byte-order mark or CRLF line endings, sit
behind a symbolic link, or be edited by a second `add_resource.py` at the same
time. Reading refuses what writing back could not keep (not UTF-8, bare CR,
mixed line endings); `target` refuses a link that leads out of the checkout;
`locked` holds a lock file so two runs never interleave.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import os
import pathlib
import re
import time
from typing import Iterator


class Refused(Exception):
    """The resource was not added; the message says why and what to do."""


@dataclasses.dataclass
class DataText:
    text: str  # with "\n" line ends, which is what ruamel.yaml reads and writes
    newline: str  # "\n" or "\r\n", as the file has them
    bom: bool
    raw: bytes


def read_data(path: pathlib.Path, file: str) -> DataText:
    """The data file's text, or Refused when writing it back would change more than the entry."""
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8):] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[:exc.start].count(b"\n") + 1
        raise Refused(f"{file}:{line}: the file is not UTF-8 (byte 0x{body[exc.start]:02x}) — save it as UTF-8 in "
                      "your editor (the book's files are UTF-8), then run this again") from None
    crlf = text.count("\r\n")
    lf, cr = text.count("\n") - crlf, text.count("\r") - crlf
    if cr:
        line = text[:re.search(r"\r(?!\n)", text).start()].count("\n") + 1
        raise Refused(f"{file}:{line}: a line ends with a bare carriage return (CR) — save the file with LF or "
                      "CRLF line endings, then run this again")
    if crlf and lf:
        raise Refused(f"{file} mixes line endings ({crlf} CRLF and {lf} LF lines) and would be rewritten — "
                      "save it with one kind (the book uses LF), then run this again")
    return DataText(text.replace("\r\n", "\n"), "\r\n" if crlf else "\n", bom, raw)


def repository_root(path: pathlib.Path) -> pathlib.Path:
    """The checkout a data file belongs to: the nearest folder above it with `.git` or `mkdocs.yml`."""
    start = path.absolute().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists() or (folder / "mkdocs.yml").is_file():
            return folder
    return start


def target(path: pathlib.Path, file: str) -> pathlib.Path:
    """The real file behind `path`; Refused when a symbolic link leads it out of the repository."""
    real, root = path.resolve(), repository_root(path).resolve()
    if not real.is_relative_to(root):
        raise Refused(f"{file} is a symbolic link to {real}, outside the repository ({root}) — this command "
                      "writes only inside the checkout; replace the link with the file itself")
    return real


@contextlib.contextmanager
def locked(path: pathlib.Path, *, file: str | None = None, wait: float = 60) -> Iterator[None]:
    """Hold `.<name>.lock` next to the data file (fcntl.flock); Refused as busy after `wait` seconds."""
    import fcntl  # POSIX only, like the rest of the contributor setup (make, .venv/bin)

    file = file or path.name
    real = target(path, file)
    lock = real.with_name(f".{real.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Refused(f"{file} is busy: another add_resource.py is adding to it (it holds {lock.name}) "
                                  "— run this again when it has finished") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock; the lock file stays (deleting it would race)
