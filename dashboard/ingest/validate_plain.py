"""The fast path of `validate.py`: a column whose every cell is in a plain form.

A national export has millions of cells, nearly all written one way: `GM0935`,
`beschut_werk`, `25,5`, `01-03-2024`. When every cell of a column (Arrow text from
the plain CSV reader) is in such a form and within its rule, pyarrow parses the
whole column at once and gives exactly the values the general parsers would. Any
other cell, one bad value included, sends the whole column back to the general
parsers, so every problem is found and worded by one piece of code.

A column of few distinct values (codes, categories, dates, months) in another form,
such as Dutch Excel's `1-3-2024`, is read by the general parser once per distinct
value (`parse_distinct`); a problem in any value sends it to the general parser whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.store.contract import Column

if TYPE_CHECKING:
    from dashboard.ingest.validate import Parsed

    GeneralParser = Callable[[pd.Series, Column, str | None], Parsed]
from dashboard.ingest.reading import WHITESPACE
from dashboard.store.gemeenten import known_codes

# Number forms that can only be read one way: "25,5", "1.234,50" (Dutch); "25.5",
# "1,234.50". A column's decimal mark is the one such values use (both parsers).
CERTAIN_DECIMAL = {
    ",": re.compile(
        r"^[+-]?(?:[0-9.]*[0-9],(?:[0-9]{1,2}|[0-9]{4,})|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+)$"
    ),
    ".": re.compile(
        r"^[+-]?(?:[0-9,]*[0-9]\.(?:[0-9]{1,2}|[0-9]{4,})|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+)$"
    ),
}
PADDED = f"^{WHITESPACE}|{WHITESPACE}$|\\x{{a0}}"
PLAIN_CODE = r"^(?:GM)?[0-9]{1,4}$"
ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DUTCH_DAY = r"^[0-9]{2}-[0-9]{2}-[0-9]{4}$"
ISO_MONTH = r"^[0-9]{4}-[0-9]{2}$"
DUTCH_MONTH = r"^[0-9]{2}-[0-9]{4}$"
LONGEST_NUMBER = 15  # characters: at most 15 digits, which every parser reads alike


def parse_plain(raw: pd.Series, column: Column, separator: str | None) -> pd.Series | None:
    """The column's typed values, or None when some cell needs the general parser."""
    if not isinstance(raw.dtype, pd.ArrowDtype):
        return None
    cells = pa.chunked_array(raw.array.__arrow_array__()).combine_chunks()
    if column.kind in FEW_VALUES:  # parse each distinct value once
        encoded = pc.dictionary_encode(cells)
        cells, index = encoded.dictionary, encoded.indices
    else:
        index = None
    empty = pc.equal(cells, "").to_numpy(zero_copy_only=False)
    if empty.any() and not column.nullable:
        return None
    filled = cells.filter(pa.array(~empty)) if empty.any() else cells
    parsed = PLAIN_PARSERS[column.kind](filled, column, separator)
    if parsed is None:
        return None
    if isinstance(parsed, pa.Array):  # text: stays Arrow (compact, see `text_series`)
        return text_series(_arrow_with_empty(parsed, empty), column, raw.index, index)
    values = _with_empty(parsed, empty)
    if index is not None:
        values = values[index.to_numpy()]
    return _series(values, column.kind, raw.index)


def parse_distinct(
    raw: pd.Series, column: Column, separator: str | None, general: GeneralParser
) -> pd.Series | None:
    """A column of few distinct values in some other form (`1-3-2024`, `2024/03/01`,
    `Beschut werk`): the general parser reads each distinct value once. None when some
    value has a problem (then the general parser reads the whole column and words it)."""
    if column.kind not in FEW_VALUES or not isinstance(raw.dtype, pd.ArrowDtype):
        return None
    cells = pa.chunked_array(raw.array.__arrow_array__()).combine_chunks()
    encoded = pc.dictionary_encode(cells)
    distinct = pd.Series(_objects(encoded.dictionary), dtype=object)
    parsed = general(distinct, column, separator)
    if parsed.errors.notna().any():
        return None
    if column.kind in TEXT_KINDS:
        values = pa.array(parsed.values.to_numpy(dtype=object), pa.string(), from_pandas=True)
        return text_series(values, column, raw.index, encoded.indices)
    values = parsed.values.to_numpy()[encoded.indices.to_numpy()]
    return pd.Series(values, index=raw.index, dtype=parsed.values.dtype, copy=False)


