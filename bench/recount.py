"""Benchmark: what counting the derived tables costs a write (db.recount).

    .venv/bin/python bench/recount.py DATABASE [--runs 5]

On a copy of DATABASE (for example one loaded from `beschut generate --schaal 10`),
times `recount` as a write runs it, each inside a transaction that is rolled back:
the gemeenten list alone (a write without plaatsingen) and with the beschut werk
tables (a write with plaatsingen), each for every gemeente (what every write did
before issue 13) and for the one gemeente an upload changed (`--gemeente`, by default
the one with the most plaatsingen), and each statement of afgeleid_plaatsingen.sql.
Prints the medians, their ratio and the rows of each derived table.
"""

from __future__ import annotations

import argparse
import os
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

LARGEST = "SELECT gemeente FROM plaatsingen GROUP BY gemeente ORDER BY count(*) DESC LIMIT 1"


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
    parser.add_argument("--gemeente", help="the uploaded gemeente (default: the largest)")
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
        gemeente = args.gemeente or con.execute(LARGEST).fetchall()[0][0]
        print(f"one gemeente: {gemeente}; load average {os.getloadavg()[0]:.1f}")
        print("| what | every gemeente (ms) | one gemeente (ms) | ratio |\n|---|---:|---:|---:|")
        for label, plaatsingen in (("gemeenten list only", False), ("with plaatsingen", True)):
            every = median_seconds(con, lambda p=plaatsingen: recount(con, p), args.runs)
            one = median_seconds(
                con, lambda p=plaatsingen: recount(con, p, gemeenten={gemeente}), args.runs
            )
            print(
                f"| recount, {label} | {every * 1000:,.0f} | {one * 1000:,.0f} "
                f"| {every / one:.1f} |"
            )
        print("\n| what | median (ms) |\n|---|---:|")
        statements = con.extract_statements(sql("afgeleid_plaatsingen"))
        times: dict[int, list[float]] = {i: [] for i in range(len(statements))}
        for _ in range(args.runs):  # in order, as a full recount runs them
            con.begin()
            con.execute(sql("afgeleid_kiezen"), {"gemeenten": None})
            for i, statement in enumerate(statements):
                begin = time.perf_counter()
                con.execute(statement)
                times[i].append(time.perf_counter() - begin)
            con.rollback()
        for i, statement in enumerate(statements):
            text = statement.query.strip()
            if text.upper().startswith("INSERT"):
                table = text.split()[2]
                seconds = statistics.median(times[i])
                print(f"| afgeleid_plaatsingen.sql: fill {table} | {seconds * 1000:,.0f} |")
        con.close()


if __name__ == "__main__":
    main()
