"""Turn raw cells into typed rows by the contract, collecting every problem found.

Each parser takes a column of raw cells and returns the typed values and, per row,
a Dutch problem text or None. Parsing is vectorised with pandas string methods; a
column whose every cell is plain and valid takes the Arrow fast path of
`validate_plain.py` instead, which gives the same values many times faster.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.problems import Problem
from dashboard.ingest.reading import WHITESPACE, HeaderTest, RawTable
from dashboard.ingest.validate_plain import (
    CERTAIN_DECIMAL,
    TEXT_KINDS,
    default_decimal,
    parse_distinct,
    parse_plain,
    plain_decimal_separator,
    text_series,
)
from dashboard.store.contract import TAAKSTELLING, Column, TableSpec
from dashboard.store.gemeenten import known_codes, normalise_code

LINE = "_regel"
ANNEX_CODE = "cbs-code"
ANNEX_NAME = "gemeente"
ANNEX_YEAR = re.compile(r"^ultimo[\s_-]*([0-9]{4})$")
WORD_SEPARATORS = re.compile(r"[\s_-]+")
TOTAL_ROW = re.compile(r"^(?:som|totaal)\b", re.IGNORECASE)  # the annex's national total

NUMBER_TAIL = r"(?:[eE][+-]?[0-9]+)?"
NUMBER_FORMS = {
    ",": re.compile(rf"^[+-]?(?:[0-9]+|[0-9]{{1,3}}(?:\.[0-9]{{3}})+)(?:,[0-9]+)?{NUMBER_TAIL}$"),
    ".": re.compile(rf"^[+-]?(?:[0-9]+|[0-9]{{1,3}}(?:,[0-9]{{3}})+)(?:\.[0-9]+)?{NUMBER_TAIL}$"),
}
TIME_TAIL = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
ISO_DATE = rf"^(?P<y>[0-9]{{4}})[-/](?P<m>[0-9]{{1,2}})[-/](?P<d>[0-9]{{1,2}}){TIME_TAIL}$"
DUTCH_DATE = rf"^(?P<d>[0-9]{{1,2}})[-/.](?P<m>[0-9]{{1,2}})[-/.](?P<y>[0-9]{{4}}){TIME_TAIL}$"
ISO_MONTH = r"^(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})$"
DUTCH_MONTH = r"^(?P<m>[0-9]{1,2})[-/](?P<y>[0-9]{4})$"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


NO_ERRORS = pd.Series([], dtype=object)


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    errors: pd.Series  # Dutch text where the cell is wrong, None elsewhere (see clean)
    clean: bool = False  # no errors, known without looking (the fast paths; errors empty)


@dataclass(frozen=True)
class Validated:
    """Typed rows of one table (canonical columns plus the line), or its problems."""

    table: str
    file: str
    rows: pd.DataFrame
    problems: tuple[Problem, ...]
    encoding: str | None = None  # of a CSV: UTF-8 or Windows-1252
    notes: tuple[str, ...] = ()  # what was read around the table: a sheet, skipped lines
    warnings: tuple[Problem, ...] = ()  # worth a look, but no reason to refuse the file


def header_test(spec: TableSpec) -> HeaderTest:
    """Whether header cells hold the table's required columns (for the taakstelling:
    those of the long form or of the Staatscourant annex), named as `validate` reads."""
    required = {_squashed(c.name) for c in spec.columns if c.required}
    annex = {_squashed(ANNEX_CODE), _squashed(ANNEX_NAME)}

    def holds(names: list[str]) -> bool:
        present = {_squashed(name) for name in names if name}
        if required <= present:
            return True
        return (
            spec is TAAKSTELLING
            and annex <= present
            and any(ANNEX_YEAR.match(name) for name in names)
        )

    return holds


def validate(raw: RawTable, spec: TableSpec) -> Validated:
    """Check every cell of `raw` against `spec`; never raises for bad content."""
    raw = contract_names(raw, spec)
    if spec is TAAKSTELLING and ANNEX_CODE in raw.cells.columns:
        result = _validate_annex(raw)
    else:
        result = _validate_long(raw, spec)
    return replace(result, encoding=raw.encoding, notes=_read_notes(raw) + result.notes)


def _read_notes(raw: RawTable) -> tuple[str, ...]:
    notes = []
    if raw.sheet is not None:
        notes.append(f"werkblad '{raw.sheet}' gelezen")
    above = raw.header_line - 1
    if above:
        notes.append(
            f"{above} {'regel' if above == 1 else 'regels'} boven de kolomnamen overgeslagen"
        )
    return tuple(notes)


def validate_batch(raw: RawTable, spec: TableSpec) -> Validated:
    """`validate` of one batch of a long table's rows (`raw` from `contract_names`),
    without the rules across rows (duplicates, einddatum): `combine` checks those on
    all batches together."""
    result = _validate_long(raw, spec, row_rules=False)
    return replace(result, encoding=raw.encoding, notes=_read_notes(raw))


def combine(batches: list[Validated], spec: TableSpec) -> Validated:
    """The batches of one file as one, checked by the rules across rows: the rows and
    problems `validate` gives for the whole file. Empties the batches' frames: each
    column is freed once copied, so the file's rows are never in memory twice."""
    frames = [b.rows for b in batches]
    columns = {}
    for name in list(frames[0].columns):
        columns[name] = pd.concat([f.pop(name) for f in frames], ignore_index=True)
    rows = pd.DataFrame(columns, copy=False)
    problems = [p for b in batches for p in b.problems]
    problems += _row_rules(batches[0].file, spec, rows)
    return replace(batches[0], rows=rows, problems=tuple(sorted(problems)))


