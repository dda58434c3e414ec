"""Tables that leave the app: CSV for Dutch Excel, and .xlsx with real number formats.

A table is exported through a list of figures of the catalogue (catalogue.columns):
each names the query column, the Dutch header, the kind of number and its rounding,
whether it counts persons and which persons column it would give away, so headers,
formats and suppression live in one place. Aggregates only: callers pass query
results, never person-level rows. Every table goes through the suppression rule
(suppression.py) on its way out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.exports import suppression
from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import Figure

# Excel number formats per kind of the catalogue (the decimals as catalogue.DECIMALS).
EXCEL_FORMATS: dict[str, str] = {
    "personen": "#,##0",
    "gemiddelde": "#,##0.0",
    "plekken": "#,##0.0#",
    "fte": "#,##0.0",
    "euro": '"€" #,##0.00',
    "percentage": "0.0",
    "kans": "@",
    "trajecten": "#,##0",
    "dagen": "#,##0",
    "maanden": "0",
    "aantal": "#,##0",
    "per_10000": "#,##0.00",
    "jaar": "0",
    "datum": "dd-mm-yyyy",
    "tijdstip": "dd-mm-yyyy hh:mm",
    "tekst": "@",
}


# What a spreadsheet reads as the start of a formula (OWASP, CSV injection), full-width
# forms included: such text is written as text, never as something Excel evaluates.
FORMULA_START = tuple("=+-@\t\r\n") + tuple("\uff1d\uff0b\uff0d\uff20")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


@dataclass(frozen=True)
class ExportTable:
    """One table for an export; with `total_row` its last row totals the rows above."""

    frame: pd.DataFrame
    columns: Sequence[Figure]
    total_row: bool = False


def _cell(value: object, figure: Figure) -> object:
    """A cell as it leaves the app: rounded as on screen (catalogue.DECIMALS)."""
    kind = figure.kind
    if isinstance(value, suppression.Hidden):
        return value.text
    if fmt.is_missing(value) or value is pd.NaT:
        return None
    if kind == "datum":
        return pd.Timestamp(value).date()
    if kind == "tijdstip":
        return pd.Timestamp(value).to_pydatetime().replace(microsecond=0)
    if kind == "jaar":
        return int(value)
    if kind == "kans":  # "> 99%" is a text everywhere, so the cell is one
        return fmt.kans(float(value))
    if kind == "tekst":
        return str(value)
    return figure.rounded(value)


def rows(
    frame: pd.DataFrame,
    columns: Sequence[Figure],
    min_aantal: int | None = None,
    total_row: bool = False,
) -> list[list[object]]:
    """The cells to write, after suppression (`min_aantal` None = the setting)."""
    shown = suppression.table(frame, columns, suppression.min_aantal(min_aantal), total_row)
    return [
        [_cell(record[c.key], c) for c in columns] for record in shown.to_dict(orient="records")
    ]


def to_excel(
    tables: dict[str, ExportTable | tuple[pd.DataFrame, Sequence[Figure]]],
    min_aantal: int | None = None,
) -> bytes:
    """One sheet per table: bold Dutch headers, numbers as numbers with formats;
    suppressed cells as right-aligned text ("< 5")."""
    book = Workbook()
    book.remove(book.active)
    for title, table in tables.items():
        table = table if isinstance(table, ExportTable) else ExportTable(*table)
        columns = table.columns
        sheet = book.create_sheet(title[:31])
        sheet.append([c.header for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for values in rows(table.frame, columns, min_aantal, table.total_row):
            sheet.append(values)
        for row in sheet.iter_rows():
            for cell in row:
                _as_text(cell)
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = EXCEL_FORMATS[column.kind]
                if column.kind not in ("tekst", "kans") and isinstance(cell.value, str):
                    cell.alignment = Alignment(horizontal="right")
            sheet.column_dimensions[letter].width = max(12, len(column.header) + 2)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.properties.created = dt.datetime(2024, 1, 1)
    book.save(buffer)
    return buffer.getvalue()


def _as_text(cell: Cell) -> None:
    """Text stays text: openpyxl would store "=..." as a live formula. A text cell that
    looks like one also gets Excel's quote prefix (the leading apostrophe, not shown)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True


def to_csv(
    frame: pd.DataFrame,
    columns: Sequence[Figure],
    min_aantal: int | None = None,
    total_row: bool = False,
) -> bytes:
    """CSV as Dutch Excel reads it: UTF-8 with BOM, `;`, decimal comma, dd-mm-jjjj."""
    out = io.StringIO()
    out.write(";".join(_csv_text(c.header) for c in columns) + "\r\n")
    for values in rows(frame, columns, min_aantal, total_row):
        out.write(";".join(_csv_text(v) for v in values) + "\r\n")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return repr(round(value, 6)).replace(".", ",")
    text = str(value)
    if isinstance(value, str) and looks_like_formula(text):
        text = "'" + text  # OWASP: a leading apostrophe makes Excel read it as text
    quote = any(ch in text for ch in ';"\r\n')
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if quote else text
