"""One prognose per selection and peildatum, for the Prognose page, the briefing's PDF
and its Excel alike: the same fit, the same paths (the model's fixed seed) and the
same year table, so a figure reads the same on every surface (its rounding and its
chance text come from the catalogue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.forecasting import prognose as pg
from dashboard.metrics.catalogue import FIRST_YEAR

# A named query by name and parameters: the app's cached `ui.query`, or `queries.run`
# bound to a connection.
Query = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class Outcome:
    model: pg.Fit
    jaren: pd.DataFrame  # per year-end: taakstelling, bron, verwacht, p10, p90, kans(_pct), extra
    fan: pd.DataFrame  # per month-end: verwacht, p10, p50, p90
    paths: np.ndarray  # the simulated stock per path and month-end


def fitted(query: Query, gemeenten: Sequence[str], peildatum: dt.date) -> pg.Fit:
    """The model fitted at the peildatum on the loaded history of the gemeenten."""
    params = {"gemeenten": list(gemeenten), "peildatum": peildatum}
    return pg.fit(
        query("prognose_invoer", maanden=12, **params),
        query("prognose_pijplijn", **params),
        peildatum,
    )


def equal_shares(model: pg.Fit) -> tuple[float, ...]:
    """Extra instroom spread evenly over the gemeenten (the page's and the briefing's)."""
    return tuple(np.full(len(model.gemeenten), 1 / max(len(model.gemeenten), 1)))


def outcome(
    model: pg.Fit,
    scenario: pg.Scenario,
    quota: Sequence[pg.Taakstelling],
    shares: Sequence[float] | None = None,
    paths: np.ndarray | None = None,
) -> Outcome:
    """The year table (with the chance in percent and the extra instroom needed for an
    80% chance), the monthly fan and the paths of one scenario."""
    shares = np.array(equal_shares(model) if shares is None else shares)
    if paths is None:
        paths = pg.simulate(model, scenario, extra_shares=shares)[0]
    years = pg.per_year(paths, model, list(quota))
    needed = pg.extra_instroom_nodig(model, scenario, list(quota), shares, base_paths=paths)
    years = years.merge(needed, on="jaar", how="left")
    years["kans_pct"] = years["kans"] * 100
    return Outcome(model, years, pg.fan(paths, model), paths)


def reservering(
    query: Query,
    gemeenten: Sequence[str],
    peildatum: dt.date,
    versie: str | None = None,
    scenario: pg.Scenario | None = None,
) -> pd.DataFrame:
    """The multi-year reservation (meerjarige_reservering.sql) with, for the years after
    the peildatum's, the expected cost of meeting the taakstelling: the taakstelling ×
    twelve months of the model's cost per plek (kosten_model), and × the loaded average
    kosten_per_maand where there is one (kosten_geladen, indexed with the minimum
    wage); the expected saldo is the reservation minus the loaded-cost figure where
    known, else the model's. The Begroting page and the briefing show this one frame."""
    scenario = scenario or pg.Scenario()
    frame = query(
        "meerjarige_reservering",
        gemeenten=list(gemeenten),
        van_jaar=FIRST_YEAR,
        peildatum=peildatum,
        versie=versie,
    )
    model = fitted(query, gemeenten, peildatum)
    uren = scenario.uren_per_week or model.uren_per_week
    base_wage = pg.uurloon(peildatum)
    model_cost, loaded_cost = [], []
    for row in frame.itertuples():
        future = row.periode == "toekomst" and not pd.isna(row.taakstelling)
        day = dt.date(int(row.jaar), 7, 1)
        per_plek = 12 * pg.kosten_per_plek_per_maand(day, uren, scenario)
        model_cost.append(row.taakstelling * per_plek if future else None)
        known = future and model.kosten_per_maand is not None
        loaded = 12 * model.kosten_per_maand * pg.uurloon(day) / base_wage if known else None
        loaded_cost.append(row.taakstelling * loaded if known else None)
    frame = frame.assign(kosten_model=model_cost, kosten_geladen=loaded_cost)
    expected = frame["kosten_geladen"].fillna(frame["kosten_model"]).fillna(frame["uitgaven"])
    return frame.assign(verwacht_saldo_reservering=frame["begroting"] - expected)


def nodig(extra_per_maand: pd.Series | float) -> tuple[pd.Series | float, pd.Series | float]:
    """The extra instroom needed for an 80% chance as whole persons, rounded up (three
    quarters of a person is one more placement): (per year, per month). The one rule
    behind "Wat is nodig" on the Prognose page and the briefing's "what it takes"."""
    extra = np.asarray(extra_per_maand, dtype=float)
    per_jaar, per_maand = np.ceil(np.round(12 * extra, 6)), np.ceil(np.round(extra, 6))
    if np.ndim(extra) == 0:
        return float(per_jaar), float(per_maand)
    return pd.Series(per_jaar, index=getattr(extra_per_maand, "index", None)), pd.Series(
        per_maand, index=getattr(extra_per_maand, "index", None)
    )
