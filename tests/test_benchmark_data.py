"""The benchmark's synthetic curriculum (benchmarks/scale.py) stays valid data.

The 10x and 100x builds measure a curriculum the checker accepts; when a new
field refers to another entry (a topic's `start_with`, say), the clones must
refer to their own copies, or the benchmark stops at its first scaled build.
"""

from __future__ import annotations

from conftest import BookCopy

from benchmarks.scale import write_scaled


def test_a_curriculum_three_times_the_size_passes_the_checker(book_copy: BookCopy) -> None:
    counts = write_scaled(book_copy.root, 3)
    assert book_copy.problems() == []
    assert counts["topics"] >= 3 * 60