def decimal_marks(raw: RawTable, spec: TableSpec) -> dict[str, str]:
    """The decimal mark each number column of `raw` is read with, by either path (a
    file read in batches is exact only when every batch has the same marks)."""
    marks = {}
    for column in spec.columns:
        if column.kind in ("number", "integer") and column.name in raw.cells.columns:
            default = default_decimal(raw.separator, whole=column.kind == "integer")
            marks[column.name] = _column_decimal(raw.cells[column.name], default)
    return marks


def _column_decimal(raw: pd.Series, default: str) -> str:
    if isinstance(raw.dtype, pd.ArrowDtype):
        cells = pa.chunked_array(raw.array.__arrow_array__())
        other = "." if default == "," else ","
        if not pc.any(pc.match_substring(cells, other)).as_py():
            return default  # no value can be read only with the other mark, either way
        if not pc.any(pc.match_substring_regex(cells, f"{WHITESPACE}|€")).as_py():
            return plain_decimal_separator(cells, default)  # the same count, in Arrow
    raw = _objects(raw)
    raw = raw[~_empty(raw)]
    typed = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
    return _decimal_separator(_number_text(raw[~typed]), default)


def _validate_long(raw: RawTable, spec: TableSpec, row_rules: bool = True) -> Validated:
    problems = list(raw.problems)
    missing = [c for c in spec.columns if c.required and c.name not in raw.cells.columns]
    problems += [
        Problem(raw.file, raw.header_line, c.name, "verplichte kolom ontbreekt") for c in missing
    ]
    rows = pd.DataFrame({LINE: raw.lines.to_numpy()}, index=raw.cells.index)
    for column in spec.columns:
        if column.name in raw.cells.columns:
            parsed = parse_column(raw.cells[column.name], column, raw.separator)
            rows[column.name] = parsed.values
            problems += _problems(raw, column.name, parsed)
        else:
            rows[column.name] = None
    if not missing and row_rules:
        problems += _row_rules(raw.file, spec, rows)
    return Validated(spec.name, raw.file, rows, tuple(sorted(problems)))


def _squashed(name: str) -> str:
    return WORD_SEPARATORS.sub("", name)


def contract_names(raw: RawTable, spec: TableSpec) -> RawTable:
    """`raw` with its columns named as the contract's (see `_contract_names`)."""
    return _contract_names(raw, [c.name for c in spec.columns] + [ANNEX_CODE])


def _contract_names(raw: RawTable, names: list[str]) -> RawTable:
    """Read "CBS code", "uren per week" or "plaatsing-id" as the contract's
    "cbs-code", "uren_per_week" and "plaatsing_id": headers that differ only in spaces,
    hyphens or underscores name the same column (when the exact name is not there)."""
    wanted = {_squashed(n): n for n in names if n not in raw.cells.columns}
    renames = {c: wanted[_squashed(c)] for c in raw.cells.columns if _squashed(c) in wanted}
    if not renames or len(set(renames.values())) < len(renames):
        return raw
    return replace(raw, cells=raw.cells.rename(columns=renames))


