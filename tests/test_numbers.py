"""Numbers the checks must not let through (issue 12): digits of other scripts, values
that overflow or are no number at all, and values above a column's plausible maximum."""

from __future__ import annotations

import io

import openpyxl
import pytest
from conftest import PLAATSINGEN_HEADER, csv_lines, source

from dashboard.ingest.loader import inspect
from dashboard.store.contract import (
    MAX_BEDRAG,
    MAX_INWONERS,
    MAX_KOSTEN_PER_MAAND,
    MAX_TAAKSTELLING,
)

GOOD = "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100"


def problems(name: str, data: str | bytes) -> list[str]:
    (checked,) = inspect([source(name, data)])
    return [str(p) for p in checked.problems]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("uren_per_week", "\u0663\u0662", "geen getal"),  # Arabic-Indic 32
        ("kosten_per_maand", "\uff12\uff11\uff10\uff10", "geen getal"),  # fullwidth 2100
        ("gemeente", "GM\u0669\u0663\u0665", "geen gemeentecode"),
        ("gemeente", "\u0669\u0663\u0665", "geen gemeentecode"),
        ("startdatum", "\u0968\u0966\u0968\u096a-03-01", "geen datum"),  # Devanagari 2024
        ("kosten_per_maand", "1e308", "mag hoogstens 100000 zijn"),
        ("kosten_per_maand", "1e400", "geen eindig getal"),
        ("kosten_per_maand", "inf", "geen getal"),
        ("kosten_per_maand", "nan", "geen getal"),
        ("kosten_per_maand", "100001", "mag hoogstens 100000 zijn"),
    ],
)
def test_a_number_that_is_no_plain_number_is_refused(column, value, message):
    row = dict(zip(PLAATSINGEN_HEADER.split(","), GOOD.replace("A1", "A2").split(","), strict=True))
    row[column] = value
    found = problems("plaatsingen.csv", csv_lines(PLAATSINGEN_HEADER, GOOD, ",".join(row.values())))
    assert len(found) == 1, found
    assert found[0].startswith(f"plaatsingen.csv, regel 3, kolom {column}: "), found
    assert message in found[0]


@pytest.mark.parametrize(
    ("name", "text", "column", "maximum"),
    [
        ("taakstelling.csv", "gemeente,jaar,taakstelling\nGM0935,2024,{}", "taakstelling",
         MAX_TAAKSTELLING),
        ("begroting.csv", "gemeente,jaar,post,bedrag\nGM0935,2024,overig,{}", "bedrag",
         MAX_BEDRAG),
        ("uitgaven.csv", "gemeente,maand,post,bedrag\nGM0935,2024-03,overig,{}", "bedrag",
         MAX_BEDRAG),
        ("uitgaven.csv", "gemeente,maand,post,bedrag\nGM0935,2024-03,overig,-{}", "bedrag",
         MAX_BEDRAG),
        ("gemeenten.csv", "code,inwoners\nGM0935,{}", "inwoners", MAX_INWONERS),
        ("plaatsingen.csv", PLAATSINGEN_HEADER + "\nA1,p1,GM0935,beschut_werk,2024-03-01,,32,,{}",
         "kosten_per_maand", MAX_KOSTEN_PER_MAAND),
        ("taakstelling.csv", "CBS-code;Gemeente;Ultimo 2024\n935;Maastricht;{}", "ultimo 2024",
         MAX_TAAKSTELLING),
    ],
)  # fmt: skip
def test_every_column_has_a_plausible_maximum(name, text, column, maximum):
    assert problems(name, text.format(maximum)) == []  # the maximum itself is allowed
    found = problems(name, text.format(maximum + 1))
    assert len(found) == 1 and f"regel 2, kolom {column}: " in found[0], found
    assert "mag hoogstens" in found[0] or "moet minstens" in found[0]


def test_a_spreadsheet_cell_with_an_endless_number_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["gemeente", "jaar", "taakstelling"])
    book.active.append(["GM0935", 2024, 1e308])
    buffer = io.BytesIO()
    book.save(buffer)
    found = problems("taakstelling.xlsx", buffer.getvalue())
    assert found == [
        "taakstelling.xlsx, regel 2, kolom taakstelling: 1e+308 mag hoogstens 1000000 zijn"
    ]
