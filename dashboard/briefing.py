"""Plain Dutch sentences that state the position, for the Overzicht and the briefing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from . import catalogue, suppression
from . import formatting as fmt


def positie(
    peildatum: dt.date,
    figures: Mapping[str, object],
    gebied: str,
    min_aantal: int | None = None,
) -> str:
    """E.g. "Op 30 september 2025 werken 62 inwoners van Maastricht in een beschutte
    dienstbetrekking; de taakstelling voor ultimo 2025 is 58,5 plekken …".

    `figures` is the row of kerncijfers_totaal: the percentage and the gap come from
    there (over the gemeenten with a taakstelling), never recomputed here. With
    `min_aantal` (for text that leaves the app) a realisatie under it reads "minder
    dan 5", and the percentage and the gap, which would give it away, go.
    """
    realisatie = int(figures["realisatie_ultimo"])
    taakstelling = _value(figures["taakstelling"])
    hidden = min_aantal is not None and suppression.is_small(realisatie, min_aantal)
    verb, noun = ("werkt", "inwoner") if realisatie == 1 and not hidden else ("werken", "inwoners")
    aantal = f"minder dan {min_aantal}" if hidden else fmt.number(realisatie)
    text = (
        f"Op {fmt.datum_lang(peildatum)} {verb} {aantal} {noun} "
        f"van {gebied} in een beschutte dienstbetrekking"
    )
    plekken = catalogue.figure("taakstelling")
    if taakstelling is None:
        text += f"; voor {peildatum.year} is geen taakstelling geladen."
    else:
        partial = figures["gemeenten_met_taakstelling"] < figures["gemeenten"]
        text += f"; de taakstelling voor ultimo {peildatum.year} is {plekken.text(taakstelling)}"
        if partial:
            text += " (van de gemeenten die er een hebben)"
        share, gap = _value(figures["percentage_ultimo"]), _value(figures["nog_te_realiseren"])
        if hidden or share is None or gap is None:
            text += "."
        else:
            text += f" ({catalogue.figure('percentage_ultimo').text(share)} gerealiseerd"
            text += (
                f", nog {plekken.text(gap)} te gaan)."
                if gap > 0
                else f", {plekken.text(-gap)} boven de taakstelling)."
            )
    begroting, uitgaven = float(figures["begroting"]), float(figures["uitgaven"])
    if begroting > 0:
        text += (
            f" Van de begroting van {fmt.euro(begroting, cents=False)} is "
            f"{fmt.euro(uitgaven, cents=False)} uitgegeven "
            f"({catalogue.figure('percentage_besteed').text(figures['percentage_besteed'])})."
        )
    return text


def _value(value: object) -> float | None:
    return None if fmt.is_missing(value) else float(value)


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
        f" De kans dat de taakstelling van {catalogue.figure('taakstelling').text(taakstelling)} "
        f"wordt gehaald, is {catalogue.figure('kans_pct').text(100 * kans)}."
    )


def _persons(value: object) -> str:
    return catalogue.figure("verwacht").text(value, unit=False)
