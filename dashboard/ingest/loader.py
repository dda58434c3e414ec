"""Import a gemeente's files: find, read, validate, then write all or nothing.

A load never writes before every file has passed validation, so bad input leaves
the database file untouched. The write itself is one transaction that also records
the import in `import_log` and `import_bestand`, and keeps the rows it replaces so
that the import can be undone (versions.py). The command line and the app's upload
both write through `write`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from dashboard.ingest.batches import NotInBatches, check_in_batches, wants_batches
from dashboard.ingest.problems import WHOLE_FILE, InputError, Problem
from dashboard.ingest.reading import read_file
from dashboard.ingest.validate import Validated, header_test, validate
from dashboard.store.contract import FILE_SUFFIXES, TABLE_ORDER, TABLES
from dashboard.store.db import recount, writing
from dashboard.store.queries import sql
from dashboard.store.versions import keep_replaced, log_version, next_version


class _Named:
    name: str

    @property
    def table(self) -> str | None:
        path = Path(self.name)
        stem = path.stem.strip().lower()
        if path.suffix.lower() in FILE_SUFFIXES and stem in TABLES:
            return stem
        return None


@dataclass(frozen=True)
class SourceFile(_Named):
    """One input file's bytes, named as the user knows it."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data)

    def checked(self, sha256: str) -> None:
        """Noted by a check that read the bytes itself (`batches`)."""


@dataclass(frozen=True)
class FolderFile(_Named):
    """A file in a folder, read when it is checked and not kept in memory (a national
    file has hundreds of MB). `sha256` is that of the bytes last checked, so the
    import log names the content that was validated."""

    name: str
    path: Path
    _hashes: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def data(self) -> bytes:
        data = self.path.read_bytes()
        self.checked(hashlib.sha256(data).hexdigest())
        return data

    @property
    def sha256(self) -> str:
        if "sha256" not in self._hashes:
            self.data  # noqa: B018 (reads the file and hashes it)
        return self._hashes["sha256"]

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        return self.path.open("rb")

    def checked(self, sha256: str) -> None:
        """Noted by a check that read the bytes itself (`batches`)."""
        self._hashes["sha256"] = sha256


InputFile = SourceFile | FolderFile


@dataclass(frozen=True)
class Checked:
    """One file after reading and validating it, for a preview before the import."""

    file: InputFile
    table: str | None  # None: the name is no table of the contract
    header: tuple[str, ...]  # the column names as read (normalised); () if unreadable
    result: Validated | None  # None when the file could not be read at all
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    tables: dict[str, int]  # rows imported per table
    gemeenten: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()  # worth a look, no reason to refuse (a wrong total)


