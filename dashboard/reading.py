"""Read one input file (CSV or .xlsx) into raw cells with their line numbers.

Nothing is interpreted here beyond the file format: every cell stays as text (CSV)
or as the value Excel stored (.xlsx); `validate.py` decides what the cells mean.

A plain CSV (no quotes, no line longer than the csv module allows, every row as wide
as the header) is read by pyarrow into Arrow-backed text columns, which is many
times faster for a national file; anything else takes Python's csv module, which
names the line of every malformed row. Both give the same cells and line numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from python_calamine import CalamineWorkbook

from .problems import WHOLE_FILE, WHOLE_ROW, InputError, Problem

BOM = b"\xef\xbb\xbf"
SEPARATORS = (";", ",", "\t")
# What Python's str.strip() removes (str.isspace), as an RE2 character class.
WHITESPACE = r"[\pZ\t-\r\x1c-\x1f\x85]"


@dataclass(frozen=True)
class RawTable:
    """Cells of one file: columns named by the normalised header, one row per record."""

    file: str
    cells: pd.DataFrame  # object dtype, or Arrow text from a plain CSV; "" or None = empty
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
    plain = _read_plain_csv(file, data)
    if plain is not None:
        return plain
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


def _read_plain_csv(file: str, data: bytes) -> RawTable | None:
    """The fast reader, or None when the file is not plain (then csv takes over).

    Without quote characters or lone carriage returns every physical line is one
    record, so the i-th non-empty line after the header is the i-th record pyarrow
    returns; a row of another width makes pyarrow fail, and the csv module reports it.
    """
    skip = len(BOM) if data.startswith(BOM) else 0
    lone_carriage_return = data.count(b"\r") != data.count(b"\r\n")
    if lone_carriage_return or data.find(b'"') >= 0 or data.find(b"\x00") >= 0:
        return None
    end = data.find(b"\n", skip)
    try:
        first_line = data[skip : end if end >= 0 else len(data)].removesuffix(b"\r").decode()
    except UnicodeDecodeError:
        return None
    if not first_line.strip():
        return None
    separator = max(SEPARATORS, key=first_line.count)
    header = first_line.split(separator)
    table = _arrow_csv(pa.py_buffer(data)[skip:], separator, len(header))
    if table is None or _longest_cell(table) >= csv.field_size_limit():
        return None  # the csv module refuses such a cell: let it word the problem
    lines = _record_lines(data, skip, table.num_rows)
    if len(lines) != table.num_rows:
        return None
    blank = _blank_records(table)
    if blank.all():
        return None  # only a header: the csv path words the refusal
    if blank.any():
        table, lines = table.filter(pa.array(~blank)), lines[~blank]
    names = _column_names(file, header)
    keep = [i for i, name in enumerate(names) if name]
    cells = table.select(keep).to_pandas(types_mapper=pd.ArrowDtype)
    cells.columns = [names[i] for i in keep]
    return RawTable(file, cells, pd.Series(lines, dtype="int64"), separator)


def _record_lines(data: bytes, skip: int, records: int) -> np.ndarray:
    """Line numbers of the non-empty lines after the header (every \\r precedes a \\n)."""
    if data.find(b"\n\n", skip) < 0 and data.find(b"\n\r\n", skip) < 0:
        return np.arange(2, records + 2)  # no empty line: record i is on line i + 2
    body = np.frombuffer(data, dtype=np.uint8, offset=skip)
    newlines = np.flatnonzero(body == ord("\n"))
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(body)]])
    carriage_return = np.zeros(len(starts), dtype=bool)
    carriage_return[: len(newlines)] = (newlines > 0) & (body[newlines - 1] == ord("\r"))
    filled = ends - starts - carriage_return > 0
    numbers = np.arange(1, len(starts) + 1)
    return numbers[filled & (numbers > 1)]


def _longest_cell(table: pa.Table) -> int:
    lengths = [pc.max(pc.binary_length(column)).as_py() or 0 for column in table.columns]
    return max(lengths, default=0)


def _arrow_csv(buffer: pa.Buffer, separator: str, width: int) -> pa.Table | None:
    names = [f"f{i}" for i in range(width)]
    try:
        return pa_csv.read_csv(
            pa.BufferReader(buffer),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(
                delimiter=separator, quote_char=False, ignore_empty_lines=True
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # a ragged row, bad UTF-8
        return None


def _blank_records(table: pa.Table) -> np.ndarray:
    """Rows whose every cell is empty or whitespace (like `;;;;` from Excel)."""
    blank = np.ones(table.num_rows, dtype=bool)
    for column in table.columns:
        if not blank.any():
            break
        empty = pc.match_substring_regex(column, f"^{WHITESPACE}*$")
        blank &= empty.to_numpy(zero_copy_only=False)
    return blank


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
    names = _column_names(file, header)
    if not records and not problems:
        message = "het bestand bevat geen gegevens, alleen een kopregel"
        raise InputError([Problem(file, 2, WHOLE_FILE, message)])
    cells = pd.DataFrame(records, columns=range(len(names)), dtype=object)
    keep = [i for i, name in enumerate(names) if name]
    cells = cells[keep]
    cells.columns = [names[i] for i in keep]
    return RawTable(file, cells, pd.Series(lines, dtype="int64"), separator, tuple(problems))


def _column_names(file: str, header: list) -> list[str]:
    """The normalised header; raises InputError when a column name repeats."""
    names = [normalise_header(name) for name in header]
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        message = "deze kolom staat meer dan eens in de kop"
        raise InputError([Problem(file, 1, name, message) for name in duplicates])
    return names
