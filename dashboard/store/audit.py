"""The audit trail (BIO 12.4): who did what, when, for which gemeenten.

Append-only: this module only ever inserts into the table `audit` (schema.sql) and
reads it; nothing updates or deletes a row. The table is not part of a version
(versions.py keeps only the data tables), so undo and restore leave it as it is.
Written for every login, upload, import, undo, restore, user change and download.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from dashboard.store.queries import run_records, sql

COLUMNS = ["nr", "tijdstip", "wie", "rol", "actie", "gemeenten", "details"]
SHOWN = 500  # rows on the Data page and, by default, in `beschut audit`


def record(
    con: duckdb.DuckDBPyConnection,
    wie: str,
    rol: str | None,
    actie: str,
    gemeenten: Sequence[str] | None,
    details: str | None = None,
) -> None:
    """Append one row (its own transaction, on its own cursor); `gemeenten` None: all."""
    cursor = con.cursor()
    try:
        cursor.execute(
            sql("audit_schrijven"),
            {
                "wie": wie,
                "rol": rol,
                "actie": actie,
                "gemeenten": None if gemeenten is None else list(gemeenten),
                "details": details,
            },
        )
    finally:
        cursor.close()


def rows(con: duckdb.DuckDBPyConnection, aantal: int = SHOWN):
    """The newest `aantal` rows, newest first; gemeenten as text ("alle" for all)."""
    import pandas as pd  # not at the top: `beschut load` starts without it

    records = run_records(con, "audit_lijst", aantal=aantal)
    for record in records:
        codes = record["gemeenten"]
        record["gemeenten"] = "alle" if codes is None else ", ".join(codes)
    return pd.DataFrame(records, columns=COLUMNS)
