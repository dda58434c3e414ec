"""Overzicht: the one-minute briefing for the wethouder and the raad."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import briefing, charts, ui
from dashboard import formatting as fmt
from dashboard.status import status

MONTHLY_FROM = dt.date(2024, 1, 1)


def _optional(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def tiles(chosen: ui.Selectie, figures: pd.Series, begin: int) -> None:
    """Six tiles: taakstelling, realisatie, status; gap, begroting, uitgaven."""
    taakstelling = _optional(figures["taakstelling"])
    realisatie = int(figures["realisatie_ultimo"])
    state = status(realisatie, taakstelling, begin, chosen.peildatum)
    share = _optional(figures["percentage_ultimo"])
    spent = _optional(figures["percentage_besteed"])
    gap = _optional(figures["nog_te_realiseren"])
    ahead = None if state.verwacht is None else realisatie - state.verwacht

    row = st.columns(3)
    row[0].metric(
        f"Taakstelling ultimo {chosen.jaar}",
        "geen" if taakstelling is None else f"{fmt.number(taakstelling, 2)} plekken",
    )
    row[1].metric(
        f"Realisatie op {fmt.datum(chosen.peildatum)}",
        f"{fmt.number(realisatie)} personen",
        delta=None if share is None else f"{fmt.percentage(share)} van de taakstelling",
        delta_color="off",
        delta_arrow="off",
    )
    row[2].metric(
        "Status",
        state.label.capitalize(),
        delta=None if ahead is None else f"{fmt.number(ahead, 1)} t.o.v. de lijn",
        help=state.uitleg,
    )
    row = st.columns(3)
    row[0].metric(
        "Boven de taakstelling" if gap is not None and gap <= 0 else "Nog te realiseren",
        "–" if gap is None else f"{fmt.number(abs(gap), 2)} plekken",
        help="Taakstelling min realisatie op de peildatum.",
    )
    row[1].metric(f"Begroting {chosen.jaar}", fmt.euro(figures["begroting"], cents=False))
    row[2].metric(
        f"Uitgaven t/m {fmt.datum(chosen.peildatum)}",
        fmt.euro(figures["uitgaven"], cents=False),
        delta=None if spent is None else f"{fmt.percentage(spent)} van de begroting besteed",
        delta_color="off",
        delta_arrow="off",
    )


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Overzicht nieuw beschut werk", chosen)
    figures = ui.query("kerncijfers_totaal", versie=None, **chosen.params).iloc[0]
    before = ui.query(
        "kerncijfers_totaal",
        versie=None,
        gemeenten=chosen.codes,
        jaar=chosen.jaar - 1,
        peildatum=dt.date(chosen.jaar - 1, 12, 31),
    ).iloc[0]
    st.markdown(
        briefing.positie(
            chosen.peildatum,
            int(figures["realisatie_ultimo"]),
            _optional(figures["taakstelling"]),
            float(figures["begroting"]),
            float(figures["uitgaven"]),
            chosen.label,
        )
    )
    if pd.isna(figures["taakstelling"]):
        st.info(
            f"Voor {chosen.jaar} is geen taakstelling geladen voor {chosen.label}; "
            "laad het bestand taakstelling (de bijlage uit de Staatscourant) om de "
            "realisatie ertegen af te zetten."
        )
    elif figures["gemeenten_met_taakstelling"] < figures["gemeenten"]:
        st.warning(
            f"Niet alle gekozen gemeenten hebben een taakstelling voor {chosen.jaar}; "
            "het percentage telt alleen de gemeenten met een taakstelling."
        )
    tiles(chosen, figures, int(before["realisatie_ultimo"]))
    if chosen.peildatum < MONTHLY_FROM:
        st.info(
            "De maandgrafiek begint in januari 2024, het eerste jaar van nieuw beschut "
            "werk in dit dashboard; kies een jaar vanaf 2024."
        )
    else:
        monthly = ui.query(
            "realisatie_per_maand", gemeenten=chosen.codes, van=MONTHLY_FROM, tot=chosen.peildatum
        )
        st.plotly_chart(charts.realisatie_per_maand(monthly), width="stretch")
    last = ui.query("laatste_import")
    if not last.empty:
        st.caption(
            f"Gegevens t/m {fmt.datum(chosen.data_tot_en_met)} · laatste import "
            f"{last['afgerond'].iloc[0]:%d-%m-%Y %H:%M} (versie {last['import_id'].iloc[0]})"
        )
