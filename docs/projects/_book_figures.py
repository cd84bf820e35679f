"""The book's figure style for the project notebooks (not part of any lesson).

Each notebook runs ``import _book_figures`` in a cell that the book's pages do
not show (tagged ``book-only``, removed by mkdocs-jupyter's ``remove_tag_config``
in mkdocs.yml), inside ``try/except ImportError``: run from a clone of the
repository, the kernel starts in docs/projects/ and finds this file; run in
Colab or from a downloaded copy, the import fails silently and matplotlib's
defaults apply. The notebook's results are the same either way.

Importing it
* sets opaque white backgrounds (figures stay readable on the dark palette),
  a small DPI and a light grid;
* stores every figure as a 256-colour PNG (median-cut palette, no dithering):
  it looks the same but keeps the committed notebooks small.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 80,
    "figure.figsize": (6.4, 3.6),
    "axes.grid": True,
    "grid.alpha": 0.3,
}


def compact_png(fig: Figure) -> bytes:
    """The figure as a palette PNG of at most 256 colours."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    image = Image.open(buffer).convert("RGB")
    image = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def use() -> None:
    """Apply the style, and the compact PNG formatter when running under IPython."""
    plt.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: only the style applies
        return
    shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
        shell.display_formatter.formatters["image/png"].for_type(Figure, compact_png)


use()
