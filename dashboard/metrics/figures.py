"""The headline figures (kerncijfers) per gemeente, as the report and pages use them.

The counting itself is in `sql/kerncijfers.sql`; this module picks the peildatum
and shapes the rows into the keys of the report's JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from dashboard.metrics.formatting import datum
from dashboard.store.queries import run_records

REPORT_KEYS = (
    "gemeente",
    "jaar",
    "peildatum",
    "taakstelling",
    "realisatie_ultimo",
    "realisatie_gemiddeld",
    "fte_ultimo",
    "percentage_ultimo",
    "begroting",
    "begroting_per_post",
    "uitgaven",
    "trajecten_gestart",
    "trajecten_per_uitkomst",
)


class FigureError(Exception):
    """A request the data cannot answer; the message is Dutch and user-facing."""


def data_tot_en_met(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The last day the loaded data covers (see sql/data_tot_en_met.sql)."""
    return run_records(con, "data_tot_en_met")[0]["data_tot_en_met"]


def peildatum_for(
    con: duckdb.DuckDBPyConnection, jaar: int, peildatum: dt.date | None = None
) -> dt.date:
    """The chosen peildatum, or 31 December of `jaar`, or the data's last day if earlier."""
    if peildatum is not None:
        if peildatum.year != jaar:
            raise FigureError(f"peildatum {datum(peildatum)} ligt niet in jaar {jaar}")
        return peildatum
    year_end = dt.date(jaar, 12, 31)
    covered = data_tot_en_met(con)
    if covered is None or covered >= year_end:
        return year_end
    if covered.year < jaar:
        raise FigureError(
            f"de gegevens lopen tot en met {datum(covered)}; kies een jaar tot en met "
            f"{covered.year} of geef een peildatum op"
        )
    return covered


def kerncijfers(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: dt.date,
    gemeenten: Sequence[str] = (),
    versie: str | None = None,
) -> list[dict[str, object]]:
    """One dict per gemeente with the report's keys (plus `gemeentenaam`)."""
    return run_records(
        con,
        "kerncijfers",
        jaar=jaar,
        peildatum=peildatum,
        gemeenten=list(gemeenten),
        versie=versie,
    )


def known_gemeenten(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """Code and name of every gemeente with data, sorted by code."""
    return run_records(con, "gemeenten_lijst")


# The headline figures of the report's table, in order; their labels and formats are
# the catalogue's (catalogue.py).
REPORT_TABLE = (
    "taakstelling",
    "realisatie_ultimo",
    "realisatie_gemiddeld",
    "fte_ultimo",
    "percentage_ultimo",
    "begroting",
    "uitgaven",
    "trajecten_gestart",
)
