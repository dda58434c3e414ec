"""Read one input file (CSV or a workbook) into raw cells with their line numbers.

Nothing is interpreted here beyond the file format: every cell stays as text (CSV)
or as the value the spreadsheet stored (.xlsx, .xls, .ods); `validate.py` decides
what the cells mean. Real exports are found as they come: a CSV that is not UTF-8 is
read as Windows-1252 when that decodes it cleanly (Dutch Excel's default); the header
is the first row within the first 20 that holds the table's required columns (title
lines above it are skipped, line numbers stay the file's own); in a workbook the sheet
named after the table is read, or else the one sheet that holds its columns.

A plain CSV (no quotes, no line longer than the csv module allows, every row as wide
as the header) is read by pyarrow into Arrow-backed text columns, which is many
times faster for a national file; anything else takes Python's csv module, which
names the line of every malformed row. Both give the same cells and line numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from dashboard.ingest.problems import WHOLE_FILE, WHOLE_ROW, InputError, Problem
from dashboard.ingest.workbook import WorkbookRefused, read_sheets
from dashboard.store.contract import WORKBOOK_SUFFIXES

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SEPARATORS = (";", ",", "\t")
# What Python's str.strip() removes (str.isspace), as an RE2 character class.
WHITESPACE = r"[\pZ\t-\r\x1c-\x1f\x85]"
HEADER_SEARCH = 20  # rows in which the header is looked for
UTF8, WINDOWS_1252 = "UTF-8", "Windows-1252"

# Whether normalised header cells hold the table's required columns (validate.py).
HeaderTest = Callable[[list[str]], bool]


@dataclass(frozen=True)
class RawTable:
    """Cells of one file: columns named by the normalised header, one row per record."""

    file: str
    cells: pd.DataFrame  # object dtype, or Arrow text from a plain CSV; "" or None = empty
    lines: pd.Series  # line number of each row in the file (header = 1)
    separator: str | None  # None for a workbook
    problems: tuple[Problem, ...] = ()  # rows that could not be split into cells
    header_line: int = 1  # the line of the column names; the lines above are skipped
    encoding: str | None = None  # of a CSV: UTF-8 or Windows-1252
    sheet: str | None = None  # of a workbook: the sheet read


def normalise_header(name: object) -> str:
    """Header cell → column name: case-insensitive, surrounding spaces ignored."""
    text = "" if name is None else str(name)
    return text.replace("\ufeff", "").replace("\xa0", " ").strip().lower()


def read_file(
    file: str, data: bytes, table: str | None = None, is_header: HeaderTest | None = None
) -> RawTable:
    """Read a CSV or workbook file's bytes; raises InputError when it cannot be read.

    `table` names the sheet to prefer, `is_header` finds the header row (without it:
    the first row, in the first sheet).
    """
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is leeg")])
    if file.lower().endswith(WORKBOOK_SUFFIXES):
        return _read_workbook(file, data, table, is_header)
    data, encoding = _as_utf8(file, data)
    above, start = _header_start(data, is_header)
    try:
        raw = _read_csv(file, data[start:] if start else data)
    except InputError as error:
        raise InputError([_moved(p, above) for p in error.problems]) from None
    if above:
        problems = tuple(_moved(p, above) for p in raw.problems)
        raw = replace(raw, lines=raw.lines + above, problems=problems, header_line=above + 1)
    return replace(raw, encoding=encoding)


def _moved(problem: Problem, lines: int) -> Problem:
    return replace(problem, line=problem.line + lines)


def _as_utf8(file: str, data: bytes) -> tuple[bytes, str]:
    """The bytes as UTF-8 and the encoding they came in; raises InputError for neither.

    Windows-1252 decodes nearly any bytes, so it is taken only when the result is
    clean: no undefined byte and no control character that no export holds. Both
    checks and the conversion are vectorised (a national file has 70 MB and more).
    """
    if data.startswith(UTF16_BOMS):
        message = (
            "de tekst is UTF-16 (Excel's 'Unicode-tekst'), geen UTF-8; sla het bestand op "
            "als 'CSV UTF-8'"
        )
        raise InputError([Problem(file, 1, WHOLE_FILE, message)])
    if b"\x00" in data:
        raise InputError([Problem(file, 1, WHOLE_FILE, "het bestand is binair, geen CSV-tekst")])
    if data.isascii() or _is_utf8(data):
        return data, UTF8
    converted = _from_windows_1252(data)
    if converted is None:
        try:
            data.decode("utf-8")
            start = len(data)
        except UnicodeDecodeError as error:
            start = error.start
        line = data[:start].count(b"\n") + 1
        message = "de tekst is geen geldige UTF-8; sla het bestand op als 'CSV UTF-8'"
        raise InputError([Problem(file, line, WHOLE_ROW, message)]) from None
    return converted, WINDOWS_1252


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (Arrow's validation, as strict as Python's)."""
    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    blob = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        blob.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


