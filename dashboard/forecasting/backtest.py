"""Backtest of the prognose: fit on data up to a past peildatum, forecast the later
month-ends, and compare with what the data shows happened, and with three baselines a
controller could make in a spreadsheet on the same origins and targets:

- naief ("naive"): the stand on the origin stays;
- trend: the stand on the origin plus the slope of the least-squares line through
  the last 13 month-ends (the origin and the 12 before it) per month ahead;
- tempo ("pace to the taakstelling"): a straight line from the stand on the origin
  to the taakstelling of the next year-end, then from year-end to year-end through
  each year's taakstelling (unloaded years: the last growth step extended).

Used by notebooks/backtest_prognose.ipynb and bench/backtest.py; plain Python on the
named queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from dashboard.forecasting import prognose as pg
from dashboard.store.queries import run

MAX_VOORUIT = 24  # months ahead
HORIZONS = {"1-6": (1, 6), "7-12": (7, 12), "13-24": (13, 24)}
METHODS = {"model": "prognose", "naief": "naïef", "trend": "trend 12 mnd", "tempo": "tempo"}
TREND_MAANDEN = 12


# --- baselines ----------------------------------------------------------------------


def naief(stand: float, months_ahead: np.ndarray) -> np.ndarray:
    """The stand on the origin, for every month ahead."""
    return np.full(len(months_ahead), float(stand))


def trend(history: np.ndarray, months_ahead: np.ndarray) -> np.ndarray:
    """The last stand plus the least-squares slope of `history` (the month-end stands
    up to the origin, oldest first; the last TREND_MAANDEN + 1 are used) per month
    ahead; never below 0."""
    recent = np.asarray(history, dtype=float)[-(TREND_MAANDEN + 1) :]
    slope = np.polyfit(np.arange(len(recent)), recent, 1)[0] if len(recent) > 1 else 0.0
    return np.maximum(recent[-1] + slope * np.asarray(months_ahead, dtype=float), 0.0)


def tempo(
    stand: float, origin: dt.date, targets: list[dt.date], quota: dict[int, float]
) -> np.ndarray:
    """A straight line from the stand on `origin` to the next year-end's taakstelling,
    then year-end to year-end through the taakstelling; NaN without a taakstelling."""
    if not quota:
        return np.full(len(targets), np.nan)
    first = origin.year + 1 if origin == dt.date(origin.year, 12, 31) else origin.year
    years = list(range(first, max(t.year for t in targets) + 1))
    path = {q.jaar: q.waarde for q in pg.taakstelling_pad(quota, years)}
    points = [(origin, float(stand))] + [(dt.date(y, 12, 31), path[y]) for y in years]
    if any(value is None for _, value in points):
        return np.full(len(targets), np.nan)
    x = np.array([(day - origin).days for day, _ in points], dtype=float)
    y = np.array([value for _, value in points], dtype=float)
    return np.interp([(t - origin).days for t in targets], x, y)


# --- forecasts ----------------------------------------------------------------------


def month_ends_after(origin: dt.date, last_day: dt.date, ahead: int = MAX_VOORUIT) -> list:
    """The month-ends 1..`ahead` months after `origin` (a month-end), up to `last_day`."""
    ends = pg.month_ends(origin, origin.year + ahead // 12 + 1)[1 : ahead + 1]
    return [day for day in ends if day <= last_day]


def model_forecast(model: pg.Fit, origin: dt.date, targets: list[dt.date]) -> pd.DataFrame:
    """Mean and 80% band of the base scenario (fixed seed) on each target month-end."""
    last_year = max(t.year for t in targets)
    paths = pg.simulate(model, pg.Scenario(), last_year=last_year)[0]
    ends = pg.month_ends(origin, last_year)
    stock = paths[:, [ends.index(t) for t in targets]]
    low, high = pg.band(stock)
    return pd.DataFrame(
        {
            "verwacht": stock.mean(axis=0),
            "p10": low,
            "p90": high,
            "paden": list(stock.T),
        },
        index=targets,
    )


def forecast_at(
    con: duckdb.DuckDBPyConnection, gemeenten: list[str], origin: dt.date, targets: list[dt.date]
) -> pd.DataFrame:
    """The base-scenario forecast made on `origin` for the gemeenten together."""
    params = {"gemeenten": gemeenten, "peildatum": origin}
    model = pg.fit(
        run(con, "prognose_invoer", maanden=12, **params),
        run(con, "prognose_pijplijn", **params),
        origin,
    )
    return model_forecast(model, origin, targets)


def _rows(
    name: str,
    origin: dt.date,
    stands: pd.Series,
    quota: dict[int, float],
    forecast: pd.DataFrame,
) -> list[dict]:
    """One row per target: the model, the three baselines and what happened.
    `stands`: the month-end stands by date, up to the last target."""
    targets = list(forecast.index)
    ahead = np.array([round(pg.months_between(origin, t)) for t in targets])
    history = stands[stands.index <= origin].to_numpy(dtype=float)
    stand = history[-1]
    baselines = {
        "naief": naief(stand, ahead),
        "trend": trend(history, ahead),
        "tempo": tempo(stand, origin, targets, quota),
    }
    rows = []
    # The randomised PIT of a whole number (Czado, Gneiting and Held 2009): where the
    # actual falls in the forecast's paths, a tie spread evenly; seeded per forecast.
    seed = [int(name[2:]) if name[2:].isdigit() else len(name), origin.toordinal()]
    spread = np.random.default_rng(seed).random(len(targets))
    for i, target in enumerate(targets):
        row = forecast.loc[target]
        actual = float(stands.loc[target])
        below, at_most = np.mean(row["paden"] < actual), np.mean(row["paden"] <= actual)
        rows.append(
            {
                "gemeente": name,
                "peildatum": origin,
                "doel": target,
                "maanden_vooruit": int(ahead[i]),
                "werkelijk": actual,
                "pit": float(below + spread[i] * (at_most - below)),
                "crps": crps(row["paden"], actual),
                "verwacht": float(row["verwacht"]),
                "p10": float(row["p10"]),
                "p90": float(row["p90"]),
                **{key: float(values[i]) for key, values in baselines.items()},
            }
        )
    return rows


def backtest(
    con: duckdb.DuckDBPyConnection,
    origins: Iterable[dt.date],
    last_day: dt.date,
    groups: dict[str, list[str]],
) -> pd.DataFrame:
    """One row per group (its gemeenten forecast together), origin (a month-end) and
    month-end 1..24 months later up to `last_day`: model, band, baselines, actual."""
    origins = list(origins)
    first = min(origins) - dt.timedelta(days=31 * (TREND_MAANDEN + 1))
    rows = []
    for name, codes in groups.items():
        series = run(con, "realisatie_per_maand", gemeenten=codes, van=first, tot=last_day)
        series = series[pd.to_datetime(series["dag"]).dt.is_month_end]
        stands = pd.Series(
            series["realisatie"].to_numpy(), index=pd.to_datetime(series["dag"]).dt.date
        )
        loaded = run(con, "taakstelling_per_jaar", gemeenten=codes)
        quota = dict(zip(loaded["jaar"].astype(int), loaded["taakstelling"], strict=True))
        for origin in origins:
            targets = month_ends_after(origin, last_day)
            if targets:
                forecast = forecast_at(con, codes, origin, targets)
                rows += _rows(name, origin, stands, quota, forecast)
    return _finish(pd.DataFrame(rows))


def national_backtest(
    con: duckdb.DuckDBPyConnection,
    origins: Iterable[dt.date],
    last_day: dt.date,
    gemeenten: list[str] | None = None,
) -> pd.DataFrame:
    """As backtest, with every gemeente (or the chosen ones) a group of its own: the
    model's rows are read once per origin for all of them and fitted per gemeente."""
    origins = list(origins)
    codes = gemeenten or []
    first = min(origins) - dt.timedelta(days=31 * (TREND_MAANDEN + 1))
    stands = run(con, "realisatie_per_gemeente_per_maand", gemeenten=codes, van=first, tot=last_day)
    stands["dag"] = pd.to_datetime(stands["dag"]).dt.date
    per_gemeente = {g: s.set_index("dag")["realisatie"] for g, s in stands.groupby("gemeente")}
    rows = []
    for origin in origins:
        targets = month_ends_after(origin, last_day)
        if not targets:
            continue
        params = {"gemeenten": codes, "peildatum": origin}
        invoer = run(con, "prognose_invoer", maanden=12, **params)
        pijplijn = run(con, "prognose_pijplijn", **params)
        for i, gemeente in enumerate(invoer["gemeente"]):
            one = invoer.iloc[[i]]
            model = pg.fit(one, pijplijn[pijplijn["gemeente"] == gemeente], origin)
            row = one.iloc[0]
            quota = dict(zip(row["taakstelling_jaar"], row["taakstelling_waarde"], strict=True))
            forecast = model_forecast(model, origin, targets)
            kind = model.sturing[0] if model.sturing else "tempo"
            for row in _rows(gemeente, origin, per_gemeente[gemeente], quota, forecast):
                rows.append({**row, "sturing": kind})
    return _finish(pd.DataFrame(rows))


