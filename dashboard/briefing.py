"""Plain Dutch sentences that state the position, for the Overzicht and the briefing."""

from __future__ import annotations

import datetime as dt

from . import formatting as fmt
from . import suppression


def positie(
    peildatum: dt.date,
    realisatie: int,
    taakstelling: float | None,
    begroting: float,
    uitgaven: float,
    gebied: str,
    min_aantal: int | None = None,
) -> str:
    """E.g. "Op 30 september 2025 werken 62 inwoners van Maastricht in een beschutte
    dienstbetrekking; de taakstelling voor ultimo 2025 is 58,5 plekken …".

    With `min_aantal` (for text that leaves the app) a realisatie under it reads
    "minder dan 5", and the percentage and the gap, which would give it away, go.
    """
    hidden = min_aantal is not None and suppression.is_small(realisatie, min_aantal)
    verb, noun = ("werkt", "inwoner") if realisatie == 1 and not hidden else ("werken", "inwoners")
    aantal = f"minder dan {min_aantal}" if hidden else fmt.number(realisatie)
    text = (
        f"Op {fmt.datum_lang(peildatum)} {verb} {aantal} {noun} "
        f"van {gebied} in een beschutte dienstbetrekking"
    )
    if taakstelling and hidden:
        text += (
            f"; de taakstelling voor ultimo {peildatum.year} is "
            f"{fmt.number(taakstelling, 2)} plekken."
        )
    elif taakstelling:
        gap = taakstelling - realisatie
        text += (
            f"; de taakstelling voor ultimo {peildatum.year} is "
            f"{fmt.number(taakstelling, 2)} plekken "
            f"({fmt.percentage(100 * realisatie / taakstelling)} gerealiseerd"
        )
        text += (
            f", nog {fmt.number(gap, 2)} plekken te gaan)."
            if gap > 0
            else f", {fmt.number(-gap, 2)} plekken boven de taakstelling)."
        )
    else:
        text += f"; voor {peildatum.year} is geen taakstelling geladen."
    if begroting > 0:
        text += (
            f" Van de begroting van {fmt.euro(begroting, cents=False)} is "
            f"{fmt.euro(uitgaven, cents=False)} uitgegeven "
            f"({fmt.percentage(100 * uitgaven / begroting)})."
        )
    return text


def prognose_zin(
    jaar: int, verwacht: object, p10: object, p90: object, kans: float | None, taakstelling
) -> str:
    """The expected realisatie at year-end with its 80% band and the chance of the
    taakstelling. Counts may come suppressed (suppression.Hidden: "< 5")."""
    text = (
        f"Verwacht op 31 december {jaar}: {_persons(verwacht)} inwoners in een beschutte "
        f"dienstbetrekking (80%-band: {_persons(p10)} tot {_persons(p90)})."
    )
    if kans is None or taakstelling is None:
        return text + f" Voor {jaar} is geen taakstelling geladen, dus ook geen kans erop."
    return text + (
        f" De kans dat de taakstelling van {fmt.number(taakstelling, 2)} plekken wordt "
        f"gehaald, is {_kans(kans)}."
    )


def _persons(value: object) -> str:
    return str(value) if isinstance(value, suppression.Hidden) else fmt.number(value)


def _kans(kans: float) -> str:
    """A simulated chance in words: 1000 paths cannot tell 100% from 99,9%."""
    if kans > 0.99:
        return "vrijwel zeker (meer dan 99%)"
    if kans < 0.01:
        return "vrijwel nihil (minder dan 1%)"
    return fmt.percentage(100 * kans, 0)
