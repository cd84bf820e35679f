"""Lighthouse scores (mobile profile) of the built site served with gzip.

Lighthouse is a bench-only tool: it is installed on first use into
.cache/bench-tools/ (npm, pinned below), never into the book or the tests.
It drives Debian's Chromium (CHROME_PATH).
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import tempfile

from .book import ROOT
from .server import SiteServer

VERSION = "12.8.2"  # 13.x needs Node 22; 12.x runs on Node 18+
TOOLS = ROOT / ".cache" / "bench-tools"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install() -> pathlib.Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        raise RuntimeError("npm is needed to install Lighthouse")
    TOOLS.mkdir(parents=True, exist_ok=True)
    (TOOLS / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{VERSION}"],
                   cwd=TOOLS, check=True, capture_output=True, timeout=600)
    return binary


def _failing_audits(report: dict, category: str) -> list[str]:
    """Titles of the audits that cost a category points (score below 1)."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = audit.get("displayValue", "")
            out.append(f"{audit['title']}{' (' + value + ')' if value else ''}")
    return out


def run(site: pathlib.Path, prefix: str, pages: dict[str, str]) -> dict[str, dict]:
    """{page name: {category: score 0-100, ..., "losing": {category: [audit titles]}}}."""
    binary = install()
    results = {}
    env = {**os.environ, "CHROME_PATH": CHROME}
    with SiteServer(site, prefix, compress=True) as server, tempfile.TemporaryDirectory() as tmp:
        for name, page in pages.items():
            out = pathlib.Path(tmp) / "report.json"
            subprocess.run(
                [str(binary), server.url(page), "--quiet", "--output=json", f"--output-path={out}",
                 f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                env=env, check=True, capture_output=True, timeout=300,
            )
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
            scores["losing"] = {c: _failing_audits(report, c) for c in CATEGORIES if scores[c] < 100}
            results[name] = scores
    return results
