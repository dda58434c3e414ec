"""Driven by the catalogue: no download of any page and no sheet of the briefing's Excel
holds a count of persons under the threshold.

The threshold is set high (40) so that the sample has many small counts. Every table
a page offers as a download is captured while AppTest draws the page, and written as
CSV and as Excel; the briefing's workbook is read back too. Each column is looked up in
the catalogue by its header: a column that counts persons holds only 0, a count of at
least 40, or "< 40"; a column that would reveal one is "afgeschermd" where that count is.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import start_app

from dashboard.exports import raadsbriefing
from dashboard.exports.tables import ExportTable, to_csv, to_excel
from dashboard.metrics.catalogue import CATALOGUE
from dashboard.store.db import connect
from dashboard.web import ui

THRESHOLD = 40
BY_HEADER = {f.header: f for f in CATALOGUE.values()}
PAGES = [
    "Taakstelling",
    "Begroting",
    "Voorschakeltraject",
    "Instrumenten",
    "Prognose & scenario's",
    "Regio",
]
SELECTIONS = [((), 2026), (("GM0938",), 2024), (("GM0935", "GM1903"), 2025)]


def small(value: object) -> bool:
    return isinstance(value, int | float) and not pd.isna(value) and 0 < value < THRESHOLD


def check_sheet(rows: list[list[object]], where: str) -> int:
    """Every persons column of one table; returns how many cells it hid."""
    header, *body = rows
    figures = [BY_HEADER.get(h) for h in header]
    assert None not in figures, f"{where}: a column not in the catalogue: {header}"
    hidden = 0
    for index, figure in enumerate(figures):
        cells = [row[index] for row in body]
        if figure.persons:
            assert not any(small(v) for v in cells), f"{where}: {figure.header} {cells}"
            hidden += sum(v == f"< {THRESHOLD}" for v in cells)
        if figure.reveals is not None and figure.reveals in [f.key for f in figures]:
            source = [row[[f.key for f in figures].index(figure.reveals)] for row in body]
            for value, count in zip(cells, source, strict=True):
                if count == f"< {THRESHOLD}":
                    assert value in ("afgeschermd", None), f"{where}: {figure.header}"
    return hidden


def csv_rows(data: bytes) -> list[list[object]]:
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    numbers = frame.apply(lambda c: pd.to_numeric(c.str.replace(",", "."), errors="coerce"))
    shown = numbers.astype(object).where(numbers.notna(), frame)
    return [list(frame.columns), *shown.values.tolist()]


def excel_rows(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book}


@pytest.fixture
def high_threshold(monkeypatch):
    monkeypatch.setenv("BESCHUT_MIN_AANTAL", str(THRESHOLD))


@pytest.mark.parametrize(("gemeenten", "jaar"), SELECTIONS)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_download_holds_a_small_count(
    page, gemeenten, jaar, sample_db, monkeypatch, high_threshold
):
    captured = []
    monkeypatch.setattr(
        ui, "download_buttons", lambda name, title, frame, columns, total_row=False: (
            captured.append((name, title, frame, columns, total_row))
        ),
    )  # fmt: skip
    at = start_app(monkeypatch, sample_db, page, timeout=120)
    at.multiselect(key="gemeenten").set_value(list(gemeenten)).run()
    at.selectbox(key="jaar").select(jaar).run()
    assert not at.exception, at.exception
    assert captured, f"{page} offers no download"
    hidden = 0
    for name, title, frame, columns, total_row in captured:
        hidden += check_sheet(csv_rows(to_csv(frame, columns, total_row=total_row)), name)
        for sheet in excel_rows(to_excel({title: ExportTable(frame, columns, total_row)})).values():
            check_sheet(sheet, f"{name}.xlsx")
    if page in ("Taakstelling", "Regio"):  # they count persons that the sample has few of
        assert hidden, f"{page}: nothing was small; the check would prove nothing"


@pytest.mark.parametrize(("gemeenten", "jaar"), SELECTIONS)
def test_no_sheet_of_the_briefing_holds_a_small_count(gemeenten, jaar, sample_db, high_threshold):
    con = connect(sample_db)
    try:
        peildatum = dt.date(jaar, 9, 30)
        document = raadsbriefing.gather(con, jaar, list(gemeenten), peildatum)
    finally:
        con.close()
    sheets = excel_rows(raadsbriefing.excel(document))
    hidden = sum(check_sheet(rows, f"briefing {title}") for title, rows in sheets.items())
    assert hidden, "nothing was small; the check would prove nothing"
