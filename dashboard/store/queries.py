"""Named SQL queries: one `.sql` file per query in the package's `sql/` folder, run with
parameters. Read through importlib.resources, so an installed wheel carries them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from dashboard.store.contract import TABLES

if TYPE_CHECKING:
    import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[2]  # the checkout (notebooks, sample data)
SQL = resources.files("dashboard") / "sql"


@cache
def sql(name: str) -> str:
    """The text of `sql/<name>.sql` (`name` may hold a folder: "laden/plaatsingen")."""
    return SQL.joinpath(f"{name}.sql").read_text(encoding="utf-8")


def sql_for_table(name: str, tabel: str) -> str:
    """`sql/<name>.sql` with `{tabel}` filled in: one of the contract's tables.

    For the few statements that are the same for every data table (keeping and
    putting back replaced rows); identifiers cannot be `$parameters`.
    """
    if tabel not in {spec.db_table for spec in TABLES.values()}:
        raise ValueError(f"geen tabel van het datacontract: {tabel!r}")
    return sql(name).replace("{tabel}", tabel)


def run(con: duckdb.DuckDBPyConnection, name: str, **parameters: object) -> pd.DataFrame:
    """Run a named query on its own cursor and read the whole result."""
    cursor = con.cursor()
    try:
        return cursor.execute(sql(name), parameters or None).df()
    finally:
        cursor.close()


def run_records(
    con: duckdb.DuckDBPyConnection, name: str, **parameters: object
) -> list[dict[str, object]]:
    """Like `run`, as one dict per row (DuckDB's MAPs and lists stay Python values)."""
    cursor = con.cursor()
    try:
        result = cursor.execute(sql(name), parameters or None)
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    finally:
        cursor.close()
