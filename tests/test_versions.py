"""Versions: undo and restore round-trips, the restore command, and its refusals."""

from __future__ import annotations

import duckdb
import pytest
from conftest import (
    PLAATSINGEN_HEADER,
    SAMPLE,
    assert_derived_in_step,
    csv_lines,
    file_digest,
    write_folder,
)

from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store.db import DERIVED_TABLES, DatabaseBusy, ensure_schema, writing
from dashboard.store.queries import run_records
from dashboard.store.versions import VersieError, restore, undo

# A second delivery: Maastricht's plaatsingen and taakstelling replaced, Vaals added.
SECOND = {
    "plaatsingen.csv": csv_lines(
        PLAATSINGEN_HEADER,
        "N1,n1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100",
        "N2,n2,GM0935,beschut_werk,2025-02-01,,24,MOB,1800",
        "V1,v1,GM0981,beschut_werk,2025-01-01,,30,Vaals BV,2000",
    ),
    "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2025,99"),
    "gemeenten.csv": csv_lines("code,naam,inwoners", "935,Maastricht,1", "981,Vaals,9800"),
}
TABLES = ("taakstelling", "plaatsingen", "trajecten", "begroting", "uitgaven", "gemeente_gegevens")


def report(db, capsys) -> str:
    """Every figure the report gives, for two years, as its exact JSON bytes."""
    out = []
    for jaar in ("2025", "2026"):
        capsys.readouterr()
        assert main(["report", "--db", str(db), "--jaar", jaar, "--format", "json"]) == 0
        out.append(capsys.readouterr().out)
    return "".join(out)


def cli_restore(db, versie: int, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["restore", "--db", str(db), "--versie", str(versie)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def two_versions(tmp_path, db_path, capsys):
    """Version 1 = the sample, version 2 = the second delivery; with their reports."""
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    first = report(db_path, capsys)
    folder = write_folder(tmp_path / "tweede", SECOND)
    load(db_path, files_in_folder(folder), source=str(folder))
    second = report(db_path, capsys)
    assert second != first
    return first, second


def test_undo_and_restore_round_trips_leave_the_report_byte_for_byte(two_versions, db_path, capsys):
    first, second = two_versions
    undone = undo(db_path, source="test")
    assert (undone.import_id, undone.versie) == (3, 1)
    assert undone.tabellen == {
        "gemeente_gegevens": ("GM0935", "GM0981"),
        "plaatsingen": ("GM0935", "GM0981"),
        "taakstelling": ("GM0935",),
    }
    assert report(db_path, capsys) == first

    code, out, err = cli_restore(db_path, 2, capsys)
    assert code == 0, err
    assert "vastgelegd als versie 4" in out
    assert report(db_path, capsys) == second

    undo(db_path, source="test")  # undoes the restore: back to version 3 = version 1
    assert report(db_path, capsys) == first

    assert cli_restore(db_path, 4, capsys)[0] == 0
    assert report(db_path, capsys) == second
    assert cli_restore(db_path, 1, capsys)[0] == 0
    assert report(db_path, capsys) == first


def test_version_zero_is_the_empty_database_and_can_be_undone(two_versions, db_path, capsys):
    first, _ = two_versions
    restore(db_path, 0, source="test")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        for table in TABLES + DERIVED_TABLES:
            assert con.sql(f"SELECT count(*) FROM {table}").fetchall() == [(0,)], table
    finally:
        con.close()
    restore(db_path, 1, source="test")
    assert report(db_path, capsys) == first


def test_every_table_is_put_back_exactly(two_versions, db_path):
    def dump() -> dict[str, list[tuple]]:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
        finally:
            con.close()

    after_second = dump()
    assert_derived_in_step(db_path)
    restore(db_path, 1, source="test")
    after_first = dump()
    assert after_first != after_second
    assert_derived_in_step(db_path)
    restore(db_path, 2, source="test")
    assert dump() == after_second
    assert_derived_in_step(db_path)
    undo(db_path, source="test")
    assert dump() == after_first
    assert_derived_in_step(db_path)


def test_history_lists_restores_as_versions(two_versions, db_path, capsys):
    undo(db_path, source="beschut restore")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        history = run_records(con, "import_historie")
    finally:
        con.close()
    assert [(h["import_id"], h["resultaat"]) for h in history] == [
        (1, "geslaagd"),
        (2, "geslaagd"),
        (3, "hersteld naar versie 1"),
    ]
    capsys.readouterr()
    assert main(["history", "--db", str(db_path)]) == 0
    assert "hersteld naar versie 1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("versie", "message"),
    [
        (7, "versie 7 bestaat niet; kies 0 (leeg) tot en met 2"),
        (2, "versie 2 is de huidige stand"),
    ],
)
def test_a_version_that_cannot_be_restored_is_refused_without_change(
    two_versions, db_path, capsys, versie, message
):
    before = file_digest(db_path)
    code, out, err = cli_restore(db_path, versie, capsys)
    assert code == 1 and message in err and "Traceback" not in err
    assert file_digest(db_path) == before


def test_versions_from_before_versions_were_kept_block_going_back(two_versions, db_path):
    con = duckdb.connect(str(db_path))
    con.execute("DELETE FROM versie WHERE import_id = 2")  # as an import by older code
    con.close()
    with pytest.raises(VersieError, match="versie 2 is geïmporteerd voordat versies"):
        restore(db_path, 1, source="test")
    with pytest.raises(VersieError, match="versie 0 kan niet|voordat versies"):
        restore(db_path, 0, source="test")


def test_restore_arguments_and_a_missing_database_give_dutch_messages(tmp_path, capsys):
    code, _, err = cli_restore(tmp_path / "geen.duckdb", 1, capsys)
    assert code == 1 and "bestaat niet" in err
    assert not (tmp_path / "geen.duckdb").exists()
    with pytest.raises(SystemExit):
        main(["restore", "--db", str(tmp_path / "x.duckdb"), "--versie", "twee"])
    assert "geen versienummer" in capsys.readouterr().err


def test_undo_on_an_empty_database_says_there_is_nothing(tmp_path):
    from dashboard.store.db import connect

    path = tmp_path / "leeg.duckdb"
    connect(path, read_only=False).close()
    with pytest.raises(VersieError, match="niets om ongedaan te maken"):
        undo(path, source="test")


def test_a_second_write_while_one_runs_is_refused(two_versions, db_path):
    before = file_digest(db_path)
    with writing(db_path):
        with pytest.raises(DatabaseBusy, match="er loopt al een import"):
            undo(db_path, source="test")
        with pytest.raises(DatabaseBusy):
            load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    assert file_digest(db_path) == before
    undo(db_path, source="test")  # the lock is free again


def test_the_kept_rows_tables_have_the_columns_of_their_data_tables(tmp_path):
    # vervangen_plaatsingen and _trajecten are written out in schema.sql (to choose
    # their compression): a column added to the data table must be added there too.
    con = duckdb.connect(str(tmp_path / "schema.duckdb"))
    try:
        ensure_schema(con)
        columns = (
            "SELECT column_name, data_type FROM duckdb_columns() "
            "WHERE table_name = ? ORDER BY column_index"
        )
        for table in TABLES:
            kept = con.execute(columns, [f"vervangen_{table}"]).fetchall()
            assert kept == [("import_id", "INTEGER"), *con.execute(columns, [table]).fetchall()]
    finally:
        con.close()
