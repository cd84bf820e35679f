"""The finder page (docs/finder.md): its weight with the catalogue, and how fast it answers.

Weight, at each size of the curriculum (1x and 10x by default, made by
scale.py): the page's HTML (which embeds the catalogue), the catalogue alone
(the JSON in the page's <template>), the finder's three scripts, raw and
gzip level 6; and everything Chromium loads for the page (weight.py).

Latency, in Chromium with the CPU slowed down by CDP's
`Emulation.setCPUThrottlingRate` (rate 4: a phone-class CPU): the question
box gets each question and an `input` event, as typing does; the time from
dispatching that event to the answers drawn (the handler has run and a
layout has been forced) is taken for the whole question and for every
keystroke of typing it. Medians over the questions are reported, with the
time to build the index when the page opens. Not a timed test: figures
depend on the machine, so only the budgets in budgets.py judge them.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from pathlib import Path

from . import scale, weight
from .book import build, copy_book
from .server import SiteServer

KB = 1024
SCRIPTS = ("javascripts/finder-search.js", "javascripts/finder-view.js", "javascripts/finder.js")
QUESTIONS = (
    "best python course for beginners", "free video about backpropagation", "compare deep learning courses",
    "book on probability", "short intro to docker", "pandas groupby", "transformers paper", "mlops course",
    "computer vision beginner", "nlp", "stats for ml", "backpropogation", "how do I tune hyperparameters",
    "precision recall imbalanced data", "free practitioner track videos", "zzzqqq",
)
DATA = re.compile(rb'<template data-rm-ask-data><script type="application/json">(.*?)</script></template>', re.S)

# Runs in the page: one question typed as one input event, timed to a forced layout.
_ANSWER = """q => {
  const input = document.querySelector('#rm-ask-q');
  input.value = q;
  const t0 = performance.now();
  input.dispatchEvent(new Event('input', {bubbles: true}));
  void document.querySelector('[data-rm-ask-answers]').offsetHeight;
  return performance.now() - t0;
}"""
_BUILD = """() => {
  const text = document.querySelector('template[data-rm-ask-data]').content.querySelector('script').textContent;
  const t0 = performance.now();
  window.rmFinderSearch.build(JSON.parse(text));
  return performance.now() - t0;
}"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path) -> dict:
    html = (site / "finder" / "index.html").read_bytes()
    index = DATA.search(html).group(1)
    scripts = b"".join((site / s).read_bytes() for s in SCRIPTS)
    return {
        "html": len(html), "html_gz": gz(html), "index": len(index), "index_gz": gz(index),
        "scripts": len(scripts), "scripts_gz": gz(scripts),
        # What the budget judges: the page with its index and the finder's own scripts.
        "page_gz": gz(html) + gz(scripts), "items": json.loads(index)["count"],
    }


def latency(site: Path, prefix: str, rate: float, repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    whole, keys, builds = [], [], []
    with SiteServer(site, prefix, compress=True) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=weight.CHROMIUM, args=weight.CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.goto(server.url("finder/"), wait_until="load")
        page.wait_for_function("() => document.querySelector('[data-rm-ask-status]').textContent.trim() !== ''")
        for _ in range(repeats):
            builds.append(page.evaluate(_BUILD))
            for question in QUESTIONS:
                page.evaluate(_ANSWER, "")
                whole.append(page.evaluate(_ANSWER, question))
                keys.extend(page.evaluate(_ANSWER, question[:n]) for n in range(1, len(question) + 1))
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        browser.close()
    return {
        "rate": rate, "questions": len(QUESTIONS), "repeats": repeats,
        "median_ms": statistics.median(whole), "p90_ms": statistics.quantiles(whole, n=10)[-1], "max_ms": max(whole),
        "keystroke_median_ms": statistics.median(keys), "keystroke_p90_ms": statistics.quantiles(keys, n=10)[-1],
        "index_build_ms": statistics.median(builds),
    }


def measure(tmp: Path, site_1x: Path, prefix: str, sizes: list[int], rate: float, repeats: int, say) -> dict:
    """{size: {weight..., everything_gz, latency...}} for each size factor."""
    out = {}
    for factor in sizes:
        started = time.perf_counter()
        if factor == 1:
            site = site_1x
        else:
            root = copy_book(tmp / f"finder-{factor}")
            scale.write_scaled(root, factor)
            site = root / "site"
            build(root, site)
        w = page_weight(site)
        loads = weight.measure(site, prefix, {"finder": "finder/"})["finder"]
        lat = latency(site, prefix, rate, repeats)
        out[str(factor)] = {**w, "everything": loads.total, "everything_gz": loads.total_gz, **lat}
        say(f"  {factor:>3}x  {w['items']:5d} items   page {w['html'] / KB:6.0f} / {w['html_gz'] / KB:4.0f} KB"
            f"   index {w['index'] / KB:6.0f} / {w['index_gz'] / KB:4.0f} KB   scripts {w['scripts'] / KB:3.0f} / {w['scripts_gz'] / KB:2.0f} KB"
            f"   all it loads {loads.total / KB:5.0f} / {loads.total_gz / KB:4.0f} KB")
        say(f"        CPU /{rate:g}: answer median {lat['median_ms']:5.1f} ms (p90 {lat['p90_ms']:5.1f}, max {lat['max_ms']:5.1f})"
            f"   per keystroke median {lat['keystroke_median_ms']:5.1f} ms (p90 {lat['keystroke_p90_ms']:5.1f})"
            f"   index build {lat['index_build_ms']:6.1f} ms   [{time.perf_counter() - started:.0f} s]")
    return out
