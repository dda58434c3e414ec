"""Read one input file (CSV or .xlsx) into raw cells with their line numbers.

Nothing is interpreted here beyond the file format: every cell stays as text (CSV)
or as the value Excel stored (.xlsx); `validate.py` decides what the cells mean.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd
from python_calamine import CalamineWorkbook

from .problems import WHOLE_FILE, WHOLE_ROW, InputError, Problem

BOM = b"\xef\xbb\xbf"
SEPARATORS = (";", ",", "\t")


@dataclass(frozen=True)
class RawTable:
    """Cells of one file: columns named by the normalised header, one row per record."""

    file: str
    cells: pd.DataFrame  # object dtype; "" or None for an empty cell
    lines: pd.Series  # line number of each row in the file (header = 1)
    separator: str | None  # None for .xlsx
    problems: tuple[Problem, ...] = ()  # rows that could not be split into cells


def normalise_header(name: object) -> str:
    """Header cell → column name: case-insensitive, surrounding spaces ignored."""
    text = "" if name is None else str(name)
    return text.replace("\ufeff", "").replace("\xa0", " ").strip().lower()


def read_file(file: str, data: bytes) -> RawTable:
    """Read a .csv or .xlsx file's bytes; raises InputError when it cannot be read."""
    if not data.strip():
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is leeg")])
    if file.lower().endswith(".xlsx"):
        return _read_xlsx(file, data)
    return _read_csv(file, data)


def _read_csv(file: str, data: bytes) -> RawTable:
    text = _decode(file, data)
    if not text.strip():
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is leeg")])
    first_line = text.split("\n", 1)[0]
    separator = max(SEPARATORS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = next(reader)
        records, lines, problems = _collect_records(file, reader, len(header))
    except StopIteration:
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is leeg")]) from None
    except csv.Error as error:
        line = reader.line_num or 1
        message = f"het bestand is geen leesbare CSV ({error}); is het afgebroken?"
        raise InputError([Problem(file, line, WHOLE_ROW, message)]) from None
    return _raw_table(file, header, records, lines, separator, problems)


def _decode(file: str, data: bytes) -> str:
    if b"\x00" in data:
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is binair, geen CSV-tekst")])
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "de tekst is geen geldige UTF-8; sla het bestand op als 'CSV UTF-8'"
        raise InputError([Problem(file, line, WHOLE_ROW, message)]) from None


def _collect_records(
    file: str, reader: csv.Reader, width: int
) -> tuple[list[list[str]], list[int], list[Problem]]:
    """Rows of the CSV with the line each starts on; blank rows are skipped."""
    records: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and not any(cell.strip() for cell in record[width:]):
            record = record[:width]
        if len(record) != width:
            message = f"{len(record)} velden in plaats van {width}"
            hint = " (regel afgebroken?)" if len(record) < width else " (scheidingsteken in tekst?)"
            problems.append(Problem(file, start, WHOLE_ROW, message + hint))
            continue
        records.append(record)
        lines.append(start)
    return records, lines, problems


def _read_xlsx(file: str, data: bytes) -> RawTable:
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several types for broken files
        message = f"het Excel-bestand is onleesbaar of beschadigd ({type(error).__name__})"
        raise InputError([Problem(file, 1, WHOLE_FILE, message)]) from None
    if not rows:
        raise InputError([Problem(file, 1, WHOLE_FILE, "het eerste werkblad is leeg")])
    header, body = rows[0], rows[1:]
    width = len(header)
    records, lines = [], []
    for index, row in enumerate(body, start=2):
        cells = [None if cell == "" else cell for cell in row[:width]]
        cells += [None] * (width - len(cells))
        if any(cell is not None and str(cell).strip() for cell in cells):
            records.append(cells)
            lines.append(index)
    return _raw_table(file, header, records, lines, None, [])


def _raw_table(
    file: str,
    header: list,
    records: list[list],
    lines: list[int],
    separator: str | None,
    problems: list[Problem],
) -> RawTable:
    names = [normalise_header(name) for name in header]
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        message = "deze kolom staat meer dan eens in de kop"
        raise InputError([Problem(file, 1, name, message) for name in duplicates])
    if not records and not problems:
        message = "het bestand bevat geen gegevens, alleen een kopregel"
        raise InputError([Problem(file, 2, WHOLE_FILE, message)])
    cells = pd.DataFrame(records, columns=range(len(names)), dtype=object)
    keep = [i for i, name in enumerate(names) if name]
    cells = cells[keep]
    cells.columns = [names[i] for i in keep]
    return RawTable(file, cells, pd.Series(lines, dtype="int64"), separator, tuple(problems))