def _problems(raw: RawTable, column: str, parsed: Parsed) -> list[Problem]:
    if parsed.clean:
        return []
    bad = parsed.errors.dropna()
    lines = raw.lines.loc[bad.index]
    return [Problem(raw.file, int(n), column, m) for n, m in zip(lines, bad, strict=True)]


def _row_rules(file: str, spec: TableSpec, rows: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    for column in spec.columns:
        if column.unique:
            problems += _duplicates(file, rows, (column.name,))
    if spec.unique_key:
        problems += _duplicates(file, rows, spec.unique_key)
    if spec.end_after_start:
        early = rows["einddatum"].notna() & (rows["einddatum"] < rows["startdatum"])
        for _, row in rows[early].iterrows():
            message = (
                f"einddatum {row['einddatum']:%d-%m-%Y} ligt voor "
                f"startdatum {row['startdatum']:%d-%m-%Y}"
            )
            problems.append(Problem(file, int(row[LINE]), "einddatum", message))
    return problems


def _duplicates(file: str, rows: pd.DataFrame, key: tuple[str, ...]) -> list[Problem]:
    if not _repeats(rows, key):
        return []
    complete = rows[[LINE, *key]].dropna(subset=list(key))
    repeated = complete[complete.duplicated(list(key), keep=False)]
    first_line = repeated.groupby(list(key))[LINE].transform("min")
    problems = []
    for (_, row), first in zip(repeated.iterrows(), first_line, strict=True):
        if row[LINE] == first:
            continue
        what = " en ".join(f"{k} {_show(row[k])}" for k in key)
        problems.append(
            Problem(file, int(row[LINE]), key[-1], f"dubbel: {what} staat ook op regel {first}")
        )
    return problems


def _repeats(rows: pd.DataFrame, key: tuple[str, ...]) -> bool:
    """Whether some complete key occurs twice: neighbours in Arrow's sort order, many
    times faster than pandas' `duplicated` on millions of rows and with a fraction of
    a hash table's memory (`_duplicates` then names the lines)."""
    keys = pa.Table.from_pandas(rows[list(key)], preserve_index=False).drop_null()
    if keys.num_rows < 2:
        return False
    for i, column in enumerate(keys.columns):
        if pa.types.is_dictionary(column.type):  # a categorical: its codes say the same
            codes = pa.chunked_array([c.indices for c in column.chunks], column.type.index_type)
            keys = keys.set_column(i, keys.column_names[i], codes)
    order = pc.sort_indices(keys, sort_keys=[(name, "ascending") for name in key])
    same = None
    for name in key:
        column = keys[name].take(order)
        equal = pc.equal(column.slice(1), column.slice(0, len(column) - 1))
        same = equal if same is None else pc.and_(same, equal)
    return bool(pc.any(same).as_py())


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{value}'"


# --- the Staatscourant annex: CBS-code, Gemeente, Ultimo <jaar> ... ---------------


def _validate_annex(raw: RawTable) -> Validated:
    cells = raw.cells.apply(_objects)
    years = {c: int(m.group(1)) for c in cells.columns if (m := ANNEX_YEAR.match(c))}
    problems = list(raw.problems)
    if not years:
        message = "geen kolom 'Ultimo <jaar>'"
        problems.append(Problem(raw.file, raw.header_line, "ultimo <jaar>", message))
    names = cells[ANNEX_NAME] if ANNEX_NAME in cells.columns else pd.Series(None, cells.index)
    total_row = _total_rows(cells[ANNEX_CODE], names)
    cells = raw.cells  # Arrow text from a plain CSV: parsed by the fast path
    totals = RawTable(raw.file, cells[total_row], raw.lines[total_row], raw.separator)
    code = parse_column(cells[ANNEX_CODE], TAAKSTELLING.column("gemeente"), raw.separator)
    remark = _remark_rows(code.values, cells, years) & ~total_row
    kept = ~total_row & ~remark
    cells, lines, names = cells[kept], raw.lines[kept], names[kept]
    sub = RawTable(raw.file, cells, lines, raw.separator)
    code = Parsed(code.values[kept], code.errors if code.clean else code.errors[kept], code.clean)
    problems += _problems(sub, ANNEX_CODE, code)
    quota = replace(TAAKSTELLING.column("taakstelling"), nullable=True)
    frames = []
    gemeentenaam = _text(names).values.to_numpy()
    for column, year in years.items():
        parsed = parse_column(cells[column], quota, raw.separator)
        problems += _problems(sub, column, parsed)
        frames.append(
            pd.DataFrame(
                {
                    LINE: lines.to_numpy(),
                    "gemeente": code.values.to_numpy(dtype=object, na_value=None),
                    "jaar": year,
                    "taakstelling": parsed.values.to_numpy(),
                    "gemeentenaam": gemeentenaam,
                }
            )
        )
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[LINE])
    if frames:
        rows = rows[rows["taakstelling"].notna()].reset_index(drop=True)
        problems += _duplicates(raw.file, rows, ("gemeente", "jaar"))
    notes, warnings = _check_totals(totals, rows, years, problems)
    if remark.any():
        notes += (f"{_lines(raw.lines[remark])} zonder CBS-code en zonder aantallen overgeslagen",)
    return Validated(
        "taakstelling", raw.file, rows, tuple(sorted(problems)), notes=notes, warnings=warnings
    )


