"""The suppression rule: small counts of persons never leave the app."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import suppression
from dashboard.exports.suppression import AFGESCHERMD, Hidden
from dashboard.exports.tables import ExportTable, to_csv, to_excel
from dashboard.metrics.catalogue import Figure

COLUMNS = [
    Figure("gemeente", "Gemeente", "tekst", "test"),
    Figure("taakstelling", "Taakstelling", "plekken", "test"),
    Figure("realisatie", "Realisatie", "personen", "test", persons=True),
    Figure("percentage", "% van taakstelling", "percentage", "test", reveals="realisatie"),
]
FRAME = pd.DataFrame(
    {
        "gemeente": ["Maastricht", "Meerssen", "Eijsden-Margraten", "Totaal"],
        "taakstelling": [58.5, 7.6, 9.1, 75.2],
        "realisatie": [62, 3, 0, 65],
        "percentage": [106.0, 39.5, 0.0, 86.4],
    }
)


def test_threshold_is_a_setting(monkeypatch):
    monkeypatch.delenv(suppression.SETTING, raising=False)
    assert suppression.min_aantal() == 5
    monkeypatch.setenv(suppression.SETTING, "10")
    assert suppression.min_aantal() == 10
    assert suppression.min_aantal(3) == 3  # an explicit value wins (the CLI option)
    monkeypatch.setenv(suppression.SETTING, "vijf")
    with pytest.raises(ValueError, match="geen geheel getal"):
        suppression.min_aantal()
    with pytest.raises(ValueError):
        suppression.min_aantal(0)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(3, Hidden("< 5")), (1, Hidden("< 5")), (4.5, Hidden("< 5")), (0, 0), (5, 5), (62, 62)],
)
def test_counts_from_one_to_under_the_threshold_are_hidden(value, shown):
    assert suppression.count(value, 5) == shown


def test_figures_that_give_a_count_away_are_hidden_with_it():
    shown = suppression.table(FRAME.iloc[:3], COLUMNS, 5)
    assert shown["realisatie"].tolist() == [62, Hidden("< 5"), 0]
    assert shown["percentage"].tolist() == [106.0, AFGESCHERMD, 0.0]
    assert suppression.derived(12.5, Hidden("< 5")) is AFGESCHERMD
    assert suppression.derived(12.5, 62) == 12.5


def test_a_total_that_would_reveal_a_suppressed_part_is_hidden():
    shown = suppression.table(FRAME, COLUMNS, 5, total_row=True)
    assert shown["realisatie"].tolist() == [62, Hidden("< 5"), 0, AFGESCHERMD]
    assert shown["percentage"].iloc[-1] is AFGESCHERMD
    unsuppressed = FRAME.assign(realisatie=[62, 5, 7, 74])
    assert suppression.table(unsuppressed, COLUMNS, 5, total_row=True)["realisatie"].iloc[-1] == 74


def test_excel_and_csv_show_small_counts_as_text_and_keep_numbers_numbers():
    book = openpyxl.load_workbook(
        io.BytesIO(to_excel({"Per gemeente": ExportTable(FRAME, COLUMNS, total_row=True)}, 5))
    )
    sheet = book["Per gemeente"]
    assert [row[2].value for row in sheet.iter_rows(min_row=2)] == [62, "< 5", 0, "afgeschermd"]
    assert sheet["C2"].number_format == "#,##0" and isinstance(sheet["C2"].value, int)
    assert sheet["D3"].value == "afgeschermd" and sheet["D3"].alignment.horizontal == "right"
    assert isinstance(sheet["B3"].value, float)
    lines = to_csv(FRAME.iloc[:3], COLUMNS, 5).decode("utf-8").splitlines()
    assert lines[2] == "Meerssen;7,6;< 5;afgeschermd"


def test_the_setting_reaches_the_exports(monkeypatch):
    monkeypatch.setenv(suppression.SETTING, "70")
    text = to_csv(FRAME.iloc[:1], COLUMNS).decode("utf-8")
    assert "< 70" in text and "62" not in text


def test_charts_get_small_counts_blanked():
    frame = pd.DataFrame({"realisatie": [0, 3, 7]})
    masked, hidden = suppression.mask(frame, ["realisatie"], 5)
    assert hidden and masked["realisatie"].isna().tolist() == [False, True, False]
    assert suppression.mask(frame.iloc[[0, 2]], ["realisatie"], 5)[1] is False


def test_page_downloads_hide_meerssens_three_persons_of_2024(sample_db):
    import datetime as dt

    from dashboard.store.db import connect
    from dashboard.store.queries import run
    from dashboard.web.views import begroting, taakstelling

    con = connect(sample_db)
    try:
        params = {"gemeenten": ["GM0938"], "van_jaar": 2024, "peildatum": dt.date(2025, 9, 30)}
        per_year = run(con, "realisatie_per_jaar", **params)
        finance = run(con, "financien_per_jaar", jaar=2025, versie=None, **params)
    finally:
        con.close()
    assert per_year["realisatie_ultimo"].tolist() == [3, 5]
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel({"T": (per_year, taakstelling.TABLE)}, 5)))[
        "T"
    ]
    first = [cell.value for cell in sheet[2]]
    assert first[3:] == ["< 5", "< 5", "afgeschermd", "afgeschermd"]
    assert [cell.value for cell in sheet[3]][3] == 5
    text = to_csv(finance, begroting.PER_JAAR, 5).decode("utf-8")
    assert text.splitlines()[1].endswith(";< 5;afgeschermd;afgeschermd")