def files_in_folder(folder: str | Path) -> list[FolderFile]:
    """The contract's files in a folder, found by name; raises InputError if none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError([Problem(str(folder), 1, WHOLE_FILE, "map bestaat niet")])
    paths = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))
    )
    files = [FolderFile(p.name, p) for p in paths]
    files = [f for f in files if f.table]
    if not files:
        expected = ", ".join(f"{t}.csv" for t in TABLE_ORDER)
        message = (
            f"geen invoerbestanden gevonden; verwacht een of meer van: {expected} "
            "(of .xlsx, .xls, .ods)"
        )
        raise InputError([Problem(str(folder), 1, WHOLE_FILE, message)])
    return files


def inspect(files: list[InputFile]) -> list[Checked]:
    """Read and validate every file; never raises for bad content (see `problems`).

    The files are checked side by side, one thread per core, the largest first: most
    of the work is in Arrow, which runs without Python's lock, so a national import
    takes about the time of its largest file rather than of all files one by one
    (an import over PARALLEL_BYTES on one thread: see `threads_for`).
    """
    seen: dict[str, str] = {}
    checked: list[Checked | None] = []
    todo: list[tuple[int, InputFile, str]] = []
    for file in files:
        table = file.table
        if table is None:
            message = "onbekende bestandsnaam; verwacht " + ", ".join(TABLE_ORDER)
            checked.append(_refused(file, None, message))
        elif table in seen:
            message = f"tabel {table} staat ook in {seen[table]}; lever één bestand per tabel"
            checked.append(_refused(file, table, message))
        else:
            seen[table] = file.name
            todo.append((len(checked), file, table))
            checked.append(None)
    todo.sort(key=lambda item: item[1].size, reverse=True)
    threads = threads_for(sum(file.size for _, file, _ in todo))
    with ThreadPoolExecutor(max_workers=min(len(todo), threads) or 1) as pool:
        done = pool.map(lambda item: _inspect_one(item[1], item[2], threads), todo)
        for (place, _, _), result in zip(todo, done, strict=True):
            checked[place] = result
    return checked


# Above this size an import is checked on one thread: at 100x national size (1 GB)
# threads took the load's peak from 1,7 to 4,5 GB (measured; presumably Arrow's
# allocator keeping memory per thread, not verified).
PARALLEL_BYTES = 256 * 1024 * 1024


def threads_for(size: int) -> int:
    """How many threads check an import of `size` bytes."""
    return (os.cpu_count() or 1) if size <= PARALLEL_BYTES else 1


def _refused(file: InputFile, table: str | None, message: str) -> Checked:
    return Checked(file, table, (), None, (Problem(file.name, 1, WHOLE_FILE, message),))


def _inspect_one(file: InputFile, table: str, threads: int = 1) -> Checked:
    spec = TABLES[table]
    if wants_batches(file.name, file.size, spec):
        try:
            with file.open() as stream:
                result, header, sha256 = check_in_batches(
                    file.name, stream, spec, header_test(spec), threads
                )
        except (NotInBatches, InputError):
            pass  # read whole below, which words any refusal
        else:
            file.checked(sha256)
            return Checked(file, table, header, result, result.problems)
    try:
        raw = read_file(file.name, file.data, table, header_test(spec))
    except InputError as error:
        return Checked(file, table, (), None, tuple(error.problems))
    result = validate(raw, spec)
    return Checked(file, table, tuple(raw.cells.columns), result, result.problems)


def problems_of(checked: list[Checked]) -> list[Problem]:
    return sorted(p for c in checked for p in c.problems)


def check(files: list[InputFile]) -> list[Validated]:
    """Validate every file; raises InputError with the problems of all files together."""
    checked = inspect(files)
    problems = problems_of(checked)
    if problems:
        raise InputError(problems)
    results = [c.result for c in checked if c.result is not None]
    return sorted(results, key=lambda r: TABLE_ORDER.index(r.table))


def load(db_path: str | Path, files: list[InputFile], source: str) -> ImportResult:
    """Validate, then replace each table's rows for the gemeenten in its file.

    Raises InputError (nothing written), DatabaseBusy or DatabaseError (nothing written).
    """
    return _write_all(db_path, check(files), files, source)


def write(
    db_path: str | Path, checked: list[Validated], files: list[InputFile], source: str
) -> ImportResult:
    """Write validated files in one transaction, as a new version.

    `checked` must come from `check` (or `inspect` without problems) of `files`.
    """
    return _write_all(db_path, list(checked), files, source)


def _write_all(
    db_path: str | Path, checked: list[Validated], files: list[InputFile], source: str
) -> ImportResult:
    """`write`, emptying `checked` as each file goes in: rows only this list holds (a
    load's) are freed once in the database, before the recount, which at 100x needs
    the memory."""
    started = dt.datetime.now()
    with writing(db_path) as con:
        return _write(con, checked, files, source, started)


def _write(
    con: duckdb.DuckDBPyConnection,
    checked: list[Validated],
    files: list[InputFile],
    source: str,
    started: dt.datetime,
) -> ImportResult:
    by_name = {f.name: f for f in files}
    codes = {r.table: _gemeenten(r) for r in checked}  # once per file: a scan of its rows
    warnings = tuple(sorted(w for r in checked for w in r.warnings))
    tables = {r.table: len(r.rows) for r in checked}
    con.begin()
    try:
        import_id = next_version(con)
        while checked:
            _insert(con, import_id, checked.pop(0), by_name, codes)
        pa.default_memory_pool().release_unused()  # the rows written, back to the system
        recount(
            con,
            plaatsingen="plaatsingen" in tables,
            gemeenten={g for table_codes in codes.values() for g in table_codes},
        )
        log_version(con, import_id, started, "geslaagd", source)
        con.commit()
    except duckdb.Error:
        con.rollback()
        raise
    gemeenten = sorted({g for table_codes in codes.values() for g in table_codes})
    return ImportResult(import_id, tables, tuple(gemeenten), warnings)


def _insert(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    result: Validated,
    by_name: dict[str, InputFile],
    codes: dict[str, list[str]],
) -> None:
    """One validated file into its table (the rows it replaces kept for an undo).

    The SQL reads `nieuw`, this function's local Arrow table, by DuckDB's replacement
    scan: a registered table would stay alive until the commit (466 MB at 100x)."""
    spec = TABLES[result.table]
    keep_replaced(con, import_id, spec.db_table, codes[result.table])
    nieuw = pa.Table.from_pandas(result.rows, preserve_index=False)  # noqa: F841 (SQL)
    con.execute(sql(f"laden/{result.table}"))
    del nieuw
    _log_file(con, import_id, result, by_name[result.file], codes[result.table])


def _gemeenten(result: Validated) -> list[str]:
    """The gemeenten whose rows the file replaces (its codes), sorted."""
    column = TABLES[result.table].gemeente_column
    return sorted(result.rows[column].dropna().unique().tolist())


def _log_file(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    result: Validated,
    file: InputFile,
    gemeenten: list[str],
) -> None:
    con.execute(
        sql("log_bestand"),
        {
            "import_id": import_id,
            "bestand": file.name,
            "tabel": result.table,
            "sha256": file.sha256,
            "rijen": len(result.rows),
            "gemeenten": gemeenten,
            "codering": result.encoding,
        },
    )
