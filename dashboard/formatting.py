"""Dutch (nl-NL) formatting of euros, counts, percentages and dates, in one place.

Built on Babel's CLDR data, so separators and month names follow the locale.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
EMPTY = "–"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def euro(value: float | None, cents: bool = True) -> str:
    """€ 1.234.567,89 (or € 1.234.568 without cents)."""
    if _missing(value):
        return EMPTY
    pattern = "¤ #,##0.00;¤ -#,##0.00" if cents else "¤ #,##0;¤ -#,##0"
    return format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def number(value: float | None, decimals: int = 0) -> str:
    """1.234 or 58,5: at most `decimals` decimals, trailing zeros dropped."""
    if _missing(value):
        return EMPTY
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fixed(value: float | None, decimals: int = 1) -> str:
    """Exactly `decimals` decimals: 12,0."""
    if _missing(value):
        return EMPTY
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percentage(value: float | None, decimals: int = 1) -> str:
    """A value already in percent (95.5) as 95,5%."""
    if _missing(value):
        return EMPTY
    return f"{fixed(value, decimals)}%"


def datum(value: dt.date | None) -> str:
    """31-12-2024."""
    return EMPTY if value is None else value.strftime("%d-%m-%Y")


def datum_lang(value: dt.date) -> str:
    """30 september 2025."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def figure(value: float | None, kind: str) -> str:
    """A headline figure by its kind in figures.FIGURE_LABELS."""
    formatters = {
        "decimal": lambda v: number(v, 2),
        "count": number,
        "percent": percentage,
        "euro": euro,
    }
    return formatters[kind](value)
