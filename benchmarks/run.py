"""Run every measurement on temporary copies of the book and print the report."""

from __future__ import annotations

import json
import pathlib
import shutil
import statistics
import tempfile
import time

import yaml

from . import budgets, finder, lighthouse, plain, scale, serve, weight
from .book import ROOT, Build, build, copy_book

KB = 1024


def page_types(root: pathlib.Path) -> dict[str, str]:
    """The page of each type the weights and Lighthouse look at, as URL paths."""
    data = yaml.safe_load((root / "curriculum.yml").read_text(encoding="utf-8"))
    chapter = max(data["phases"], key=lambda p: sum(len(t.get("resources", [])) + 1 for t in p["topics"]))
    notebook = next(p["project"]["notebook"] for p in data["phases"] if p["project"].get("notebook"))
    pages = {"home": "", "phase chapter": f"phases/{chapter['id']}/", "notebook page": notebook.removesuffix(".ipynb") + "/"}
    for name, path in (("courses", "courses/"), ("faq", "faq/"), ("planner", "planner/"), ("finder", "finder/")):
        if (root / "docs" / path.rstrip("/")).with_suffix(".md").is_file() or (root / "docs" / path / "index.md").is_file():
            pages[name] = path
    return pages


def chapter_topics(root: pathlib.Path, path: str) -> int:
    """How many topics the chapter at `path` (phases/<id>/) teaches."""
    data = yaml.safe_load((root / "curriculum.yml").read_text(encoding="utf-8"))
    return next(len(p["topics"]) for p in data["phases"] if path == f"phases/{p['id']}/")


def site_url(root: pathlib.Path) -> str | None:
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return None


def say(text: str = "") -> None:
    print(text, flush=True)


