"""Loading: replace per gemeente, idempotence, the import log and history."""

from __future__ import annotations

import hashlib

from conftest import PLAATSINGEN_HEADER, assert_derived_in_step, csv_lines, write_folder

from dashboard.cli import main
from dashboard.store.queries import run_records

ROWS_935 = [
    "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100",
    "A2,p2,GM0935,jobcoaching,2024-03-01,,20,Bakker,300",
]
ROW_938 = "B1,q1,GM0938,beschut_werk,2024-05-01,,24,MOB,1900"


def table_dump(con, table: str) -> list[tuple]:
    return con.sql(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_loading_the_same_files_twice_gives_the_same_data(load_files, read_db):
    files = {
        "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938),
        "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2024,10"),
        "uitgaven.csv": csv_lines("gemeente,maand,post,bedrag", "GM0935,2024-01,overig,5"),
    }
    load_files(files)
    con = read_db()
    first = {t: table_dump(con, t) for t in ("plaatsingen", "taakstelling", "uitgaven")}
    con.close()
    load_files(files)
    con = read_db()
    try:
        second = {t: table_dump(con, t) for t in ("plaatsingen", "taakstelling", "uitgaven")}
        assert second == first
        assert len(first["plaatsingen"]) == 3
        assert [r["import_id"] for r in run_records(con, "import_historie")] == [1, 2]
    finally:
        con.close()


def test_a_file_replaces_only_its_gemeenten_and_absent_tables_stay(load_files, read_db):
    load_files(
        {
            "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938),
            "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2024,10"),
        }
    )
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "C1,p9,GM0935,beschut_werk,2024-06-01,,36,MOB,2500"
            )
        }
    )
    con = read_db()
    try:
        ids = con.sql("SELECT plaatsing_id FROM plaatsingen ORDER BY 1").fetchall()
        assert ids == [("B1",), ("C1",)]
        assert con.sql("SELECT taakstelling FROM taakstelling").fetchall() == [(10.0,)]
    finally:
        con.close()


