"""Opening the DuckDB file, and the one writer path for imports and restores.

A process that serves readers and writes too (the app) shares one read-write
connection per file (`share`): every reader and every write runs on its own cursor,
so DuckDB's MVCC shows readers the last committed version while a write is under way.
Writes (`writing`) are serialised per file by a process-wide lock; a second write
while one runs is refused with `DatabaseBusy`. The command line opens the file for
one command and closes it again.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import re
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard.store.contract import CATEGORIEEN
from dashboard.store.gemeenten import reference, reference_text
from dashboard.store.queries import sql

# Nothing may reach for the network: extensions are built in or not used.
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

BUSY = (
    "er loopt al een import of herstel op deze database; wacht tot die klaar is en "
    "probeer het dan opnieuw (er is niets gewijzigd)"
)


# A file of this dashboard has these tables; a DuckDB file without them belongs to
# another program, and nothing of ours is written into it.
OUR_TABLES = ("import_log", "schema_versie")


class DatabaseError(Exception):
    """The database file cannot be opened; the message is Dutch and user-facing."""


class DatabaseBusy(DatabaseError):
    """Another import or restore is writing to the same file in this process."""


# Every shared connection and every write gets a new number: the app's query cache
# keys on it, so a result is never served from before the last write.
_generations = itertools.count(1)


@dataclass(eq=False)
class SharedDatabase:
    """One read-write connection to a file for the whole process (see module doc)."""

    path: Path
    connection: duckdb.DuckDBPyConnection = field(repr=False)
    generation: int = field(default_factory=lambda: next(_generations))

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.connection.cursor()


_registry_lock = threading.Lock()
_shared: weakref.WeakValueDictionary[Path, SharedDatabase] = weakref.WeakValueDictionary()
_write_locks: dict[Path, threading.Lock] = {}


def _key(path: str | Path) -> Path:
    return Path(path).resolve()


def share(path: str | Path) -> SharedDatabase:
    """The process's shared read-write connection to an existing file.

    Keep the returned object (the app caches it with `st.cache_resource`): the file
    stays open as long as it is referenced.
    """
    key = _key(path)
    with _registry_lock:
        shared = _shared.get(key)
        if shared is None:
            if not key.exists():
                raise DatabaseError(_missing(Path(path)))
            shared = SharedDatabase(key, _open(key, read_only=False))
            _shared[key] = shared
    return shared


def schema_hash() -> str:
    """Identifies this code's schema, counting macros and reference data."""
    text = (
        sql("schema")
        + sql("referentie")
        + sql("macros")
        + sql("afgeleid_kiezen")
        + sql("afgeleid_gemeenten")
        + sql("afgeleid_plaatsingen")
        + repr(CATEGORIEEN)
        + reference_text()
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database file; the writer also brings the schema up to date.

    A reader first upgrades a file written by an older version of the code (macros
    live in the file), so the app always counts with the current rules. In a process
    that shares the file (`share`), the caller gets a cursor on that connection:
    DuckDB cannot open one file read-only and read-write in the same process.
    """
    path = Path(path)
    shared = _shared.get(_key(path))
    if shared is not None:
        return shared.cursor()
    if read_only and not path.exists():
        raise DatabaseError(_missing(path))
    if read_only and not _is_current(path):
        if not _is_ours(path):  # a read never writes, least of all into another's file
            raise DatabaseError(_foreign(path))
        _open(path, read_only=False).close()  # the writer runs ensure_schema
    return _open(path, read_only)


@contextmanager
def writing(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one write (an import or a restore), one write at a time.

    Raises DatabaseBusy when another write to the same file runs in this process;
    DatabaseError when another program holds the file.
    """
    key = _key(path)
    with _registry_lock:
        lock = _write_locks.setdefault(key, threading.Lock())
    if not lock.acquire(blocking=False):
        raise DatabaseBusy(BUSY)
    try:
        shared = _shared.get(key)
        con = shared.cursor() if shared is not None else _open(Path(path), read_only=False)
        try:
            con.execute(sql("schrijven_instellen"))
            yield con
        except (duckdb.Error, OSError) as error:
            if _disk_full(error):
                raise DatabaseError(_full(Path(path))) from None
            raise
        finally:
            con.close()
            shared = _shared.get(key)  # also one opened by a reader meanwhile
            if shared is not None:
                shared.generation = next(_generations)
    finally:
        lock.release()


def _missing(path: Path) -> str:
    return f"database {path} bestaat niet; laad eerst gegevens (beschut load)"


def _foreign(path: Path) -> str:
    return (
        f"database {path} is geen database van dit dashboard (de tabellen "
        f"{' en '.join(OUR_TABLES)} ontbreken): het is een ander DuckDB-bestand of een "
        "leeg bestand. Er is niets in geschreven; kies het juiste bestand of laad eerst "
        "gegevens in een nieuw bestand (beschut load)"
    )


def _full(path: Path) -> str:
    return (
        f"de schijf waarop {path} staat is vol; er is niets gewijzigd. Maak ruimte vrij "
        "en probeer het opnieuw"
    )


def _disk_full(error: BaseException | None) -> bool:
    """No space left, here or in an error it caused (a failed rollback masks it)."""
    while error is not None:
        if getattr(error, "errno", None) == errno.ENOSPC or "No space left" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def _is_current(path: Path) -> bool:
    con = _open(path, read_only=True)
    try:
        return _has_current_schema(con)
    finally:
        con.close()


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def _is_ours(path: Path) -> bool:
    con = _open(path, read_only=True)
    try:
        return set(OUR_TABLES) <= _tables(con)
    finally:
        con.close()


def _has_current_schema(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        return con.execute(sql("schema_versie_lezen")).fetchall() == [(schema_hash(),)]
    except duckdb.CatalogException:
        return False


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=CONFIG)
    except duckdb.IOException as error:
        raise DatabaseError(_open_failure(path, error)) from None
    except duckdb.ConnectionException as error:
        if read_only and "different configuration" in str(error):
            # This process already has the file open read-write (not via `share`).
            return _open(path, read_only=False)
        raise DatabaseError(f"database {path} is onbruikbaar: {error}") from None
    except duckdb.Error as error:
        raise DatabaseError(_open_failure(path, error)) from None
    if not read_only and not _has_current_schema(con):
        if _tables(con) and not set(OUR_TABLES) <= _tables(con):
            con.close()  # another program's file: our tables are not written into it
            raise DatabaseError(_foreign(path))
        try:
            ensure_schema(con)
        except (duckdb.Error, OSError) as error:
            con.close()
            if _disk_full(error):
                raise DatabaseError(_full(path)) from None
            raise
    return con


def _open_failure(path: Path, error: duckdb.Error) -> str:
    text = str(error)
    if re.search(r"\block\b", text.lower()):  # "Could not set lock" (not "block")
        pid = re.search(r"PID (\d+)", text)
        who = f" (proces {pid.group(1)})" if pid else ""
        return (
            f"database {path} is in gebruik door een ander programma{who}, bijvoorbeeld "
            "het dashboard dat het bestand openhoudt zolang het draait; sluit dat of "
            "probeer het zo opnieuw (er is niets gewijzigd)"
        )
    if _disk_full(error):
        return _full(path)
    if "not a valid DuckDB database" in text or "Corrupt" in text or "Serializ" in text:
        return (
            f"database {path} is beschadigd of is geen DuckDB-bestand; er is niets "
            "gewijzigd. Zet een reservekopie terug of laad de gegevens opnieuw in een "
            "nieuw bestand (beschut load)"
        )
    return f"database {path} kan niet worden geopend: {error}"


# Counted from the data tables by `recount` (schema.sql), never written otherwise.
DERIVED_TABLES = (
    "gemeente_met_gegevens",
    "beschut_plaatsing",
    "dienstverband",
    "realisatie_stand",
    "realisatie_maandeinde",
)


def recount(
    con: duckdb.DuckDBPyConnection,
    plaatsingen: bool,
    gemeenten: Iterable[str] | None = None,
) -> None:
    """Count the derived tables again (schema.sql) inside the caller's transaction.

    Every write calls this after changing the data tables: the list of gemeenten with
    data always, the beschut werk tables when `plaatsingen` changed. `gemeenten` are
    the codes whose data the write changed: only their derived rows are counted afresh
    (and every gemeente's month-ends when the month-end range moved); None counts all.
    """
    chosen = None if gemeenten is None else sorted(set(gemeenten))
    con.execute(sql("afgeleid_kiezen"), {"gemeenten": chosen})
    con.execute(sql("afgeleid_gemeenten"))
    if plaatsingen:
        con.execute(sql("afgeleid_plaatsingen"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables, the reference data and the counting macros (one transaction)."""
    import pandas as pd  # here, not at the top: reading a current file does not need it

    categories = pd.DataFrame(
        [
            (kind, value, i)
            for kind, values in CATEGORIEEN.items()
            for i, value in enumerate(values)
        ],
        columns=["soort", "waarde", "volgorde"],
    )
    con.begin()
    try:
        con.execute(sql("schema"))
        con.register("categorie_bron", categories)
        con.register("referentie_bron", reference())
        try:
            con.execute(sql("referentie"))
        finally:
            con.unregister("categorie_bron")
            con.unregister("referentie_bron")
        con.execute(sql("macros"))
        recount(con, plaatsingen=True)
        con.execute(sql("schema_versie_zetten"), {"hash": schema_hash()})
        con.commit()
    except duckdb.Error:
        con.rollback()
        raise
