"""Instrumenten: beschut werk beside loonkostensubsidie, jobcoaching and the others.

For the raad: is beschut werk the last safety net here? Persons per instrument on the
peildatum and per year, the share of beschut werk over time (before 2024 the
taakstelling was also met with other instruments), and the route of the year's new
starters into beschut werk: which instrument came before, how long before, and whether
through a voorschakeltraject.
"""

from __future__ import annotations

import streamlit as st

from dashboard.exports import charts
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import FIRST_YEAR
from dashboard.web import ui

OP_PEILDATUM = catalogue.columns("instrument", "personen")
PER_INSTRUMENT_PER_JAAR = catalogue.columns("jaar", "peildatum", "instrument", "personen")
AANDEEL = catalogue.columns(
    "jaar",
    "peildatum",
    "personen_beschut_werk",
    "personen_ander_instrument",
    "personen_alle_instrumenten",
    "aandeel_beschut_werk",
)
ROUTE = catalogue.columns(
    "herkomst",
    "personen",
    "via_voorschakeltraject",
    "tegelijk_of_aansluitend",
    "binnen_een_jaar",
    "na_meer_dan_een_jaar",
    "mediaan_dagen_ertussen",
)


def years_params(chosen: ui.Selectie) -> dict[str, object]:
    first = ui.first_year(chosen.jaar)
    return {
        "gemeenten": chosen.codes,
        "van_jaar": min(first, chosen.jaar),
        "peildatum": chosen.peildatum,
    }


def op_peildatum(chosen: ui.Selectie, per_jaar, aandeel) -> None:
    """Tiles and bars of the persons per instrument on the peildatum."""
    day = fmt.datum(chosen.peildatum)
    st.subheader(f"Personen per instrument op {day}")
    now = aandeel.iloc[-1]
    tiles = st.columns(3)
    ui.metric(tiles[0], "personen_beschut_werk", now["personen_beschut_werk"], chosen)
    ui.metric(tiles[1], "personen_ander_instrument", now["personen_ander_instrument"], chosen)
    ui.metric(tiles[2], "aandeel_beschut_werk", now["aandeel_beschut_werk"], chosen)
    frame = per_jaar[per_jaar["jaar"] == chosen.jaar]
    ui.chart(
        charts.horizontal_bars(
            frame,
            "instrument",
            "personen",
            f"Personen per instrument op {day}",
            "Aantal (personen)",
            lambda v: f"{fmt.number(v)} personen",
            keep_order=True,
        ),
        frame,
        OP_PEILDATUM,
        f"Staafdiagram: het aantal personen per instrument op {day}.",
    )
    st.caption(
        "Een persoon telt in elk instrument waarin op de peildatum een plaatsing loopt; wie "
        "twee instrumenten tegelijk heeft (bijvoorbeeld beschut werk met jobcoaching), telt "
        "in beide. " + catalogue.figure("personen_beschut_werk").definition
    )
    left, _ = st.columns(2)
    left.dataframe(ui.display_table(frame, OP_PEILDATUM), hide_index=True, width="stretch")
    ui.download_buttons(
        f"instrumenten_{chosen.peildatum:%Y%m%d}", "Per instrument", frame, OP_PEILDATUM
    )


