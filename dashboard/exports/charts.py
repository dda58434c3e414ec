"""Plotly figures for the pages and exports: plain functions from frames to figures.

Every chart has a title that says what it shows, axis titles with units, and a hover
with the exact figure in Dutch notation (formatted here, in Python, so it does not
depend on the browser's locale).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.metrics import formatting as fmt

COLORS = {
    "realisatie": "#1f5f8b",
    "taakstelling": "#c0392b",
    "begroting": "#56789a",
    "uitgaven": "#1f5f8b",
    "instroom": "#2e8b57",
    "uitstroom": "#c0392b",
    "neutraal": "#6b7b8c",
    "tekst": "#4d4d4d",  # annotations: 8,4:1 on white (text needs 4,5:1)
}
FONT = "Source Sans Pro, Arial, sans-serif"
# The house template as Plotly's default rather than set on each figure: a template
# given per figure is validated anew every time, 8 ms a figure, and the figure's JSON
# is the same either way.
pio.templates.default = "plotly_white"


# Value axes show 150.000, not Plotly's "150k" (a year axis must not get a separator,
# so the horizontal charts set this on their x-axis themselves).
WHOLE_NUMBERS = {"exponentformat": "none", "separatethousands": True}


def plain(text: object) -> str:
    """Data as text in a chart: Plotly reads <a href>, <b>, <img>-like tags in labels and
    hovers, so a werkgever or gemeentenaam must not bring its own markup or link."""
    return escape(str(text), quote=False)


# Plotly's own "download plot as PNG" would export exact small counts past suppression.
MODEBAR = {"remove": ["toImage"]}


def style(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """The house style: Dutch separators, a title, labelled axes, legend on top, and no
    image download in the mode bar."""
    fig.update_layout(
        modebar=MODEBAR,
        title={"text": title, "x": 0, "xanchor": "left"},
        separators=",.",
        font={"family": FONT, "size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 60, "r": 20, "t": 100, "b": 50},
        hoverlabel={"font_size": 14},
        xaxis_title=x_title,
        yaxis_title=y_title,
        # Bars side by side or stacked are kept apart by white (WCAG 1.4.11: each bar at
        # least 3:1 against what touches it, the white, not its neighbour's colour).
        bargroupgap=0.1,
    )
    fig.update_yaxes(**WHOLE_NUMBERS)
    fig.update_traces(marker_line={"color": "white", "width": 1}, selector={"type": "bar"})
    return fig


def euro_axis(fig: go.Figure) -> None:
    """Whole euros with Dutch thousands separators on the y-axis (no "1,5M")."""
    fig.update_yaxes(tickformat=",.0f", tickprefix="€ ", rangemode="tozero")


def year_end_axis(fig: go.Figure, first: int, last: int) -> None:
    """Ticks on 31 December of each year, labelled "ultimo <jaar>"."""
    years = range(first, last + 1)
    fig.update_xaxes(
        tickvals=[pd.Timestamp(y, 12, 31) for y in years],
        ticktext=[f"ultimo {y}" for y in years],
    )


def hover(labels: Sequence[str], values: Sequence[str]) -> list[str]:
    return [
        f"{plain(label)}<br>{plain(value)}" for label, value in zip(labels, values, strict=True)
    ]


def _trace_hover(kwargs: dict, texts: list[str]) -> dict:
    return {**kwargs, "customdata": texts, "hovertemplate": "%{customdata}<extra></extra>"}


def month_label(days: pd.Series) -> list[str]:
    return [fmt.datum(d) for d in pd.to_datetime(days).dt.date]


def realisatie_per_maand(frame: pd.DataFrame) -> go.Figure:
    """Realisatie on each month-end (and the peildatum) against the year's taakstelling.

    `frame`: dag, realisatie, taakstelling (NaN where the year has none).
    """
    days = pd.to_datetime(frame["dag"])
    fig = go.Figure()
    real_hover = hover(
        [f"Realisatie op {d}" for d in month_label(frame["dag"])],
        [f"{fmt.number(v)} personen" for v in frame["realisatie"]],
    )
    fig.add_trace(
        go.Scatter(
            **_trace_hover(
                {"x": days, "y": frame["realisatie"], "name": "Realisatie (personen)"}, real_hover
            ),
            mode="lines+markers",
            line={"color": COLORS["realisatie"], "width": 3},
        )
    )
    fig.add_trace(taakstelling_per_jaar(frame))
    fig.update_xaxes(tickformat="%m-%Y")
    fig.update_yaxes(rangemode="tozero")
    return style(
        fig,
        "Beschutte werkplekken per maand tegen de taakstelling",
        "Maand (stand op de laatste dag)",
        "Aantal (personen / plekken)",
    )


def taakstelling_per_jaar(frame: pd.DataFrame) -> go.Scatter:
    """The taakstelling as one horizontal segment over each year of `frame["dag"]`."""
    quota = (
        frame.assign(jaar=pd.to_datetime(frame["dag"]).dt.year)
        .dropna(subset=["taakstelling"])
        .drop_duplicates("jaar")
    )
    xs, ys, texts = [], [], []
    for jaar, value in zip(quota["jaar"], quota["taakstelling"], strict=True):
        text = f"Taakstelling ultimo {jaar}<br>{fmt.number(value, 2)} plekken"
        xs += [pd.Timestamp(jaar, 1, 1), pd.Timestamp(jaar, 12, 31), None]
        ys += [value, value, None]
        texts += [text, text, ""]
    return go.Scatter(
        x=xs,
        y=ys,
        customdata=texts,
        hovertemplate="%{customdata}<extra></extra>",
        name="Taakstelling (ultimo jaar)",
        mode="lines",
        line={"color": COLORS["taakstelling"], "width": 2, "dash": "dash"},
    )


def realisatie_per_jaar(frame: pd.DataFrame, column: str, unit: str, label: str) -> go.Figure:
    """Bars of one telwijze per year with the taakstelling as markers.

    `frame`: jaar, taakstelling and the telwijze column.
    """
    years = frame["jaar"].astype(str)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            **_trace_hover(
                {"x": years, "y": frame[column], "name": label},
                hover(
                    [f"{label} {y}" for y in years],
                    [f"{fmt.number(v, 2)} {unit}" for v in frame[column]],
                ),
            ),
            marker_color=COLORS["realisatie"],
        )
    )
    fig.add_trace(
        go.Scatter(
            **_trace_hover(
                {"x": years, "y": frame["taakstelling"], "name": "Taakstelling"},
                hover(
                    [f"Taakstelling ultimo {y}" for y in years],
                    [f"{fmt.number(v, 2)} plekken" for v in frame["taakstelling"]],
                ),
            ),
            mode="markers+lines",
            marker={"symbol": "line-ew-open", "size": 28, "line": {"width": 3}},
            line={"color": COLORS["taakstelling"], "width": 1, "dash": "dot"},
        )
    )
    fig.update_yaxes(rangemode="tozero")
    return style(fig, f"{label} per jaar tegen de taakstelling", "Jaar", f"Aantal ({unit})")


def instroom_uitstroom(frame: pd.DataFrame) -> go.Figure:
    """Instroom up and uitstroom down per month. `frame`: maand, instroom, uitstroom."""
    months = pd.to_datetime(frame["maand"])
    labels = [f"{m:%m-%Y}" for m in months]
    fig = go.Figure()
    for column, sign, name in (("instroom", 1, "Instroom"), ("uitstroom", -1, "Uitstroom")):
        fig.add_trace(
            go.Bar(
                **_trace_hover(
                    {"x": months, "y": sign * frame[column], "name": f"{name} (personen)"},
                    hover(
                        [f"{name} {m}" for m in labels],
                        [f"{fmt.number(v)} personen" for v in frame[column]],
                    ),
                ),
                marker_color=COLORS[column],
            )
        )
    fig.update_layout(barmode="relative")
    fig.update_xaxes(tickformat="%m-%Y")
    return style(
        fig,
        "Instroom en uitstroom beschut werk per maand",
        "Maand",
        "Personen (uitstroom negatief)",
    )


def horizontal_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    value_title: str,
    value_format: Callable[[float], str] = fmt.number,
    keep_order: bool = False,
) -> go.Figure:
    """A horizontal bar chart, one bar per category: ranked, or in the frame's order
    (top to bottom) when `keep_order`."""
    ordered = frame.iloc[::-1] if keep_order else frame.sort_values(value)
    fig = go.Figure(
        go.Bar(
            **_trace_hover(
                {
                    "x": ordered[value],
                    "y": [plain(c) for c in ordered[category]],
                    "orientation": "h",
                },
                hover(list(ordered[category]), [value_format(v) for v in ordered[value]]),
            ),
            marker_color=COLORS["realisatie"],
        )
    )
    fig.update_layout(height=max(300, 60 + 32 * len(ordered)))
    fig.update_xaxes(**WHOLE_NUMBERS)
    return style(fig, title, value_title, "")


def begroting_tegen_uitgaven(frame: pd.DataFrame, category: str, title: str) -> go.Figure:
    """Grouped bars of begroting and uitgaven per category (a year or a post)."""
    keys = frame[category].astype(str)
    fig = go.Figure()
    for column, name in (("begroting", "Begroting"), ("uitgaven", "Uitgaven")):
        fig.add_trace(
            go.Bar(
                **_trace_hover(
                    {"x": [plain(k) for k in keys], "y": frame[column], "name": f"{name} (€)"},
                    hover([f"{name} {k}" for k in keys], [fmt.euro(v) for v in frame[column]]),
                ),
                marker_color=COLORS[column],
            )
        )
    fig.update_layout(barmode="group")
    euro_axis(fig)
    return style(fig, title, category.capitalize(), "Euro")


def cumulatief_tegen_budgetpad(frame: pd.DataFrame, jaar: int) -> go.Figure:
    """Cumulative uitgaven per month against an even spread of the begroting.

    `frame`: maand, uitgaven_cumulatief, budgetpad.
    """
    months = pd.to_datetime(frame["maand"])
    labels = [f"{m:%m-%Y}" for m in months]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            **_trace_hover(
                {"x": months, "y": frame["budgetpad"], "name": "Begroting, gelijk verdeeld"},
                hover(
                    [f"Budgetpad t/m {m}" for m in labels],
                    [fmt.euro(v) for v in frame["budgetpad"]],
                ),
            ),
            mode="lines",
            line={"color": COLORS["taakstelling"], "dash": "dash"},
        )
    )
    actual = frame.dropna(subset=["uitgaven_cumulatief"])
    fig.add_trace(
        go.Scatter(
            **_trace_hover(
                {
                    "x": pd.to_datetime(actual["maand"]),
                    "y": actual["uitgaven_cumulatief"],
                    "name": "Uitgaven, cumulatief",
                },
                hover(
                    [f"Uitgaven t/m {m:%m-%Y}" for m in pd.to_datetime(actual["maand"])],
                    [fmt.euro(v) for v in actual["uitgaven_cumulatief"]],
                ),
            ),
            mode="lines+markers",
            line={"color": COLORS["uitgaven"], "width": 3},
        )
    )
    fig.update_xaxes(tickformat="%m-%Y")
    euro_axis(fig)
    return style(fig, f"Uitgaven {jaar} cumulatief tegen het budgetpad", "Maand", "Euro")


def per_jaar_bars(frame: pd.DataFrame, column: str, title: str, unit_format) -> go.Figure:
    """One bar per year of a single figure (e.g. kosten per plek)."""
    years = frame["jaar"].astype(str)
    fig = go.Figure(
        go.Bar(
            **_trace_hover(
                {"x": years, "y": frame[column]},
                hover([f"{title} {y}" for y in years], [unit_format(v) for v in frame[column]]),
            ),
            marker_color=COLORS["realisatie"],
        )
    )
    euro_axis(fig)
    fig.update_layout(height=360)
    return style(fig, title, "Jaar", "Euro")


TRECHTER_COLORS = {
    "Gestart": COLORS["neutraal"],
    "Advies aangevraagd": COLORS["realisatie"],
    "Positief": COLORS["instroom"],
    "Negatief": COLORS["uitstroom"],
    "In behandeling": "#9a6a00",
    "Beschut werk": COLORS["instroom"],
}


def _transparent(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def trechter(
    links: pd.DataFrame, title: str, value: str = "trajecten", noun: str = "trajecten"
) -> go.Figure:
    """A Sankey diagram of trajecten flowing through the stages of the voorschakeltraject
    (or of another count, `value`, of `noun`).

    `links`: van, naar, trajecten; one row per link, in the order to draw. A node's
    count is the larger of what flows in and what flows out.
    """
    knopen = list(dict.fromkeys([*links["van"], *links["naar"]]))
    inflow = links.groupby("naar")[value].sum()
    outflow = links.groupby("van")[value].sum()
    totals = [max(inflow.get(k, 0), outflow.get(k, 0)) for k in knopen]
    index = {k: i for i, k in enumerate(knopen)}
    colors = [TRECHTER_COLORS.get(k, COLORS["begroting"]) for k in knopen]
    node = _trace_hover(
        {
            "label": [f"{k} ({fmt.number(n)})" for k, n in zip(knopen, totals, strict=True)],
            "color": colors,
            "pad": 18,
            "thickness": 18,
        },
        hover(knopen, [f"Aantal {noun}: {fmt.number(n)}" for n in totals]),
    )
    link = _trace_hover(
        {
            "source": [index[v] for v in links["van"]],
            "target": [index[n] for n in links["naar"]],
            "value": [int(n) for n in links[value]],
            "color": [_transparent(colors[index[n]], 0.35) for n in links["naar"]],
        },
        hover(
            [f"{v} → {n}" for v, n in zip(links["van"], links["naar"], strict=True)],
            [f"Aantal {noun}: {fmt.number(n)}" for n in links[value]],
        ),
    )
    fig = go.Figure(go.Sankey(node=node, link=link, arrangement="snap"))
    fig.update_layout(height=540)
    style(fig, title, "", "")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def doorlooptijden(frame: pd.DataFrame, title: str) -> go.Figure:
    """The median of each doorlooptijd as a bar, its middle half (P25–P75) as a whisker.

    `frame`: doorlooptijd, trajecten, kortste_dagen, p25_dagen, mediaan_dagen,
    p75_dagen, langste_dagen; rows without measurements are left out.
    """
    measured = frame[frame["trajecten"] > 0].iloc[::-1]  # first row on top
    texts = [
        f"mediaan {fmt.number(row.mediaan_dagen, 1)} dagen<br>"
        f"P25–P75: {fmt.number(row.p25_dagen, 1)} – {fmt.number(row.p75_dagen, 1)} dagen<br>"
        f"kortste {fmt.number(row.kortste_dagen)}, langste {fmt.number(row.langste_dagen)} "
        f"dagen<br>aantal trajecten: {fmt.number(row.trajecten)}"
        for row in measured.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            **_trace_hover(
                {
                    "x": measured["mediaan_dagen"],
                    "y": measured["doorlooptijd"],
                    "orientation": "h",
                    "name": "Mediaan (dagen)",
                },
                hover(list(measured["doorlooptijd"]), texts),
            ),
            error_x={
                "type": "data",
                "symmetric": False,
                "array": measured["p75_dagen"] - measured["mediaan_dagen"],
                "arrayminus": measured["mediaan_dagen"] - measured["p25_dagen"],
                "thickness": 2,
                "width": 10,
                "color": COLORS["taakstelling"],
            },
            text=[f"{fmt.number(v, 1)} dagen" for v in measured["mediaan_dagen"]],
            textposition="inside",
            insidetextanchor="start",
            marker_color=COLORS["realisatie"],
        )
    )
    fig.update_xaxes(rangemode="tozero")
    fig.update_layout(height=max(260, 120 + 70 * len(measured)))
    return style(fig, title, "Dagen (balk: mediaan; streep: P25–P75)", "")


def bars_in_order(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    category_title: str,
    value_title: str,
    count_label: str,
) -> go.Figure:
    """One vertical bar per category, in the frame's order (e.g. bands of a duration)."""
    fig = go.Figure(
        go.Bar(
            **_trace_hover(
                {"x": frame[category], "y": frame[value]},
                hover(
                    list(frame[category]), [f"{count_label}: {fmt.number(v)}" for v in frame[value]]
                ),
            ),
            text=[fmt.number(v) for v in frame[value]],
            textposition="outside",
            marker_color=COLORS["realisatie"],
        )
    )
    fig.update_yaxes(rangemode="tozero", dtick=1 if frame[value].max() <= 5 else None)
    fig.update_layout(height=360)
    return style(fig, title, category_title, value_title)


