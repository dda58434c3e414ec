"""Placeholder until the page is built."""

from __future__ import annotations

import streamlit as st

from dashboard import ui


def render(chosen: ui.Selectie | None) -> None:
    st.title("data")
    st.info("Deze pagina volgt.")
