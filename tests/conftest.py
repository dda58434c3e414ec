from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from dashboard.ingest.loader import SourceFile, files_in_folder, load

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"

PLAATSINGEN_HEADER = (
    "plaatsing_id,persoon_id,gemeente,instrument,startdatum,einddatum,"
    "uren_per_week,werkgever,kosten_per_maand"
)
TRAJECTEN_HEADER = (
    "traject_id,persoon_id,gemeente,startdatum,einddatum,uitkomst,"
    "advies_aangevraagd,advies_uitkomst"
)


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def csv_lines(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def file_digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "beschut.duckdb"


@pytest.fixture
def load_files(tmp_path: Path, db_path: Path) -> Callable[..., Path]:
    """Write files into a fresh folder and load them into `db_path`."""
    counter = iter(range(1000))

    def run(files: dict[str, str | bytes]) -> Path:
        folder = write_folder(tmp_path / f"in{next(counter)}", files)
        load(db_path, files_in_folder(folder), source=str(folder))
        return folder

    return run


@pytest.fixture
def read_db(db_path: Path) -> Callable[..., duckdb.DuckDBPyConnection]:
    def open_() -> duckdb.DuckDBPyConnection:
        from dashboard.store.db import connect

        return connect(db_path, read_only=True)

    return open_


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample data loaded once into a database for the session."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    load(path, files_in_folder(SAMPLE), source=str(SAMPLE))
    return path


def derived_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    from dashboard.store.db import DERIVED_TABLES

    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in DERIVED_TABLES}


def assert_derived_in_step(db: Path) -> None:
    """The derived tables hold exactly what counting them afresh gives (db.recount)."""
    from dashboard.store.db import recount

    con = duckdb.connect(str(db))
    try:
        stored = derived_contents(con)
        con.begin()
        recount(con, plaatsingen=True)
        afresh = derived_contents(con)
        con.rollback()
    finally:
        con.close()
    assert stored == afresh
    assert afresh["gemeente_met_gegevens"], "no gemeenten: the check would prove nothing"


def source(name: str, content: str | bytes) -> SourceFile:
    return SourceFile(name, content.encode("utf-8") if isinstance(content, str) else content)


def chart_data(spec: str) -> list[dict]:
    """The traces of a Plotly figure's JSON, typed arrays ("bdata") decoded to lists."""
    import base64
    import json

    import numpy as np

    def decode(value):
        if isinstance(value, dict) and "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
        return value

    return [{k: decode(v) for k, v in trace.items()} for trace in json.loads(spec)["data"]]


def app_charts(at) -> list[list[dict]]:
    """Every Plotly chart an AppTest page shows, as decoded traces."""
    return [chart_data(chart.proto.spec) for chart in at.get("plotly_chart")]


def pytest_terminal_summary(terminalreporter):
    folder = REPO / "test-artifacts" / "screenshots"
    if folder.exists() and any(folder.iterdir()):
        terminalreporter.write_line(f"Screenshots of the app: {folder}")


def start_app(monkeypatch, db, page: str | None = None, timeout: float = 60, link=None):
    """The dashboard in Streamlit's AppTest on database `db`, on `page` (its menu label
    or key in dashboard.pages), opened with the query parameters `link` (a dict), with
    fresh caches; fails on any exception."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BESCHUT_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=timeout)
    at.query_params.update(link or {})
    at.run()
    if page is not None:
        switch_page(at, page)
    assert not at.exception, at.exception
    return at


def as_shown(markdown: str) -> str:
    """Markdown source as the reader sees it: backslash escapes (ui.md) removed."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def table_rows(table) -> list[tuple]:
    """The rows of an `st.table` as shown (its cells are markdown)."""
    return [
        tuple(as_shown(v) if isinstance(v, str) else v for v in row)
        for row in table.value.itertuples(index=False, name=None)
    ]


def switch_page(at, page: str):
    """Open `page` (menu label or key) in a running AppTest, the sidebar kept: the app
    switches to the page named in session state (AppTest has no URL bar)."""
    from dashboard.web.pages import BY_KEY, BY_TITLE, GO_TO

    at.session_state[GO_TO] = (BY_TITLE.get(page) or BY_KEY[page]).key
    return at.run()
