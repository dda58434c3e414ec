"""Named SQL queries: one `.sql` file per query in `queries/`, run with parameters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = REPO_ROOT / "queries"


@cache
def sql(name: str) -> str:
    """The text of `queries/<name>.sql`."""
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


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
