"""The app's entry page drives the same figures as the report (Streamlit AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from conftest import REPO
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard.db import connect
from dashboard.figures import kerncijfers

APP = str(REPO / "dashboard" / "app.py")


@pytest.fixture
def app(sample_db, monkeypatch):
    monkeypatch.setenv("BESCHUT_DB", str(sample_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def expected(sample_db, jaar: int, peildatum: dt.date) -> dict[str, dict]:
    con = connect(sample_db)
    try:
        return {r["gemeente"]: r for r in kerncijfers(con, jaar, peildatum)}
    finally:
        con.close()


def test_headline_table_shows_the_report_figures(app, sample_db):
    table = app.dataframe[0].value
    want = expected(sample_db, 2026, dt.date(2026, 10, 31))
    column = "Maastricht (GM0935)"
    assert table.loc["Realisatie op peildatum (personen)", column] == fmt.number(
        want["GM0935"]["realisatie_ultimo"]
    )
    assert table.loc["Begroting", column] == fmt.euro(want["GM0935"]["begroting"])
    assert "peildatum 31-10-2026" in app.caption[0].value


def test_changing_year_and_peildatum_changes_the_figures(app, sample_db):
    app.selectbox(key="jaar").select(2024).run()
    app.date_input(key="peildatum").set_value(dt.date(2024, 6, 30)).run()
    assert not app.exception
    want = expected(sample_db, 2024, dt.date(2024, 6, 30))
    table = app.dataframe[0].value
    assert table.loc["Realisatie op peildatum (personen)", "Meerssen (GM0938)"] == fmt.number(
        want["GM0938"]["realisatie_ultimo"]
    )
    assert table.loc["Uitgaven t/m peildatum", "Maastricht (GM0935)"] == fmt.euro(
        want["GM0935"]["uitgaven"]
    )


def test_without_a_database_the_page_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("BESCHUT_DB", str(tmp_path / "leeg.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "laad eerst gegevens" in at.info[0].value