def _total_rows(codes: pd.Series, names: pd.Series) -> pd.Series:
    """The annex's 'Som' or 'Totaal' row: no CBS code, and 'Som' or 'Totaal' in the
    code or name column."""
    code_text = _as_text(codes.where(codes.notna(), ""))
    name_text = _as_text(names.where(names.notna(), ""))
    no_code = _empty(codes) | code_text.str.match(TOTAL_ROW.pattern, case=False)
    named = code_text.str.match(TOTAL_ROW.pattern, case=False) | name_text.str.match(
        TOTAL_ROW.pattern, case=False
    )
    return (no_code & named).astype(bool)


def _remark_rows(codes: pd.Series, cells: pd.DataFrame, years: dict[str, int]) -> pd.Series:
    """Lines of the annex as printed that hold no figures: no CBS code (`codes`, the
    parsed column, is empty where the cell is empty or text that is no code, such as
    'Bron: Staatscourant 2025, nr. 1234' or a footnote) and an empty cell in every
    'Ultimo <jaar>' column. Skipping them loses nothing; a line with a figure and no
    valid code is still refused."""
    no_figures = pd.Series(True, index=cells.index)
    for column in years:
        no_figures &= _empty(cells[column])
    return (codes.isna() & no_figures).astype(bool)


def _lines(lines: pd.Series) -> str:
    """ "regel 4", "regels 4 en 10", "regels 2, 4 en 10"."""
    numbers = [str(n) for n in lines]
    if len(numbers) == 1:
        return f"regel {numbers[0]}"
    return f"regels {', '.join(numbers[:-1])} en {numbers[-1]}"


def _check_totals(
    totals: RawTable, rows: pd.DataFrame, years: dict[str, int], problems: list[Problem]
) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """Name each skipped total row; warn where it is not the sum of the gemeenten."""
    notes, warnings = [], []
    quota = replace(TAAKSTELLING.column("taakstelling"), nullable=True, maximum=None)
    wrong_lines = {p.line for p in problems}
    for index, line in totals.lines.items():
        cells = [str(v).strip() for v in totals.cells.loc[index] if isinstance(v, str)]
        label = next((c for c in cells if TOTAL_ROW.match(c)), "Totaal")
        notes.append(f"totaalregel '{label}' op regel {line} overgeslagen")
        for column, year in years.items():
            total = parse_column(totals.cells.loc[[index], column], quota, totals.separator)
            if total.errors.notna().any() or pd.isna(total.values.iloc[0]) or wrong_lines:
                continue  # an unreadable total, or rows with problems: nothing to compare
            counted = float(rows.loc[rows["jaar"] == year, "taakstelling"].sum())
            stated = float(total.values.iloc[0])
            if round(abs(stated - counted), 6) > 0:
                message = (
                    f"de totaalregel noemt {_figure(stated)}, de som van de gemeenten is "
                    f"{_figure(round(counted, 6))}; de regels van de gemeenten zijn geladen"
                )
                warnings.append(Problem(totals.file, int(line), column, message))
    return tuple(notes), tuple(warnings)


# --- parsers per kind ---------------------------------------------------------------


