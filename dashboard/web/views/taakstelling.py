"""Taakstelling: realisatie per year in each telwijze, flows, and the current stock."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.exports import charts
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.web import ui

FLOWS_FROM = catalogue.FIRST_DAY
TELWIJZEN = {  # the telwijzen of the data contract, by their figure in the catalogue
    "Ultimo (personen op de peildatum)": "realisatie_ultimo",
    "Gemiddeld over het jaar (personen)": "realisatie_gemiddeld",
    "Fte (uren ÷ 36)": "fte_ultimo",
}
TABLE = catalogue.columns(
    "jaar",
    "peildatum",
    "taakstelling",
    "realisatie_ultimo",
    "realisatie_gemiddeld",
    "fte_ultimo",
    "percentage_ultimo",
)
FLOWS = catalogue.columns("maand", "instroom", "uitstroom")
WERKGEVERS = catalogue.columns("werkgever", "werkgevers", "personen")
UREN = catalogue.columns("urenklasse", "plaatsingen")


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
    figure = catalogue.figure(TELWIJZEN[choice])
    label = figure.title(jaar="het jaar", peildatum="31 december")
    ui.chart(
        charts.realisatie_per_jaar(frame, figure.key, figure.unit, label),
        frame,
        catalogue.columns("jaar", figure.key, "taakstelling"),
        f"Staafgrafiek: {label.lower()} per jaar, met de taakstelling als lijn.",
    )
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
    ui.chart(
        charts.instroom_uitstroom(frame),
        frame,
        FLOWS,
        "Staafgrafiek: per maand het aantal personen dat instroomt en dat uitstroomt.",
    )
    st.caption(
        f"Sinds januari 2024: {fmt.number(frame['instroom'].sum())} personen ingestroomd, "
        f"{fmt.number(frame['uitstroom'].sum())} uitgestroomd. "
        f"{catalogue.figure('instroom').definition} {catalogue.figure('uitstroom').definition}"
    )
    ui.download_buttons(f"instroom_uitstroom_{chosen.jaar}", "Instroom en uitstroom", frame, FLOWS)


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
    ui.chart(
        charts.horizontal_bars(
            named if outweighs else werkgevers,
            "werkgever",
            "personen",
            f"Beschut werk per werkgever op {fmt.datum(chosen.peildatum)}",
            "Personen",
            catalogue.figure("personen").text,
            keep_order=True,
        ),
        werkgevers,
        WERKGEVERS,
        "Liggende staven: personen in beschut werk per werkgever op de peildatum.",
        place=left,
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
    ui.chart(
        charts.horizontal_bars(
            uren,
            "urenklasse",
            "plaatsingen",
            f"Beschut werk naar uren per week op {fmt.datum(chosen.peildatum)}",
            "Plaatsingen",
            catalogue.figure("plaatsingen").text,
            keep_order=True,
        ),
        uren,
        UREN,
        "Liggende staven: lopende plaatsingen naar uren per week op de peildatum.",
        place=right,
    )
    ui.download_buttons(
        f"werkgevers_{chosen.peildatum:%Y%m%d}", "Per werkgever", werkgevers, WERKGEVERS
    )
    ui.download_buttons(f"uren_{chosen.peildatum:%Y%m%d}", "Naar uren", uren, UREN)


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Taakstelling en realisatie", chosen)
    per_year(chosen)
    st.subheader("Instroom en uitstroom")
    flows(chosen)
    st.subheader("Bestand op de peildatum")
    stock(chosen)
