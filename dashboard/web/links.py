"""What a link carries: the sidebar's selection as query parameters, and reading one back.

`?gemeente=GM0935&gemeente=GM0938&jaar=2025&peildatum=2025-09-30` opens those gemeenten,
that year and that peildatum. A link that asks for what cannot be shown (an unknown
gemeente, a year without data, a malformed date, a peildatum outside the year) opens the
nearest valid selection, with a Dutch note per correction. Plain Python: no Streamlit.
Notes never repeat link text that is not a code, a year or a date (data is never markup).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.metrics import formatting as fmt

GEMEENTE = "gemeente"
JAAR = "jaar"
PEILDATUM = "peildatum"

_CODE = re.compile(r"[A-Za-z0-9]{1,8}")
_YEAR = re.compile(r"[0-9]{4}")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DUTCH = re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})")

Params = Mapping[str, Sequence[str]]  # every value of every key, as the URL has them


@dataclass(frozen=True)
class Gelezen:
    """The selection a link asks for, made valid; `peildatum` None: the year's default."""

    gemeenten: tuple[str, ...]
    jaar: int
    peildatum: dt.date | None
    notes: tuple[str, ...]


def selection_params(
    gemeenten: Sequence[str], jaar: int, peildatum: dt.date
) -> dict[str, list[str]]:
    """The query parameters of a selection; no gemeente parameter means all gemeenten."""
    params: dict[str, list[str]] = {GEMEENTE: list(gemeenten)} if gemeenten else {}
    params[JAAR] = [str(jaar)]
    params[PEILDATUM] = [peildatum.isoformat()]
    return params


def read(params: Params, codes: Sequence[str], jaren: Sequence[int], default_jaar: int) -> Gelezen:
    """The selection in `params`, checked against the gemeenten and years with data."""
    notes: list[str] = []
    gemeenten = _gemeenten(params.get(GEMEENTE, []), codes, notes)
    peildatum = _date(_last(params, PEILDATUM), notes)
    jaar = _jaar(_last(params, JAAR), jaren, default_jaar, peildatum, notes)
    if peildatum is not None and peildatum.year != jaar:
        nearest = dt.date(jaar, 1, 1) if peildatum.year < jaar else dt.date(jaar, 12, 31)
        notes.append(
            f"De peildatum {fmt.datum(peildatum)} uit de link valt buiten {jaar}; "
            f"getoond: {fmt.datum(nearest)}."
        )
        peildatum = nearest
    return Gelezen(gemeenten, jaar, peildatum, tuple(notes))


def _last(params: Params, key: str) -> str | None:
    values = params.get(key) or []
    return values[-1].strip() if values else None


def _gemeenten(values: Sequence[str], codes: Sequence[str], notes: list[str]) -> tuple[str, ...]:
    known = {code.upper(): code for code in codes}
    chosen: list[str] = []
    unknown: list[str] = []
    for value in (part.strip() for v in values for part in v.split(",")):
        if not value:
            continue
        code = known.get(value.upper())
        if code is None:
            unknown.append(value if _CODE.fullmatch(value) else "(onleesbaar)")
        elif code not in chosen:
            chosen.append(code)
    if unknown:
        shown = ", ".join(unknown)
        rest = "de gekozen gemeenten" if chosen else "alle gemeenten samen"
        notes.append(
            f"Onbekende gemeente in de link: {shown}; die staat niet in de gegevens. "
            f"Getoond: {rest}."
        )
    return tuple(chosen)


def _date(value: str | None, notes: list[str]) -> dt.date | None:
    if not value:
        return None
    if match := _ISO.fullmatch(value):
        year, month, day = match.groups()
    elif match := _DUTCH.fullmatch(value):
        day, month, year = match.groups()
    else:
        year = None
    try:
        if year is None:
            raise ValueError
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        shown = f" {value}" if re.fullmatch(r"[0-9-]{1,12}", value) else ""
        notes.append(
            f"De peildatum{shown} in de link is geen geldige datum (schrijf 2025-12-31 of "
            "31-12-2025); getoond: de standaard peildatum van het jaar."
        )
        return None


def _jaar(
    value: str | None,
    jaren: Sequence[int],
    default_jaar: int,
    peildatum: dt.date | None,
    notes: list[str],
) -> int:
    if value is None:
        # a link with only a peildatum means that date's year
        return peildatum.year if peildatum is not None and peildatum.year in jaren else default_jaar
    if not _YEAR.fullmatch(value):
        notes.append(f"Het jaar in de link is geen jaartal; getoond: {default_jaar}.")
        return default_jaar
    asked = int(value)
    if asked in jaren:
        return asked
    nearest = min(jaren, key=lambda j: (abs(j - asked), j))
    notes.append(
        f"Over {asked} zijn geen gegevens (wel over {jaren[0]} tot en met {jaren[-1]}); "
        f"getoond: {nearest}."
    )
    return nearest
