"""Every kind of bad input: a Dutch message naming file, line and column, and no change."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from conftest import PLAATSINGEN_HEADER, TRAJECTEN_HEADER, csv_lines, file_digest, write_folder

from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, load
from dashboard.ingest.problems import InputError

GOOD_ROW = "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100"


@pytest.fixture
def loaded_db(load_files, db_path):
    load_files(
        {
            "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, GOOD_ROW),
            "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2024,10"),
        }
    )
    return db_path


def refused(tmp_path: Path, db: Path, files: dict[str, str | bytes]) -> list[str]:
    """Load files that must be refused; returns the problems as printed lines."""
    before = file_digest(db)
    folder = write_folder(tmp_path / "bad", files)
    with pytest.raises(InputError) as caught:
        load(db, files_in_folder(folder), source=str(folder))
    assert file_digest(db) == before, "a refused load changed the database file"
    return [str(p) for p in caught.value.problems]


def plaatsingen_with(*rows: str) -> dict[str, str]:
    return {"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, GOOD_ROW.replace("A1", "A0"), *rows)}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "A2,p2,GM0935,beschut_werk,2024-02-30,,32,,",
            "plaatsingen.csv, regel 3, kolom startdatum: '2024-02-30' is geen bestaande datum",
        ),
        (
            "A2,p2,GM0935,beschut_werk,31-04-2024,,32,,",
            "plaatsingen.csv, regel 3, kolom startdatum: '31-04-2024' is geen bestaande datum",
        ),
        (
            "A2,p2,GM0935,beschut_werk,maart 2024,,32,,",
            "plaatsingen.csv, regel 3, kolom startdatum: 'maart 2024' is geen datum",
        ),
        (
            "A2,p2,GM0935,beschut_werk,,,32,,",
            "plaatsingen.csv, regel 3, kolom startdatum: verplichte waarde ontbreekt",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01,2024-02-01,32,,",
            "plaatsingen.csv, regel 3, kolom einddatum: einddatum 01-02-2024 ligt voor startdatum",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01,,0,,",
            "plaatsingen.csv, regel 3, kolom uren_per_week: 0 moet groter dan 0 zijn",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01,,40.5,,",
            "plaatsingen.csv, regel 3, kolom uren_per_week: 40,5 mag hoogstens 40 zijn",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01,,veel,,",
            "plaatsingen.csv, regel 3, kolom uren_per_week: 'veel' is geen getal",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01,,32,,-5",
            "plaatsingen.csv, regel 3, kolom kosten_per_maand: -5 moet minstens 0 zijn",
        ),
        (
            "A2,p2,GM9999,beschut_werk,2024-03-01,,32,,",
            "plaatsingen.csv, regel 3, kolom gemeente: onbekende gemeentecode 'GM9999'",
        ),
        (
            "A2,p2,Maastricht,beschut_werk,2024-03-01,,32,,",
            "plaatsingen.csv, regel 3, kolom gemeente: 'Maastricht' is geen gemeentecode",
        ),
        (
            "A2,p2,GM0935,betaald_werk,2024-03-01,,32,,",
            "plaatsingen.csv, regel 3, kolom instrument: onbekende waarde 'betaald_werk'",
        ),
        (
            "A0,p2,GM0935,beschut_werk,2024-03-01,,32,,",
            "plaatsingen.csv, regel 3, kolom plaatsing_id: dubbel: plaatsing_id 'A0' staat ook "
            "op regel 2",
        ),
        (
            "A2,p2,GM0935,beschut_werk,2024-03-01",
            "plaatsingen.csv, regel 3, kolom (hele regel): 5 velden in plaats van 9",
        ),
    ],
)
def test_bad_value_is_named_and_changes_nothing(tmp_path, loaded_db, row, expected):
    problems = refused(tmp_path, loaded_db, plaatsingen_with(row))
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_required_column(tmp_path, loaded_db):
    header = PLAATSINGEN_HEADER.replace("persoon_id,", "")
    problems = refused(
        tmp_path,
        loaded_db,
        {"plaatsingen.csv": csv_lines(header, "A1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100")},
    )
    assert problems == ["plaatsingen.csv, regel 1, kolom persoon_id: verplichte kolom ontbreekt"]


def test_every_bad_row_is_reported_not_just_the_first_fifty(tmp_path, loaded_db):
    rows = [f"B{i},p{i},GM0935,beschut_werk,2024-13-01,,32,," for i in range(120)]
    problems = refused(tmp_path, loaded_db, plaatsingen_with(*rows))
    assert len(problems) == 120
    assert problems[-1].startswith("plaatsingen.csv, regel 122, kolom startdatum")


def test_bad_trajecten_categories_and_dates(tmp_path, loaded_db):
    problems = refused(
        tmp_path,
        loaded_db,
        {
            "trajecten.csv": csv_lines(
                TRAJECTEN_HEADER,
                "T1,p1,GM0935,2024-01-01,,gestopt,,",
                "T2,p2,GM0935,2024-01-01,,lopend,2024-02-31,misschien",
            )
        },
    )
    assert problems == [
        "trajecten.csv, regel 2, kolom uitkomst: onbekende waarde 'gestopt'; toegestaan: "
        "lopend, beschut_werk, regulier_werk, ander_instrument, dagbesteding, uitgevallen",
        "trajecten.csv, regel 3, kolom advies_aangevraagd: '2024-02-31' is geen bestaande datum",
        "trajecten.csv, regel 3, kolom advies_uitkomst: onbekende waarde 'misschien'; "
        "toegestaan: positief, negatief",
    ]


def test_bad_begroting_uitgaven_and_taakstelling(tmp_path, loaded_db):
    problems = refused(
        tmp_path,
        loaded_db,
        {
            "begroting.csv": csv_lines(
                "gemeente,jaar,post,bedrag", "GM0935,2024.5,loonkosten,-1", "GM0935,2024,reizen,10"
            ),
            "uitgaven.csv": csv_lines("gemeente,maand,post,bedrag", "GM0935,2024-13,overig,5"),
            "taakstelling.csv": csv_lines(
                "gemeente,jaar,taakstelling", "GM0935,2024,10", "935,2024,11", "GM0935,2025,-2"
            ),
        },
    )
    assert problems == [
        "begroting.csv, regel 2, kolom bedrag: -1 moet minstens 0 zijn",
        "begroting.csv, regel 2, kolom jaar: '2024.5' is geen geheel getal",
        "begroting.csv, regel 3, kolom post: onbekende waarde 'reizen'; toegestaan: "
        "loonkosten, begeleiding, voorschakeltraject, overig",
        "taakstelling.csv, regel 3, kolom jaar: dubbel: gemeente 'GM0935' en jaar '2024' "
        "staat ook op regel 2",
        "taakstelling.csv, regel 4, kolom taakstelling: -2 moet minstens 0 zijn",
        "uitgaven.csv, regel 2, kolom maand: '2024-13' is geen bestaande datum",
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "plaatsingen.csv",
            b"",
            "plaatsingen.csv, regel 1, kolom (hele bestand): het bestand is leeg",
        ),
        (
            "plaatsingen.csv",
            b"\xef\xbb\xbf\r\n",
            "plaatsingen.csv, regel 1, kolom (hele bestand): het bestand is leeg",
        ),
        (
            "plaatsingen.csv",
            (PLAATSINGEN_HEADER + "\n").encode(),
            "plaatsingen.csv, regel 2, kolom (hele bestand): het bestand bevat geen gegevens",
        ),
        (
            "plaatsingen.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "plaatsingen.csv, regel 1, kolom (hele bestand): het bestand is binair",
        ),
        (
            "plaatsingen.csv",
            # \x81 is no character in Windows-1252 either: neither encoding reads it
            (PLAATSINGEN_HEADER + "\nA1,p\x81,GM0935").encode("latin-1"),
            "plaatsingen.csv, regel 2, kolom (hele regel): de tekst is geen geldige UTF-8",
        ),
        (
            "plaatsingen.csv",
            (PLAATSINGEN_HEADER + '\nA1,p1,GM0935,x,"2024-03-01').encode(),
            "plaatsingen.csv, regel 2, kolom (hele regel): het bestand is geen leesbare CSV",
        ),
        (
            "plaatsingen.xlsx",
            b"PK\x03\x04 dit is geen echte zip",
            "plaatsingen.xlsx, regel 1, kolom (hele bestand): het Excel-bestand is onleesbaar",
        ),
    ],
)
def test_empty_binary_and_truncated_files(tmp_path, loaded_db, name, content, expected):
    problems = refused(tmp_path, loaded_db, {name: content})
    assert any(p.startswith(expected) for p in problems), problems


def test_truncated_xlsx_is_refused(tmp_path, loaded_db):
    book = openpyxl.Workbook()
    book.active.append(PLAATSINGEN_HEADER.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    problems = refused(tmp_path, loaded_db, {"plaatsingen.xlsx": buffer.getvalue()[:300]})
    assert problems[0].startswith(
        "plaatsingen.xlsx, regel 1, kolom (hele bestand): het Excel-bestand is onleesbaar"
    )


def test_a_bad_file_stops_the_good_files_beside_it(tmp_path, loaded_db, read_db):
    refused(
        tmp_path,
        loaded_db,
        {
            "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2024,99"),
            "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, "A1,p1,GM0935,x,2024-03-01,,32,,"),
        },
    )
    con = read_db()
    try:
        assert con.sql("SELECT taakstelling FROM taakstelling").fetchall() == [(10.0,)]
    finally:
        con.close()


def test_two_files_for_one_table_are_refused(tmp_path, loaded_db):
    problems = refused(
        tmp_path,
        loaded_db,
        {
            "plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, GOOD_ROW),
            "Plaatsingen.xlsx": csv_lines(PLAATSINGEN_HEADER, GOOD_ROW).encode(),
        },
    )
    assert any("staat ook in" in p for p in problems), problems


def test_command_line_refusal_exits_nonzero_without_traceback_and_creates_no_database(
    tmp_path, capsys
):
    folder = write_folder(
        tmp_path / "in",
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "A1,p1,GM0935,beschut_werk,2024-02-30,,32,,"
            )
        },
    )
    db = tmp_path / "nieuw.duckdb"
    assert main(["load", str(folder), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "de database is niet gewijzigd" in err
    assert "plaatsingen.csv, regel 2, kolom startdatum: '2024-02-30' is geen bestaande datum" in err
    assert "Traceback" not in err
    assert not db.exists()


def test_command_line_missing_folder_and_missing_database(tmp_path, capsys):
    assert main(["load", str(tmp_path / "nergens"), "--db", str(tmp_path / "x.duckdb")]) == 1
    assert main(["report", "--db", str(tmp_path / "x.duckdb"), "--jaar", "2024"]) == 1
    err = capsys.readouterr().err
    assert "map bestaat niet" in err and "bestaat niet; laad eerst gegevens" in err


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ["935,Maastricht,122378", "0935,Maastricht,122378"],
            "gemeenten.csv, regel 3, kolom code: dubbel: code 'GM0935' staat ook op regel 2",
        ),
        (["9999,Nergens,10"], "gemeenten.csv, regel 2, kolom code: onbekende gemeentecode"),
        (["935,Maastricht,0"], "gemeenten.csv, regel 2, kolom inwoners: 0 moet groter dan 0"),
        (["935,Maastricht,veel"], "gemeenten.csv, regel 2, kolom inwoners: 'veel' is geen getal"),
        (["935,Maastricht,12.5"], "gemeenten.csv, regel 2, kolom inwoners: '12.5' is geen geheel"),
        ([",Maastricht,10"], "gemeenten.csv, regel 2, kolom code: verplichte waarde ontbreekt"),
    ],
)
def test_a_bad_gemeenten_file_is_named_and_changes_nothing(tmp_path, loaded_db, rows, expected):
    files = {"gemeenten.csv": csv_lines("code,naam,inwoners", *rows)}
    problems = refused(tmp_path, loaded_db, files)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_gemeenten_file_without_code_column_is_refused(tmp_path, loaded_db):
    files = {"gemeenten.csv": csv_lines("gemeente,naam,inwoners", "935,Maastricht,10")}
    assert refused(tmp_path, loaded_db, files) == [
        "gemeenten.csv, regel 1, kolom code: verplichte kolom ontbreekt"
    ]
