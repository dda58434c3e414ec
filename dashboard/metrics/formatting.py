"""Dutch (nl-NL) formatting of euros, counts, percentages and dates, in one place.

Built on Babel's CLDR data, so separators and month names follow the locale.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys

from babel.dates import format_date
from babel.numbers import NumberFormatError, format_currency, format_decimal, parse_decimal

LOCALE = "nl_NL"
EMPTY = "–"


def is_missing(value: object) -> bool:
    """None, NaN, or pandas' NA or NaT.

    pandas is not imported for this: when it is not loaded, no value can be one of
    its markers (the command line's report runs without it and starts faster).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NaT or value is pandas.NA)


def euro(value: float | None, cents: bool = True) -> str:
    """€ 1.234.567,89 (or € 1.234.568 without cents)."""
    if is_missing(value):
        return EMPTY
    pattern = "¤ #,##0.00;¤ -#,##0.00" if cents else "¤ #,##0;¤ -#,##0"
    return format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def number(value: float | None, decimals: int = 0) -> str:
    """1.234 or 58,5: at most `decimals` decimals, trailing zeros dropped."""
    if is_missing(value):
        return EMPTY
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fixed(value: float | None, decimals: int = 1) -> str:
    """Exactly `decimals` decimals: 12,0."""
    if is_missing(value):
        return EMPTY
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percentage(value: float | None, decimals: int = 1) -> str:
    """A value already in percent (95.5) as 95,5%."""
    if is_missing(value):
        return EMPTY
    return f"{fixed(value, decimals)}%"


def datum(value: dt.date | None) -> str:
    """31-12-2024."""
    return EMPTY if is_missing(value) else value.strftime("%d-%m-%Y")


def datum_lang(value: dt.date) -> str:
    """30 september 2025."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def kans(value: float | None) -> str:
    """A simulated chance in percent: 1.000 paths cannot tell 100% from 99,9%, so
    above 99 reads "> 99%" and below 1 (but above 0) "< 1%"; whole percents otherwise."""
    if is_missing(value):
        return EMPTY
    if value > 99:
        return "> 99%"
    if 0 < value < 1:
        return "< 1%"
    return percentage(value, 0)


def plekken(value: float | None) -> str:
    """The taakstelling's unit: at least one decimal, at most two (36,0 beside 16,1)."""
    if is_missing(value):
        return EMPTY
    return format_decimal(value, format="#,##0.0#", locale=LOCALE)


_BY_KIND = {
    "personen": number,
    "gemiddelde": lambda v: fixed(v, 1),
    "plekken": plekken,
    "fte": lambda v: fixed(v, 1),
    "euro": euro,
    "percentage": percentage,
    "kans": kans,
    "trajecten": number,
    "dagen": number,
    "maanden": number,
    "aantal": number,
    "per_10000": lambda v: fixed(v, 2),
    "jaar": lambda v: str(int(v)),
    "datum": lambda v: datum(v.date() if hasattr(v, "date") else v),
    "tijdstip": lambda v: tijdstip(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v),
    "tekst": str,
}
_UNIT_IN_TEXT = {"euro", "percentage", "kans"}  # their text carries the unit already


def figure(value: object, kind: str, unit: str = "") -> str:
    """A value by its kind in the catalogue (catalogue.Kind), with `unit` after it
    where the text does not carry one; a suppressed value (suppression.Hidden) as its
    text."""
    if hasattr(value, "text"):
        return value.text
    if is_missing(value):
        return EMPTY
    text = _BY_KIND[kind](value)
    return f"{text} {unit}" if unit and kind not in _UNIT_IN_TEXT else text


def tijdstip(value: dt.datetime | None) -> str:
    """31-12-2024 14:05 (a missing time, None or pandas' NaT, as –)."""
    if value is None or value != value:  # NaT is the one time not equal to itself
        return EMPTY
    return value.strftime("%d-%m-%Y %H:%M")


def jaren(first: int | None, last: int | None) -> str:
    """The years a table covers: 2017–2026, or 2024 when it is one year (– when empty)."""
    try:
        first, last = int(first), int(last)
    except (TypeError, ValueError):  # None, NaN or pandas' NA: an empty table
        return EMPTY
    return str(first) if first == last else f"{first}–{last}"


def parse_number(text: str) -> float | None:
    """A number as a Dutch user types it: "1,40", "4.000,00", "4.000" (four thousand),
    "€ 250" or "12%". Empty text is None. A dot that is not a thousands separator
    ("1.40") is refused rather than guessed, with the Dutch reading suggested."""
    cleaned = text.replace("€", "").replace("%", "").replace("\u00a0", " ").strip()
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        return None
    try:
        if not re.fullmatch(r"-?[0-9][0-9.,]*", cleaned):  # no NaN, inf, 1e5, Arabic digits
            raise NumberFormatError(cleaned)
        return float(parse_decimal(cleaned, locale=LOCALE, strict=True))
    except NumberFormatError as error:
        if re.fullmatch(r"-?[0-9]+\.[0-9]+", cleaned):  # "1.40": a decimal point
            raise ValueError(
                f"'{text.strip()}' is geen getal in Nederlandse schrijfwijze: schrijf "
                f"decimalen met een komma, bijvoorbeeld {cleaned.replace('.', ',')}"
            ) from error
        raise ValueError(
            f"'{text.strip()}' is geen getal; schrijf bijvoorbeeld 1,40 of 4.000"
        ) from error
