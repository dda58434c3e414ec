"""Named prognose scenarios, saved in a small DuckDB file of their own.

The data file is opened read-only by the app; scenarios are the users' own work
and live beside it (`<data>.scenarios.duckdb`), so saving one never touches the data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from dashboard.forecasting.prognose import Scenario
from dashboard.store.db import CONFIG
from dashboard.store.queries import sql

BASE = "Basis"


def path_for(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".scenarios.duckdb")


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), config=CONFIG)
    con.execute(sql("scenario_schema"))
    return con


def save(con: duckdb.DuckDBPyConnection, naam: str, scenario: Scenario) -> None:
    """Save under a name; the name of the base scenario is reserved."""
    naam = naam.strip()
    if not naam or naam.lower() == BASE.lower():
        raise ValueError(f"kies een naam voor het scenario (niet leeg, niet '{BASE}')")
    cursor = con.cursor()
    try:
        cursor.execute(
            sql("scenario_opslaan"),
            {
                "naam": naam,
                "instellingen": json.dumps(scenario.as_dict()),
                "opgeslagen": dt.datetime.now(),
            },
        )
    finally:
        cursor.close()


def load_all(con: duckdb.DuckDBPyConnection) -> dict[str, Scenario]:
    """Every saved scenario by name, the base scenario first."""
    cursor = con.cursor()
    try:
        rows = cursor.execute(sql("scenario_lijst")).fetchall()
    finally:
        cursor.close()
    saved = {naam: Scenario.from_dict(json.loads(values)) for naam, values, _ in rows}
    return {BASE: Scenario(), **saved}


def delete(con: duckdb.DuckDBPyConnection, naam: str) -> None:
    cursor = con.cursor()
    try:
        cursor.execute(sql("scenario_verwijderen"), {"naam": naam})
    finally:
        cursor.close()
