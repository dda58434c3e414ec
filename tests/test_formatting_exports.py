"""Dutch number formats in one place, and exports whose numbers stay numbers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from dashboard import formatting as fmt
from dashboard.briefing import positie
from dashboard.exports import ExportColumn, to_csv, to_excel
from dashboard.status import status


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234567.891, "€ 1.234.567,89"), (0, "€ 0,00"), (-250.5, "€ -250,50"), (None, "–")],
)
def test_euro(value, text):
    assert fmt.euro(value) == text


def test_numbers_percentages_and_dates():
    assert fmt.number(1234) == "1.234"
    assert fmt.number(58.5, 2) == "58,5"
    assert fmt.number(58.456, 2) == "58,46"
    assert fmt.fixed(12, 1) == "12,0"
    assert fmt.percentage(105.2631) == "105,3%"
    assert fmt.percentage(float("nan")) == "–"
    assert fmt.number(pd.NA) == fmt.by_kind(pd.NA, "int") == "–"  # a NULL in an Int64 column
    assert fmt.datum(dt.date(2024, 12, 31)) == "31-12-2024"
    assert fmt.datum_lang(dt.date(2025, 9, 30)) == "30 september 2025"
    assert fmt.by_kind(2024, "year") == "2024"
    assert fmt.by_kind(pd.Timestamp("2025-01-05"), "date") == "05-01-2025"


COLUMNS = [
    ExportColumn("jaar", "Jaar", "year"),
    ExportColumn("peildatum", "Peildatum", "date"),
    ExportColumn("realisatie", "Realisatie (personen)", "int"),
    ExportColumn("bedrag", "Bedrag (€)", "euro"),
    ExportColumn("aandeel", "Aandeel (%)", "percent"),
    ExportColumn("post", "Post"),
]
FRAME = pd.DataFrame(
    {
        "jaar": [2024, 2025],
        "peildatum": pd.to_datetime(["2024-12-31", "2025-09-30"]),
        "realisatie": [37, 62],
        "bedrag": [1234567.89, float("nan")],
        "aandeel": [61.6, 103.0],
        "post": ["loonkosten", 'begeleiding; "extra"'],
    }
)


def test_excel_has_dutch_headers_real_numbers_and_formats():
    book = openpyxl.load_workbook(io.BytesIO(to_excel({"Realisatie": (FRAME, COLUMNS)})))
    sheet = book["Realisatie"]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet["A2"].value == 2024 and sheet["A2"].number_format == "0"
    assert sheet["B3"].value.date() == dt.date(2025, 9, 30)
    assert sheet["B3"].number_format == "dd-mm-yyyy"
    assert isinstance(sheet["C2"].value, int) and sheet["C2"].number_format == "#,##0"
    assert sheet["D2"].value == pytest.approx(1234567.89)
    assert "€" in sheet["D2"].number_format
    assert sheet["D3"].value is None


def test_csv_reads_back_in_dutch_excel_style():
    text = to_csv(FRAME, COLUMNS).decode("utf-8")
    assert text.startswith("\ufeffJaar;Peildatum;")
    lines = text.splitlines()
    assert lines[1] == "2024;31-12-2024;37;1234567,89;61,6;loonkosten"
    assert lines[2] == '2025;30-09-2025;62;;103,0;"begeleiding; ""extra"""'
    back = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",")
    assert back["Bedrag (€)"].iloc[0] == pytest.approx(1234567.89)


@pytest.mark.parametrize(
    ("realisatie", "peildatum", "label"),
    [
        (40, dt.date(2025, 6, 30), "op koers"),  # line asks 20 + 40 * 181/365 = 39,8
        (37, dt.date(2025, 6, 30), "risico"),  # within 10% below
        (30, dt.date(2025, 6, 30), "achter"),
        (60, dt.date(2025, 3, 1), "op koers"),  # above the taakstelling itself
    ],
)
def test_status_follows_the_straight_line_to_the_taakstelling(realisatie, peildatum, label):
    state = status(realisatie, 60.0, 20, peildatum)
    assert state.label == label
    assert "Regel:" in state.uitleg


def test_status_without_taakstelling():
    assert status(5, None, 0, dt.date(2025, 6, 30)).label == "geen taakstelling"


def test_positie_sentence():
    text = positie(dt.date(2025, 9, 30), 62, 58.5, 1650000, 1200000, "Maastricht")
    assert text.startswith(
        "Op 30 september 2025 werken 62 inwoners van Maastricht in een "
        "beschutte dienstbetrekking; de taakstelling voor ultimo 2025 is "
        "58,5 plekken"
    )
    assert "€ 1.650.000" in text and "72,7%" in text


def test_chart_value_axes_write_150000_as_150_000_not_150k():
    from dashboard import charts

    per_maand = pd.DataFrame(
        {"dag": [dt.date(2024, 1, 31)], "realisatie": [150_000], "taakstelling": [160_000.0]}
    )
    per_werkgever = pd.DataFrame({"werkgever": ["A", "B"], "personen": [120_000, 30_000]})
    line = charts.realisatie_per_maand(per_maand)
    bars = charts.horizontal_bars(per_werkgever, "werkgever", "personen", "t", "Personen")
    for axis in (line.layout.yaxis, bars.layout.xaxis):
        assert (axis.exponentformat, axis.separatethousands, line.layout.separators) == (
            "none",
            True,
            ",.",
        )
    per_jaar = pd.DataFrame({"jaar": [2024], "taakstelling": [1.0], "realisatie_ultimo": [1]})
    years = charts.realisatie_per_jaar(per_jaar, "realisatie_ultimo", "personen", "Realisatie")
    assert years.layout.xaxis.separatethousands is None  # 2024, not 2.024