def text_series(
    values: pa.Array, column: Column, index: pd.Index, take: pa.Array | None = None
) -> pd.Series:
    """Text values (`values.take(take)` when given) as a compact column, the same from
    either path: Arrow strings for free text; a categorical of the contract's values
    for codes and categories (two bytes a row). Python strings would take gigabytes."""
    if column.kind == "text":
        values = values if take is None else values.take(take)
        return pd.Series(pd.arrays.ArrowExtensionArray(values), index=index, copy=False)
    dtype = categories(column)
    codes = pc.index_in(values, value_set=pa.array(dtype.categories, pa.string()))
    codes = codes.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int16)
    if take is not None:
        codes = codes[take.to_numpy(zero_copy_only=False)]
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype), index=index, copy=False)


def categories(column: Column) -> pd.CategoricalDtype:
    """A code or category column's values: every gemeente code, or the contract's list."""
    values = tuple(column.categories) if column.kind == "category" else None
    return _categories(column.kind, values)


@functools.cache
def _categories(kind: str, values: tuple[str, ...] | None) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(sorted(known_codes()) if kind == "code" else list(values))


def _arrow_with_empty(parsed: pa.Array, empty: np.ndarray) -> pa.Array:
    """As `_with_empty`, for Arrow text: null where the cell was empty."""
    if not empty.any():
        return parsed
    place = np.cumsum(~empty) - 1
    return parsed.take(pa.array(place, mask=empty))


def _with_empty(parsed: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """The parsed values at their place, and the general parsers' missing value elsewhere."""
    if not empty.any():
        return parsed
    missing = np.datetime64("NaT") if parsed.dtype.kind == "M" else np.nan
    values = np.full(len(empty), missing, dtype=parsed.dtype)
    values[~empty] = parsed
    return values


def _series(values: np.ndarray, kind: str, index: pd.Index) -> pd.Series:
    series = pd.Series(values, index=index, dtype=values.dtype, copy=False)
    if kind == "integer":
        return series.astype("Int64")
    if kind == "month":
        return series.dt.to_period("M").dt.to_timestamp()  # as validate._month
    return series


def _all(mask: pa.Array) -> bool:
    return bool(pc.all(mask).as_py())


def _matches(cells: pa.Array, pattern: str) -> bool:
    return _all(pc.match_substring_regex(cells, pattern))


def _objects(cells: pa.Array) -> np.ndarray:
    return cells.to_numpy(zero_copy_only=False).astype(object)


def _text(cells, column, separator) -> np.ndarray | None:
    if pc.any(pc.match_substring_regex(cells, PADDED)).as_py():
        return None  # the general parser strips and reports
    return cells


def _code(cells, column, separator) -> np.ndarray | None:
    if not _matches(cells, PLAIN_CODE):
        return None
    number = pc.cast(pc.replace_substring(cells, "GM", ""), pa.int32())
    digits = pc.utf8_lpad(pc.cast(number, pa.string()), width=4, padding="0")
    codes = pc.binary_join_element_wise("GM", digits, "")
    known = pa.array(sorted(known_codes()), type=pa.string())
    if not _all(pc.is_in(codes, value_set=known)):
        return None  # also GM0000: no gemeente has number 0
    return codes


def _category(cells, column, separator) -> np.ndarray | None:
    if not _all(pc.is_in(cells, value_set=pa.array(column.categories, type=pa.string()))):
        return None
    return cells


def default_decimal(separator: str | None, whole: bool) -> str:
    """The decimal mark of a column whose values could be read either way (both
    parsers): the comma after Dutch Excel's `;`, and in a column of whole numbers (where
    `122.378` can only mean 122378, a fraction being wrong there); else the point."""
    return "," if separator == ";" or whole else "."


def _number(cells, column, separator, whole: bool = False) -> np.ndarray | None:
    if len(cells) and pc.max(pc.utf8_length(cells)).as_py() > LONGEST_NUMBER:
        return None
    decimal = plain_decimal_separator(cells, default_decimal(separator, whole))
    thousands = "." if decimal == "," else ","
    grouped = _holds(cells, thousands)
    if grouped:
        form = rf"^-?(?:[0-9]+|[0-9]{{1,3}}(?:\{thousands}[0-9]{{3}})+)(?:\{decimal}[0-9]+)?$"
    else:  # the same form when no cell holds the thousands mark, read faster
        form = rf"^-?[0-9]+(?:\{decimal}[0-9]+)?$"
    if not _matches(cells, form):
        return None
    plain = pc.replace_substring(cells, thousands, "") if grouped else cells
    if decimal != ".":
        plain = pc.replace_substring(plain, decimal, ".")
    values = pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)
    if _out_of_range(values, column):
        return None
    return values