def parse_column(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    """Parse one column of raw cells by its contract kind; also checks empties.

    Text, codes and categories come back compact from either path (`text_series`):
    a national file's ids as Python strings would take gigabytes."""
    plain = parse_plain(raw, column, separator)
    if plain is None:
        plain = parse_distinct(raw, column, separator, _parse_general)
    if plain is not None:
        return Parsed(plain, NO_ERRORS, clean=True)
    parsed = _parse_general(raw, column, separator)
    if column.kind in TEXT_KINDS:
        values = pa.array(parsed.values.to_numpy(dtype=object), pa.string(), from_pandas=True)
        parsed = Parsed(text_series(values, column, raw.index), parsed.errors)
    return parsed


def _parse_general(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    raw = _objects(raw)
    empty = _empty(raw)
    parser = PARSERS[column.kind]
    parsed = parser(raw[~empty], column, separator)
    values = parsed.values.reindex(raw.index)
    errors = parsed.errors.reindex(raw.index).astype(object)
    if not column.nullable:
        errors[empty] = "verplichte waarde ontbreekt (lege cel)"
    return Parsed(values, errors.where(errors.notna(), None))


def _objects(raw: pd.Series) -> pd.Series:
    """Arrow text from the plain CSV reader as Python strings, like the csv module's."""
    return raw.astype(object) if isinstance(raw.dtype, pd.ArrowDtype) else raw


def _empty(raw: pd.Series) -> pd.Series:
    return raw.isna() | raw.map(lambda v: isinstance(v, str) and not v.strip())


def _no_errors(index: pd.Index) -> pd.Series:
    return pd.Series(None, index=index, dtype=object)


def _as_text(raw: pd.Series) -> pd.Series:
    def one(value: object) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).replace("\xa0", " ").strip()

    return raw.map(one).astype(object)


def _text(raw: pd.Series, column: Column | None = None, separator: str | None = None) -> Parsed:
    empty = _empty(raw)
    values = _as_text(raw).where(~empty, None)
    return Parsed(values, _no_errors(raw.index))


def _code(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    values = raw.map(normalise_code).astype(object)
    errors = _no_errors(raw.index)
    malformed = values.isna()
    errors[malformed] = [
        f"{_quote(v)} is geen gemeentecode (verwacht GMnnnn, nnnn of nnn)" for v in raw[malformed]
    ]
    unknown = ~malformed & ~values.isin(known_codes())
    errors[unknown] = [f"onbekende gemeentecode {_quote(v)}" for v in values[unknown]]
    return Parsed(values.where(errors.isna(), None), errors)


def _category(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    values = _as_text(raw).str.lower().str.replace(r"[\s-]+", "_", regex=True)
    errors = _no_errors(raw.index)
    bad = ~values.isin(column.categories)
    allowed = ", ".join(column.categories)
    errors[bad] = [f"onbekende waarde {_quote(v)}; toegestaan: {allowed}" for v in raw[bad]]
    return Parsed(values.where(~bad, None), errors)


def _number(raw: pd.Series, column: Column, separator: str | None, whole: bool = False) -> Parsed:
    values = pd.Series(np.nan, index=raw.index, dtype="float64")
    errors = _no_errors(raw.index)
    typed = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
    values[typed] = raw[typed].astype("float64")
    text = _number_text(raw[~typed])
    decimal = _decimal_separator(text, default_decimal(separator, whole))
    readable = text.str.fullmatch(NUMBER_FORMS[decimal].pattern).astype(bool)
    thousands = "." if decimal == "," else ","
    plain = text[readable].str.replace(thousands, "", regex=False).str.replace(",", ".")
    values[plain.index] = pd.to_numeric(plain, errors="coerce")
    unreadable = text.index[~readable]
    errors[unreadable] = [f"{_quote(v)} is geen getal" for v in raw[unreadable]]
    endless = ~np.isfinite(values) & errors.isna()  # 1e400, or NaN from a spreadsheet
    errors[endless] = [f"{_quote(v)} is geen eindig getal" for v in raw[endless]]
    errors = _range_errors(values, errors, column)
    return Parsed(values.where(errors.isna()), errors)


def _number_text(raw: pd.Series) -> pd.Series:
    return _as_text(raw).str.replace(r"[\s€]", "", regex=True)


def _decimal_separator(text: pd.Series, default: str) -> str:
    """The column's decimal mark: the one some value can only be read with."""
    comma = int(text.str.fullmatch(CERTAIN_DECIMAL[","].pattern).sum())
    dot = int(text.str.fullmatch(CERTAIN_DECIMAL["."].pattern).sum())
    if comma == dot:
        return default
    return "," if comma > dot else "."


def _range_errors(values: pd.Series, errors: pd.Series, column: Column) -> pd.Series:
    shown = values.map(_figure)
    if column.minimum is not None:
        minimum = _figure(column.minimum)
        if column.minimum_inclusive:
            low, text = values < column.minimum, f"moet minstens {minimum} zijn"
        else:
            low, text = values <= column.minimum, f"moet groter dan {minimum} zijn"
        errors[low & errors.isna()] = [f"{s} {text}" for s in shown[low & errors.isna()]]
    if column.maximum is not None:
        high = (values > column.maximum) & errors.isna()
        maximum = _figure(column.maximum)
        errors[high] = [f"{s} mag hoogstens {maximum} zijn" for s in shown[high]]
    return errors


def _figure(value: float) -> str:
    """A value in a message: whole numbers in full (1990, 100000000000), else 6 digits."""
    if np.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def _integer(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    parsed = _number(raw, Column(column.name, "number"), separator, whole=True)
    errors = parsed.errors.copy()
    fraction = parsed.values.notna() & (parsed.values % 1 != 0)
    errors[fraction] = [f"{_quote(v)} is geen geheel getal" for v in raw[fraction]]
    errors = _range_errors(parsed.values, errors, column)
    values = parsed.values.where(errors.isna()).astype("Int64")
    return Parsed(values, errors)


def _date(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    return _calendar(raw, (ISO_DATE, DUTCH_DATE), "datum (jjjj-mm-dd of dd-mm-jjjj)")


def _month(raw: pd.Series, column: Column, separator: str | None) -> Parsed:
    parsed = _calendar(
        raw, (ISO_MONTH, DUTCH_MONTH, ISO_DATE, DUTCH_DATE), "maand (jjjj-mm)", day_one=True
    )
    values = parsed.values.dt.to_period("M").dt.to_timestamp()
    return Parsed(values, parsed.errors)


def _calendar(raw: pd.Series, forms: tuple[str, ...], what: str, day_one: bool = False) -> Parsed:
    values = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[s]")
    errors = _no_errors(raw.index)
    typed = raw.map(lambda v: isinstance(v, dt.date))
    values[typed] = [pd.Timestamp(v).normalize() for v in raw[typed]]
    serial = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
    values[serial] = _excel_serial(raw[serial])
    text = _as_text(raw[~typed & ~serial])
    parts = pd.DataFrame(index=text.index, columns=["y", "m", "d"], dtype=object)
    for form in forms:
        todo = parts["y"].isna()
        found = text[todo].str.extract(form)
        if "d" not in found.columns:
            found["d"] = "1"
        parts.loc[found.index] = parts.loc[found.index].fillna(found[["y", "m", "d"]])
    matched = parts["y"].notna()
    errors[text.index[~matched]] = [
        f"{_quote(v)} is geen {what}" for v in raw[text.index[~matched]]
    ]
    numbers = parts[matched].astype("int64")
    assembled = pd.to_datetime(
        numbers.rename(columns={"y": "year", "m": "month", "d": "day"}), errors="coerce"
    )
    values[assembled.index] = assembled
    impossible = assembled.index[assembled.isna()]
    errors[impossible] = [f"{_quote(v)} is geen bestaande datum" for v in raw[impossible]]
    out_of_range = values.notna() & ((values.dt.year < 1900) | (values.dt.year > 2100))
    errors[out_of_range] = [f"{_quote(v)} ligt buiten 1900-2100" for v in raw[out_of_range]]
    return Parsed(values.where(errors.isna()), errors)


def _excel_serial(raw: pd.Series) -> list[pd.Timestamp]:
    """Excel's day numbers (1900 system), for date cells saved as plain numbers."""
    return [EXCEL_EPOCH + pd.Timedelta(days=int(v)) if 0 < v < 2958466 else pd.NaT for v in raw]


def _quote(value: object) -> str:
    text = _as_text(pd.Series([value], dtype=object)).iloc[0]
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


PARSERS: dict[str, Callable[[pd.Series, Column, str | None], Parsed]] = {
    "text": _text,
    "code": _code,
    "category": _category,
    "number": _number,
    "integer": _integer,
    "date": _date,
    "month": _month,
}
