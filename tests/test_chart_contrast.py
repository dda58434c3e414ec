"""WCAG 1.4.11 and 1.4.3 inside the charts, where axe-core does not look: every mark of
every chart the app draws at least 3:1 against the plot's background, and the text
that carries information (axis titles and ticks, legend, annotations) at least 4,5:1.

Colours with an alpha below 0,5 are the bands and flows behind a line or node that
carries the same figure (the 80% band, a suppressed band, a Sankey link): decoration
whose figures are also in the chart's table, so not held to 3:1."""

from __future__ import annotations

import json
import re

import pytest
from conftest import start_app

from dashboard.web.pages import PAGES

WHITE = (255, 255, 255)


def rgb(color: str) -> tuple[tuple[int, int, int], float]:
    """A Plotly colour as (red, green, blue) and alpha."""
    color = color.strip().lower()
    if color == "white":
        return WHITE, 1.0
    if color.startswith("#") and len(color) == 7:
        return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5)), 1.0
    found = re.fullmatch(r"rgba?\(([^)]*)\)", color)
    assert found, f"colour not understood: {color}"
    parts = [float(p) for p in found.group(1).split(",")]
    return tuple(round(p) for p in parts[:3]), (parts[3] if len(parts) > 3 else 1.0)


def luminance(color: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def marks(trace: dict) -> list[str]:
    """The colours a trace draws its figures with."""
    found = []
    for part in ("marker", "line", "node"):
        found += colours((trace.get(part) or {}).get("color"))
    found += colours(trace.get("fillcolor"))
    return found


def texts(layout: dict) -> list[str]:
    found = colours((layout.get("font") or {}).get("color"))
    for axis in [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]:
        found += colours((axis.get("tickfont") or {}).get("color"))
        found += colours(((axis.get("title") or {}).get("font") or {}).get("color"))
    found += colours(((layout.get("legend") or {}).get("font") or {}).get("color"))
    for note in layout.get("annotations") or []:
        found += colours((note.get("font") or {}).get("color"))
    return found


def background(layout: dict, name: str) -> tuple[int, int, int]:
    template = ((layout.get("template") or {}).get("layout")) or {}
    return rgb(layout.get(name) or template.get(name) or "white")[0]


def failures(spec: str) -> list[str]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    plot, paper = background(layout, "plot_bgcolor"), background(layout, "paper_bgcolor")
    title = ((layout.get("title") or {}).get("text")) or "?"
    wrong = []
    for trace in figure.get("data", []):
        for colour in marks(trace):
            shade, alpha = rgb(colour)
            if alpha >= 0.5 and contrast(shade, plot) < 3:
                wrong.append(f"{title}: mark {colour} {contrast(shade, plot):.2f}:1")
    for colour in texts(layout):
        shade, alpha = rgb(colour)
        if contrast(shade, paper) < 4.5 or alpha < 1:
            wrong.append(f"{title}: text {colour} {contrast(shade, paper):.2f}:1")
    return wrong


def test_the_measure_fails_a_pale_mark_and_pale_text():
    pale = {"data": [{"type": "bar", "marker": {"color": "#9db4c8"}}], "layout": {}}
    assert failures(json.dumps(pale))
    grey = {"data": [], "layout": {"annotations": [{"font": {"color": "#6b7b8c"}}]}}
    assert failures(json.dumps(grey))
    band = {"data": [{"fillcolor": "rgba(31, 95, 139, 0.18)"}], "layout": {}}
    assert not failures(json.dumps(band))
    assert round(contrast(rgb("#767676")[0], WHITE), 1) == 4.5  # the known 4,5:1 grey


@pytest.mark.parametrize("page", [p.key for p in PAGES if p.needs_data])
def test_every_chart_has_contrast(page, sample_db, monkeypatch):
    at = start_app(monkeypatch, sample_db, page, timeout=120)
    charts = at.get("plotly_chart")
    wrong = [w for chart in charts for w in failures(chart.proto.spec)]
    assert not wrong, wrong
