"""The dashboard (Streamlit): the shared sidebar, then the page the URL names.

Run with `make run`; the database file comes from BESCHUT_DB. Every page has its own
URL (`st.navigation`, pages.PAGES) and the selection lives in the query string, so a
link opens the same page and selection, a reload keeps it, Back and Forward move
between pages and selections.
"""

from __future__ import annotations

import streamlit as st

from dashboard.web import access, pages, ui
from dashboard.web.binding import refuse_unless_safe

st.set_page_config(page_title=pages.APP_TITLE, page_icon=":material/work:", layout="wide")
refuse_unless_safe()  # without login only on 127.0.0.1: elsewhere nothing is served
user = access.gate()  # with login: a known user in a role, or nothing but the login
ui.speak_dutch()  # Streamlit says lang="en" and labels its own controls in English
with st.sidebar:
    st.markdown(f"### {pages.APP_TITLE}")
    menu = st.container()
    st.divider()
chosen = ui.sidebar() if ui.open_database() else None
pages.navigation(chosen, menu)
access.sidebar_note(user)
ui.sidebar_footer()
