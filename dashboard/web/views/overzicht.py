"""Overzicht: the one-minute briefing for the wethouder and the raad."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.exports import (
    briefing,
    briefing_docx,
    briefing_pdf,
    charts,
    images,
    raadsbriefing,
    suppression,
)
from dashboard.metrics import catalogue, status
from dashboard.metrics import formatting as fmt
from dashboard.web import access, ui

MONTHLY_FROM = catalogue.FIRST_DAY
MONTHLY = catalogue.columns("dag", "realisatie", "taakstelling")


def _optional(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def suppressed(figures: pd.Series, threshold: int) -> pd.Series:
    """The figures with a small realisatie as "< 5" and what would give it away (the
    percentage, the gap) as "afgeschermd": what the raad sees on screen."""
    if not suppression.is_small(figures["realisatie_ultimo"], threshold):
        return figures
    out = figures.astype(object).copy()
    out["realisatie_ultimo"] = suppression.below(threshold)
    for key in ("percentage_ultimo", "nog_te_realiseren"):
        out[key] = suppression.AFGESCHERMD
    return out


def tiles(chosen: ui.Selectie, figures: pd.Series, hidden: pd.Series | None = None) -> None:
    """Six tiles: taakstelling, realisatie, status; gap, begroting, uitgaven. Every
    value is a figure of kerncijfers_totaal (the rules in SQL), shown by the catalogue;
    with `hidden` (the raad) its suppressed figures are shown instead."""
    state = status.from_figures(figures, chosen.peildatum)
    share = _optional(figures["percentage_ultimo"])
    spent = _optional(figures["percentage_besteed"])
    gap = _optional(figures["nog_te_realiseren"])
    ahead = None if state.verwacht is None else state.gerealiseerd - state.verwacht
    if hidden is not None and isinstance(hidden["realisatie_ultimo"], suppression.Hidden):
        tiles_suppressed(chosen, hidden, state)
        return
    percentage = catalogue.figure("percentage_ultimo")
    besteed = catalogue.figure("percentage_besteed")

    row = st.columns(3)
    ui.metric(row[0], "taakstelling", figures["taakstelling"], chosen)
    ui.metric(
        row[1],
        "realisatie_ultimo",
        figures["realisatie_ultimo"],
        chosen,
        delta=None if share is None else f"{percentage.text(share)} van de taakstelling",
        delta_color="off",
        delta_arrow="off",
    )
    row[2].metric(
        catalogue.figure("status").label,
        state.label.capitalize(),
        delta=None
        if ahead is None
        else f"{fmt.number(ahead, 1)} t.o.v. de lijn",  # whole persons minus a line height
        help=state.uitleg,
    )
    row = st.columns(3)
    if gap is not None and gap <= 0:
        ui.metric(row[0], "boven_taakstelling", -gap, chosen)
    else:
        ui.metric(row[0], "nog_te_realiseren", gap, chosen)
    ui.metric(row[1], "begroting", figures["begroting"], chosen)
    ui.metric(
        row[2],
        "uitgaven",
        figures["uitgaven"],
        chosen,
        delta=None if spent is None else f"{besteed.text(spent)} van de begroting besteed",
        delta_color="off",
        delta_arrow="off",
    )


def tiles_suppressed(chosen: ui.Selectie, figures: pd.Series, state) -> None:
    """The six tiles with a small realisatie hidden: no percentage, gap or distance to
    the line that would give it away."""
    row = st.columns(3)
    ui.metric(row[0], "taakstelling", figures["taakstelling"], chosen)
    ui.metric(row[1], "realisatie_ultimo", figures["realisatie_ultimo"], chosen)
    row[2].metric(catalogue.figure("status").label, state.label.capitalize(), help=state.uitleg)
    row = st.columns(3)
    ui.metric(row[0], "nog_te_realiseren", figures["nog_te_realiseren"], chosen)
    ui.metric(row[1], "begroting", figures["begroting"], chosen)
    ui.metric(row[2], "uitgaven", figures["uitgaven"], chosen)


CHART_DOWNLOADS = {
    "realisatie": "Grafiek realisatie (PNG)",
    "prognose": "Grafiek prognose (PNG)",
    "begroting": "Grafiek begroting (PNG)",
}


def downloads(chosen: ui.Selectie) -> None:
    """The raadsinformatiebrief as PDF and as Word, its charts as PNG and its tables as
    Excel: the same document as `beschut briefing`, made on the click (drawing charts
    takes seconds)."""
    con = ui.database(ui.db_path())

    def document() -> raadsbriefing.Briefing:
        return raadsbriefing.gather(con, chosen.jaar, chosen.codes, chosen.peildatum)

    def chart(name: str):
        return access.logged(
            "download",
            chosen.codes,
            f"grafiek {name} (PNG)",
            lambda: images.png([raadsbriefing.charts_for_export(document())[name]])[0],
        )

    stem = f"raadsbriefing_{_slug(chosen)}_{chosen.peildatum:%Y%m%d}"
    st.subheader("Raadsbriefing")
    st.caption(
        "De raadsinformatiebrief: conclusie, stand tegen vorig jaar, instroom en wachtenden, "
        "vooruitkijken, het geld over de jaren en de verantwoording, als PDF of als Word om "
        f"in het eigen sjabloon te plakken. {briefing.afscherming(suppression.min_aantal())}"
    )
    documents = (  # label, suffix, mime, key, icon, how it is made
        ("Raadsbriefing (PDF)", "pdf", "application/pdf", "briefing_pdf",
         ":material/picture_as_pdf:", lambda: briefing_pdf.render(document()).data),
        ("Raadsbriefing (Word)", "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "briefing_docx", ":material/description:", lambda: briefing_docx.render(document())),
        ("Tabellen (Excel)", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "briefing_xlsx", ":material/table:", lambda: raadsbriefing.excel(document())),
    )  # fmt: skip
    for column, (label, suffix, mime, key, icon, make) in zip(
        st.columns(len(documents)), documents, strict=True
    ):
        column.download_button(
            label,
            data=access.logged("download", chosen.codes, f"{stem}.{suffix}", make),
            file_name=f"{stem}.{suffix}",
            mime=mime,
            key=key,
            icon=icon,
            type="primary" if key == "briefing_pdf" else "secondary",
            on_click="ignore",
            width="stretch",
        )
    names = [n for n in CHART_DOWNLOADS if n != "prognose" or not _year_end(chosen)]
    for column, name in zip(st.columns(len(CHART_DOWNLOADS)), names, strict=False):
        column.download_button(
            CHART_DOWNLOADS[name],
            data=chart(name),
            file_name=f"{stem}_{name}.png",
            mime="image/png",
            key=f"briefing_png_{name}",
            icon=":material/image:",
            on_click="ignore",
            width="stretch",
        )


def _slug(chosen: ui.Selectie) -> str:
    return chosen.codes[0] if len(chosen.codes) == 1 else f"{len(chosen.codes)}-gemeenten"


def _year_end(chosen: ui.Selectie) -> bool:
    """On 31 December the briefing has no prognose (and so no prognose chart)."""
    return chosen.peildatum == dt.date(chosen.jaar, 12, 31)


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Overzicht nieuw beschut werk", chosen)
    user = access.require("raad", "het Overzicht")
    figures = ui.query("kerncijfers_totaal", versie=None, **chosen.params).iloc[0]
    threshold = suppression.min_aantal() if user.suppressed_on_screen else None
    shown = suppressed(figures, threshold) if threshold else None
    st.markdown(briefing.positie(chosen.peildatum, figures, ui.md(chosen.label), threshold))
    if pd.isna(figures["taakstelling"]):
        st.info(
            f"Voor {chosen.jaar} is geen taakstelling geladen voor {ui.md(chosen.label)}; "
            "laad het bestand taakstelling (de bijlage uit de Staatscourant) om de "
            "realisatie ertegen af te zetten."
        )
    elif figures["gemeenten_met_taakstelling"] < figures["gemeenten"]:
        st.warning(
            f"Niet alle gekozen gemeenten hebben een taakstelling voor {chosen.jaar}; "
            "het percentage telt alleen de gemeenten met een taakstelling."
        )
    tiles(chosen, figures, shown)
    if chosen.peildatum < MONTHLY_FROM:
        st.info(
            "De maandgrafiek begint in januari 2024, het eerste jaar van nieuw beschut "
            "werk in dit dashboard; kies een jaar vanaf 2024."
        )
    else:
        monthly = ui.query(
            "realisatie_per_maand", gemeenten=chosen.codes, van=MONTHLY_FROM, tot=chosen.peildatum
        )
        if threshold:  # the raad: small counts not drawn (their height gives them away)
            monthly = suppression.mask(monthly, ["realisatie"], threshold)[0]
        ui.chart(
            charts.realisatie_per_maand(monthly),
            monthly,
            MONTHLY,
            "Lijngrafiek: de realisatie (personen in beschut werk) per dag sinds januari "
            "2024, tegen de taakstelling van elk jaar.",
        )
    if user.may_download:
        downloads(chosen)
    last = ui.query("laatste_import")
    if not last.empty:
        st.caption(
            f"Gegevens t/m {fmt.datum(chosen.data_tot_en_met)} · laatste import "
            f"{last['afgerond'].iloc[0]:%d-%m-%Y %H:%M} (versie {last['import_id'].iloc[0]})"
        )
