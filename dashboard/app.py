"""The dashboard's entry page: headline figures per gemeente (Streamlit).

Run with `make run`; the database path comes from BESCHUT_DB.
"""

from __future__ import annotations

import datetime as dt
import os

import duckdb
import pandas as pd
import streamlit as st

from dashboard import formatting as fmt
from dashboard.db import DatabaseError, connect
from dashboard.figures import FIGURE_LABELS, data_tot_en_met, kerncijfers, peildatum_for

DB_PATH = os.environ.get("BESCHUT_DB", "data/beschut.duckdb")


@st.cache_resource
def database() -> duckdb.DuckDBPyConnection:
    return connect(DB_PATH, read_only=True)


@st.cache_data
def cached_kerncijfers(_con: duckdb.DuckDBPyConnection, jaar: int, peildatum: dt.date) -> list:
    return kerncijfers(_con, jaar, peildatum)


def headline_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = {f"{r['gemeentenaam']} ({r['gemeente']})": r for r in rows}
    return pd.DataFrame(
        {
            name: [fmt.figure(r[key], kind) for key, _, kind in FIGURE_LABELS]
            for name, r in columns.items()
        },
        index=[label for _, label, _ in FIGURE_LABELS],
    )


def main() -> None:
    st.set_page_config(page_title="Nieuw beschut werk", layout="wide")
    st.title("Nieuw beschut werk: realisatie en taakstelling")
    try:
        con = database()
    except DatabaseError as error:
        st.info(f"Nog geen gegevens: {error}.")
        return
    covered = data_tot_en_met(con)
    if covered is None:
        st.info("De database bevat nog geen gegevens. Laad bestanden met `beschut load`.")
        return
    jaren = list(range(2024, max(covered.year, 2024) + 1))
    jaar = st.sidebar.selectbox("Jaar", jaren, index=len(jaren) - 1, key="jaar")
    default = peildatum_for(con, jaar) if jaar <= covered.year else dt.date(jaar, 12, 31)
    peildatum = st.sidebar.date_input(
        "Peildatum",
        value=default,
        min_value=dt.date(jaar, 1, 1),
        max_value=dt.date(jaar, 12, 31),
        format="DD-MM-YYYY",
        key="peildatum",
    )
    st.caption(f"Gegevens t/m {fmt.datum(covered)} · peildatum {fmt.datum(peildatum)}")
    rows = cached_kerncijfers(con, jaar, peildatum)
    st.dataframe(headline_table(rows), width="stretch")


main()
