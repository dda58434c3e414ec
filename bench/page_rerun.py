"""Benchmark: how fast pages rerun after a widget change, and the first render.

    .venv/bin/python bench/page_rerun.py [--runs 15] [--db FILE]

Loads the shipped sample into a temporary database (or copies --db, for example a
national data set from `beschut generate`), then
1. per page, drives the app with Streamlit's AppTest and times reruns after changing
   the peildatum: to a date not seen before (queries run: "cold") and back to a date
   seen before (cached results: "warm"); AppTest's own overhead is included;
2. starts `streamlit run` and times, in headless Chromium, from process start to the
   Overzicht's title being drawn (needs Debian's chromium).
Prints a Markdown table; numbers are medians over --runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from beschut_dev import serving  # noqa: E402
from dashboard.ingest.loader import files_in_folder, load  # noqa: E402
from dashboard.web.pages import GO_TO, PAGES  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def page_reruns(db: Path, page, runs: int) -> tuple[float, float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["BESCHUT_DB"] = str(db)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.session_state[GO_TO] = page.key
    at.run()
    at.selectbox(key="jaar").set_value(2026).run()  # the sample's last year; not all data's
    widget = at.date_input(key="peildatum_2026")
    cold, warm = [], []
    for i in range(runs):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=7 * i + 3)
        cold.append(timed(lambda d=day: widget.set_value(d).run()))
        warm.append(timed(lambda: widget.set_value(dt.date(2026, 10, 31)).run()))
        assert not at.exception, at.exception
    return statistics.median(cold), statistics.median(warm)


def first_render(db: Path) -> float:
    from playwright.sync_api import sync_playwright

    port = serving.free_port()
    start = time.perf_counter()
    server = serving.start(db, port)
    try:
        with sync_playwright() as playwright:
            browser = serving.chromium(playwright)
            tab = browser.new_page()
            serving.open_app(tab, port)
            tab.wait_for_selector("text=Overzicht nieuw beschut werk", timeout=60_000)
            tab.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            elapsed = (time.perf_counter() - start) * 1000
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="a database to copy instead of the sample")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            load(db, files_in_folder(REPO / "data" / "sample"), source="sample")
        data = args.db.name if args.db else "sample data"
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {data}; median of {args.runs} runs\n"
        )
        print("| page | rerun, new peildatum (ms) | rerun, cached (ms) |")
        print("|---|---:|---:|")
        for page in PAGES:
            cold, warm = page_reruns(db, page, args.runs)
            print(f"| {page.title} | {cold:.0f} | {warm:.0f} |")
        # The server needs a file this process has never opened (the app, like this
        # process, holds its database open read-write): load a copy through the CLI.
        served = Path(folder) / "served.duckdb"
        if args.db:
            shutil.copy(args.db, served)
        else:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "dashboard",
                    "load",
                    str(REPO / "data" / "sample"),
                    "--db",
                    str(served),
                ],
                check=True,
                capture_output=True,
            )
        renders = [first_render(served) for _ in range(3)]
        print(
            f"\nFirst render after server start (median of 3): {statistics.median(renders):.0f} ms"
        )


if __name__ == "__main__":
    main()
