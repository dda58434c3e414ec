"""Dutch number formats in one place, and exports whose numbers stay numbers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports.briefing import positie
from dashboard.exports.tables import to_csv, to_excel
from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import Figure
from dashboard.metrics.status import from_figures
from dashboard.store.db import connect


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
    assert fmt.number(pd.NA) == fmt.figure(pd.NA, "personen") == "–"  # a NULL in an Int64 column
    assert fmt.datum(dt.date(2024, 12, 31)) == "31-12-2024"
    assert fmt.datum_lang(dt.date(2025, 9, 30)) == "30 september 2025"
    assert fmt.figure(2024, "jaar") == "2024"
    assert fmt.figure(pd.Timestamp("2025-01-05"), "datum") == "05-01-2025"


COLUMNS = [
    Figure("jaar", "Jaar", "jaar", "test"),
    Figure("peildatum", "Peildatum", "datum", "test"),
    Figure("realisatie", "Realisatie", "personen", "test"),
    Figure("bedrag", "Bedrag", "euro", "test"),
    Figure("aandeel", "Aandeel", "percentage", "test"),
    Figure("post", "Post", "tekst", "test"),
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


@pytest.fixture(scope="module")
def macros(tmp_path_factory):
    """A new database file: the schema and the macros of the rules."""
    con = connect(tmp_path_factory.mktemp("status") / "leeg.duckdb", read_only=False)
    yield con
    con.close()


def _status_sql(con, realisatie, begin, taakstelling, peildatum):
    return con.execute(
        "SELECT status_label($r, $b, $t, $d), status_verwacht($b, $t, $d)",
        {"r": realisatie, "b": begin, "t": taakstelling, "d": peildatum},
    ).fetchall()[0]


@pytest.mark.parametrize(
    ("realisatie", "peildatum", "label"),
    [
        (40, dt.date(2025, 6, 30), "op koers"),  # line asks 20 + 40 * 181/365 = 39,8
        (37, dt.date(2025, 6, 30), "risico"),  # within 10% below
        (30, dt.date(2025, 6, 30), "achter"),
        (60, dt.date(2025, 3, 1), "op koers"),  # above the taakstelling itself
    ],
)
def test_status_follows_the_straight_line_to_the_taakstelling(macros, realisatie, peildatum, label):
    found, verwacht = _status_sql(macros, realisatie, 20, 60.0, peildatum)
    assert found == label
    figures = {
        "status": found,
        "status_verwacht": verwacht,
        "realisatie_begin": 20,
        "realisatie_ultimo_met_taakstelling": realisatie,
        "taakstelling": 60.0,
    }
    state = from_figures(figures, peildatum)
    assert state.label == label and "Regel:" in state.uitleg
    if peildatum.month == 6:
        assert verwacht == pytest.approx(20 + 40 * 181 / 365)


def test_status_without_taakstelling(macros):
    assert _status_sql(macros, 5, 0, None, dt.date(2025, 6, 30))[0] == "geen taakstelling"


def _kerncijfers(**values):
    base = {
        "realisatie_ultimo": 62,
        "taakstelling": 58.5,
        "gemeenten": 1,
        "gemeenten_met_taakstelling": 1,
        "percentage_ultimo": 100 * 62 / 58.5,
        "nog_te_realiseren": 58.5 - 62,
        "begroting": 1650000,
        "uitgaven": 1200000,
        "percentage_besteed": 100 * 1200000 / 1650000,
    }
    return base | values


def test_positie_sentence():
    text = positie(dt.date(2025, 9, 30), _kerncijfers(), "Maastricht")
    assert text.startswith(
        "Op 30 september 2025 werken 62 inwoners van Maastricht in een "
        "beschutte dienstbetrekking; de taakstelling voor ultimo 2025 is "
        "58,5 plekken (106,0% gerealiseerd, 3,5 plekken boven de taakstelling)."
    )
    assert "€ 1.650.000" in text and "72,7%" in text


def test_positie_takes_the_percentage_of_the_gemeenten_with_a_taakstelling():
    # 70 persons in all, of whom 62 in the gemeente with the taakstelling
    figures = _kerncijfers(realisatie_ultimo=70, gemeenten=2)
    text = positie(dt.date(2025, 9, 30), figures, "Maastricht en Meerssen")
    assert "werken 70 inwoners" in text
    assert "(van de gemeenten die er een hebben) (106,0% gerealiseerd" in text


def test_chart_value_axes_write_150000_as_150_000_not_150k():
    from dashboard.exports import charts

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


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,40", 1.4),
        ("4.000,00", 4000.0),
        ("4.000", 4000.0),
        ("€ 250", 250.0),
        ("12%", 12.0),
        ("-2,5", -2.5),
        ("", None),
        ("  ", None),
    ],
)
def test_parse_number_reads_dutch_notation(text, number):
    assert fmt.parse_number(text) == number


@pytest.mark.parametrize("text", ["1.40", "abc", "NaN", "inf", "1e5", "1,2,3", "12.34.5", "٣"])
def test_parse_number_refuses_what_is_not_a_dutch_number(text):
    with pytest.raises(ValueError, match="geen getal"):
        fmt.parse_number(text)
