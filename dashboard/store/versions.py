"""Versions: every import and every restore is one, numbered by import_id.

A version keeps the rows it replaced (per table and gemeente, in `vervangen_<tabel>`),
so the data as it stood right after any version N can be put back: each table and
gemeente that a later version touched gets the rows that the first such version
replaced. A restore is itself a new version (result 'hersteld naar versie N') that
keeps what it replaced, so it can be undone like an import; nothing is ever lost.
Version 0 is the empty database before the first import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard import __version__
from dashboard.store.db import DatabaseError, recount, writing
from dashboard.store.queries import sql, sql_for_table


class VersieError(Exception):
    """A version that cannot be put back; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class Restored:
    import_id: int  # the new version the restore is logged as
    versie: int  # the version put back
    tabellen: dict[str, tuple[str, ...]]  # the gemeenten put back, per table


def next_version(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(sql("volgend_import_id")).fetchall()[0][0]


def keep_replaced(
    con: duckdb.DuckDBPyConnection, import_id: int, tabel: str, gemeenten: Sequence[str]
) -> None:
    """Store the rows of `tabel` for `gemeenten` before version `import_id` replaces them."""
    parameters = {"import_id": import_id, "gemeenten": list(gemeenten)}
    con.execute(sql_for_table("versie_bewaren", tabel), parameters)
    con.execute(sql("versie_inhoud_opslaan"), {**parameters, "tabel": tabel})


def log_version(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    started: dt.datetime,
    resultaat: str,
    bron: str,
    hersteld_naar: int | None = None,
) -> None:
    """Record the version in the import log, marked as one that kept what it replaced."""
    con.execute(
        sql("log_import"),
        {
            "import_id": import_id,
            "gestart": started,
            "afgerond": dt.datetime.now(),
            "resultaat": resultaat,
            "bron": bron,
            "melding": None,
            "dashboard_versie": __version__,
        },
    )
    con.execute(sql("versie_opslaan"), {"import_id": import_id, "hersteld_naar": hersteld_naar})


def restore(db_path: str | Path, versie: int, source: str) -> Restored:
    """Put back the data as it stood right after version `versie`, as a new version.

    Raises VersieError (nothing written), DatabaseBusy or DatabaseError.
    """
    return _write(db_path, lambda versions: versie, source)


def undo(db_path: str | Path, source: str) -> Restored:
    """Undo the last version (import or restore): put back the one before it."""
    return _write(db_path, _before_last, source)


def _before_last(versions: list[dict]) -> int:
    if not versions:
        raise VersieError("er is nog niets geïmporteerd, dus niets om ongedaan te maken")
    return versions[-2]["import_id"] if len(versions) > 1 else 0


def _write(db_path: str | Path, target: Callable[[list[dict]], int], source: str) -> Restored:
    if not Path(db_path).exists():
        raise DatabaseError(f"database {db_path} bestaat niet; laad eerst gegevens")
    started = dt.datetime.now()
    with writing(db_path) as con:
        con.begin()
        try:
            versions = _records(con, "versies")
            restored = _restore(con, versions, target(versions), source, started)
            con.commit()
        except Exception:
            con.rollback()
            raise
    return restored


def _restore(
    con: duckdb.DuckDBPyConnection,
    versions: list[dict],
    versie: int,
    source: str,
    started: dt.datetime,
) -> Restored:
    _check(versions, versie)
    import_id = next_version(con)
    con.execute(sql("herstel_plan"), {"versie": versie})
    plan = {tabel: tuple(g) for tabel, g in con.execute(sql("herstel_plan_per_tabel")).fetchall()}
    for tabel, gemeenten in plan.items():
        keep_replaced(con, import_id, tabel, gemeenten)
    for tabel in plan:
        con.execute(sql_for_table("herstellen", tabel))
    changed = {g for gemeenten in plan.values() for g in gemeenten}
    recount(con, plaatsingen="plaatsingen" in plan, gemeenten=changed)
    log_version(con, import_id, started, f"hersteld naar versie {versie}", source, versie)
    return Restored(import_id, versie, plan)


def _check(versions: list[dict], versie: int) -> None:
    if not versions:
        raise VersieError("er zijn nog geen versies; laad eerst gegevens")
    known = {v["import_id"]: v for v in versions if v["resultaat"] != "mislukt"}
    latest = versions[-1]["import_id"]
    if versie != 0 and versie not in known:
        raise VersieError(
            f"versie {versie} bestaat niet; kies 0 (leeg) tot en met {latest} (zie beschut history)"
        )
    if versie == latest:
        raise VersieError(f"versie {versie} is de huidige stand; er is niets te herstellen")
    not_kept = [v["import_id"] for v in versions if v["import_id"] > versie and not v["bewaard"]]
    if not_kept:
        raise VersieError(
            f"versie {not_kept[0]} is geïmporteerd voordat versies werden bewaard; "
            f"terugzetten naar een versie vóór {not_kept[0]} kan niet"
        )


def _records(con: duckdb.DuckDBPyConnection, name: str) -> list[dict]:
    result = con.execute(sql(name))
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
