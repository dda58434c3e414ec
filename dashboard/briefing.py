"""Plain Dutch sentences that state the position, for the Overzicht and the briefing."""

from __future__ import annotations

import datetime as dt

from . import formatting as fmt


def positie(
    peildatum: dt.date,
    realisatie: int,
    taakstelling: float | None,
    begroting: float,
    uitgaven: float,
    gebied: str,
) -> str:
    """E.g. "Op 30 september 2025 werken 62 inwoners van Maastricht in een beschutte
    dienstbetrekking; de taakstelling voor ultimo 2025 is 58,5 plekken …"."""
    verb, noun = ("werkt", "inwoner") if realisatie == 1 else ("werken", "inwoners")
    text = (
        f"Op {fmt.datum_lang(peildatum)} {verb} {fmt.number(realisatie)} {noun} "
        f"van {gebied} in een beschutte dienstbetrekking"
    )
    if taakstelling:
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