# Each byte from 0x80 as UTF-8, None where Windows-1252 leaves it undefined.
HIGH_BYTES = [
    bytes([byte]).decode("cp1252", errors="ignore").encode("utf-8") or None
    for byte in range(0x80, 0x100)
]
# Text no export holds: control characters (below 0x20, and 0x7f) other than these.
ALLOWED_CONTROL = b"\t\n\r"
CR, LF = ord("\r"), ord("\n")


def has_control(data: bytes) -> bool:
    """Whether the text holds a control character no export holds (by numpy, which
    scans without holding Python's lock: files are checked in threads)."""
    body = np.frombuffer(data, dtype=np.uint8)
    control = np.count_nonzero(body < 0x20)
    allowed = sum(np.count_nonzero(body == byte) for byte in ALLOWED_CONTROL)
    return control != allowed or data.find(b"\x7f") >= 0


def line_feeds(data: bytes, start: int = 0) -> int:
    """`data.count(b"\\n", start)`, by numpy (without holding Python's lock)."""
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8, offset=start) == LF))


def _lone_carriage_return(data: bytes) -> bool:
    """Whether a carriage return stands without a line feed after it."""
    body = np.frombuffer(data, dtype=np.uint8)
    returns = np.flatnonzero(body == CR)
    if not len(returns):
        return False
    return returns[-1] == len(body) - 1 or bool((body[returns + 1] != LF).any())


def _from_windows_1252(data: bytes) -> bytes | None:
    """`data.decode("cp1252").encode()`, or None when a byte is undefined there or the
    text holds a control character no export holds."""
    if has_control(data):
        return None
    body = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(body >= 0x80)
    pieces, start = [], 0
    for place, byte in zip(high.tolist(), body[high].tolist(), strict=True):
        utf8 = HIGH_BYTES[byte - 0x80]
        if utf8 is None:
            return None
        pieces += [data[start:place], utf8]
        start = place + 1
    pieces.append(data[start:])
    return b"".join(pieces)


def _header_start(data: bytes, is_header: HeaderTest | None) -> tuple[int, int]:
    """Lines above the header and the header's byte offset; (0, 0) when it is line 1
    or when no line of the first 20 holds the columns (then line 1 is the header and
    its missing columns are reported)."""
    if is_header is None:
        return 0, 0
    start = len(BOM) if data.startswith(BOM) else 0
    for above in range(HEADER_SEARCH):
        end = data.find(b"\n", start)
        line = data[start : end if end >= 0 else len(data)].decode("utf-8").strip("\r")
        if line.strip() and is_header(_split_line(line)):
            return (above, start) if above else (0, 0)
        if end < 0:
            break
        start = end + 1
    return 0, 0


def _split_line(line: str) -> list[str]:
    separator = max(SEPARATORS, key=line.count)
    try:
        cells = next(csv.reader([line], delimiter=separator), [])
    except csv.Error:  # a quote or line end inside: no header the csv module can read
        return []
    return [normalise_header(cell) for cell in cells]


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
    if data.find(b'"') >= 0 or data.find(b"\x00") >= 0 or _lone_carriage_return(data):
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
    physical = line_feeds(data, skip) + (not data.endswith(b"\n"))  # lines, header too
    if physical == records + 1:  # (one byte counted: many times faster than b"\n\r\n")
        return np.arange(2, records + 2)  # no empty line: record i is on line i + 2
    body = np.frombuffer(data, dtype=np.uint8, offset=skip)
    newlines = np.flatnonzero(body == LF)
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(body)]])
    carriage_return = np.zeros(len(starts), dtype=bool)
    carriage_return[: len(newlines)] = (newlines > 0) & (body[newlines - 1] == CR)
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


