"""Voorschakeltraject: from traject to advies beschut werk to a dienstbetrekking.

For programme managers: how the year's trajecten flow through the advies to their
uitkomst, how long the steps take, and who still waits for a plek with a positief advies.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.exports import charts
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.web import ui

TRECHTER = catalogue.columns(
    "jaar",
    "peildatum",
    "gestart",
    "advies_aangevraagd",
    "positief",
    "negatief",
    "in_behandeling",
    "naar_beschut_werk",
    "percentage_advies_aangevraagd",
    "percentage_positief",
    "percentage_naar_beschut_werk",
)
PER_UITKOMST = catalogue.columns("label", "trajecten")
STROMEN = catalogue.columns("stap_van", "stap_naar", "trajecten")
DOORLOOPTIJDEN = catalogue.columns(
    "doorlooptijd",
    "van",
    "tot",
    "trajecten",
    "kortste_dagen",
    "p25_dagen",
    "mediaan_dagen",
    "p75_dagen",
    "langste_dagen",
)
WACHTEND = catalogue.columns(
    "peildatum", "wachtduur", "personen", "wachtend", "mediaan_wachtdagen", "langste_wachtdagen"
)


def _share(value: float, of_what: str) -> str | None:
    return None if pd.isna(value) else f"{fmt.percentage(value)} van {of_what}"


def _day(value: object) -> str:
    return fmt.datum(pd.Timestamp(value).date())


def trechter(chosen: ui.Selectie) -> None:
    """Tiles and Sankey of the trajecten started in the year up to the peildatum."""
    st.subheader(f"Van traject naar advies en uitkomst: trajecten gestart in {chosen.jaar}")
    totals = ui.query("trajecten_trechter_totalen", **chosen.params).iloc[0]
    if totals["gestart"] == 0:
        st.info(
            f"In {ui.md(chosen.label)} is in {chosen.jaar} tot en met "
            f"{fmt.datum(chosen.peildatum)} geen voorschakeltraject gestart."
        )
        return
    st.caption(
        f"Trajecten gestart van 01-01-{chosen.jaar} t/m {fmt.datum(chosen.peildatum)}; "
        f"advies en uitkomst zoals bekend in de gegevens t/m "
        f"{fmt.datum(chosen.data_tot_en_met)}."
    )
    row = st.columns(4)
    row[0].metric("Trajecten gestart", fmt.number(totals["gestart"]))
    row[1].metric(
        "Advies aangevraagd",
        fmt.number(totals["advies_aangevraagd"]),
        delta=_share(totals["percentage_advies_aangevraagd"], "de gestarte trajecten"),
        delta_color="off",
        delta_arrow="off",
    )
    row[2].metric(
        "Positief advies",
        fmt.number(totals["positief"]),
        delta=_share(totals["percentage_positief"], "de beslissingen"),
        delta_color="off",
        delta_arrow="off",
        help="Het aandeel positief van de adviezen waarop UWV al heeft beslist; "
        f"{fmt.number(totals['in_behandeling'])} aanvragen zijn nog in behandeling.",
    )
    row[3].metric(
        "Uitkomst beschut werk",
        fmt.number(totals["naar_beschut_werk"]),
        delta=_share(totals["percentage_naar_beschut_werk"], "de gestarte trajecten"),
        delta_color="off",
        delta_arrow="off",
    )
    links = ui.query("trajecten_trechter", **chosen.params)
    title = f"Trajecten gestart in {chosen.jaar}: advies en uitkomst (aantal trajecten)"
    ui.chart(
        charts.trechter(links, title),
        links.rename(columns={"van": "stap_van", "naar": "stap_naar"}),
        STROMEN,
        "Stroomdiagram (Sankey): hoeveel gestarte trajecten van elke stap naar de volgende "
        "gaan, tot hun uitkomst.",
    )
    if totals["advies_aangevraagd"] == 0:
        st.info("Voor geen van deze trajecten is al een advies beschut werk aangevraagd.")
    stem = f"{chosen.jaar}_{chosen.peildatum:%Y%m%d}"
    table = pd.DataFrame([totals]).assign(jaar=chosen.jaar, peildatum=chosen.peildatum)
    ui.download_buttons(f"trechter_{stem}", "Trechter", table, TRECHTER)
    uitkomsten = ui.query("trajecten_per_uitkomst", **chosen.params)
    ui.download_buttons(
        f"uitkomsten_{stem}", "Per uitkomst", uitkomsten, PER_UITKOMST, total_row=True
    )


def doorlooptijden(chosen: ui.Selectie) -> None:
    """Median and middle half of the days from start to advies and from advies to plek."""
    st.subheader("Doorlooptijden")
    frame = ui.query("trajecten_doorlooptijden", gemeenten=chosen.codes, peildatum=chosen.peildatum)
    period = f"{_day(frame['van'].iloc[0])} t/m {_day(frame['tot'].iloc[0])}"
    if frame["trajecten"].sum() == 0:
        st.info(
            f"In {ui.md(chosen.label)} is voor geen traject dat van {period} startte een "
            "advies beschut werk aangevraagd; er zijn dus geen doorlooptijden."
        )
        return
    st.caption(
        f"Trajecten gestart van {period} (drie jaar tot de peildatum). Van aanvraag tot "
        "plek: na een positief advies, tot de eerste plaatsing beschut werk van die persoon "
        "in dezelfde gemeente op of na de aanvraag; alleen wat tot en met de peildatum gebeurde."
    )
    row = st.columns(len(frame))
    for column, step in zip(row, frame.itertuples(), strict=True):
        column.metric(
            f"{step.doorlooptijd} (mediaan)",
            "–" if step.trajecten == 0 else f"{fmt.number(step.mediaan_dagen, 1)} dagen",
            delta=None
            if step.trajecten == 0
            else f"P25–P75: {fmt.number(step.p25_dagen, 1)} – {fmt.number(step.p75_dagen, 1)} "
            f"dagen · n = {fmt.number(step.trajecten)}",
            delta_color="off",
            delta_arrow="off",
        )
    title = f"Doorlooptijden in dagen, trajecten gestart van {period}"
    ui.chart(
        charts.doorlooptijden(frame, title),
        frame,
        DOORLOOPTIJDEN,
        "Doorlooptijden in dagen per stap: de kortste, het middelste half (P25 tot P75), "
        "de mediaan en de langste.",
    )
    ui.download_buttons(
        f"doorlooptijden_{chosen.peildatum:%Y%m%d}", "Doorlooptijden", frame, DOORLOOPTIJDEN
    )


def wachtend(chosen: ui.Selectie) -> None:
    """How many people with a positief advies wait for a plek, and for how long."""
    st.subheader(f"Wachtend op een plek op {fmt.datum(chosen.peildatum)}")
    frame = ui.query("wachtend_op_plaatsing", gemeenten=chosen.codes, peildatum=chosen.peildatum)
    totals = frame.iloc[0]
    if totals["wachtend"] == 0:
        st.info(
            f"Op {fmt.datum(chosen.peildatum)} wacht in {ui.md(chosen.label)} niemand met een "
            "positief advies beschut werk op een plek."
        )
        return
    st.caption(
        "Personen met een positief advies beschut werk (aangevraagd op of vóór de peildatum, "
        "in welk jaar ook) die sinds de aanvraag nog geen plaatsing beschut werk in die "
        "gemeente hebben, en van wie het traject niet in ander werk, een ander instrument, "
        "dagbesteding of uitval is geëindigd. Wachttijd: dagen sinds de aanvraag."
    )
    row = st.columns(3)
    row[0].metric("Personen wachtend op een plek", fmt.number(totals["wachtend"]))
    row[1].metric("Mediane wachttijd", f"{fmt.number(totals['mediaan_wachtdagen'], 1)} dagen")
    row[2].metric("Langste wachttijd", f"{fmt.number(totals['langste_wachtdagen'])} dagen")
    title = f"Wachtend met een positief advies op {fmt.datum(chosen.peildatum)}, naar wachttijd"
    ui.chart(
        charts.bars_in_order(
            frame,
            "wachtduur",
            "personen",
            title,
            "Wachttijd sinds de aanvraag van het advies",
            "Aantal (personen)",
            "Aantal personen",
        ),
        frame,
        catalogue.columns("wachtduur", "personen"),
        "Staafgrafiek: personen met een positief advies die op een plek wachten, naar wachttijd.",
    )
    table = frame.assign(peildatum=chosen.peildatum)
    ui.download_buttons(f"wachtend_{chosen.peildatum:%Y%m%d}", "Wachtend", table, WACHTEND)


def render(chosen: ui.Selectie | None) -> None:
    if chosen is None:
        st.info("Nog geen gegevens om te tonen; laad eerst de bestanden van de gemeente.")
        return
    ui.page_header("Voorschakeltraject", chosen)
    trechter(chosen)
    doorlooptijden(chosen)
    wachtend(chosen)