def taakstelling_ultimo(quota: pd.DataFrame) -> go.Scatter:
    """The taakstelling as a marker on 31 December of each year, with its source
    (geladen, doorgetrokken, ingevoerd) in the hover. `quota`: jaar, taakstelling, bron."""
    known = quota.dropna(subset=["taakstelling"])
    years = [int(j) for j in known["jaar"]]
    return go.Scatter(
        **_trace_hover(
            {
                "x": [pd.Timestamp(j, 12, 31) for j in years],
                "y": known["taakstelling"],
                "name": "Taakstelling ultimo jaar",
            },
            hover(
                [
                    f"Taakstelling ultimo {j} ({b})"
                    for j, b in zip(years, known["bron"], strict=True)
                ],
                [f"{fmt.number(v, 2)} plekken" for v in known["taakstelling"]],
            ),
        ),
        mode="markers",
        marker={"color": COLORS["taakstelling"], "size": 12, "symbol": "diamond"},
    )


def prognose_waaier(
    history: pd.DataFrame, fan: pd.DataFrame, quota: pd.DataFrame, title: str
) -> go.Figure:
    """Realisatie so far, then the expected stock with its 80% band, against the
    taakstelling per year-end. `history`: dag, realisatie; `fan`: maand, verwacht,
    p10, p90; `quota`: jaar, taakstelling, bron."""
    months = pd.to_datetime(fan["maand"])
    labels = [f"{m:%m-%Y}" for m in months]
    band = [
        f"80%-band {m}<br>{fmt.number(lo)} tot {fmt.number(hi)} personen"
        for m, lo, hi in zip(labels, fan["p10"], fan["p90"], strict=True)
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=months,
            y=fan["p90"],
            mode="lines",
            line={"width": 0},
            showlegend=False,
            customdata=band,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=months,
            y=fan["p10"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(31, 95, 139, 0.18)",
            name="80%-band",
            customdata=band,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            **_trace_hover(
                {"x": months, "y": fan["verwacht"], "name": "Verwacht (gemiddelde)"},
                hover(
                    [f"Verwacht {m}" for m in labels],
                    [f"{fmt.number(v, 1)} personen" for v in fan["verwacht"]],
                ),
            ),
            mode="lines",
            line={"color": COLORS["realisatie"], "width": 2, "dash": "dot"},
        )
    )
    if not history.empty:
        fig.add_trace(
            go.Scatter(
                **_trace_hover(
                    {
                        "x": pd.to_datetime(history["dag"]),
                        "y": history["realisatie"],
                        "name": "Realisatie (personen)",
                    },
                    hover(
                        [f"Realisatie op {d}" for d in month_label(history["dag"])],
                        [f"{fmt.number(v)} personen" for v in history["realisatie"]],
                    ),
                ),
                mode="lines",
                line={"color": COLORS["realisatie"], "width": 3},
            )
        )
    fig.add_trace(taakstelling_ultimo(quota))
    first = (
        min(pd.to_datetime(history["dag"]).min(), months.min())
        if not history.empty
        else (months.min())
    )
    year_end_axis(fig, first.year, months.max().year)
    fig.update_yaxes(rangemode="tozero")
    return style(fig, title, "Stand op de laatste dag van de maand", "Personen / plekken")


