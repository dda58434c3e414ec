"""Small numbers never leave the app: the one suppression rule for every export.

- A count of persons under the threshold (a setting: BESCHUT_MIN_AANTAL, default 5;
  the command line's --min-aantal) shows as "< 5". Zero is shown: it tells nothing
  about a person, and hiding every empty year or month would hide the history.
- A figure from which a suppressed count can be recomputed shows as "afgeschermd":
  a percentage of the taakstelling, the gap to it, a cost per plek, fte, and the
  total over a breakdown that has a suppressed part.
- Charts that leave the app (PNG, PDF) do not draw suppressed counts at all: a point's
  height would give the number away, so `mask` blanks them (and `clip` lays the edges
  of a forecast band on the threshold), and the chart shows a grey band up to it.

Exports (exports.py), the briefing's sentences and its charts all go through here; the
screens themselves show exact figures to the users of the app.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from dashboard.metrics.formatting import is_missing

if TYPE_CHECKING:
    import pandas as pd

SETTING = "BESCHUT_MIN_AANTAL"
DEFAULT_MIN_AANTAL = 5


class SettingError(ValueError):
    """The threshold setting is not a whole number of 1 or more (Dutch message)."""


class Column(Protocol):
    """What suppression needs to know of a table column (a figure of the catalogue)."""

    key: str
    persons: bool
    reveals: str | None


@dataclass(frozen=True)
class Hidden:
    """A suppressed cell; its text takes the place of the number."""

    text: str

    def __str__(self) -> str:
        return self.text


AFGESCHERMD = Hidden("afgeschermd")


def min_aantal(value: int | None = None) -> int:
    """The threshold: `value` when given, else the setting BESCHUT_MIN_AANTAL, else 5."""
    if value is None:
        raw = os.environ.get(SETTING, "").strip()
        if not raw:
            return DEFAULT_MIN_AANTAL
        try:
            value = int(raw)
        except ValueError:
            raise SettingError(f"{SETTING}={raw!r} is geen geheel getal") from None
    if value < 1:
        raise SettingError(f"de drempel voor kleine aantallen moet 1 of meer zijn, niet {value}")
    return value


def below(threshold: int) -> Hidden:
    return Hidden(f"< {threshold}")


def is_small(value: object, threshold: int) -> bool:
    """A count above zero and under the threshold."""
    if is_missing(value) or isinstance(value, Hidden):
        return False
    return 0 < float(value) < threshold


def count(value: object, threshold: int) -> object:
    """The count itself, or "< 5" when it is small."""
    return below(threshold) if is_small(value, threshold) else value


def derived(value: object, *sources: object) -> object:
    """A figure computed from counts: hidden when any of them is hidden."""
    return AFGESCHERMD if any(isinstance(s, Hidden) for s in sources) else value


def table(
    frame: pd.DataFrame, columns: Sequence[Column], threshold: int, total_row: bool = False
) -> pd.DataFrame:
    """A copy of `frame` with the rule applied per cell (object columns where needed).

    With `total_row`, the last row is the total of the rows above: where any part of
    a persons column is hidden, its total is hidden too, or the part could be
    recomputed from it.
    """
    out = frame.copy()
    for column in columns:
        if not column.persons:
            continue
        values = out[column.key].astype(object)
        small = values.map(lambda v: is_small(v, threshold)).astype(bool)
        values[small] = below(threshold)
        if total_row and len(values) > 1 and small.iloc[:-1].any() and not small.iloc[-1]:
            values.iloc[-1] = AFGESCHERMD
        out[column.key] = values
    for column in columns:
        if column.reveals is None:
            continue
        if column.reveals not in out.columns:
            raise ValueError(
                f"{column.key} would give {column.reveals} away, which the table lacks"
            )
        values = out[column.key].astype(object)
        hidden = out[column.reveals].map(lambda v: isinstance(v, Hidden)).astype(bool)
        values[hidden] = AFGESCHERMD
        out[column.key] = values
    return out


def mask(frame: pd.DataFrame, keys: Iterable[str], threshold: int) -> tuple[pd.DataFrame, bool]:
    """For a chart: small counts in `keys` become NaN (not drawn); and whether any did."""
    out = frame.copy()
    any_hidden = False
    for key in keys:
        small = out[key].map(lambda v: is_small(v, threshold)).astype(bool)
        any_hidden = any_hidden or bool(small.any())
        out[key] = out[key].astype(float).mask(small)
    return out, any_hidden


def clip(frame: pd.DataFrame, keys: Iterable[str], threshold: int) -> pd.DataFrame:
    """For the edges of a band: small values drawn at the threshold, where the chart's
    band of hidden counts begins, so the edge disappears into it."""
    out = frame.copy()
    for key in keys:
        small = out[key].map(lambda v: is_small(v, threshold)).astype(bool)
        out[key] = out[key].astype(float).mask(small, float(threshold))
    return out


def note(threshold: int) -> str:
    """The sentence that explains the rule under every export that uses it."""
    return (
        f"Aantallen van 1 tot {threshold} personen worden niet getoond (‘< {threshold}’); "
        "cijfers waaruit zo’n aantal is terug te rekenen ook niet (‘afgeschermd’)."
    )
