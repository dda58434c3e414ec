"""Every format variant of the data contract loads and reads the same values."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from conftest import PLAATSINGEN_HEADER, csv_lines

BOM = "\ufeff"


def xlsx(rows: list[list[object]], sheet_title: str = "Blad1") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    book.create_sheet("Toelichting").append(["dit blad wordt niet gelezen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def table(load_files, read_db):
    def read(files: dict[str, str | bytes], name: str):
        load_files(files)
        con = read_db()
        try:
            return con.sql(f"SELECT * FROM {name} ORDER BY ALL").df()
        finally:
            con.close()

    return read


EXPECTED_PLAATSINGEN = [
    ("A1", "p1", "GM0935", "beschut_werk", dt.date(2024, 3, 1), None, 25.5, 2100.5),
    (
        "A2",
        "p2",
        "GM0935",
        "loonkostensubsidie",
        dt.date(2024, 1, 31),
        dt.date(2024, 12, 31),
        32.0,
        1234.5,
    ),
]


def rows_of(frame):
    out = []
    for r in frame.itertuples():
        eind = None if r.einddatum is None or r.einddatum != r.einddatum else r.einddatum.date()
        out.append(
            (
                r.plaatsing_id,
                r.persoon_id,
                r.gemeente,
                r.instrument,
                r.startdatum.date(),
                eind,
                r.uren_per_week,
                r.kosten_per_maand,
            )
        )
    return out


def test_plain_csv_with_iso_dates_and_decimal_points(table):
    frame = table(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                "A1,p1,GM0935,beschut_werk,2024-03-01,,25.5,MOB,2100.50",
                "A2,p2,GM0935,loonkostensubsidie,2024-01-31,2024-12-31,32,Bakkerij,1234.5",
            )
        },
        "plaatsingen",
    )
    assert rows_of(frame) == EXPECTED_PLAATSINGEN


def test_dutch_excel_csv_with_bom_semicolons_decimal_commas_and_dutch_dates(table):
    header = PLAATSINGEN_HEADER.replace(",", ";")
    frame = table(
        {
            "plaatsingen.csv": BOM
            + csv_lines(
                header,
                "A1;p1;0935;beschut_werk;01-03-2024;;25,5;MOB;2100,50",
                "A2;p2;935;loonkostensubsidie;31-01-2024;31-12-2024;32;Bakkerij;1.234,50",
            ).replace("\n", "\r\n")
        },
        "plaatsingen",
    )
    assert rows_of(frame) == EXPECTED_PLAATSINGEN


def test_header_case_spaces_extra_columns_blank_rows_and_category_case(table):
    frame = table(
        {
            "PLAATSINGEN.CSV": csv_lines(
                " Plaatsing_ID ;Persoon_id;GEMEENTE;instrument;startdatum;einddatum;"
                "uren_per_week;werkgever;kosten_per_maand;opmerking;;",
                "A1;p1;GM0935; Beschut_Werk ;1-3-2024;;25,5;MOB;2100,5;eerste;;",
                ";;;;;;;;;;;",
                "",
                "A2;p2;GM0935;loonkostensubsidie;31/01/2024;31-12-2024;32;Bakkerij;1234,50;;;",
            )
        },
        "plaatsingen",
    )
    assert rows_of(frame) == EXPECTED_PLAATSINGEN


def test_xlsx_with_date_cells_numbers_and_numeric_codes(table):
    frame = table(
        {
            "plaatsingen.xlsx": xlsx(
                [
                    PLAATSINGEN_HEADER.split(","),
                    [
                        "A1",
                        "p1",
                        935,
                        "beschut_werk",
                        dt.datetime(2024, 3, 1),
                        None,
                        25.5,
                        "MOB",
                        2100.5,
                    ],
                    [
                        "A2",
                        "p2",
                        "GM0935",
                        "loonkostensubsidie",
                        "31-01-2024",
                        dt.date(2024, 12, 31),
                        32,
                        "Bakkerij",
                        "1234,50",
                    ],
                ]
            )
        },
        "plaatsingen",
    )
    assert rows_of(frame) == EXPECTED_PLAATSINGEN


def test_taakstelling_long_form_with_decimal_comma_and_names(table):
    frame = table(
        {
            "taakstelling.csv": csv_lines(
                "gemeente;jaar;taakstelling;gemeentenaam",
                "GM0935;2024;55,8;Maastricht",
                "938;2024;4;Meerssen",
            )
        },
        "taakstelling",
    )
    assert frame[["gemeente", "jaar", "taakstelling", "gemeentenaam"]].values.tolist() == [
        ["GM0935", 2024, 55.8, "Maastricht"],
        ["GM0938", 2024, 4.0, "Meerssen"],
    ]


ANNEX = [
    ["CBS-code", "Gemeente", "Ultimo 2024", "Ultimo 2025"],
    [935, "Maastricht", 55.8, 58.5],
    [938, "Meerssen", 4, None],
    [None, "Totaal", 59.8, 58.5],
]
EXPECTED_ANNEX = [
    ["GM0935", 2024, 55.8, "Maastricht"],
    ["GM0935", 2025, 58.5, "Maastricht"],
    ["GM0938", 2024, 4.0, "Meerssen"],
]


def test_taakstelling_in_the_staatscourant_annex_layout_csv(table):
    frame = table(
        {
            "Taakstelling.csv": BOM
            + csv_lines(
                "CBS-code;Gemeente;Ultimo 2024;Ultimo 2025",
                "935;Maastricht;55,8;58,5",
                "938;Meerssen;4;",
                ";Totaal;59,8;58,5",
            )
        },
        "taakstelling",
    )
    assert frame[["gemeente", "jaar", "taakstelling", "gemeentenaam"]].values.tolist() == (
        EXPECTED_ANNEX
    )


def test_taakstelling_in_the_staatscourant_annex_layout_xlsx(table):
    frame = table({"taakstelling.xlsx": xlsx(ANNEX)}, "taakstelling")
    assert frame[["gemeente", "jaar", "taakstelling", "gemeentenaam"]].values.tolist() == (
        EXPECTED_ANNEX
    )


def test_begroting_versions_keep_their_order_in_the_file(table):
    frame = table(
        {
            "begroting.xlsx": xlsx(
                [
                    ["Gemeente", "Jaar", "Post", "Bedrag", "Versie"],
                    ["GM0935", 2024, "loonkosten", 1000.25, "primitief"],
                    ["GM0935", 2024, "loonkosten", 1100, "voorjaarsnota"],
                ]
            )
        },
        "begroting",
    )
    assert frame[["bedrag", "versie", "regel"]].values.tolist() == [
        [1000.25, "primitief", 2],
        [1100.0, "voorjaarsnota", 3],
    ]


@pytest.mark.parametrize("maand", ["2024-03", "03-2024", "2024-03-01", "01-03-2024"])
def test_uitgaven_month_forms(table, maand):
    frame = table(
        {
            "uitgaven.csv": csv_lines(
                "gemeente;maand;post;bedrag", f"GM0935;{maand};loonkosten;-1.234,56"
            )
        },
        "uitgaven",
    )
    assert frame["maand"].iloc[0].date() == dt.date(2024, 3, 1)
    assert frame["bedrag"].iloc[0] == pytest.approx(-1234.56)


def test_tab_separated_and_ambiguous_thousands_in_a_semicolon_file(table):
    frame = table(
        {
            "uitgaven.csv": csv_lines(
                "gemeente;maand;post;bedrag",
                "GM0935;2024-01;loonkosten;1.500",
                "GM0935;2024-02;loonkosten;2500",
            )
        },
        "uitgaven",
    )
    assert frame["bedrag"].tolist() == [1500.0, 2500.0]
    frame = table(
        {
            "uitgaven.csv": csv_lines(
                "gemeente\tmaand\tpost\tbedrag", "GM0935\t2024-01\tbegeleiding\t12.5"
            )
        },
        "uitgaven",
    )
    assert frame["bedrag"].tolist() == [12.5]


def test_headers_that_differ_only_in_spaces_hyphens_or_underscores(table):
    frame = table(
        {
            "plaatsingen.csv": csv_lines(
                "Plaatsing-ID;Persoon ID;Gemeente;Instrument;Start datum;Eind_datum;Uren per week;"
                "Werkgever;Kosten per maand",
                "A1;p1;GM0935;beschut_werk;01-03-2024;;25,5;MOB;2100,50",
                "A2;p2;GM0935;loonkostensubsidie;31-01-2024;31-12-2024;32;Bakkerij;1.234,50",
            )
        },
        "plaatsingen",
    )
    assert rows_of(frame) == EXPECTED_PLAATSINGEN
    frame = table(
        {
            "taakstelling.csv": csv_lines(
                "CBS code;Gemeente;Ultimo_2024;Ultimo-2025",
                "935;Maastricht;55,8;58,5",
                "938;Meerssen;4;",
                ";Totaal;59,8;58,5",
            )
        },
        "taakstelling",
    )
    assert frame[["gemeente", "jaar", "taakstelling", "gemeentenaam"]].values.tolist() == (
        EXPECTED_ANNEX
    )
