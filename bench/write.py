"""Benchmark: the database write of an import, phase by phase (loader._write).

    .venv/bin/python bench/write.py [FOLDER] [--runs 3]

FOLDER holds the files to load (default: the 10x Dutch Excel set that
`bench/national.py --dutch --sizes 10` makes in /tmp/beschut-bench). They are read
and validated once; then the write runs --runs times into a fresh database and
--runs times into a database that already holds the same data (a re-import: every
row is replaced, so keep_replaced keeps them all). The real `loader.write` runs; its
connection and the store's functions are wrapped to time each phase: opening the
file (the schema of a fresh one), keep_replaced and the insert per table, the import
log, recount, log_version, commit, and closing (the checkpoint). Prints the medians
in ms, wall clock and CPU of all threads (the machine may be shared: CPU time varies
less with its load), and the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.ingest import loader  # noqa: E402
from dashboard.store import db as store_db  # noqa: E402
from dashboard.store.queries import sql  # noqa: E402

DEFAULT = Path(tempfile.gettempdir()) / "beschut-bench" / "landelijk_10x_nl"
INSERTS = {sql(f"laden/{table}"): f"insert {table}" for table in loader.TABLES}


class Timings:
    """Seconds per phase of one write, wall clock and the process's CPU (all threads);
    a phase entered twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.phase: str | None = None

    @contextmanager
    def measure(self, phase: str) -> Iterator[None]:
        if self.phase is not None:  # inside an outer phase: counted there
            yield
            return
        self.phase = phase
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - start
            self.cpu[phase] += time.process_time() - cpu
            self.phase = None


class TimedConnection:
    """A connection whose statements and commit are timed (the rest is passed on)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, timings: Timings) -> None:
        self._con, self._timings = con, timings

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection:
        # The insert SQL reads the caller's local `nieuw` by DuckDB's replacement scan,
        # which looks in the frame that calls execute: this one.
        nieuw = sys._getframe(1).f_locals.get("nieuw")  # noqa: F841 (read by the SQL)
        with self._timings.measure(INSERTS.get(query, "other statements")):
            return self._con.execute(query, parameters)

    def register(self, name: str, frame: object) -> duckdb.DuckDBPyConnection:
        with self._timings.measure("register"):
            return self._con.register(name, frame)

    def commit(self) -> duckdb.DuckDBPyConnection:
        with self._timings.measure("commit"):
            return self._con.commit()

    def close(self) -> None:
        with self._timings.measure("close (checkpoint)"):
            self._con.close()


def timed(timings: Timings, phase: str, function: Callable) -> Callable:
    def wrapper(*args: object, **kwargs: object) -> object:
        with timings.measure(phase):
            return function(*args, **kwargs)

    return wrapper


@contextmanager
def instrumented(timings: Timings) -> Iterator[None]:
    """loader.write with its connection and the store's write steps timed."""
    originals = {
        name: getattr(loader, name) for name in ("keep_replaced", "recount", "log_version")
    }
    original_log_file, original_open = loader._log_file, store_db._open

    def keep_replaced(con: object, import_id: int, tabel: str, gemeenten: object) -> None:
        with timings.measure(f"keep_replaced {tabel}"):
            originals["keep_replaced"](con, import_id, tabel, gemeenten)

    def open_timed(path: Path, read_only: bool) -> TimedConnection:
        with timings.measure("open (schema)"):
            return TimedConnection(original_open(path, read_only), timings)

    loader.keep_replaced = keep_replaced
    loader.recount = timed(timings, "recount", originals["recount"])
    loader.log_version = timed(timings, "log_version", originals["log_version"])
    loader._log_file = timed(timings, "log files", original_log_file)
    store_db._open = open_timed
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(loader, name, function)
        loader._log_file, store_db._open = original_log_file, original_open


def one_write(db: Path, checked: list, files: list) -> dict[str, tuple[float, float]]:
    """Per phase: (wall seconds, CPU seconds) of one loader.write."""
    timings = Timings()
    with instrumented(timings):
        start, cpu = time.perf_counter(), time.process_time()
        loader.write(db, checked, files, source="bench/write.py")
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    # the rest: Python between the phases (the loader finding each file's gemeenten)
    timings.seconds["rest"] = wall - sum(timings.seconds.values())
    timings.cpu["rest"] = cpu - sum(timings.cpu.values())
    timings.seconds["whole write"], timings.cpu["whole write"] = wall, cpu
    return {phase: (timings.seconds[phase], timings.cpu[phase]) for phase in timings.seconds}


def medians(runs: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    phases = list(dict.fromkeys(p for run in runs for p in run))
    return {
        p: tuple(statistics.median(run.get(p, (0.0, 0.0))[i] for run in runs) for i in (0, 1))
        for p in phases
    }


def cell(value: tuple[float, float] | None) -> str:
    wall, cpu = value or (0.0, 0.0)
    return f"{wall * 1000:,.0f} ({cpu * 1000:,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = loader.files_in_folder(args.folder)
    start = time.perf_counter()
    checked = loader.check(files)
    validated = time.perf_counter() - start
    rows = sum(len(r.rows) for r in checked)
    print(f"{args.folder}: {rows:,} rows, read and validated once in {validated * 1000:,.0f} ms")
    load_before = os.getloadavg()
    results: dict[str, list[dict[str, float]]] = {"fresh": [], "re-import": []}
    with tempfile.TemporaryDirectory(prefix="beschut-write-") as tmp:
        loaded = Path(tmp) / "geladen.duckdb"
        loader.write(loaded, checked, files, source="bench/write.py")  # the re-import's base
        db = Path(tmp) / "beschut.duckdb"
        for _ in range(args.runs):  # alternated, so both see the same machine
            db.unlink(missing_ok=True)
            Path(f"{db}.wal").unlink(missing_ok=True)
            results["fresh"].append(one_write(db, checked, files))
            db.unlink()
            shutil.copy(loaded, db)
            results["re-import"].append(one_write(db, checked, files))
    load_after = os.getloadavg()
    fresh, again = medians(results["fresh"]), medians(results["re-import"])
    print(f"median of {args.runs} runs, ms wall (CPU of all threads); whole write: open to close")
    print("| phase | fresh database | re-import |\n|---|---:|---:|")
    for phase in dict.fromkeys([*fresh, *again]):
        print(f"| {phase} | {cell(fresh.get(phase))} | {cell(again.get(phase))} |")
    whole = {k: v["whole write"][0] for k, v in (("fresh", fresh), ("re-import", again))}
    print(
        f"rows/s of the write alone: fresh {rows / whole['fresh']:,.0f}, "
        f"re-import {rows / whole['re-import']:,.0f}; validation {rows / validated:,.0f}"
    )
    print(
        f"load average before {load_before[0]:.2f} {load_before[1]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f}"
    )


if __name__ == "__main__":
    main()
