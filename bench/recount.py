"""Benchmark: what counting the derived tables costs a write (db.recount).

    .venv/bin/python bench/recount.py DATABASE [--runs 5]

On a copy of DATABASE (for example one loaded from `beschut generate --schaal 10`),
times `recount` as a write runs it, each inside a transaction that is rolled back:
the gemeenten list alone (a write without plaatsingen) and with the beschut werk
tables (a write with plaatsingen), and each statement of afgeleid_plaatsingen.sql.
Prints the medians and the rows of each derived table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.store.db import DERIVED_TABLES, connect, recount  # noqa: E402
from dashboard.store.queries import sql  # noqa: E402


def median_seconds(con: duckdb.DuckDBPyConnection, action, runs: int) -> float:
    times = []
    for _ in range(runs):
        con.begin()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        con.rollback()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="beschut-recount-") as tmp:
        copy = Path(tmp) / "kopie.duckdb"
        shutil.copy(args.database, copy)
        connect(copy).close()  # brings the copy up to this code's schema
        con = duckdb.connect(str(copy))
        con.execute("SET enable_progress_bar = false")

        def count(table: str) -> int:
            return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

        rows = {table: count(table) for table in DERIVED_TABLES}
        placements = count("plaatsingen")
        print(f"{args.database}: {placements:,} plaatsingen; derived rows: {rows}")
        print("| what | median (ms) |\n|---|---:|")
        for label, plaatsingen in (("gemeenten list only", False), ("with plaatsingen", True)):
            seconds = median_seconds(con, lambda p=plaatsingen: recount(con, p), args.runs)
            print(f"| recount, {label} | {seconds * 1000:,.0f} |")
        for statement in con.extract_statements(sql("afgeleid_plaatsingen")):
            text = statement.query.strip()
            if text.upper().startswith("INSERT"):
                table = text.split()[2]
                seconds = median_seconds(con, lambda s=statement: con.execute(s), args.runs)
                print(f"| afgeleid_plaatsingen.sql: fill {table} | {seconds * 1000:,.0f} |")
        con.close()


if __name__ == "__main__":
    main()