def over_de_jaren(chosen: ui.Selectie, per_jaar, aandeel) -> None:
    """Persons per instrument per year, and the share of beschut werk over time."""
    first = int(per_jaar["jaar"].min())
    st.subheader(f"Per jaar sinds {first}")
    ui.chart(
        charts.instrumenten_per_jaar(
            per_jaar, f"Personen per instrument per jaar, {first}–{chosen.jaar}"
        ),
        per_jaar,
        PER_INSTRUMENT_PER_JAAR,
        "Gestapelde staven: per jaar het aantal personen per instrument, beschut werk onderaan.",
    )
    ui.chart(
        charts.aandeel_per_jaar(
            aandeel,
            "aandeel_beschut_werk",
            "Aandeel beschut werk van alle personen met een plaatsing",
            FIRST_YEAR,
        ),
        aandeel,
        AANDEEL,
        f"Lijn: per jaar het aandeel beschut werk; de jaren voor {FIRST_YEAR} zijn gearceerd.",
    )
    st.caption(
        f"Tot {FIRST_YEAR} mochten gemeenten de taakstelling ook ‘alternatief’ invullen, met "
        "loonkostensubsidie, jobcoaching en andere instrumenten; vanaf "
        f"{FIRST_YEAR} telt alleen beschut werk. "
        + catalogue.figure("aandeel_beschut_werk").definition
    )
    st.dataframe(ui.display_table(aandeel, AANDEEL), hide_index=True, width="stretch")
    stem = f"{first}_{chosen.peildatum:%Y%m%d}"
    ui.download_buttons(f"aandeel_beschut_werk_{stem}", "Aandeel beschut werk", aandeel, AANDEEL)
    with st.expander("Alle instrumenten per jaar (tabel)"):
        st.dataframe(
            ui.display_table(per_jaar, PER_INSTRUMENT_PER_JAAR), hide_index=True, width="stretch"
        )
        ui.download_buttons(
            f"instrumenten_per_jaar_{stem}",
            "Instrumenten per jaar",
            per_jaar,
            PER_INSTRUMENT_PER_JAAR,
        )


def route(chosen: ui.Selectie) -> None:
    """Where the year's new starters in beschut werk came from."""
    st.subheader(f"De route naar beschut werk: gestart in {chosen.jaar}")
    frame = ui.query("route_naar_beschut_werk", **chosen.params)
    started = int(frame["personen"].sum())
    if started == 0:
        st.info(
            f"In {ui.md(chosen.label)} is in {chosen.jaar} tot en met "
            f"{fmt.datum(chosen.peildatum)} niemand in beschut werk gestart."
        )
        return
    none_before = frame["herkomst_code"] == "geen"
    tiles = st.columns(3)
    ui.metric(tiles[0], "gestart_beschut_werk", started, chosen)
    ui.metric(
        tiles[1], "met_ander_instrument_ervoor", frame.loc[~none_before, "personen"].sum(), chosen
    )
    ui.metric(tiles[2], "via_voorschakeltraject", frame["via_voorschakeltraject"].sum(), chosen)
    goal = f"Gestart in beschut werk in {chosen.jaar}"
    shown = frame[frame["personen"] > 0]
    ui.chart(
        charts.route_naar_beschut_werk(
            shown, f"Van welk instrument naar beschut werk, gestart in {chosen.jaar}", goal
        ),
        frame,
        ROUTE,
        "Stroomdiagram: van welk ander instrument de starters in beschut werk kwamen.",
    )
    st.caption(
        "Elke persoon telt één keer, bij het andere instrument dat het laatst vóór de start "
        "in beschut werk liep; aansluitende plaatsingen van één instrument zijn één periode. "
        "Alleen wat tot en met de peildatum gebeurde telt."
    )
    st.dataframe(ui.display_table(frame, ROUTE), hide_index=True, width="stretch")
    ui.download_buttons(
        f"route_beschut_werk_{chosen.jaar}_{chosen.peildatum:%Y%m%d}",
        "Route naar beschut werk",
        frame,
        ROUTE,
    )


def render(chosen: ui.Selectie | None) -> None:
    if chosen is None:
        st.info("Nog geen gegevens om te tonen; laad eerst de bestanden van de gemeente.")
        return
    ui.page_header("Instrumenten: beschut werk als laatste vangnet", chosen)
    st.caption(
        "Beschut werk is het laatste vangnet: eerst komen loonkostensubsidie, jobcoaching, "
        "werkplekaanpassing, een leerwerktraject of een groeibaan, en pas als die niet "
        "passen beschut werk. Hier staat beschut werk naast de andere instrumenten."
    )
    params = years_params(chosen)
    per_jaar = ui.query("instrumenten_per_jaar", **params)
    aandeel = ui.query("aandeel_beschut_werk_per_jaar", **params)
    op_peildatum(chosen, per_jaar, aandeel)
    over_de_jaren(chosen, per_jaar, aandeel)
    route(chosen)
