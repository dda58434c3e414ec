"""The status of a year's taakstelling on the peildatum: op koers, risico or achter.

The rule: between the realisatie on 31 December of the previous year and the
taakstelling at the end of this one, draw a straight line through the year. On the
peildatum the realisatie should be on or above that line (op koers); up to 10%
below it is risico; further below is achter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formatting as fmt

RISK_MARGIN = 0.10


@dataclass(frozen=True)
class Status:
    label: str  # "op koers", "risico", "achter", "geen taakstelling"
    verwacht: float | None  # the realisatie the straight line asks for on the peildatum
    uitleg: str


RULE = (
    "Regel: trek een rechte lijn van de realisatie op 31 december vorig jaar naar de "
    "taakstelling op 31 december dit jaar. Op of boven die lijn op de peildatum = op koers; "
    f"tot {RISK_MARGIN:.0%} eronder = risico; verder eronder = achter."
)


def status(
    realisatie: int, taakstelling: float | None, realisatie_begin: int, peildatum: dt.date
) -> Status:
    """The status of one year on the peildatum (see the module docstring)."""
    if taakstelling is None or taakstelling <= 0:
        return Status("geen taakstelling", None, "Voor dit jaar is geen taakstelling geladen.")
    start = dt.date(peildatum.year - 1, 12, 31)
    year_days = (dt.date(peildatum.year, 12, 31) - start).days
    share = (peildatum - start).days / year_days
    expected = realisatie_begin + (taakstelling - realisatie_begin) * share
    if realisatie >= expected or realisatie >= taakstelling:
        label = "op koers"
    elif realisatie >= (1 - RISK_MARGIN) * expected:
        label = "risico"
    else:
        label = "achter"
    explanation = (
        f"Verwacht op {fmt.datum(peildatum)}: {fmt.number(expected, 1)} "
        f"(van {fmt.number(realisatie_begin)} op {fmt.datum(start)} naar "
        f"{fmt.number(taakstelling, 2)} op 31-12-{peildatum.year}); gerealiseerd: "
        f"{fmt.number(realisatie)}. {RULE}"
    )
    return Status(label, expected, explanation)