def _finish(results: pd.DataFrame) -> pd.DataFrame:
    results["fout"] = results["verwacht"] - results["werkelijk"]
    results["binnen_band"] = (results["p10"] <= results["werkelijk"]) & (
        results["werkelijk"] <= results["p90"]
    )
    return results


# --- scores -------------------------------------------------------------------------


def pinball(actual: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The mean pinball loss of the P10 and P90 (a point forecast: low = high, which
    gives half its absolute error): a proper score for the 80% band, lower is better."""

    def loss(q: float, forecast: np.ndarray) -> np.ndarray:
        diff = actual - forecast
        return np.maximum(q * diff, (q - 1) * diff)

    return (loss(0.1, low) + loss(0.9, high)) / 2


def crps(paths: np.ndarray, actual: float) -> float:
    """The continuous ranked probability score of the paths for the actual (Gneiting and
    Raftery 2007: E|X - y| - E|X - X'| / 2, lower is better; a point forecast scores its
    absolute error): a proper score of the whole forecast, not only of its band."""
    ordered = np.sort(np.asarray(paths, dtype=float))
    n = len(ordered)
    spread = 2 * np.dot(2 * np.arange(1, n + 1) - n - 1, ordered) / n**2
    return float(np.abs(ordered - actual).mean() - spread / 2)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per horizon (1-6, 7-12, 13-24 months ahead) and method: forecasts, mean absolute
    error and mean error (plekken), MASE (the MAE over naïef's MAE on the same
    forecasts), the share inside the 80% band (the model only; and the share of
    randomised PITs between 0,1 and 0,9: the band's calibration without the ties of
    whole numbers), the pinball loss and the CRPS (see crps)."""
    rows = []
    for label, (low, high) in HORIZONS.items():
        part = results[results["maanden_vooruit"].between(low, high)]
        if part.empty:
            continue
        actual = part["werkelijk"].to_numpy()
        naive_mae = np.abs(part["naief"] - actual).mean()
        for key, name in METHODS.items():
            point = part["verwacht" if key == "model" else key].to_numpy()
            known = ~np.isnan(point)
            error = point[known] - actual[known]
            band = (part["p10"].to_numpy(), part["p90"].to_numpy()) if key == "model" else None
            score = pinball(actual, *band) if band else pinball(actual, point, point)
            mae = float(np.abs(error).mean()) if known.any() else np.nan
            rows.append(
                {
                    "maanden_vooruit": label,
                    "methode": name,
                    "voorspellingen": int(known.sum()),
                    "mae": mae,
                    "gemiddelde_fout": float(error.mean()) if known.any() else np.nan,
                    "mase": mae / naive_mae if naive_mae > 0 else np.nan,
                    "binnen_80pct_band": float(part["binnen_band"].mean() * 100)
                    if band
                    else np.nan,
                    "pit_10_90": float(part["pit"].between(0.1, 0.9).mean() * 100)
                    if band and "pit" in part
                    else np.nan,
                    "pinball": float(score[known].mean()) if known.any() else np.nan,
                    "crps": _crps(part, key, error),
                }
            )
    return pd.DataFrame(rows)


def _crps(part: pd.DataFrame, key: str, error: np.ndarray) -> float:
    if key != "model":
        return float(np.abs(error).mean()) if len(error) else np.nan
    return float(part["crps"].mean()) if "crps" in part else np.nan


def targets_met(table: pd.DataFrame) -> pd.DataFrame:
    """Per horizon: the model's MAE against the best baseline's, the improvement and
    whether the issue's target holds (15% better at 7-12 and 13-24, no worse at 1-6),
    and whether the 80% band held 75-85% of the time."""
    rows = []
    for label, part in table.groupby("maanden_vooruit", sort=False):
        model = part[part["methode"] == METHODS["model"]].iloc[0]
        others = part[part["methode"] != METHODS["model"]]
        best = others.loc[others["mae"].idxmin()]
        better = 1 - model["mae"] / best["mae"]
        needed = 0.0 if label == "1-6" else 0.15
        rows.append(
            {
                "maanden_vooruit": label,
                "beste_basislijn": best["methode"],
                "mae_basislijn": best["mae"],
                "mae_model": model["mae"],
                "beter_pct": 100 * better,
                "doel_mae": bool(better >= needed - 1e-12),
                "binnen_80pct_band": model["binnen_80pct_band"],
                "doel_band": bool(75 <= model["binnen_80pct_band"] <= 85),
                "pit_10_90": model["pit_10_90"],
            }
        )
    return pd.DataFrame(rows)


def markdown(table: pd.DataFrame) -> str:
    """The summary as the README's markdown table (Dutch number format)."""

    def number(value: float, digits: int = 1, sign: bool = False) -> str:
        if pd.isna(value):
            return "–"
        text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
        return text.replace(".", ",")

    lines = [
        "| months ahead | method | forecasts | MAE | mean error | MASE | in 80% band "
        "| PIT 0,1–0,9 | pinball | CRPS |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for _, r in table.iterrows():
        band = "–" if pd.isna(r["binnen_80pct_band"]) else f"{r['binnen_80pct_band']:.0f}%"
        pit = "–" if pd.isna(r["pit_10_90"]) else f"{r['pit_10_90']:.0f}%"
        lines.append(
            f"| {r['maanden_vooruit'].replace('-', '–')} | {r['methode']} | {r['voorspellingen']} "
            f"| {number(r['mae'], 2)} | {number(r['gemiddelde_fout'], 2, sign=True)} "
            f"| {number(r['mase'], 2)} | {band} | {pit} | {number(r['pinball'], 2)} "
            f"| {number(r['crps'], 2)} |"
        )
    return "\n".join(lines)
