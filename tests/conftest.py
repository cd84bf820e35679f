"""Shared fixtures: the built book, and throw-away copies of it to break.

`site` builds the real book once per test session with `mkdocs build --strict`
into a temporary folder; `offline_site` builds its offline edition
(mkdocs.offline.yml, opened from disk) the same way, once, for the tests that need it. `book_copy` copies the book's sources into a temporary
folder so a test can edit the data file there and rebuild; the live files are
never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pathlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "curriculum.yml"
# What a build reads; everything else in the checkout is irrelevant to it.
SOURCES = ("curriculum.yml", "curriculum.schema.json", "published-ids.json", "mkdocs.yml", "roadmap", "mkdocs_roadmap", "overrides", "docs", "scripts")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")
    config.addinivalue_line("markers", "notebooks: executes the project notebooks (slow)")
    config.addinivalue_line("markers", "slow: installs a fresh environment (a minute or two)")


@contextlib.contextmanager
def checkout_lock(root: pathlib.Path) -> Iterator[None]:
    """Builds of the checkout itself, one at a time across test workers (pytest-xdist):
    they share its .cache/, which a cold build fills (mkdocs-jupyter writes its files
    in place, so another build could read one half-written). Copies build freely."""
    if root.resolve() != ROOT:
        yield
        return
    (ROOT / ".cache").mkdir(exist_ok=True)
    with open(ROOT / ".cache" / "tests-build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def mkdocs_build(root: pathlib.Path, site_dir: pathlib.Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    with checkout_lock(root):
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / config), "-d", str(site_dir)],
            cwd=root, env=ENV, capture_output=True, text=True, timeout=600,
        )


@dataclass
class Site:
    """A built site and easy access to what a reader would see in it."""

    root: pathlib.Path

    def html(self, page: str) -> str:
        """The HTML of a page by its URL path, e.g. 'phases/foundations/'."""
        path = self.root / page
        if page.endswith("/") or page == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def search_index(self) -> dict:
        return json.loads((self.root / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return Site(out)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The offline edition (`make offline` without the zip), built once per session."""
    out = tmp_path_factory.mktemp("site-offline")
    result = mkdocs_build(ROOT, out, "mkdocs.offline.yml")
    assert result.returncode == 0, f"offline edition: mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return Site(out)


@dataclass
class BookCopy:
    """A copy of the book's sources that a test may break."""

    root: pathlib.Path

    @property
    def data(self) -> pathlib.Path:
        return self.root / "curriculum.yml"

    def read(self) -> str:
        return self.data.read_text(encoding="utf-8")

    def write(self, text: str) -> None:
        self.data.write_text(text, encoding="utf-8")

    def replace(self, old: str, new: str, count: int = 1) -> int:
        """Replace the first `count` occurrences of `old`; return the line
        number (1-based) where the first replacement starts."""
        text = self.read()
        at = text.index(old)
        self.write(text.replace(old, new, count))
        return text.count("\n", 0, at) + 1

    def build(self, site_dir: pathlib.Path | None = None) -> subprocess.CompletedProcess:
        return mkdocs_build(self.root, site_dir or self.root / "site")

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(self.root / "scripts" / "check_curriculum.py")],
            cwd=self.root, env=ENV, capture_output=True, text=True, timeout=120,
        )

    def problems(self) -> list[str]:
        """The checker's problems for this copy (in process, for speed), as `curriculum.yml:LINE: ...`."""
        from roadmap.checks import load_checked
        from roadmap.data.problems import CurriculumError
        try:
            load_checked(self.data)
        except CurriculumError as exc:
            return [str(p).removeprefix(f"{self.root}/") for p in exc.problems]
        return []


def run_snippets(jobs: list[dict]) -> dict:
    """Run data snippets ({"id", "kind": "output" | "compute", "code"}) with tests/run_snippets.py."""
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "run_snippets.py")], input=json.dumps(jobs),
                            env=ENV, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def book_copy(tmp_path: pathlib.Path) -> BookCopy:
    root = tmp_path / "book"
    root.mkdir()
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            # Not docs/downloads/: `make pdf offline`'s output, not a source.
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__", ".cache", "*.pyc", "downloads"))
        elif src.is_file():
            shutil.copy2(src, root / name)
    return BookCopy(root)


def watch_errors(page):
    """Record the page's console errors and uncaught exceptions in `page.errors` (tests assert it stays empty)."""
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page
