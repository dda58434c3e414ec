"""Import a gemeente's files: find, read, validate, then write all or nothing.

A load never writes before every file has passed validation, so bad input leaves
the database file untouched. The write itself is one transaction that also records
the import in `import_log` and `import_bestand`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .contract import FILE_SUFFIXES, TABLE_ORDER, TABLES
from .db import connect
from .problems import WHOLE_FILE, InputError, Problem
from .queries import sql
from .reading import read_file
from .validate import Validated, validate


@dataclass(frozen=True)
class SourceFile:
    """One input file's bytes, named as the user knows it."""

    name: str
    data: bytes

    @property
    def table(self) -> str | None:
        path = Path(self.name)
        stem = path.stem.strip().lower()
        if path.suffix.lower() in FILE_SUFFIXES and stem in TABLES:
            return stem
        return None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    tables: dict[str, int]  # rows imported per table
    gemeenten: tuple[str, ...]


def files_in_folder(folder: str | Path) -> list[SourceFile]:
    """The contract's files in a folder, found by name; raises InputError if none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError([Problem(str(folder), 1, WHOLE_FILE, "map bestaat niet")])
    paths = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))
    )
    files = [SourceFile(p.name, p.read_bytes()) for p in paths]
    files = [f for f in files if f.table]
    if not files:
        expected = ", ".join(f"{t}.csv" for t in TABLE_ORDER)
        message = f"geen invoerbestanden gevonden; verwacht een of meer van: {expected} (of .xlsx)"
        raise InputError([Problem(str(folder), 1, WHOLE_FILE, message)])
    return files


def check(files: list[SourceFile]) -> list[Validated]:
    """Validate every file; raises InputError with the problems of all files together."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    results: list[Validated] = []
    for file in files:
        table = file.table
        if table is None:
            message = "onbekende bestandsnaam; verwacht " + ", ".join(TABLE_ORDER)
            problems.append(Problem(file.name, 1, WHOLE_FILE, message))
            continue
        if table in seen:
            message = f"tabel {table} staat ook in {seen[table]}; lever één bestand per tabel"
            problems.append(Problem(file.name, 1, WHOLE_FILE, message))
            continue
        seen[table] = file.name
        try:
            result = validate(read_file(file.name, file.data), TABLES[table])
        except InputError as error:
            problems += error.problems
            continue
        problems += result.problems
        results.append(result)
    if problems:
        raise InputError(problems)
    return sorted(results, key=lambda r: TABLE_ORDER.index(r.table))


def load(db_path: str | Path, files: list[SourceFile], source: str) -> ImportResult:
    """Validate, then replace each table's rows for the gemeenten in its file.

    Raises InputError (nothing written) or DatabaseError (nothing written).
    """
    checked = check(files)
    started = dt.datetime.now()
    con = connect(db_path, read_only=False)
    try:
        return _write(con, checked, files, source, started)
    finally:
        con.close()


def _write(
    con: duckdb.DuckDBPyConnection,
    checked: list[Validated],
    files: list[SourceFile],
    source: str,
    started: dt.datetime,
) -> ImportResult:
    by_name = {f.name: f for f in files}
    con.begin()
    try:
        import_id = con.execute(sql("volgend_import_id")).fetchall()[0][0]
        for result in checked:
            con.register("nieuw", result.rows)
            con.execute(sql(f"laden/{result.table}"))
            con.unregister("nieuw")
            _log_file(con, import_id, result, by_name[result.file])
        _log_import(con, import_id, started, "geslaagd", source, None)
        con.commit()
    except duckdb.Error:
        con.rollback()
        raise
    gemeenten = sorted({g for r in checked for g in r.rows["gemeente"].dropna().unique()})
    return ImportResult(import_id, {r.table: len(r.rows) for r in checked}, tuple(gemeenten))


def _log_file(
    con: duckdb.DuckDBPyConnection, import_id: int, result: Validated, file: SourceFile
) -> None:
    gemeenten = sorted(result.rows["gemeente"].dropna().unique().tolist())
    con.execute(
        sql("log_bestand"),
        {
            "import_id": import_id,
            "bestand": file.name,
            "tabel": result.table,
            "sha256": file.sha256,
            "rijen": len(result.rows),
            "gemeenten": gemeenten,
        },
    )


def _log_import(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    started: dt.datetime,
    outcome: str,
    source: str,
    message: str | None,
) -> None:
    con.execute(
        sql("log_import"),
        {
            "import_id": import_id,
            "gestart": started,
            "afgerond": dt.datetime.now(),
            "resultaat": outcome,
            "bron": source,
            "melding": message,
        },
    )