def kosten_tegen_begroting(frame: pd.DataFrame) -> go.Figure:
    """Projected cost per year against the begroting (loaded or assumed).
    `frame`: jaar, kosten, begroting, begroting_bron."""
    years = frame["jaar"].astype(str)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            **_trace_hover(
                {"x": years, "y": frame["begroting"], "name": "Begroting (€)"},
                hover(
                    [
                        f"Begroting {y} ({b})"
                        for y, b in zip(years, frame["begroting_bron"], strict=True)
                    ],
                    [fmt.euro(v, cents=False) for v in frame["begroting"]],
                ),
            ),
            marker_color=COLORS["begroting"],
        )
    )
    fig.add_trace(
        go.Bar(
            **_trace_hover(
                {"x": years, "y": frame["kosten"], "name": "Verwachte kosten (€)"},
                hover(
                    [f"Verwachte kosten {y}" for y in years],
                    [fmt.euro(v, cents=False) for v in frame["kosten"]],
                ),
            ),
            marker_color=COLORS["uitgaven"],
        )
    )
    fig.update_layout(barmode="group")
    euro_axis(fig)
    return style(fig, "Verwachte kosten per jaar tegen de begroting", "Jaar", "Euro")


def scenarios_vergelijken(frames: dict[str, pd.DataFrame], quota: pd.DataFrame) -> go.Figure:
    """The expected stock per month of several scenarios on one chart."""
    fig = go.Figure()
    for name, fan in frames.items():
        months = pd.to_datetime(fan["maand"])
        fig.add_trace(
            go.Scatter(
                **_trace_hover(
                    {"x": months, "y": fan["verwacht"], "name": plain(name)},
                    hover(
                        [f"{name}, {m:%m-%Y}" for m in months],
                        [f"{fmt.number(v, 1)} personen verwacht" for v in fan["verwacht"]],
                    ),
                ),
                mode="lines",
                line={"width": 3 if name == "Basis" else 2},
            )
        )
    fig.add_trace(taakstelling_ultimo(quota))
    all_months = pd.concat([pd.to_datetime(f["maand"]) for f in frames.values()])
    year_end_axis(fig, all_months.min().year, all_months.max().year)
    fig.update_yaxes(rangemode="tozero")
    return style(
        fig,
        "Scenario's vergeleken: verwachte realisatie",
        "Stand ultimo maand",
        "Personen (verwacht)",
    )