def test_import_log_records_files_sha256_rows_and_gemeenten(tmp_path, db_path, read_db, capsys):
    content = csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938)
    folder = write_folder(tmp_path / "export", {"plaatsingen.csv": content, "notities.txt": "x"})
    assert main(["load", str(folder), "--db", str(db_path)]) == 0
    con = read_db()
    try:
        (entry,) = run_records(con, "import_historie")
    finally:
        con.close()
    assert entry["resultaat"] == "geslaagd"
    assert entry["bron"] == str(folder)
    assert entry["bestanden"] == [
        {
            "bestand": "plaatsingen.csv",
            "tabel": "plaatsingen",
            "sha256": hashlib.sha256(content.encode()).hexdigest(),
            "rijen": 3,
            "gemeenten": ["GM0935", "GM0938"],
            "codering": "UTF-8",
        }
    ]
    capsys.readouterr()
    assert main(["history", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert hashlib.sha256(content.encode()).hexdigest() in out
    assert "plaatsingen.csv (plaatsingen, 3 rijen" in out


def test_a_reader_upgrades_a_file_written_by_older_code(load_files, db_path, read_db):
    import duckdb

    from dashboard.store.db import schema_hash

    load_files({"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935)})
    old = duckdb.connect(str(db_path))
    old.execute("UPDATE schema_versie SET hash = 'oud'")
    old.execute("DROP MACRO TABLE kerncijfers_per_gemeente")
    old.close()
    con = read_db()
    try:
        assert con.sql("SELECT hash FROM schema_versie").fetchall() == [(schema_hash(),)]
        assert con.sql(
            "SELECT count(*) FROM kerncijfers_per_gemeente(2024, DATE '2024-12-31', [], NULL)"
        ).fetchall() == [(1,)]
    finally:
        con.close()


def test_every_load_leaves_the_derived_tables_as_a_fresh_count(load_files, db_path, read_db):
    """Each load recounts what the pages read (db.recount): after plaatsingen for two
    gemeenten, after one gemeente's plaatsingen alone, and after a file of names."""
    load_files({"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938)})
    assert_derived_in_step(db_path)
    replaced = "A3,p1,GM0935,beschut_werk,2024-04-01,2024-04-30,16,MOB,900"
    load_files({"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, replaced)})
    assert_derived_in_step(db_path)
    load_files(
        {
            "taakstelling.csv": csv_lines(
                "gemeente,jaar,taakstelling,gemeentenaam", "GM0981,2024,3,Vaals"
            )
        }
    )
    assert_derived_in_step(db_path)
    con = read_db()
    try:
        assert run_records(con, "gemeenten_lijst")[-1] == {
            "gemeente": "GM0981",
            "gemeentenaam": "Vaals",
        }
        rows = con.sql(
            "SELECT gemeente, realisatie FROM realisatie_per_peildag("
            "DATE '2024-04-30', DATE '2024-05-01', []) WHERE dag = DATE '2024-05-01' ORDER BY 1"
        ).fetchall()
        assert rows == [("GM0935", 0), ("GM0938", 1), ("GM0981", 0)]
    finally:
        con.close()


def test_a_file_from_before_the_derived_tables_gets_them_when_opened(load_files, db_path, read_db):
    load_files({"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938)})
    import duckdb

    from dashboard.store.db import DERIVED_TABLES

    old = duckdb.connect(str(db_path))
    old.execute("UPDATE schema_versie SET hash = 'oud'")
    for table in DERIVED_TABLES:
        old.execute(f"DROP TABLE {table}")
    old.close()
    con = read_db()
    try:
        assert con.sql(
            "SELECT realisatie_ultimo"
            " FROM kerncijfers_per_gemeente(2024, DATE '2024-12-31', [], NULL) ORDER BY gemeente"
        ).fetchall() == [(1,), (1,)]
    finally:
        con.close()
    assert_derived_in_step(db_path)


def test_the_optional_gemeenten_file_gives_names_and_inwoners(load_files, read_db, capsys):
    load_files(
        {
            "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *ROWS_935, ROW_938),
            "Gemeenten.csv": "\ufeff"
            + csv_lines(
                " CODE ;Naam;INWONERS;Arbeidsmarktregio;opmerking",
                "935;Maastricht (stad);122.378;Zuid-Limburg;x",
                "GM0938;;18.863;Zuid-Limburg;",
                "0981;Vaals;;;",
            ),
        }
    )
    con = read_db()
    try:
        stored = con.sql("SELECT * FROM gemeente_gegevens ORDER BY gemeente").fetchall()
        names = run_records(con, "gemeenten_lijst")
        overview = {r["tabel"]: r for r in run_records(con, "data_overzicht")}
    finally:
        con.close()
    assert stored == [
        ("GM0935", "Maastricht (stad)", 122378, "Zuid-Limburg"),
        ("GM0938", None, 18863, "Zuid-Limburg"),
        ("GM0981", "Vaals", None, None),
    ]
    # The file's naam wins; the file alone does not make Vaals a gemeente with data.
    assert names == [
        {"gemeente": "GM0935", "gemeentenaam": "Maastricht (stad)"},
        {"gemeente": "GM0938", "gemeentenaam": "Meerssen"},
    ]
    assert overview["gemeenten"]["rijen"] == 3
    assert overview["gemeenten"]["gemeentenamen"] == "Maastricht (stad), Meerssen, Vaals"


def test_the_insert_reads_a_pandas_frame_or_an_arrow_table_alike(tmp_path):
    """laden/<table>.sql takes the validated rows as `nieuw`: a pandas frame (NumPy or
    Arrow-backed columns) or a pyarrow Table give the same stored rows."""
    import duckdb
    import pyarrow as pa
    from conftest import SAMPLE

    from dashboard.ingest.loader import check, files_in_folder
    from dashboard.store.contract import TABLES
    from dashboard.store.db import ensure_schema
    from dashboard.store.queries import sql

    checked = check(files_in_folder(SAMPLE))
    assert {r.table for r in checked} == set(TABLES)
    forms = {
        "pandas": lambda rows: rows,
        "pandas, Arrow-backed": lambda rows: rows.convert_dtypes(dtype_backend="pyarrow"),
        "pyarrow Table": lambda rows: pa.Table.from_pandas(rows, preserve_index=False),
    }
    stored = {}
    for form, convert in forms.items():
        con = duckdb.connect(str(tmp_path / f"{len(stored)}.duckdb"))
        try:
            ensure_schema(con)
            for result in checked:
                con.register("nieuw", convert(result.rows))
                con.execute(sql(f"laden/{result.table}"))
                con.unregister("nieuw")
            stored[form] = {t: table_dump(con, spec.db_table) for t, spec in TABLES.items()}
        finally:
            con.close()
    assert all(stored["pandas"].values()), "a table without rows would prove nothing"
    assert stored["pandas, Arrow-backed"] == stored["pandas"]
    assert stored["pyarrow Table"] == stored["pandas"]
