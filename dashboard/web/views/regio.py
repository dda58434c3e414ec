"""Regio: the gemeenten in the database side by side, and their total.

For the regional manager and the controllers of the gemeenten in an arbeidsmarktregio:
realisatie as % of the taakstelling, cost per plek and instroom per 10.000 inwoners
(when the gemeenten file gives inwoners). One gemeente can be highlighted against the
others. Every gemeente in the database that the user may see (access.py) is shown,
whatever the sidebar chose; jaar and peildatum come from the sidebar.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.exports import charts
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.web import access, ui

COLUMNS = catalogue.columns(
    "naam",
    "arbeidsmarktregio",
    "inwoners",
    "taakstelling",
    "realisatie_ultimo",
    "percentage_ultimo",
    "kosten_per_plek_jaarbasis",
    "instroom",
    "instroom_per_10000",
)
NONE = "(geen)"


def region_name(total: pd.Series) -> str:
    """ "Zuid-Limburg" when every gemeente has that arbeidsmarktregio, else "Regio"."""
    regio = total["arbeidsmarktregio"]
    return "Regio" if pd.isna(regio) else str(regio)


def highlighted(gemeenten: pd.DataFrame, chosen: ui.Selectie) -> str | None:
    """The gemeente to highlight: the user's pick; at first the sidebar's one gemeente."""
    names = dict(zip(gemeenten["gemeente"], gemeenten["gemeentenaam"], strict=True))
    options = [NONE, *names]
    start = chosen.gemeenten[0] if len(chosen.gemeenten) == 1 else NONE
    picked = st.columns(3)[0].selectbox(
        "Gemeente uitlichten",
        options,
        index=options.index(start) if start in options else 0,
        format_func=lambda code: code if code == NONE else f"{names[code]} ({code})",
        key=f"regio_uitlichten_{start}",  # a new sidebar choice starts from that gemeente
        help="Eén gemeente krijgt de kleur; de andere worden grijs. De tegels tonen dan "
        "die gemeente met het verschil met het regiototaal.",
    )
    return None if picked == NONE else picked


def _difference(value: float, total: float, unit: str, decimals: int) -> str | None:
    if pd.isna(value) or pd.isna(total):
        return None
    sign = "+" if value >= total else ""
    amount = f"{sign}{fmt.number(value - total, decimals)} {unit}".strip()
    return f"{amount} t.o.v. de regio"


def tiles(row: pd.Series, total: pd.Series, who: str, compare: bool) -> None:
    """Three tiles: the highlighted gemeente against the total, or the total itself."""
    st.markdown(f"**{ui.md(who)}**")
    cells = st.columns(3)
    shown = {
        key: catalogue.figure(key)
        for key in ("percentage_ultimo", "kosten_per_plek_jaarbasis", "instroom_per_10000")
    }
    units = {"percentage_ultimo": "procentpunt", "kosten_per_plek_jaarbasis": "euro"}
    for cell, (key, figure) in zip(cells, shown.items(), strict=True):
        delta = (
            _difference(row[key], total[key], units.get(key, ""), figure.decimals)
            if compare
            else None
        )
        cell.metric(
            figure.label,
            figure.text(row[key], unit=False),
            delta=delta,
            delta_color="inverse" if key == "kosten_per_plek_jaarbasis" else "normal",
            help=figure.definition,
        )


def comparison_charts(
    gemeenten: pd.DataFrame, total: pd.Series, chosen: ui.Selectie, highlight: str | None
) -> None:
    regio = region_name(total)
    period = f"{chosen.jaar} t/m {fmt.datum(chosen.peildatum)}"
    details = [
        f"{fmt.number(r)} personen, taakstelling {fmt.number(t, 2)} plekken"
        for r, t in zip(gemeenten["realisatie_ultimo"], gemeenten["taakstelling"], strict=True)
    ]
    lines = [charts.Lijn(100, "Taakstelling (100%)", charts.COLORS["taakstelling"])]
    ui.chart(
        charts.gemeenten_naast_elkaar(
            gemeenten,
            "percentage_ultimo",
            "Realisatie als % van de taakstelling, per gemeente",
            f"Personen met beschut werk op {fmt.datum(chosen.peildatum)} tegen de "
            f"taakstelling ultimo {chosen.jaar}",
            "Realisatie (% van de taakstelling)",
            fmt.percentage,
            highlight,
            lines + _total_line(total, "percentage_ultimo", regio, fmt.percentage),
            details,
            {"ticksuffix": "%"},
        ),
        gemeenten,
        catalogue.columns("gemeentenaam", "realisatie_ultimo", "taakstelling", "percentage_ultimo"),
        "Liggende staven: per gemeente de realisatie als percentage van de taakstelling, "
        "met 100% en het totaal als lijn.",
    )
    left, right = st.columns(2)
    ui.chart(
        charts.gemeenten_naast_elkaar(
            gemeenten,
            "kosten_per_plek_jaarbasis",
            "Kosten per plek op jaarbasis",
            f"Uitgaven ÷ gemiddelde realisatie, {period}",
            "Euro per plek per jaar",
            _euro,
            highlight,
            _total_line(total, "kosten_per_plek_jaarbasis", regio, _euro),
            ticks={"tickprefix": "€ ", "tickformat": ",.0f"},
        ),
        gemeenten,
        catalogue.columns("gemeentenaam", "kosten_per_plek_jaarbasis"),
        "Liggende staven: per gemeente de kosten per plek op jaarbasis, met het totaal als lijn.",
        place=left,
    )
    if gemeenten["instroom_per_10000"].notna().any():
        ui.chart(
            charts.gemeenten_naast_elkaar(
                gemeenten,
                "instroom_per_10000",
                "Instroom per 10.000 inwoners",
                f"Nieuwe dienstverbanden beschut werk, {period}",
                "Instromers per 10.000 inwoners",
                _rate,
                highlight,
                _total_line(total, "instroom_per_10000", regio, _rate),
                [f"{fmt.number(i)} nieuwe dienstverbanden" for i in gemeenten["instroom"]],
            ),
            gemeenten,
            catalogue.columns("gemeentenaam", "instroom", "inwoners", "instroom_per_10000"),
            "Liggende staven: per gemeente de instroom per 10.000 inwoners, met het totaal "
            "als lijn.",
            place=right,
        )
    else:
        right.info(
            "Instroom per 10.000 inwoners: laad een bestand `gemeenten` met de kolommen "
            "code, naam, inwoners en arbeidsmarktregio (pagina Data)."
        )


def _euro(value: float) -> str:
    return fmt.euro(value, cents=False)


def _rate(value: float) -> str:
    return fmt.number(value, 2)


def _total_line(total: pd.Series, column: str, regio: str, write) -> list[charts.Lijn]:
    if pd.isna(total[column]):
        return []
    return [charts.Lijn(total[column], f"{regio}: {write(total[column])}", "#4d4d4d")]


def comparison_table(frame: pd.DataFrame, highlight: str | None) -> None:
    """The figures per gemeente and the total (bold, as the highlighted gemeente)."""
    regios = frame["arbeidsmarktregio"]
    # One arbeidsmarktregio for all is in the total's name; none at all says nothing.
    redundant = pd.notna(regios.iloc[-1]) or regios.isna().all()
    columns = [c for c in COLUMNS if not (redundant and c.key == "arbeidsmarktregio")]
    shown = ui.display_table(frame, columns)
    marked = list(frame["gemeente"] == highlight) if highlight else [False] * len(frame)
    marked[-1] = True  # the total row

    def emphasis(row: pd.Series) -> list[str]:
        return ["font-weight: bold"] * len(row) if marked[row.name] else [""] * len(row)

    st.dataframe(shown.style.apply(emphasis, axis=1), hide_index=True, width="stretch")


def render(chosen: ui.Selectie) -> None:
    frame = ui.query(
        "regio_vergelijking",
        gemeenten=access.region_codes(),  # the user's gemeenten only
        jaar=chosen.jaar,
        peildatum=chosen.peildatum,
    )
    gemeenten = frame[frame["soort"] == "gemeente"].reset_index(drop=True)
    total = frame[frame["soort"] == "totaal"].iloc[0]
    regio = region_name(total)
    st.title("Regio: gemeenten naast elkaar")
    st.caption(
        f"Alle {len(gemeenten)} gemeenten in de database waarvoor u bevoegd bent, los van "
        "de keuze in de zijbalk · "
        f"{chosen.jaar} · peildatum {fmt.datum(chosen.peildatum)}"
    )
    if len(gemeenten) < 2:
        st.info("Er is maar één gemeente geladen; laad de buurgemeenten om te vergelijken.")
    highlight = highlighted(gemeenten, chosen)
    row = gemeenten[gemeenten["gemeente"] == highlight]
    if row.empty:
        tiles(total, total, f"{regio}: {len(gemeenten)} gemeenten samen", compare=False)
    else:
        name = row.iloc[0]["gemeentenaam"]
        tiles(row.iloc[0], total, f"{name}, vergeleken met {regio} samen", compare=True)
    comparison_charts(gemeenten, total, chosen, highlight)
    table_frame = frame.assign(naam=[*gemeenten["gemeentenaam"], f"Totaal {regio}"])
    comparison_table(table_frame, highlight)
    st.caption(
        "Realisatie: personen met een actieve plaatsing beschut werk op de peildatum. "
        "Kosten per plek: uitgaven ÷ gemiddelde realisatie, omgerekend naar twaalf "
        "maanden. Instroom: nieuwe dienstverbanden beschut werk in het jaar t/m de "
        "peildatum. Het totaal telt de gemeenten op; het percentage telt alleen de "
        "gemeenten met een taakstelling, de instroom per 10.000 inwoners alleen de "
        "gemeenten met inwoners."
    )
    ui.download_buttons(
        f"regio_{chosen.jaar}", "Regio vergelijking", table_frame, COLUMNS, total_row=True
    )