def suppressed_band(fig: go.Figure, threshold: int) -> go.Figure:
    """Mark the counts under `threshold` that an exported chart does not draw."""
    fig.add_hrect(
        y0=0,
        y1=threshold,
        fillcolor="rgba(107, 123, 140, 0.15)",
        line_width=0,
        layer="below",
        annotation_text=f"aantallen onder {threshold}: niet getoond",
        annotation_position="top left",
        annotation_font={"size": 12, "color": COLORS["tekst"]},
    )
    fig.update_yaxes(rangemode="tozero")
    return fig


@dataclass(frozen=True)
class Lijn:
    """A vertical reference line on a comparison: the region total, or 100%."""

    value: float
    label: str  # legend and hover text, e.g. "Regio: 105,3%"
    color: str


def gemeenten_naast_elkaar(
    frame: pd.DataFrame,
    value: str,
    title: str,
    subtitle: str,
    value_title: str,
    value_format: Callable[[float], str],
    highlight: str | None = None,
    lines: Sequence[Lijn] = (),
    details: Sequence[str] | None = None,
    ticks: dict | None = None,
) -> go.Figure:
    """One horizontal bar per gemeente, highest on top; the highlighted gemeente in the
    house colour and the others muted; reference lines (the region total, 100%).

    `frame`: gemeente, gemeentenaam and the `value` column (rows without a value are
    left out). `details`: an extra hover line per row of `frame`. `ticks`: Plotly
    settings for the value axis (prefix, suffix, format).
    """
    shown = frame.assign(_detail=list(details) if details is not None else "")
    shown = shown.dropna(subset=[value]).sort_values(value)
    chosen = shown["gemeente"] == highlight
    names = [
        f"<b>{plain(name)}</b>" if hit else plain(name)
        for name, hit in zip(shown["gemeentenaam"], chosen, strict=True)
    ]
    colors = [
        COLORS["realisatie"] if hit or highlight is None else COLORS["begroting"] for hit in chosen
    ]
    texts = [
        f"{plain(name)}<br>{value_format(v)}" + (f"<br>{plain(d)}" if d else "")
        for name, v, d in zip(shown["gemeentenaam"], shown[value], shown["_detail"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            **_trace_hover({"x": shown[value], "y": names, "orientation": "h"}, texts),
            marker_color=colors,
            text=[value_format(v) for v in shown[value]],
            textposition="auto",
            insidetextanchor="start",  # clear of the reference lines near the bar ends
            showlegend=False,
        )
    )
    for line in lines:  # full height on a hidden 0..1 axis, so it has a legend entry
        fig.add_trace(
            go.Scatter(
                x=[line.value, line.value],
                y=[0, 1],
                yaxis="y2",
                mode="lines",
                name=plain(line.label),
                line={"color": line.color, "dash": "dash", "width": 2},
                customdata=[plain(line.label)] * 2,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_layout(
        yaxis2={"overlaying": "y", "range": [0, 1], "visible": False},
        height=max(320, 170 + 42 * len(shown)),
    )
    fig.update_xaxes(rangemode="tozero", **WHOLE_NUMBERS, **(ticks or {}))
    style(fig, title, value_title, "")
    fig.update_layout(
        title_subtitle_text=subtitle,
        legend={"y": 1.0, "yanchor": "bottom"},
        margin={"t": 110},
    )
    return fig


# Beschut werk in the house colour, the other instruments muted (the contract's order).
INSTRUMENT_COLORS = (
    COLORS["realisatie"],
    "#b35900",
    "#2e7d32",
    "#8e44ad",
    "#7a6440",
    "#00798c",
    "#827717",  # olive: apart from the orange of loonkostensubsidie
    "#6e6e6e",
    "#ad1457",
)


def instrumenten_per_jaar(frame: pd.DataFrame, title: str) -> go.Figure:
    """Stacked bars of the persons per instrument per year, beschut werk at the bottom.

    `frame`: jaar, instrument, personen; the instruments in the order to stack.
    """
    fig = go.Figure()
    for index, (name, rows) in enumerate(frame.groupby("instrument", sort=False)):
        years = rows["jaar"].astype(str)
        fig.add_trace(
            go.Bar(
                **_trace_hover(
                    {"x": years, "y": rows["personen"], "name": plain(name)},
                    hover(
                        [f"{name} {y}" for y in years],
                        [f"{fmt.number(v)} personen" for v in rows["personen"]],
                    ),
                ),
                marker_color=INSTRUMENT_COLORS[index % len(INSTRUMENT_COLORS)],
            )
        )
    fig.update_layout(barmode="stack", height=480)
    fig.update_yaxes(rangemode="tozero")
    return style(
        fig,
        title,
        "Jaar (stand op 31 december; het laatste jaar op de peildatum)",
        "Aantal (personen)",
    )


def aandeel_per_jaar(frame: pd.DataFrame, column: str, title: str, first_year: int) -> go.Figure:
    """A figure in percent per year as a line, the years before `first_year` shaded.

    `frame`: jaar and `column` (in percent; empty where there is nothing to divide by).
    """
    years = [str(j) for j in frame["jaar"]]
    fig = go.Figure(
        go.Scatter(
            **_trace_hover(
                {"x": years, "y": frame[column], "name": "Aandeel beschut werk (%)"},
                hover(
                    [f"Aandeel beschut werk {y}" for y in years],
                    [fmt.percentage(v) for v in frame[column]],
                ),
            ),
            mode="lines+markers",
            line={"color": COLORS["realisatie"], "width": 3},
        )
    )
    before = [y for y in frame["jaar"] if y < first_year]
    if before:
        fig.add_vrect(
            x0=-0.5,
            x1=len(before) - 0.5,
            fillcolor="rgba(107, 123, 140, 0.12)",
            line_width=0,
            layer="below",
            annotation_text=f"tot {first_year}: taakstelling ook met andere instrumenten ingevuld",
            annotation_position="top left",
            annotation_font={"size": 12, "color": COLORS["tekst"]},
        )
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    fig.update_layout(height=380)
    return style(fig, title, "Jaar", "Aandeel (% van de personen met een plaatsing)")


def route_naar_beschut_werk(route: pd.DataFrame, title: str, goal: str) -> go.Figure:
    """The route into beschut werk as a Sankey: the instrument before → with or without a
    voorschakeltraject → `goal`. `route`: herkomst, personen, via_voorschakeltraject."""
    via, zonder = "Via een voorschakeltraject", "Zonder voorschakeltraject"
    rows = []
    for row in route.itertuples():
        rows.append((row.herkomst, via, row.via_voorschakeltraject))
        rows.append((row.herkomst, zonder, row.personen - row.via_voorschakeltraject))
    rows.append((via, goal, route["via_voorschakeltraject"].sum()))
    rows.append((zonder, goal, route["personen"].sum() - route["via_voorschakeltraject"].sum()))
    links = pd.DataFrame(rows, columns=["van", "naar", "personen"])
    return trechter(links[links["personen"] > 0], title, value="personen", noun="personen")


def reservering(frame: pd.DataFrame, title: str) -> go.Figure:
    """Reserved, spent and (later years) the expected cost of the taakstelling as bars per
    year, and the cumulative reserved minus spent as a line.

    `frame`: jaar, begroting, uitgaven, kosten_model, kosten_geladen, cumulatief_verschil.
    """
    years = frame["jaar"].astype(str)
    fig = go.Figure()
    bars = (
        ("begroting", "Gereserveerd", COLORS["begroting"]),
        ("uitgaven", "Uitgegeven", COLORS["uitgaven"]),
        ("kosten_geladen", "Verwachte kosten (geladen kosten)", "#e0a458"),
        ("kosten_model", "Verwachte kosten (kostenmodel)", "#d08c60"),
    )
    for column, name, color in bars:
        values = pd.to_numeric(frame[column], errors="coerce")
        if values.isna().all():
            continue
        fig.add_trace(
            go.Bar(
                **_trace_hover(
                    {"x": years, "y": values, "name": f"{name} (€)"},
                    hover([f"{name} {y}" for y in years], [fmt.euro(v) for v in values]),
                ),
                marker_color=color,
            )
        )
    cumulative = pd.to_numeric(frame["cumulatief_verschil"], errors="coerce")
    if not cumulative.isna().all():
        fig.add_trace(
            go.Scatter(
                **_trace_hover(
                    {"x": years, "y": cumulative, "name": "Cumulatief gereserveerd min uitgegeven"},
                    hover(
                        [f"Cumulatief gereserveerd min uitgegeven t/m {y}" for y in years],
                        [fmt.euro(v) for v in cumulative],
                    ),
                ),
                mode="lines+markers",
                line={"color": COLORS["taakstelling"], "width": 3},
            )
        )
    fig.update_layout(barmode="group", height=460)
    fig.update_yaxes(tickformat=",.0f", tickprefix="€ ")
    style(fig, title, "Jaar", "Euro")
    fig.update_layout(margin={"t": 140})  # room for the legend's two rows under the title
    return fig


def horizon_warning(fig: go.Figure, vanaf: dt.date, tot: dt.date) -> go.Figure:
    """Shade the months from `vanaf` to `tot` where the forecast is less sure, with the
    warning written on the chart (the backtest's errors grow with the horizon)."""
    fig.add_vrect(
        x0=pd.Timestamp(vanaf),
        x1=pd.Timestamp(tot),
        fillcolor="rgba(107, 123, 140, 0.10)",
        line_width=0,
        layer="below",
        annotation={
            "text": "Meer dan 12 maanden vooruit:<br>onzekerder, de band wordt breder",
            "font": {"color": COLORS["tekst"], "size": 12},
            "align": "left",
        },
        annotation_position="top left",
    )
    return fig
