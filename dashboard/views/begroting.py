"""Begroting: reserved funds against spending, cost per plek, the year-end forecast."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, ui
from dashboard import formatting as fmt
from dashboard.exports import ExportColumn

LAST_IN_FILE = "Laatste in het bestand"
PER_JAAR = [
    ExportColumn("jaar", "Jaar", "year"),
    ExportColumn("begroting", "Begroting (€)", "euro"),
    ExportColumn("uitgaven", "Uitgaven (€)", "euro"),
    ExportColumn("percentage_besteed", "Besteed (% van begroting)", "percent"),
    ExportColumn(
        "realisatie_gemiddeld", "Realisatie gemiddeld (personen)", "decimal", persons=True
    ),
    ExportColumn("kosten_per_plek", "Kosten per plek (€)", "euro", reveals="realisatie_gemiddeld"),
    ExportColumn(
        "kosten_per_plek_jaarbasis",
        "Kosten per plek op jaarbasis (€)",
        "euro",
        reveals="realisatie_gemiddeld",
    ),
]
PER_POST = [
    ExportColumn("post", "Post"),
    ExportColumn("begroting", "Begroting (€)", "euro"),
    ExportColumn("uitgaven", "Uitgaven (€)", "euro"),
    ExportColumn("percentage_besteed", "Besteed (% van begroting)", "percent"),
]


def versie_options(chosen: ui.Selectie) -> list[str]:
    versies = ui.query("begroting_versies", gemeenten=chosen.codes, jaar=chosen.jaar)
    return [LAST_IN_FILE, *versies["versie"].tolist()]


def chosen_versie(chosen: ui.Selectie) -> str | None:
    picked = st.columns(3)[0].selectbox(
        "Begrotingsversie",
        versie_options(chosen),
        key="versie",
        help="Staan er meer versies in het bestand (bijvoorbeeld primitief en "
        "voorjaarsnota), dan telt standaard de laatste. Kies hier een andere.",
    )
    return None if picked == LAST_IN_FILE else picked


def forecast(chosen: ui.Selectie, versie: str | None) -> None:
    position = ui.query("verplichtingen", versie=versie, **chosen.params).iloc[0]
    saldo = position["verwacht_saldo"]
    row = st.columns(4)
    row[0].metric(f"Uitgaven t/m {fmt.datum(chosen.peildatum)}", fmt.euro(position["uitgaven"]))
    row[1].metric(
        "Verplichting lopende plaatsingen",
        fmt.euro(position["verplichting"]),
        help=f"{fmt.number(position['lopende_plaatsingen'])} lopende plaatsingen beschut werk "
        f"× hun kosten per maand × de resterende {fmt.number(position['resterende_maanden'])} "
        "maanden van het jaar (tot hun einddatum).",
    )
    row[2].metric("Verwacht jaareinde", fmt.euro(position["verwacht_jaareinde"]))
    row[3].metric(
        "Verwacht overschot" if saldo >= 0 else "Verwacht tekort",
        fmt.euro(abs(saldo)),
        delta=f"begroting {fmt.euro(position['begroting'], cents=False)}",
        delta_color="off",
        delta_arrow="off",
    )
    if position["zonder_kosten"]:
        st.warning(
            f"{fmt.number(position['zonder_kosten'])} lopende plaatsingen hebben geen "
            "kosten per maand; hun verplichting ontbreekt in de prognose (zie Data)."
        )


def per_year(chosen: ui.Selectie, versie: str | None) -> pd.DataFrame:
    first = ui.first_year(chosen.jaar)
    frame = ui.query(
        "financien_per_jaar", versie=versie, van_jaar=min(first, chosen.jaar), **chosen.params
    )
    st.plotly_chart(
        charts.begroting_tegen_uitgaven(
            frame.assign(jaar=frame["jaar"].astype(str)),
            "jaar",
            "Begroting en uitgaven per jaar (het lopende jaar t/m de peildatum)",
        ),
        width="stretch",
    )
    costs = frame.dropna(subset=["kosten_per_plek_jaarbasis"])
    if costs.empty:
        st.info("Er zijn nog geen jaren met beschutte dienstbetrekkingen: geen kosten per plek.")
    else:
        st.plotly_chart(
            charts.per_jaar_bars(
                costs, "kosten_per_plek_jaarbasis", "Kosten per plek per jaar", fmt.euro
            ),
            width="stretch",
        )
        st.caption(
            "Kosten per plek = uitgaven ÷ gemiddelde realisatie; voor het lopende jaar "
            "omgerekend naar twaalf maanden."
        )
    return frame


def this_year(chosen: ui.Selectie, versie: str | None) -> pd.DataFrame:
    posts = ui.query("begroting_per_post", versie=versie, **chosen.params)
    left, right = st.columns(2)
    left.plotly_chart(
        charts.begroting_tegen_uitgaven(
            posts, "post", f"Begroting en uitgaven {chosen.jaar} per post"
        ),
        width="stretch",
    )
    monthly = ui.query("uitgaven_per_maand", versie=versie, **chosen.params)
    right.plotly_chart(charts.cumulatief_tegen_budgetpad(monthly, chosen.jaar), width="stretch")
    return posts


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Begroting en uitgaven", chosen)
    versie = chosen_versie(chosen)
    figures = ui.query("kerncijfers_totaal", versie=versie, **chosen.params).iloc[0]
    if figures["begroting"] == 0:
        st.info(
            f"Voor {chosen.jaar} is geen begroting geladen voor {chosen.label}; laad het "
            "bestand begroting om uitgaven ertegen af te zetten."
        )
    st.subheader(f"Prognose jaareinde {chosen.jaar}")
    forecast(chosen, versie)
    st.subheader(f"{chosen.jaar} per post en per maand")
    posts = this_year(chosen, versie)
    st.subheader("Per jaar")
    years = per_year(chosen, versie)
    st.dataframe(ui.display_table(years, PER_JAAR), hide_index=True, width="stretch")
    ui.download_buttons(f"begroting_{chosen.jaar}", "Begroting per jaar", years, PER_JAAR)
    st.dataframe(ui.display_table(posts, PER_POST), hide_index=True, width="stretch")
