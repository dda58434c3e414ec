"""Opening the DuckDB file: read-only for the app, one writer path for imports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd

from .contract import CATEGORIEEN
from .gemeenten import reference
from .queries import sql

# Nothing may reach for the network: extensions are built in or not used.
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class DatabaseError(Exception):
    """The database file cannot be opened; the message is Dutch and user-facing."""


def schema_hash() -> str:
    """Identifies this code's schema and counting macros."""
    text = sql("schema") + sql("referentie") + sql("macros")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database file; the writer also brings the schema up to date.

    A reader first upgrades a file written by an older version of the code (macros
    live in the file), so the app always counts with the current rules.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseError(f"database {path} bestaat niet; laad eerst gegevens (beschut load)")
    if read_only and not _is_current(path):
        _open(path, read_only=False).close()  # the writer runs ensure_schema
    return _open(path, read_only)


def _is_current(path: Path) -> bool:
    con = _open(path, read_only=True)
    try:
        return con.execute(sql("schema_versie_lezen")).fetchall() == [(schema_hash(),)]
    except duckdb.CatalogException:
        return False
    finally:
        con.close()


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=CONFIG)
    except duckdb.IOException as error:
        raise DatabaseError(_open_failure(path, error)) from None
    except duckdb.Error as error:
        raise DatabaseError(f"database {path} is onbruikbaar: {error}") from None
    if not read_only:
        ensure_schema(con)
    return con


def _open_failure(path: Path, error: duckdb.Error) -> str:
    if "lock" in str(error).lower():
        return f"database {path} is in gebruik door een ander programma; probeer het zo opnieuw"
    return f"database {path} kan niet worden geopend: {error}"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables, the reference data and the counting macros."""
    categories = pd.DataFrame(
        [
            (kind, value, i)
            for kind, values in CATEGORIEEN.items()
            for i, value in enumerate(values)
        ],
        columns=["soort", "waarde", "volgorde"],
    )
    con.execute(sql("schema"))
    con.register("categorie_bron", categories)
    con.register("referentie_bron", reference())
    try:
        con.execute(sql("referentie"))
    finally:
        con.unregister("categorie_bron")
        con.unregister("referentie_bron")
    con.execute(sql("macros"))
    con.execute(sql("schema_versie_zetten"), {"hash": schema_hash()})
