"""A temporary copy of the book, and one timed `mkdocs build` of it.

A build runs in its own process; `os.wait4` returns that process's resource
usage, so the peak memory is the build's own (no psutil needed).
"""

from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
# What a build reads; everything else in the checkout is irrelevant to it.
SOURCES = ("curriculum.yml", "curriculum.schema.json", "mkdocs.yml", "roadmap", "mkdocs_roadmap", "overrides", "docs", "scripts")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
IGNORE = shutil.ignore_patterns("__pycache__", ".cache", "*.pyc", ".ipynb_checkpoints")


def copy_book(dest: pathlib.Path) -> pathlib.Path:
    """Copy the book's sources into `dest` (created) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=IGNORE)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


@dataclass
class Build:
    seconds: float
    peak_mb: float


class BuildFailed(RuntimeError):
    pass


def build(root: pathlib.Path, site: pathlib.Path, *, config: str = "mkdocs.yml", clean_cache: bool = False,
          strict: bool = True) -> Build:
    """`mkdocs build --strict` of the book at `root` into an empty `site`.

    clean_cache=True also removes mkdocs-jupyter's notebook cache (a fresh
    clone); otherwise the cache from an earlier build is used, as locally.
    """
    shutil.rmtree(site, ignore_errors=True)
    if clean_cache:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config), "-d", str(site)]
    if strict:
        cmd.insert(4, "--strict")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        raise BuildFailed(f"mkdocs build of {root} failed:\n{output.decode(errors='replace')[-3000:]}")
    return Build(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def median_build(root: pathlib.Path, site: pathlib.Path, runs: int, **kwargs) -> Build:
    builds = [build(root, site, **kwargs) for _ in range(runs)]
    return Build(statistics.median(b.seconds for b in builds), max(b.peak_mb for b in builds))
