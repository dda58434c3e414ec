"""Static chart images: Plotly figures to PNG through kaleido and Debian's chromium.

kaleido drives a headless Chrome; here that is the system's chromium (BROWSER_PATH when
set, else `chromium` on the PATH). Nothing downloads a browser: kaleido fetches one only
when asked to (plotly_get_chrome), which this code never does. MathJax is off, or
kaleido would load it from a CDN.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

WIDTH = 1000  # pixels at scale 1; the PDF shows them 17,8 cm wide
HEIGHT = 340
SCALE = 2  # sharp in print


class ImageError(Exception):
    """A chart could not be drawn; the message is Dutch and user-facing."""


def browser_path() -> str:
    """The chromium kaleido uses: BROWSER_PATH, or Debian's chromium."""
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise ImageError(
            f"geen browser voor de grafieken gevonden ({path}); installeer Debian's "
            "chromium (apt-get install chromium) of zet BROWSER_PATH"
        )
    return path


def png(figures: Sequence[go.Figure], width: int = WIDTH, height: int = HEIGHT) -> list[bytes]:
    """Each figure as PNG bytes, all in one browser session (starting one takes seconds).

    A figure with its own layout height keeps it.
    """
    specs = [
        (fig, {"format": "png", "width": width, "height": fig.layout.height or height})
        for fig in figures
    ]
    if not specs:
        return []
    path = browser_path()
    # kaleido runs its own event loop; a worker thread keeps it apart from Streamlit's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(asyncio.run, _render(specs, path)).result()
        except Exception as error:
            raise ImageError(f"de grafieken konden niet worden getekend: {error}") from error


async def _render(specs: list[tuple[go.Figure, dict]], path: str) -> list[bytes]:
    import kaleido  # here, not at the top: the command line's other commands start faster

    async with kaleido.Kaleido(path=path, mathjax=False) as browser:
        return [await browser.calc_fig(fig, opts={**opts, "scale": SCALE}) for fig, opts in specs]
