"""Time from saving curriculum.yml to the rebuilt page under `mkdocs serve`.

`mkdocs serve` runs on a free 127.0.0.1 port in a temporary copy of the book,
with the environment variables the Makefile's `serve` target sets (read from
the Makefile, so the figure is the one `make serve` gives).
Each edit renames one topic (a new title every time) and saves the data file;
the clock stops when the phase chapter served over HTTP shows the new title,
and separately when serve logs that the rebuild finished and browsers reload.
"""

from __future__ import annotations

import pathlib
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import yaml

from .book import ENV, ROOT

POLL = 0.01  # seconds between page polls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_serve_env(makefile: pathlib.Path = ROOT / "Makefile") -> dict[str, str]:
    """The `NAME=value` assignments before `mkdocs serve` in the Makefile's serve recipe."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("serve:")))
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        if "mkdocs serve" in line:
            words = line.split("mkdocs serve", 1)[0].split()
            return dict(w.split("=", 1) for w in words if re.fullmatch(r"[A-Z_][A-Z0-9_]*=\S*", w))
    raise RuntimeError(f"no `mkdocs serve` line in the serve target of {makefile}")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@dataclass
class Serve:
    root: pathlib.Path
    port: int = field(default_factory=free_port)
    reloads: list[float] = field(default_factory=list)

    def __enter__(self) -> "Serve":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", "-f", str(self.root / "mkdocs.yml")],
            cwd=self.root, env={**ENV, **make_serve_env()}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read_log, daemon=True).start()
        return self

    def _read_log(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line)
            if "Reloading browsers" in line:
                self.reloads.append(time.perf_counter())

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def url(self, path: str) -> str:
        prefix = "/" + re.sub(r"^https?://[^/]+/?", "", self._site_url()).strip("/")
        return f"http://127.0.0.1:{self.port}{prefix.rstrip('/')}/{path}"

    def _site_url(self) -> str:
        for line in (self.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
            if line.startswith("site_url:"):
                return line.split(":", 1)[1].strip()
        return "/"

    def wait_for(self, path: str, text: str, timeout: float = 120) -> float:
        """Poll the page until it contains `text`; return when it did."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            body = _get(self.url(path))
            if body is not None and text in body:
                return time.perf_counter()
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve exited:\n" + "".join(self.log[-40:]))
            time.sleep(POLL)
        raise TimeoutError(f"{path} never showed {text!r}:\n" + "".join(self.log[-40:]))


@dataclass
class Edit:
    page_seconds: float  # save -> the page served shows the change
    reload_seconds: float | None  # save -> serve finished the rebuild ("Reloading browsers")


def first_topic(root: pathlib.Path) -> tuple[str, str]:
    """(phase id, topic id) of the first topic: the page and the entry an edit changes."""
    data = yaml.safe_load((root / "curriculum.yml").read_text(encoding="utf-8"))
    phase = data["phases"][0]
    return phase["id"], phase["topics"][0]["id"]


def retitle(text: str, topic_id: str, title: str) -> str:
    """The data file with the topic's `title:` line replaced."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"\s*-?\s*id: {re.escape(topic_id)}\s*", line))
    at = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("title:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}title: {title}"
    return "\n".join(lines)


def measure_edits(root: pathlib.Path, edits: int) -> list[Edit]:
    phase_id, topic_id = first_topic(root)
    page = f"phases/{phase_id}/"
    data = root / "curriculum.yml"
    original = data.read_text(encoding="utf-8")
    results = []
    with Serve(root) as serve:
        serve.wait_for(page, "<h1", timeout=300)  # the first full build
        time.sleep(1.0)  # let the watcher settle
        for n in range(1, edits + 1):
            new_title = f"Benchmark edit {n} {time.time_ns() % 10**9}"
            before = len(serve.reloads)
            start = time.perf_counter()
            data.write_text(retitle(original, topic_id, new_title), encoding="utf-8")
            shown = serve.wait_for(page, new_title)
            while len(serve.reloads) == before and time.perf_counter() - start < 120:
                time.sleep(POLL)
            reload = serve.reloads[before] - start if len(serve.reloads) > before else None
            results.append(Edit(shown - start, reload))
            time.sleep(0.5)
    data.write_text(original, encoding="utf-8")
    return results