def _read_workbook(
    file: str, data: bytes, table: str | None, is_header: HeaderTest | None
) -> RawTable:
    try:
        sheets = read_sheets(data)
    except WorkbookRefused as refusal:
        kind = "ODS-bestand" if file.lower().endswith(".ods") else "Excel-bestand"
        raise InputError([Problem(file, 1, WHOLE_FILE, f"het {kind} {refusal}")]) from None
    if not sheets or not sheets[0][1]:
        raise InputError([Problem(file, 1, WHOLE_FILE, "het eerste werkblad is leeg")])
    name, rows = _chosen_sheet(file, sheets, table, is_header)
    if not rows:
        raise InputError([Problem(file, 1, WHOLE_FILE, f"werkblad '{name}' is leeg")])
    above = _header_row(rows, is_header) or 0
    header, body = rows[above], rows[above + 1 :]
    width = len(header)
    records, lines = [], []
    for index, row in enumerate(body, start=above + 2):
        cells = [None if cell == "" else cell for cell in row[:width]]
        cells += [None] * (width - len(cells))
        if any(cell is not None and str(cell).strip() for cell in cells):
            records.append(cells)
            lines.append(index)
    raw = _raw_table(file, header, records, lines, None, [], header_line=above + 1)
    return replace(raw, sheet=name)


def _chosen_sheet(
    file: str,
    sheets: list[tuple[str, list[list]]],
    table: str | None,
    is_header: HeaderTest | None,
) -> tuple[str, list[list]]:
    """The sheet named after the table, else the one whose header holds its columns,
    else the first (whose missing columns are then reported)."""
    named = [s for s in sheets if table and s[0].strip().lower() == table]
    if named:
        return named[0]
    if is_header is None:
        return sheets[0]
    holding = [s for s in sheets if _header_row(s[1], is_header) is not None]
    if len(holding) > 1:
        names = ", ".join(f"'{name}'" for name, _ in holding)
        message = (
            f"meer dan één werkblad heeft de kolommen van {table}: {names}; laat er één "
            f"over of noem het werkblad met de gegevens '{table}'"
        )
        raise InputError([Problem(file, 1, WHOLE_FILE, message)])
    return holding[0] if holding else sheets[0]


def _header_row(rows: list[list], is_header: HeaderTest | None) -> int | None:
    """The index of the first row (of 20) that holds the columns; None if none does."""
    if is_header is None:
        return 0 if rows else None
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if is_header([normalise_header(cell) for cell in row]):
            return index
    return None


def _raw_table(
    file: str,
    header: list,
    records: list[list],
    lines: list[int],
    separator: str | None,
    problems: list[Problem],
    header_line: int = 1,
) -> RawTable:
    names = _column_names(file, header, header_line)
    if not records and not problems:
        message = "het bestand bevat geen gegevens, alleen een kopregel"
        raise InputError([Problem(file, header_line + 1, WHOLE_FILE, message)])
    cells = pd.DataFrame(records, columns=range(len(names)), dtype=object)
    keep = [i for i, name in enumerate(names) if name]
    cells = cells[keep]
    cells.columns = [names[i] for i in keep]
    lines = pd.Series(lines, dtype="int64")
    return RawTable(file, cells, lines, separator, tuple(problems), header_line)


def _column_names(file: str, header: list, header_line: int = 1) -> list[str]:
    """The normalised header; raises InputError when a column name repeats."""
    names = [normalise_header(name) for name in header]
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        message = "deze kolom staat meer dan eens in de kop"
        raise InputError([Problem(file, header_line, name, message) for name in duplicates])
    return names
