"""Benchmark: an import while readers query, as in the app (one shared connection).

    .venv/bin/python bench/import_concurrency.py [--rows 100000] [--readers 2]

Loads the shipped sample into a temporary database and opens it as the app does
(db.share). Then, with reader threads running the Overzicht's headline query in a
loop, it validates and imports a national-scale plaatsingen file (every gemeente)
through the same path as the Data page (upload.check_upload, loader.write), undoes
it and restores it again. Prints a Markdown table: the time of each step and the
readers' query latency (median, 95th percentile, max) when idle and during the steps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from test_concurrency import national_plaatsingen  # noqa: E402

from dashboard.ingest import (
    loader,  # noqa: E402
    upload,  # noqa: E402
)
from dashboard.ingest.loader import SourceFile, files_in_folder, load  # noqa: E402
from dashboard.store import versions  # noqa: E402
from dashboard.store.db import share  # noqa: E402
from dashboard.store.queries import run  # noqa: E402


class Readers:
    """Threads that run the Overzicht's headline query in a loop, timing each."""

    def __init__(self, shared, count: int) -> None:
        self.shared = shared
        self.samples: list[tuple[float, float]] = []  # (finished at, seconds)
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop) for _ in range(count)]

    def _loop(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                run(
                    self.shared.connection,
                    "kerncijfers_totaal",
                    jaar=2026,
                    peildatum=dt.date(2026, 10, 31),
                    gemeenten=[],
                    versie=None,
                )
            except BaseException as error:  # noqa: BLE001
                self.errors.append(error)
            finished = time.perf_counter()
            self.samples.append((finished, finished - started))

    def __enter__(self) -> Readers:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float) -> list[float]:
        return [s for t, s in self.samples if start <= t <= end]


def latency(samples: list[float]) -> str:
    if not samples:
        return "–"
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"{statistics.median(ordered) * 1000:.0f} / {p95 * 1000:.0f} / "
        f"{ordered[-1] * 1000:.0f} ms ({len(ordered)} queries)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = folder / "bench.duckdb"
    load(db, files_in_folder(REPO / "data" / "sample"), source="data/sample")
    shared = share(db)
    data = national_plaatsingen(args.rows).encode()
    files = [SourceFile("plaatsingen.csv", data)]
    steps: list[tuple[str, float, float]] = []
    with Readers(shared, args.readers) as readers:
        time.sleep(2)
        steps.append(("readers alone", time.perf_counter() - 2, time.perf_counter()))
        start = time.perf_counter()
        checked = upload.check_upload(files, upload.max_upload_mb())
        steps.append(("upload checked (read + validate)", start, time.perf_counter()))
        assert checked.ready, checked.problems[:3]
        start = time.perf_counter()
        loader.write(db, checked.results, checked.files, source="bench")
        steps.append(("import written (one transaction)", start, time.perf_counter()))
        start = time.perf_counter()
        versions.undo(db, source="bench")
        steps.append(("undo", start, time.perf_counter()))
        start = time.perf_counter()
        versions.restore(db, 2, source="bench")
        steps.append(("restore version 2", start, time.perf_counter()))
    print(
        f"{args.rows:,} plaatsingen rows ({len(data) / 1e6:.1f} MB) over every gemeente; "
        f"{args.readers} reader threads; reader errors: {len(readers.errors)}\n"
    )
    print("| step | seconds | reader latency during it (median / p95 / max) |")
    print("|---|---:|---|")
    for name, start, end in steps:
        print(f"| {name} | {end - start:.2f} | {latency(readers.between(start, end))} |")
    return 1 if readers.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
