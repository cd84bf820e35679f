"""The book's benchmark (run with `python scripts/bench.py`; see README, Development).

Each module measures one thing on a temporary copy of the book's sources:
book.py (copy and time a build), plain.py (the same pages without the engine),
scale.py (a synthetic curriculum N times the size), serve.py (data edit to
rebuilt page under `mkdocs serve`), weight.py (bytes each page loads),
lighthouse.py (Lighthouse scores), budgets.py (the budgets and the report).
"""
