"""Backtest of the prognose: fit on data up to a past peildatum, forecast later
month-ends, and compare with what the data shows happened.

Used by notebooks/backtest_prognose.ipynb; plain Python on the named queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from . import prognose as pg
from .queries import run


def forecast_at(
    con: duckdb.DuckDBPyConnection, gemeenten: list[str], origin: dt.date, targets: list[dt.date]
) -> pd.DataFrame:
    """The base-scenario forecast made on `origin` for each target month-end."""
    params = {"gemeenten": gemeenten, "peildatum": origin}
    model = pg.fit(
        run(con, "prognose_invoer", maanden=12, **params),
        run(con, "prognose_pijplijn", **params),
        origin,
    )
    last_year = max(t.year for t in targets)
    paths = pg.simulate(model, pg.Scenario(), last_year=last_year)[0]
    ends = pg.month_ends(origin, last_year)
    rows = []
    for target in targets:
        stock = paths[:, ends.index(target)]
        rows.append(
            {
                "verwacht": float(stock.mean()),
                "p10": float(np.percentile(stock, 10)),
                "p90": float(np.percentile(stock, 90)),
            }
        )
    return pd.DataFrame(rows, index=targets)


def actual_at(con: duckdb.DuckDBPyConnection, gemeenten: list[str], day: dt.date) -> int:
    """What happened: the realisatie on `day` by the contract's rule."""
    rows = run(con, "realisatie_per_maand", gemeenten=gemeenten, van=day, tot=day)
    return int(rows["realisatie"].iloc[-1])


def backtest(
    con: duckdb.DuckDBPyConnection,
    origins: Iterable[dt.date],
    last_day: dt.date,
    groups: dict[str, list[str]],
) -> pd.DataFrame:
    """One row per group, origin and later year-end (plus `last_day`) up to `last_day`:
    forecast, band, actual, error in plekken and whether the 80% band held."""
    rows = []
    for origin in origins:
        targets = [dt.date(y, 12, 31) for y in range(origin.year, last_day.year + 1)]
        targets = [t for t in targets if origin < t <= last_day]
        if last_day not in targets and last_day.month != 12:
            targets.append(last_day)
        for name, codes in groups.items():
            forecast = forecast_at(con, codes, origin, targets)
            for target, row in forecast.iterrows():
                actual = actual_at(con, codes, target)
                rows.append(
                    {
                        "gemeente": name,
                        "peildatum": origin,
                        "doel": target,
                        "maanden_vooruit": round(pg.months_between(origin, target)),
                        "verwacht": row["verwacht"],
                        "p10": row["p10"],
                        "p90": row["p90"],
                        "werkelijk": actual,
                        "fout": row["verwacht"] - actual,
                        "binnen_band": bool(row["p10"] <= actual <= row["p90"]),
                    }
                )
    return pd.DataFrame(rows)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per horizon bucket: mean absolute error, bias (plekken) and band coverage."""
    buckets = pd.cut(
        results["maanden_vooruit"],
        [0, 6, 12, 24, 120],
        labels=["1-6", "7-12", "13-24", "meer dan 24"],
    )
    grouped = results.groupby(buckets, observed=True)
    return pd.DataFrame(
        {
            "voorspellingen": grouped.size(),
            "gemiddelde_absolute_fout": grouped["fout"].apply(lambda f: f.abs().mean()),
            "gemiddelde_fout": grouped["fout"].mean(),
            "binnen_80pct_band": grouped["binnen_band"].mean() * 100,
        }
    )
