"""Taakstelling: realisatie per year in each telwijze, flows, and the current stock."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, ui
from dashboard import formatting as fmt
from dashboard.exports import ExportColumn

FLOWS_FROM = dt.date(2024, 1, 1)
TELWIJZEN = {
    "Ultimo (personen op de peildatum)": ("realisatie_ultimo", "personen", "Realisatie ultimo"),
    "Gemiddeld over het jaar (personen)": (
        "realisatie_gemiddeld",
        "personen",
        "Realisatie gemiddeld",
    ),
    "Fte (uren ÷ 36)": ("fte_ultimo", "fte", "Fte ultimo"),
}
TABLE = [
    ExportColumn("jaar", "Jaar", "year"),
    ExportColumn("peildatum", "Peildatum", "date"),
    ExportColumn("taakstelling", "Taakstelling (plekken)", "decimal"),
    ExportColumn("realisatie_ultimo", "Realisatie ultimo (personen)", "int", persons=True),
    ExportColumn(
        "realisatie_gemiddeld", "Realisatie gemiddeld (personen)", "decimal", persons=True
    ),
    ExportColumn("fte_ultimo", "Fte ultimo", "decimal", reveals="realisatie_ultimo"),
    ExportColumn(
        "percentage_ultimo",
        "Realisatie ultimo als % van taakstelling",
        "percent",
        reveals="realisatie_ultimo",
    ),
]


def realisatie_per_jaar(chosen: ui.Selectie) -> pd.DataFrame:
    """Every year from the first up to the chosen one, the last on the peildatum.

    The years before the chosen one are counted on 31 December whatever the peildatum,
    so they are asked for apart: a new peildatum recounts only its own year.
    """
    first = ui.first_year(chosen.jaar)
    this_year = ui.query(
        "realisatie_per_jaar",
        gemeenten=chosen.codes,
        van_jaar=chosen.jaar,
        peildatum=chosen.peildatum,
    )
    if first >= chosen.jaar:
        return this_year
    before = ui.query(
        "realisatie_per_jaar",
        gemeenten=chosen.codes,
        van_jaar=first,
        peildatum=dt.date(chosen.jaar - 1, 12, 31),
    )
    return pd.concat([before, this_year], ignore_index=True)


def per_year(chosen: ui.Selectie) -> None:
    frame = realisatie_per_jaar(chosen)
    choice = st.radio("Telwijze", list(TELWIJZEN), horizontal=True, key="telwijze")
    column, unit, label = TELWIJZEN[choice]
    st.plotly_chart(charts.realisatie_per_jaar(frame, column, unit, label), width="stretch")
    if frame["taakstelling"].isna().any():
        missing = ", ".join(str(j) for j in frame.loc[frame["taakstelling"].isna(), "jaar"])
        st.caption(f"Geen taakstelling geladen voor: {missing}.")
    st.subheader("Realisatie per jaar")
    st.dataframe(ui.display_table(frame, TABLE), hide_index=True, width="stretch")
    ui.download_buttons(f"taakstelling_{chosen.jaar}", "Taakstelling", frame, TABLE)


def flows(chosen: ui.Selectie) -> None:
    if chosen.peildatum < FLOWS_FROM:
        st.info("Instroom en uitstroom worden getoond vanaf januari 2024.")
        return
    frame = ui.query(
        "instroom_uitstroom_per_maand",
        gemeenten=chosen.codes,
        van=FLOWS_FROM,
        tot=chosen.peildatum,
    )
    st.plotly_chart(charts.instroom_uitstroom(frame), width="stretch")
    st.caption(
        f"Sinds januari 2024: {fmt.number(frame['instroom'].sum())} personen ingestroomd, "
        f"{fmt.number(frame['uitstroom'].sum())} uitgestroomd. Eén persoon met aansluitende "
        "plaatsingen telt als één dienstverband; uitstroom telt in de maand van de eerste "
        "dag zonder dienstbetrekking."
    )


def stock(chosen: ui.Selectie) -> None:
    params = {"gemeenten": chosen.codes, "peildatum": chosen.peildatum}
    werkgevers = ui.query("bestand_per_werkgever", **params)
    if werkgevers.empty:
        st.info(
            f"Op {fmt.datum(chosen.peildatum)} zijn er geen beschutte dienstbetrekkingen "
            f"bij {ui.md(chosen.label)}; er is dus geen verdeling naar werkgever of uren."
        )
        return
    # The other werkgevers together ('Overige werkgevers') can outweigh the largest one
    # many times over (a region, the whole country): then they stay out of the chart,
    # which would show fifteen slivers, and the caption gives their number.
    named = werkgevers[werkgevers["werkgevers"] == 1]
    others = werkgevers[werkgevers["werkgevers"] > 1]
    outweighs = not others.empty and others["personen"].iloc[0] > named["personen"].max()
    left, right = st.columns(2)
    left.plotly_chart(
        charts.horizontal_bars(
            named if outweighs else werkgevers,
            "werkgever",
            "personen",
            f"Beschut werk per werkgever op {fmt.datum(chosen.peildatum)}",
            "Personen",
            lambda v: f"{fmt.number(v)} personen",
            keep_order=True,
        ),
        width="stretch",
    )
    if not others.empty:
        count, persons = others["werkgevers"].iloc[0], others["personen"].iloc[0]
        left.caption(
            f"De vijftien grootste werkgevers; de andere {fmt.number(count)} werkgevers "
            f"hebben samen {fmt.number(persons)} personen"
            + (" (niet in de grafiek, anders worden de vijftien balken onleesbaar klein)."
               if outweighs else " ('Overige werkgevers').")
        )  # fmt: skip
    uren = ui.query("bestand_per_urenklasse", **params)
    right.plotly_chart(
        charts.horizontal_bars(
            uren,
            "urenklasse",
            "plaatsingen",
            f"Beschut werk naar uren per week op {fmt.datum(chosen.peildatum)}",
            "Plaatsingen",
            lambda v: f"{fmt.number(v)} plaatsingen",
            keep_order=True,
        ),
        width="stretch",
    )


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Taakstelling en realisatie", chosen)
    per_year(chosen)
    st.subheader("Instroom en uitstroom")
    flows(chosen)
    st.subheader("Bestand op de peildatum")
    stock(chosen)