def plain_decimal_separator(text: pa.Array | pa.ChunkedArray, default: str) -> str:
    """As validate._decimal_separator: the mark some value can only be read with."""
    if not _holds(text, "." if default == "," else ","):
        return default  # no value can be read only with the other mark
    comma = pc.sum(pc.match_substring_regex(text, CERTAIN_DECIMAL[","].pattern)).as_py() or 0
    dot = pc.sum(pc.match_substring_regex(text, CERTAIN_DECIMAL["."].pattern)).as_py() or 0
    if comma == dot:
        return default
    return "," if comma > dot else "."


def _holds(cells: pa.Array | pa.ChunkedArray, mark: str) -> bool:
    """Whether some cell holds the character (a plain search, no pattern)."""
    return bool(pc.any(pc.match_substring(cells, mark)).as_py())


def _out_of_range(values: np.ndarray, column: Column) -> bool:
    if column.minimum is not None:
        low = values < column.minimum if column.minimum_inclusive else values <= column.minimum
        if low.any():
            return True
    return column.maximum is not None and bool((values > column.maximum).any())


def _integer(cells, column, separator) -> np.ndarray | None:
    values = _number(cells, column, separator, whole=True)
    if values is None or (values % 1 != 0).any():
        return None
    return values


def _date(cells, column, separator) -> np.ndarray | None:
    if _matches(cells, ISO_DAY):
        return _days(cells, year=(0, 4), month=(5, 7), day=(8, 10))
    if _matches(cells, DUTCH_DAY):
        return _days(cells, year=(6, 10), month=(3, 5), day=(0, 2))
    return None


def _month(cells, column, separator) -> np.ndarray | None:
    if _matches(cells, ISO_MONTH):
        return _days(cells, year=(0, 4), month=(5, 7))
    if _matches(cells, DUTCH_MONTH):
        return _days(cells, year=(3, 7), month=(0, 2))
    return _date(cells, column, separator)  # a day of the month, as Excel writes a date


Place = tuple[int, int]  # where digits stand in the text: start, stop


def _days(
    cells: pa.Array, year: Place, month: Place, day: Place | None = None
) -> np.ndarray | None:
    """Calendar days from digits at fixed places; None when one does not exist."""
    y, m = _digits(cells, *year), _digits(cells, *month)
    d = _digits(cells, *day) if day else np.ones(len(cells), dtype=np.int64)
    if ((y < 1900) | (y > 2100) | (m < 1) | (m > 12) | (d < 1)).any():
        return None
    first = (y - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (m - 1)
    length = (first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")
    if (d > length.astype(np.int64)).any():
        return None
    return (first.astype("datetime64[D]") + (d - 1)).astype("datetime64[s]")


def _digits(cells: pa.Array, start: int, stop: int) -> np.ndarray:
    return pc.cast(pc.utf8_slice_codeunits(cells, start, stop), pa.int64()).to_numpy()


PLAIN_PARSERS = {
    "text": _text,
    "code": _code,
    "category": _category,
    "number": _number,
    "integer": _integer,
    "date": _date,
    "month": _month,
}
# Kinds whose values are text: kept as Arrow strings by both paths.
TEXT_KINDS = {"text", "code", "category"}
# Kinds whose columns hold few distinct values. Not numbers: the decimal mark is
# decided by counting every cell, not every distinct value.
FEW_VALUES = {"code", "category", "date", "month"}
