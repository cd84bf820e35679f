"""The book's quality budgets (README, Development) checked against a run's figures."""

from __future__ import annotations

from dataclasses import dataclass

KB = 1024


@dataclass
class Budget:
    name: str
    limit: str
    value: str
    ok: bool

    def line(self) -> str:
        return f"  [{'PASS' if self.ok else 'FAIL'}] {self.name}: {self.value} (budget {self.limit})"


def check(figures: dict) -> list[Budget]:
    """One Budget per figure the run measured (skipped parts are not judged)."""
    out = []
    if "overhead" in figures:
        r = figures["overhead"]["ratio"]
        out.append(Budget("engine overhead (book / plain build)", "<= 1.2x", f"{r:.2f}x", r <= 1.2))
    if "serve" in figures:
        s = figures["serve"]
        out.append(Budget("data edit to rebuilt page (mkdocs serve) / plain mkdocs-material clean build", "<= 0.6x",
                          f"{s['ratio']:.2f}x ({s['page_median']:.2f} s / {s['plain_build']:.2f} s)", s["ratio"] <= 0.6))
    if "scale" in figures and "100" in figures["scale"] and "1" in figures["scale"]:
        base, big = figures["scale"]["1"], figures["scale"]["100"]
        ratio = big["seconds"] / base["seconds"]
        out.append(Budget("100x curriculum build time", "<= 100x the 1x time", f"{ratio:.1f}x", ratio <= 100))
        out.append(Budget("100x curriculum peak memory", "< 300 MB", f"{big['peak_mb']:.0f} MB", big["peak_mb"] < 300))
    if "weight" in figures:
        w = figures["weight"]
        if "phase chapter" in w:
            html, topics = w["phase chapter"]["html"], w["phase chapter"]["topics"]
            out.append(Budget("phase chapter HTML per topic (lesson, example, links, self-check, answers)", "< 24 KB",
                              f"{html / KB / topics:.1f} KB ({html / KB:.0f} KB, {topics} topics)", html < 24 * KB * topics))
            total = w["phase chapter"]["total_gz"]
            out.append(Budget("phase chapter, all it loads (gzip, as served)", "< 250 KB", f"{total / KB:.0f} KB",
                              total < 250 * KB))
        if "notebook page" in w:
            total = w["notebook page"]["total_gz"]
            out.append(Budget("notebook page, all it loads (gzip, as served)", "< 300 KB", f"{total / KB:.0f} KB",
                              total < 300 * KB))
        index = figures.get("search_index_bytes")
        if index is not None:
            out.append(Budget("search index", "< 1 MB", f"{index / KB:.0f} KB", index < KB * KB))
    if "finder" in figures and "1" in figures["finder"]:
        one = figures["finder"]["1"]
        out.append(Budget("finder page with its index and scripts, 1x (gzip)", "< 150 KB", f"{one['page_gz'] / KB:.0f} KB",
                          one["page_gz"] < 150 * KB))
        out.append(Budget(f"finder answer, median, CPU slowed {one['rate']:g}x, 1x", "< 50 ms", f"{one['median_ms']:.1f} ms",
                          one["median_ms"] < 50))
        for size, f in figures["finder"].items():
            if size != "1":
                ratio = f["index"] / one["index"]
                out.append(Budget(f"finder index at {size}x grows linearly", f"<= {size}x the 1x index",
                                  f"{ratio:.1f}x", ratio <= int(size) * 1.05))
    return out
