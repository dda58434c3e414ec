"""Begroting: reserved funds against spending, cost per plek, the year-end forecast."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.exports import charts
from dashboard.forecasting.forecast import reservering as meerjarige_reservering
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.web import ui

LAST_IN_FILE = "Laatste in het bestand"
PER_JAAR = catalogue.columns(
    "jaar",
    "begroting",
    "uitgaven",
    "percentage_besteed",
    "realisatie_gemiddeld",
    "kosten_per_plek",
    "kosten_per_plek_jaarbasis",
)
PER_POST = catalogue.columns("post", "begroting", "uitgaven", "percentage_besteed")
PER_MAAND = catalogue.columns("maand", "uitgaven", "uitgaven_cumulatief", "budgetpad")
JAAREINDE = catalogue.columns(
    "uitgaven",
    "lopende_plaatsingen",
    "zonder_kosten",
    "resterende_maanden",
    "verplichting",
    "verwacht_jaareinde",
    "begroting",
    "verwacht_saldo",
)


RESERVERING = catalogue.columns(
    "jaar",
    "periode",
    "begroting",
    "uitgaven",
    "verschil",
    "cumulatief_verschil",
    "taakstelling",
    "kosten_model",
    "kosten_geladen",
    "verwacht_saldo_reservering",
)
RESERVERING_UITLEG = (
    "**Gereserveerd**: de begroting van het jaar (de gekozen versie, anders de laatste in "
    "het bestand), alle posten samen. **Uitgegeven**: de uitgaven van het jaar; voor het "
    "lopende jaar tot en met de maand van de peildatum, voor latere jaren nog niets. "
    "**Gereserveerd min uitgegeven** en het **cumulatief** daarvan lopen van 2024 tot en met "
    "het jaar van de peildatum: wat er van de reservering over is. **Verwachte kosten "
    "taakstelling**, voor latere jaren: de taakstelling × twaalf maanden de kosten per plek, "
    "volgens het kostenmodel (minimumloon min loonwaarde, plus begeleiding en overhead) en "
    "volgens de geladen kosten per maand van de lopende plaatsingen (geïndexeerd met het "
    "minimumloon), waar die bekend zijn. **Verwacht saldo**: gereserveerd min de verwachte "
    "kosten (de geladen kosten waar bekend, anders het kostenmodel); voor een afgesloten of "
    "lopend jaar gereserveerd min uitgegeven. Positief = overschot, negatief = tekort."
)


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
    """The year-end position of the placements running on the peildatum (no new
    instroom or uitstroom; the Prognose page's model forecast includes those)."""
    position = ui.query("verplichtingen", versie=versie, **chosen.params)
    row = position.iloc[0]
    saldo = row["verwacht_saldo"]
    tiles = st.columns(4)
    ui.metric(tiles[0], "uitgaven", row["uitgaven"], chosen)
    ui.metric(
        tiles[1],
        "verplichting",
        row["verplichting"],
        chosen,
        help=f"{fmt.number(row['lopende_plaatsingen'])} lopende plaatsingen beschut werk "
        f"× hun kosten per maand × de resterende {fmt.number(row['resterende_maanden'])} "
        "maanden van het jaar.",
    )
    ui.metric(tiles[2], "verwacht_jaareinde", row["verwacht_jaareinde"], chosen)
    ui.metric(
        tiles[3],
        "verwacht_saldo",
        saldo,
        chosen,
        delta=("overschot" if saldo >= 0 else "tekort")
        + f" · begroting {fmt.euro(row['begroting'], cents=False)}",
        delta_color="off",
        delta_arrow="off",
    )
    st.caption(
        f"{catalogue.figure('verwacht_jaareinde').definition} De pagina Prognose & "
        f"scenario's rekent met het prognosemodel ook de verwachte instroom en uitstroom "
        "door (‘Verwachte kosten (prognosemodel)’); daardoor verschillen de twee."
    )
    if row["zonder_kosten"]:
        st.warning(
            f"{fmt.number(row['zonder_kosten'])} lopende plaatsingen hebben geen "
            "kosten per maand; hun verplichting ontbreekt in de prognose (zie Data)."
        )
    ui.download_buttons(
        f"jaareinde_{chosen.peildatum:%Y%m%d}", "Verwacht jaareinde", position, JAAREINDE
    )


def per_year(chosen: ui.Selectie, versie: str | None) -> pd.DataFrame:
    first = ui.first_year(chosen.jaar)
    frame = ui.query(
        "financien_per_jaar", versie=versie, van_jaar=min(first, chosen.jaar), **chosen.params
    )
    ui.chart(
        charts.begroting_tegen_uitgaven(
            frame.assign(jaar=frame["jaar"].astype(str)),
            "jaar",
            "Begroting en uitgaven per jaar (het lopende jaar t/m de peildatum)",
        ),
        frame,
        catalogue.columns("jaar", "begroting", "uitgaven", "percentage_besteed"),
        "Staafgrafiek: per jaar de begroting naast de uitgaven.",
    )
    costs = frame.dropna(subset=["kosten_per_plek_jaarbasis"])
    if costs.empty:
        st.info("Er zijn nog geen jaren met beschutte dienstbetrekkingen: geen kosten per plek.")
    else:
        ui.chart(
            charts.per_jaar_bars(
                costs, "kosten_per_plek_jaarbasis", "Kosten per plek per jaar", fmt.euro
            ),
            costs,
            catalogue.columns("jaar", "kosten_per_plek_jaarbasis"),
            "Staafgrafiek: de kosten per plek per jaar, op jaarbasis.",
        )
        st.caption(catalogue.figure("kosten_per_plek_jaarbasis").definition)
    return frame


def this_year(chosen: ui.Selectie, versie: str | None) -> pd.DataFrame:
    posts = ui.query("begroting_per_post", versie=versie, **chosen.params)
    left, right = st.columns(2)
    ui.chart(
        charts.begroting_tegen_uitgaven(
            posts, "post", f"Begroting en uitgaven {chosen.jaar} per post"
        ),
        posts,
        PER_POST,
        f"Staafgrafiek: per begrotingspost de begroting {chosen.jaar} naast de uitgaven.",
        place=left,
    )
    monthly = ui.query("uitgaven_per_maand", versie=versie, **chosen.params)
    ui.chart(
        charts.cumulatief_tegen_budgetpad(monthly, chosen.jaar),
        monthly,
        PER_MAAND,
        f"Lijngrafiek: de opgetelde uitgaven per maand in {chosen.jaar} tegen het "
        "budgetpad (de begroting gelijk verdeeld over het jaar).",
        place=right,
    )
    ui.download_buttons(
        f"uitgaven_per_maand_{chosen.jaar}", "Uitgaven per maand", monthly, PER_MAAND
    )
    return posts


@st.cache_data(show_spinner=False, max_entries=64)
def _reservering(
    path: str, generation: int, codes: tuple[str, ...], peildatum, versie: str | None
) -> pd.DataFrame:
    # keyed on the data version like ui.query: the model fit behind it takes ~0,5 s
    return meerjarige_reservering(ui.query, list(codes), peildatum, versie)


def reservering(chosen: ui.Selectie, versie: str | None) -> None:
    """The multi-year reservation (forecast.reservering): the raadsinformatiebrief's frame."""
    path = ui.db_path()
    generation = ui.shared_database(path).generation
    frame = _reservering(path, generation, chosen.gemeenten, chosen.peildatum, versie)
    if frame.empty:
        st.info("Er is geen begroting voor 2024 of later geladen.")
        return
    last = int(frame["jaar"].max())
    ui.chart(
        charts.reservering(frame, f"Gereserveerd, uitgegeven en verwachte kosten, 2024–{last}"),
        frame,
        RESERVERING,
        "Staven per jaar: gereserveerd, uitgegeven en de verwachte kosten van de "
        "taakstelling; de lijn is het cumulatief gereserveerd min uitgegeven.",
    )
    st.dataframe(ui.display_table(frame, RESERVERING), hide_index=True, width="stretch")
    st.caption(RESERVERING_UITLEG)
    ui.download_buttons(
        f"meerjarige_reservering_{chosen.peildatum:%Y%m%d}",
        "Meerjarige reservering",
        frame,
        RESERVERING,
    )


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Begroting en uitgaven", chosen)
    versie = chosen_versie(chosen)
    figures = ui.query("kerncijfers_totaal", versie=versie, **chosen.params).iloc[0]
    if figures["begroting"] == 0:
        st.info(
            f"Voor {chosen.jaar} is geen begroting geladen voor {ui.md(chosen.label)}; laad het "
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
    ui.download_buttons(f"begroting_per_post_{chosen.jaar}", "Per post", posts, PER_POST)
    st.subheader("Meerjarige reservering")
    reservering(chosen, versie)
