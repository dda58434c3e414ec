"""The dashboard (Streamlit): the page menu, the shared sidebar, then the chosen page.

Run with `make run`; the database file comes from BESCHUT_DB. Navigation is a plain
sidebar menu that calls each page's `render`, so the whole app reruns as one script
(which is also what Streamlit's AppTest drives).
"""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.binding import refuse_unless_safe
from dashboard.views import (
    begroting,
    data,
    overzicht,
    prognose,
    regio,
    taakstelling,
    voorschakeltraject,
)

PAGES = {
    "Overzicht": overzicht.render,
    "Taakstelling": taakstelling.render,
    "Begroting": begroting.render,
    "Voorschakeltraject": voorschakeltraject.render,
    "Prognose & scenario's": prognose.render,
    "Regio": regio.render,
    "Data": data.render,
}
NEEDS_NO_DATA = {"Data"}

st.set_page_config(page_title="Nieuw beschut werk", page_icon=":material/work:", layout="wide")
refuse_unless_safe()  # without login only on 127.0.0.1: elsewhere nothing is served
with st.sidebar:
    st.markdown("### Nieuw beschut werk")
    page = st.radio("Pagina", list(PAGES), key="pagina", label_visibility="collapsed")
    st.divider()
chosen = ui.sidebar() if ui.open_database() else None
if chosen is not None or page in NEEDS_NO_DATA:
    PAGES[page](chosen)
elif ui.database_ready():
    st.info(
        "De database bevat nog geen gegevens. Upload de bestanden van de gemeente op de "
        "pagina Data (of laad ze met `beschut load <map> --db <bestand>`); daarna "
        "verschijnen hier de cijfers."
    )
ui.sidebar_footer()