def engine_overhead(tmp: pathlib.Path, book: pathlib.Path, runs: int) -> dict:
    """Book vs the same rendered pages built by plain mkdocs-material, interleaved runs."""
    plain_root = plain_copy(tmp, book)
    cold = [build(book, tmp / "site", clean_cache=True) for _ in range(max(1, runs // 2))]
    book_runs, plain_runs = [], []
    for _ in range(runs):
        book_runs.append(build(book, tmp / "site"))
        plain_runs.append(build(plain_root, tmp / "site-plain", strict=False))
    b = statistics.median(r.seconds for r in book_runs)
    p = statistics.median(r.seconds for r in plain_runs)
    c = statistics.median(r.seconds for r in cold)
    say(f"  book, clean site dir (notebook cache warm)   {b:6.2f} s   peak {max(r.peak_mb for r in book_runs):4.0f} MB")
    say(f"  book, fresh clone (no notebook cache)        {c:6.2f} s")
    say(f"  plain mkdocs-material, same rendered pages   {p:6.2f} s   peak {max(r.peak_mb for r in plain_runs):4.0f} MB")
    say(f"  engine overhead                              {b / p:6.2f}x  (fresh clone {c / p:.2f}x)")
    return {"book": b, "book_fresh_clone": c, "plain": p, "ratio": b / p, "ratio_fresh_clone": c / p,
            "book_peak_mb": max(r.peak_mb for r in book_runs)}


def plain_copy(tmp: pathlib.Path, book: pathlib.Path) -> pathlib.Path:
    """The book's rendered pages (captured after macros and mkdocs-jupyter) as a plain mkdocs-material project."""
    captured = tmp / "captured"
    if not captured.exists():
        build(book, tmp / "site-capture", config=plain.capture(book, captured).name)
    return plain.plain_book(book, captured, tmp / "plain")


def plain_build_time(tmp: pathlib.Path, book: pathlib.Path, runs: int) -> float:
    """Median clean build of the plain mkdocs-material copy of the book's rendered pages."""
    plain_root = plain_copy(tmp, book)
    return statistics.median(build(plain_root, tmp / "site-plain", strict=False).seconds for _ in range(max(1, runs)))


def scaling(tmp: pathlib.Path, factors: list[int], runs: int, big_runs: int) -> dict:
    out = {}
    for factor in factors:
        root = copy_book(tmp / f"scale-{factor}")
        counts = scale.write_scaled(root, factor)
        n = runs if factor < 100 else big_runs
        build(root, root / "site")  # warm the notebook cache; not timed
        results = [build(root, root / "site") for _ in range(n)]
        seconds = statistics.median(r.seconds for r in results)
        peak = max(r.peak_mb for r in results)
        index = (root / "site" / "search" / "search_index.json").stat().st_size
        out[str(factor)] = {**counts, "seconds": seconds, "peak_mb": peak, "runs": n, "search_index_kb": index / KB}
        base = out.get("1", out[str(factor)])["seconds"]
        say(f"  {factor:>4}x  {counts['topics']:5d} topics {counts['resources']:6d} resources {counts['data_kb']:7.0f} KB data"
            f"   build {seconds:7.2f} s ({seconds / base:5.1f}x)   peak {peak:4.0f} MB   search index {index / KB:6.0f} KB"
            f"   [{n} run{'s' if n > 1 else ''}]")
        shutil.rmtree(root, ignore_errors=True)
    return out


def serving(tmp: pathlib.Path, edits: int) -> dict:
    root = copy_book(tmp / "serve")
    env = " ".join(f"{k}={v}" for k, v in serve.make_serve_env().items())
    say(f"  the command `make serve` runs: {env + ' ' if env else ''}mkdocs serve")
    results = serve.measure_edits(root, edits)
    pages = [r.page_seconds for r in results]
    reloads = [r.reload_seconds for r in results if r.reload_seconds is not None]
    say(f"  save -> page served with the new title   median {statistics.median(pages):.2f} s"
        f"   (runs: {', '.join(f'{s:.2f}' for s in pages)})")
    if reloads:
        say(f"  save -> rebuild done, browsers reload     median {statistics.median(reloads):.2f} s")
    return {"page_median": statistics.median(pages), "page_runs": pages,
            "reload_median": statistics.median(reloads) if reloads else None}


def weights(site: pathlib.Path, prefix: str, pages: dict[str, str]) -> dict:
    measured = weight.measure(site, prefix, pages)
    say(f"  {'page':<15}{'HTML':>16}{'CSS':>16}{'JS':>16}{'search index':>16}{'other':>16}{'everything':>18}")
    say(f"  {'':<15}{'raw / gzip KB':>16}{'raw / gzip KB':>16}{'raw / gzip KB':>16}{'raw / gzip KB':>16}{'raw / gzip KB':>16}{'raw / gzip KB':>18}")
    out = {}
    for name, w in measured.items():
        def cell(kind, width=16):
            raw, packed = w.by_kind.get(kind, [0, 0])
            return f"{raw / KB:.0f} / {packed / KB:.0f}".rjust(width)
        say(f"  {name:<15}{cell('html')}{cell('css')}{cell('js')}{cell('search index')}{cell('other')}"
            f"{(f'{w.total / KB:.0f} / {w.total_gz / KB:.0f}').rjust(18)}")
        out[name] = {"html": w.html, "html_gz": w.html_gz, "by_kind": w.by_kind, "total": w.total, "total_gz": w.total_gz}
    return out


def main(args) -> int:
    started = time.perf_counter()
    figures: dict = {}
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="ml-roadmap-bench-"))
    try:
        book = copy_book(tmp / "book")
        say(f"The ML Roadmap benchmark: {args.runs} runs each (median), sources copied to {tmp}")
        say("Warm-up build ...")
        build(book, tmp / "site", clean_cache=True)
        pages = page_types(book)
        prefix = weight_prefix = None
        if not args.skip_build:
            say("\nClean build: the book vs plain mkdocs-material on the same rendered Markdown")
            figures["overhead"] = engine_overhead(tmp, book, args.runs)
        site = tmp / "site"
        build(book, site)
        from .server import site_prefix
        prefix = site_prefix(site_url(book))
        index = site / "search" / "search_index.json"
        figures["search_index_bytes"] = index.stat().st_size
        if not args.skip_weight:
            say(f"\nPage weight: what each page loads in Chromium (raw / gzip level 6)")
            figures["weight"] = weights(site, prefix, pages)
            figures["weight"]["phase chapter"]["topics"] = chapter_topics(book, pages["phase chapter"])
            say(f"  search index file: {index.stat().st_size / KB:.0f} KB raw")
        if not args.skip_finder:
            say(f"\nFinder page: weight (raw / gzip) and answer latency in Chromium, CPU slowed {args.finder_rate:g}x")
            figures["finder"] = finder.measure(tmp, site, prefix, args.finder_sizes, args.finder_rate, args.finder_repeats, say)
        if not args.skip_serve:
            say(f"\nmkdocs serve: time from saving curriculum.yml to the rebuilt page ({args.edits} edits)")
            figures["serve"] = serving(tmp, args.edits)
            plain_seconds = figures.get("overhead", {}).get("plain") or plain_build_time(tmp, book, args.runs)
            figures["serve"]["plain_build"] = plain_seconds
            figures["serve"]["ratio"] = figures["serve"]["page_median"] / plain_seconds
            say(f"  as a share of a plain mkdocs-material clean build ({plain_seconds:.2f} s, same run)"
                f"   {figures['serve']['ratio']:.2f}x")
        if args.sizes:
            say(f"\nBuild time and peak memory as the curriculum grows")
            figures["scale"] = scaling(tmp, args.sizes, args.runs, args.big_runs)
        if not args.skip_lighthouse:
            say(f"\nLighthouse {lighthouse.VERSION}, mobile profile, served with gzip (Debian's Chromium)")
            figures["lighthouse"] = scores = lighthouse.run(site, prefix, pages)
            say(f"  {'page':<15}{'performance':>13}{'accessibility':>15}{'best practices':>16}{'SEO':>6}")
            for name, s in scores.items():
                say(f"  {name:<15}{s['performance']:>13}{s['accessibility']:>15}{s['best-practices']:>16}{s['seo']:>6}")
            for name, s in scores.items():
                for category, audits in s["losing"].items():
                    say(f"    {name}, {category} {s[category]}: " + "; ".join(audits))
        say("\nBudgets")
        results = budgets.check(figures)
        for b in results:
            say(b.line())
        figures["budgets"] = [b.__dict__ for b in results]
        say(f"\n{sum(b.ok for b in results)} of {len(results)} budgets hold. ({time.perf_counter() - started:.0f} s)")
        if args.json:
            pathlib.Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            pathlib.Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return 0 if all(b.ok for b in results) else 1
    finally:
        if args.keep:
            say(f"(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
