"""The status of a year's taakstelling on the peildatum (op koers, risico, achter), in
words. The rule itself is SQL (status_verwacht and status_label in
dashboard/sql/macros.sql) and arrives as figures of kerncijfers_totaal.

The rule: between the realisatie on 31 December of the previous year and the
taakstelling at the end of this one, draw a straight line through the year. On the
peildatum the realisatie should be on or above that line (op koers); up to 10% below
it is risico; further below is achter. Over several gemeenten it counts the gemeenten
with a taakstelling, as the percentage does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt

RULE = (
    "Regel: trek een rechte lijn van de realisatie op 31 december vorig jaar naar de "
    "taakstelling op 31 december dit jaar. Op of boven die lijn op de peildatum = op koers; "
    "tot 10% eronder = risico; verder eronder = achter."
)


@dataclass(frozen=True)
class Status:
    label: str  # "op koers", "risico", "achter", "geen taakstelling"
    verwacht: float | None  # the realisatie the straight line asks for on the peildatum
    gerealiseerd: int  # the realisatie the status counts (gemeenten with a taakstelling)
    uitleg: str


def from_figures(figures: Mapping[str, object], peildatum: dt.date) -> Status:
    """The status of kerncijfers_totaal's row, with its rule in words."""
    label = str(figures["status"])
    counted = figures["realisatie_ultimo_met_taakstelling"]
    gerealiseerd = 0 if fmt.is_missing(counted) else int(counted)
    if label == "geen taakstelling":
        return Status(label, None, gerealiseerd, "Voor dit jaar is geen taakstelling geladen.")
    verwacht = float(figures["status_verwacht"])
    begin = figures["realisatie_begin"]
    start = dt.date(peildatum.year - 1, 12, 31)
    explanation = (
        f"Verwacht op {fmt.datum(peildatum)}: "
        f"{catalogue.figure('status_verwacht').text(verwacht, unit=False)} "
        f"(van {fmt.number(0 if fmt.is_missing(begin) else begin)} op {fmt.datum(start)} naar "
        f"{catalogue.figure('taakstelling').text(figures['taakstelling'], unit=False)} op "
        f"31-12-{peildatum.year}); gerealiseerd: {fmt.number(gerealiseerd)}. {RULE}"
    )
    return Status(label, verwacht, gerealiseerd, explanation)
