"""The backtest: its baselines on hand-made series, the steering fit on a synthetic
history with a known slowdown, and the national result in bench/ and the README
checked against a rerun of a few gemeenten on freshly generated data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from beschut_dev.generate import generate
from dashboard.forecasting import backtest as bt
from dashboard.forecasting import prognose as pg
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store.db import connect

ORIGIN = dt.date(2025, 3, 31)


def test_naive_stays_flat():
    assert bt.naief(17, np.arange(1, 25)).tolist() == [17.0] * 24


def test_trend_continues_a_straight_line():
    history = 40 + 1.5 * np.arange(13)  # 13 month-ends, 1,5 a month
    assert bt.trend(history, np.array([1, 6, 24])) == pytest.approx([59.5, 67.0, 94.0])
    noisy = np.array([10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17, 16, 99][-13:])
    slope = np.polyfit(np.arange(13), noisy, 1)[0]
    assert bt.trend(noisy, np.array([10]))[0] == pytest.approx(noisy[-1] + 10 * slope)
    assert bt.trend(np.arange(13)[::-1], np.array([100]))[0] == 0.0  # never below 0


def test_pace_reaches_the_taakstelling_at_year_end_and_then_follows_it():
    quota = {2025: 50.0, 2026: 62.0}
    targets = [dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 12, 31),
               dt.date(2027, 12, 31)]  # fmt: skip
    line = bt.tempo(41.0, ORIGIN, targets, quota)
    days = (targets[0] - ORIGIN).days / (dt.date(2025, 12, 31) - ORIGIN).days
    assert line[0] == pytest.approx(41 + 9 * days)
    assert line[1:].tolist() == pytest.approx([50.0, 62.0, 74.0])  # 2027: the step extended
    halfway = bt.tempo(41.0, ORIGIN, [dt.date(2026, 7, 1)], quota)[0]
    assert 50 < halfway < 62
    # On 31 December the next year-end is a year later.
    assert bt.tempo(48.0, dt.date(2025, 12, 31), [dt.date(2026, 12, 31)], quota)[0] == 62.0
    assert math.isnan(bt.tempo(41.0, ORIGIN, targets, {})[0])


def test_scores_per_horizon_name_the_best_baseline():
    rows = pd.DataFrame(
        {
            "maanden_vooruit": [3, 3, 9, 9],
            "werkelijk": [10.0, 20.0, 10.0, 20.0],
            "verwacht": [11.0, 19.0, 10.0, 22.0],
            "p10": [9.0, 18.0, 9.0, 21.0],
            "p90": [12.0, 21.0, 12.0, 23.0],
            "naief": [8.0, 18.0, 6.0, 16.0],
            "trend": [10.0, 21.0, 13.0, 23.0],
            "tempo": [14.0, 24.0, np.nan, np.nan],
        }
    )
    rows["binnen_band"] = (rows["p10"] <= rows["werkelijk"]) & (rows["werkelijk"] <= rows["p90"])
    rows["pit"] = [0.5, 0.95, 0.05, 0.2]
    table = bt.summary(rows).set_index(["maanden_vooruit", "methode"])
    assert table.loc[("1-6", "prognose"), "mae"] == 1.0
    assert table.loc[("1-6", "naïef"), "mase"] == 1.0
    assert table.loc[("1-6", "trend 12 mnd"), "mase"] == 0.25
    assert table.loc[("7-12", "tempo"), "voorspellingen"] == 0
    assert table.loc[("7-12", "prognose"), "binnen_80pct_band"] == 50.0
    assert table.loc[("1-6", "prognose"), "pit_10_90"] == 50.0
    # The pinball loss of P10/P90: 0,1 x 1 + 0,9 x 2 for (10; 9, 12), and a point
    # forecast scores half its absolute error.
    assert bt.pinball(np.array([10.0]), np.array([9.0]), np.array([12.0]))[0] == pytest.approx(
        (0.1 * 1 + 0.1 * 2) / 2
    )
    assert table.loc[("1-6", "naïef"), "pinball"] == 1.0
    # The CRPS: a point forecast scores its absolute error, a standard normal
    # 2 phi(0) - 1 / sqrt(pi) at its centre; rows without paths have none.
    assert bt.crps(np.full(100, 5.0), 7.0) == 2.0
    normal = np.random.default_rng(1).normal(0, 1, 40_000)
    assert bt.crps(normal, 0.0) == pytest.approx(
        2 / math.sqrt(2 * math.pi) - 1 / math.sqrt(math.pi), abs=0.005
    )
    assert table.loc[("1-6", "naïef"), "crps"] == 2.0  # its MAE
    assert math.isnan(table.loc[("1-6", "prognose"), "crps"])
    targets = bt.targets_met(bt.summary(rows)).set_index("maanden_vooruit")
    assert targets.loc["1-6", "beste_basislijn"] == "trend 12 mnd"
    assert not targets.loc["1-6", "doel_mae"]  # 1,0 against trend's 0,5


# --- the steering fit -------------------------------------------------------------------


def history_row(instroom, stand, quota, first=dt.date(2022, 4, 1), wachtend=0):
    months = pd.date_range(end=pd.Timestamp(ORIGIN).to_period("M").to_timestamp(), periods=36,
                           freq="MS")  # fmt: skip
    invoer = pd.DataFrame(
        {
            "gemeente": ["GM0935"],
            "stand": [int(stand[-1])],
            "instroom_venster": [int(sum(instroom[-12:]))],
            "eerste_instroom": [pd.Timestamp(first)],
            "uitstroom_24m": [5],
            "persoonsmaanden_24m": [900],
            "uren_per_week": [28.0],
            "kosten_per_maand": [None],
            "met_kosten": [0],
            "historie_instroom": [list(instroom)],
            "historie_stand": [list(stand)],
            "historie_taakstelling": [[quota[m.year] for m in months]],
            "historie_maand": [list(months)],
            "taakstelling_jaar": [sorted(quota)],
            "taakstelling_waarde": [[quota[y] for y in sorted(quota)]],
        }
    )
    pijplijn = pd.DataFrame(
        {"gemeente": ["GM0935"], "lopend": [0], "wachtend": [wachtend], "geeindigd": [0],
         "naar_beschut_werk": [0], "positief_oud": [0], "positief_geplaatst": [0],
         "dagen_traject": [None], "dagen_advies": [None]}
    )  # fmt: skip
    return invoer, pijplijn


def steering_history(slowdown: float, seed: int = 1) -> tuple[list, list]:
    """Three years of a gemeente placing 4 a month (Poisson) until its stand reaches the
    taakstelling of the year, then `slowdown` times that until January; 1% leave."""
    rng = np.random.default_rng(seed)
    quota = {2022: 30.0, 2023: 42.0, 2024: 54.0, 2025: 66.0}
    months = pd.date_range("2022-04-01", periods=36, freq="MS")
    stand, reached, instroom, stands = 28.0, False, [], []
    for month in months:
        reached = (reached and month.month != 1) or stand >= quota[month.year]
        entries = rng.poisson(4.0 * (slowdown if reached else 1.0))
        stands.append(int(stand))
        instroom.append(int(entries))
        stand = stand - rng.binomial(int(stand), 0.01) + entries
    return instroom, stands, quota


def test_the_steering_fit_recovers_a_known_slowdown():
    instroom, stand, quota = steering_history(slowdown=0.1)
    model = pg.fit(*history_row(instroom, stand, quota), ORIGIN)
    assert model.sturing == ("taakstelling",)
    assert model.boven_factor[0] == pytest.approx(0.1, abs=0.08)
    assert model.instroom[0] == pytest.approx(4.0, rel=0.2)  # the rate before it is reached
    # Simulated on: the stand stays near the taakstelling of 2025 and jumps towards that
    # of 2026 (78, the step extended) in the first months of the new year.
    invoer, pijplijn = history_row(instroom, stand, quota)
    paths = pg.simulate(model, pg.Scenario(), last_year=2026)[0]
    december, april = pg.year_end_index(ORIGIN, 2025), pg.year_end_index(ORIGIN, 2025) + 4
    assert 64 <= np.median(paths[:, december]) <= 70
    assert np.median(paths[:, april]) - np.median(paths[:, december]) >= 8
    assert 76 <= np.median(paths[:, pg.year_end_index(ORIGIN, 2026)]) <= 84
    # Today's behaviour (no history to fit steering on) knows no January.
    today = invoer.drop(columns=[c for c in invoer if c.startswith("historie_")])
    without = pg.simulate(pg.fit(today, pijplijn, ORIGIN), pg.Scenario(), last_year=2026)[0]
    assert np.median(without[:, april]) - np.median(without[:, december]) < 4


def test_without_a_slowdown_today_s_pace_carries_on():
    instroom, stand, quota = steering_history(slowdown=1.0)
    model = pg.fit(*history_row(instroom, stand, quota), ORIGIN)
    assert model.sturing == ("tempo",)
    assert model.sturing_per_gemeente == {"GM0935": "tempo"}


def test_a_flat_stand_with_persons_waiting_is_read_as_capacity():
    quota = {2022: 60.0, 2023: 70.0, 2024: 80.0, 2025: 90.0}
    stand = list(range(20, 44)) + [44] * 12
    instroom = [2] * 24 + [1] * 12
    model = pg.fit(*history_row(instroom, stand, quota, wachtend=9), ORIGIN)
    assert model.sturing == ("capaciteit",)
    assert model.capaciteit[0] == 44
    paths = pg.simulate(model, pg.Scenario(), last_year=2026)[0]
    assert paths.max() <= 44 and np.median(paths[:, -1]) == 44  # every free plek filled
    nobody_waiting = pg.fit(*history_row(instroom, stand, quota, wachtend=0), ORIGIN)
    assert nobody_waiting.sturing == ("tempo",)


def test_a_capacity_set_by_the_user_caps_the_stand():
    instroom, stand, quota = steering_history(slowdown=1.0)
    model = pg.fit(*history_row(instroom, stand, quota), ORIGIN)
    limit = stand[-1] + 5
    free = pg.simulate(model, pg.Scenario(), last_year=2026)[0]
    capped = pg.simulate(model, pg.Scenario(capaciteit=limit), last_year=2026)[0]
    assert free.max() > limit >= capped.max()
    assert np.median(capped[:, -1]) >= limit - 3


# --- the national backtest ----------------------------------------------------------


def bench_backtest():
    spec = importlib.util.spec_from_file_location("bench_backtest", REPO / "bench" / "backtest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """The national data of bench/backtest.py, generated and loaded afresh."""
    bench = bench_backtest()
    folder = tmp_path_factory.mktemp("landelijk")
    generate(folder / "in", bench.KEUZE)
    load(folder / "db.duckdb", files_in_folder(folder / "in"), source="test")
    con = connect(folder / "db.duckdb")
    yield bench, con
    con.close()


def test_the_stored_national_backtest_is_what_the_code_gives_today(national):
    bench, con = national
    stored = pd.read_parquet(bench.RESULTS)
    assert stored["gemeente"].nunique() == 342 and stored["peildatum"].nunique() >= 6
    assert len(stored) > 10_000
    # Three gemeenten (the largest, a middle one and a small one) at two peildata.
    sizes = stored.groupby("gemeente")["werkelijk"].mean().sort_values()
    codes = [sizes.index[-1], sizes.index[len(sizes) // 2], sizes.index[10]]
    origins = [bench.ORIGINS[1], bench.ORIGINS[-2]]
    rerun = bt.national_backtest(con, origins, bench.LAST_DAY, codes)
    key = ["gemeente", "peildatum", "doel"]
    stored["peildatum"] = pd.to_datetime(stored["peildatum"]).dt.date
    stored["doel"] = pd.to_datetime(stored["doel"]).dt.date
    expected = stored[stored["gemeente"].isin(codes) & stored["peildatum"].isin(origins)]
    merged = expected.merge(rerun, on=key, suffixes=("_stored", ""))
    assert len(merged) == len(expected) == len(rerun) > 100
    columns = ("werkelijk", "verwacht", "p10", "p90", "naief", "trend", "tempo", "pit", "crps")
    for column in columns:
        assert merged[column].to_numpy() == pytest.approx(merged[f"{column}_stored"].to_numpy())
    assert (merged["sturing"] == merged["sturing_stored"]).all()


def test_the_readme_shows_the_national_table_of_the_stored_backtest():
    stored = pd.read_parquet(bench_backtest().RESULTS)
    table = bt.markdown(bt.summary(stored))
    assert table in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_stored_national_backtest_meets_the_targets_of_issue_16():
    """15% below the best baseline's MAE at 7-12 and 13-24 months, no worse at 1-6, and
    the 80% band holding 75-85% of the actuals at every horizon (the stored rows are
    what the code gives: see the test above)."""
    targets = bt.targets_met(bt.summary(pd.read_parquet(bench_backtest().RESULTS)))
    assert targets["doel_mae"].all(), targets
    assert targets["doel_band"].all(), targets
    assert targets["binnen_80pct_band"].between(75, 85).all()


def test_the_fit_finds_the_generator_s_steering():
    """Where the generator's gemeente steers and its goal has been held at the
    taakstelling for the year before the peildatum, the fit reads steering most of the
    time, and rarely elsewhere; where its places run out, capacity."""
    from beschut_dev.generate import FIRST_YEAR, _World

    bench = bench_backtest()
    world = _World(bench.KEUZE)
    curve, quota = world.target_stock(), world._quota_per_month()
    fitted = pd.read_parquet(bench.RESULTS).drop_duplicates(["gemeente", "peildatum"])
    g = fitted["gemeente"].map({code: i for i, code in enumerate(world.codes)}).to_numpy()
    day = pd.to_datetime(fitted["peildatum"])
    month = ((day.dt.year - FIRST_YEAR) * 12 + day.dt.month - 1).to_numpy()
    free = world.places[g] > 10**6
    held = world.steers[g] & (curve[g, month - 12] >= quota[g, month - 12]) & free
    full = ~free & (curve[g, month] > world.places[g])
    steering = (fitted["sturing"] == "taakstelling").to_numpy()
    capacity = (fitted["sturing"] == "capaciteit").to_numpy()
    assert held.sum() > 100 and full.sum() > 100
    assert steering[held].mean() > 0.5 and steering[~held].mean() < 0.1
    assert capacity[full].mean() > 0.3 and capacity[~full].mean() < 0.05


def test_a_gemeente_that_keeps_its_pace_grows_at_its_stand_s_36_month_line():
    """Growing 1 a month for three years, with a last year that happened to place a
    third more than the line: the base rate follows the line (and its leavers), not
    the last 12 months alone, and the pipeline's months are pulled towards it."""
    stand = [20 + m for m in range(36)]
    instroom = [1] * 24 + [2, 1, 1] * 4  # 16 in the last 12 months, the line says 12
    quota = {2022: 90.0, 2023: 95.0, 2024: 100.0, 2025: 105.0}
    invoer, pijplijn = history_row(instroom, stand, quota)
    model = pg.fit(invoer, pijplijn, ORIGIN)
    assert model.sturing == ("tempo",) and model.langjarig.tolist() == [True]
    leavers = 5 / 900 * stand[-1]
    assert model.instroom[0] == pytest.approx(1.0 + leavers, abs=0.01)
    growth = pg.expected_path(model, 12)[1][0]
    assert growth[-1] - stand[-1] == pytest.approx(12, abs=0.6)
    # Fewer than 13 month-ends of history: the last 12 months' count, as before.
    short, pijplijn = history_row(instroom, stand, quota, first=dt.date(2024, 9, 1))
    recent = pg.fit(short, pijplijn, ORIGIN)
    assert recent.langjarig.tolist() == [False]
    assert recent.instroom[0] == pytest.approx(16 / pg.months_between(dt.date(2024, 9, 1), ORIGIN))


def test_what_the_page_says_of_the_far_horizon_holds_in_the_stored_backtest():
    """The Prognose page says years beyond twelve months are less sure (a larger error,
    a wider band), no longer that the forecast runs high there: beyond a year the model's
    mean error is small against its MAE, and both the MAE and the band grow."""
    from dashboard.web.views.prognose import horizon

    table = bt.summary(pd.read_parquet(bench_backtest().RESULTS))
    model = table[table["methode"] == "prognose"].set_index("maanden_vooruit")
    far = model.loc["13-24"]
    assert abs(far["gemiddelde_fout"]) < 0.25 * far["mae"], far
    assert model.loc["1-6", "mae"] < model.loc["7-12", "mae"] < far["mae"]
    assert horizon(dt.date(2026, 10, 31), 2028) == "meer dan 12 maanden vooruit: onzekerder"
