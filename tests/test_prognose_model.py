"""The prognose model without Streamlit: flows, chances, seeds, cost."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from dashboard.forecasting import prognose as pg

PEILDATUM = dt.date(2025, 12, 31)


def model(stand=10, instroom=0.0, uitstroom=0.0, pijplijn=None, horizon=0) -> pg.Fit:
    return pg.Fit(
        peildatum=PEILDATUM,
        gemeenten=("GM0935",),
        stand=np.array([float(stand)]),
        instroom=np.array([instroom]),
        uitstroom_kans=np.array([uitstroom]),
        pijplijn=np.zeros((1, 1)) if pijplijn is None else np.array([pijplijn]),
        horizon=np.array([horizon]),
        uren_per_week=28.0,
        kosten_per_maand=None,
    )


def test_a_stock_without_inflow_or_outflow_stays_flat():
    paths = pg.simulate(model(stand=17), pg.Scenario())[0]
    assert paths.shape == (pg.DEFAULT_PATHS, 1 + 12 * 5)
    assert (paths == 17).all()


def test_a_constant_inflow_without_outflow_grows_by_exactly_that():
    paths = pg.simulate(model(stand=5, instroom=2.0), pg.Scenario())[0]
    assert (paths[:, 12] == 5 + 2 * 12).all()
    assert (paths[:, -1] == 5 + 2 * 60).all()


def test_the_scenario_overrides_instroom_and_uitstroom():
    fitted = model(stand=50, instroom=1.0, uitstroom=0.02)
    none_out = pg.simulate(fitted, pg.Scenario(instroom_per_maand=3.0, uitstroom_pct=0.0))[0]
    assert (none_out[:, 12] == 50 + 36).all()
    more_out = pg.simulate(fitted, pg.Scenario(uitstroom_pct=5.0))[0]
    base = pg.simulate(fitted, pg.Scenario())[0]
    assert more_out[:, -1].mean() < base[:, -1].mean()


def test_the_pipeline_feeds_the_near_months_and_the_base_rate_takes_over_after_it():
    # Trajecten that start after the peildatum arrive from half the pipeline's horizon
    # (3 months) on: month m adds the base rate times (m - 1,5) / 3.
    fitted = model(instroom=1.2, pijplijn=[2.0, 2.0, 1.0], horizon=3)
    means = pg.instroom_means(fitted, pg.Scenario(), 6)
    assert means[0].tolist() == pytest.approx([2.0, 2.2, 1.6, 1.2, 1.2, 1.2])
    without_trajecten = pg.instroom_means(model(instroom=1.2), pg.Scenario(), 3)
    assert without_trajecten[0].tolist() == pytest.approx([1.2, 1.2, 1.2])


def test_rate_uncertainty_widens_the_band_around_the_same_centre():
    exact = model(stand=20, instroom=1.0, uitstroom=0.02)
    estimated = pg.Fit(
        **{
            **exact.__dict__,
            "instroom_telling": (np.array([6.0]), np.array([6.0])),
            "uitstroom_telling": (np.array([2.0]), np.array([100.0])),
        }
    )
    narrow = pg.simulate(exact, pg.Scenario())[0][:, -1]
    wide = pg.simulate(estimated, pg.Scenario())[0][:, -1]
    spread = np.percentile(wide, 90) - np.percentile(wide, 10)
    assert spread > np.percentile(narrow, 90) - np.percentile(narrow, 10)
    assert wide.mean() == pytest.approx(narrow.mean(), rel=0.15)


def test_the_chance_of_a_taakstelling_of_zero_is_one():
    paths = pg.simulate(model(stand=0, uitstroom=0.5), pg.Scenario())[0]
    quota = [pg.Taakstelling(2026, 0.0, "geladen")]
    assert pg.per_year(paths, model(stand=0), quota)["kans"].tolist() == [1.0]


def test_seeds_give_reproducible_results_and_other_seeds_differ():
    fitted = model(stand=40, instroom=1.5, uitstroom=0.03)
    first = pg.simulate(fitted, pg.Scenario(), seed=7)
    assert np.array_equal(first, pg.simulate(fitted, pg.Scenario(), seed=7))
    assert not np.array_equal(first, pg.simulate(fitted, pg.Scenario(), seed=8))


def test_extra_instroom_needed_for_80_percent_chance():
    fitted = model(stand=10, instroom=0.0)
    quota = [pg.Taakstelling(2026, 22.0, "geladen")]  # 12 more by December 2026
    needed = pg.extra_instroom_nodig(fitted, pg.Scenario(), quota)
    assert needed["extra_per_maand"].iloc[0] == pytest.approx(1.0, abs=0.1)
    paths = pg.simulate(
        fitted, pg.Scenario(extra_instroom=float(needed["extra_per_maand"].iloc[0]))
    )
    assert (paths[0][:, 12] >= 22).mean() >= 0.8


def test_taakstelling_path_loaded_entered_and_extended():
    path = pg.taakstelling_pad({2024: 50.0, 2025: 55.5}, [2025, 2026, 2027], {2027: 70.0})
    assert [(q.waarde, q.bron) for q in path] == [
        (55.5, "geladen"),
        (61.0, "doorgetrokken"),
        (70.0, "ingevoerd"),
    ]


def test_minimum_wage_table_and_cost_per_plek():
    assert pg.uurloon(dt.date(2024, 6, 30)) == 13.27
    assert pg.uurloon(dt.date(2024, 7, 1)) == 13.68
    assert pg.uurloon(dt.date(2025, 7, 1)) == 14.40
    assert pg.uurloon(dt.date(2029, 1, 1)) == 14.71  # the latest known rate carries on
    scenario = pg.Scenario(
        loonwaarde_pct=30,
        begeleiding_per_plek=3600,
        overhead_per_plek=1200,
        vakantiegeld_pct=8,
        werkgeverslasten_pct=20,
    )
    wage = 14.71 * 32 * 52 / 12 * 1.08 * 1.20
    assert pg.kosten_per_plek_per_maand(dt.date(2026, 3, 1), 32, scenario) == pytest.approx(
        wage * 0.7 + 400
    )


def test_cost_per_year_adds_uitgaven_so_far_and_compares_with_begroting():
    fitted = model(stand=10)
    scenario = pg.Scenario(uren_per_week=32, kosten_uit_data=False)
    paths = pg.simulate(fitted, scenario)[0]
    quota = pg.taakstelling_pad({2025: 10.0, 2026: 12.0}, [2025, 2026, 2027])
    costs = pg.kosten_per_jaar(
        paths,
        fitted,
        scenario,
        250_000.0,
        {2025: 300_000.0, 2026: 400_000.0},
        quota,
        {2025: 10.0, 2026: 12.0},
    )
    monthly = 10 * pg.kosten_per_plek_per_maand(dt.date(2026, 6, 30), 32, scenario)
    assert costs["kosten"].tolist()[0] == pytest.approx(250_000.0)  # December is the peildatum
    assert costs["kosten"].tolist()[1] == pytest.approx(12 * monthly)
    assert costs["begroting_bron"].tolist() == ["geladen", "geladen", "aangenomen"]
    assert costs["begroting"].tolist()[2] == pytest.approx(400_000 / 12 * 14)
    assert costs["saldo"].tolist()[1] == pytest.approx(400_000 - 12 * monthly)


def selection(count: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """prognose_invoer and prognose_pijplijn rows for `count` gemeenten."""
    codes = [f"GM{1000 + i:04d}" for i in range(count)]
    invoer = pd.DataFrame(
        {
            "gemeente": codes,
            "stand": [20 + i for i in range(count)],
            "instroom_venster": [6] * count,
            "eerste_instroom": [dt.date(2020, 1, 1)] * count,
            "uitstroom_24m": [2 if i % 2 else 30 for i in range(count)],
            "persoonsmaanden_24m": [500] * count,
            "uren_per_week": [28.0] * count,
            "kosten_per_maand": [None] * count,
            "met_kosten": [0] * count,
        }
    )
    pijplijn = pd.DataFrame(
        {
            "gemeente": codes,
            "lopend": [4] * count,
            "wachtend": [1] * count,
            "geeindigd": [12] * count,
            "naar_beschut_werk": [6] * count,
            "positief_oud": [5] * count,
            "positief_geplaatst": [4] * count,
            "dagen_traject": [30.0 * (1 + i % 5) for i in range(count)],
            "dagen_advies": [60.0] * count,
        }
    )
    return invoer, pijplijn


def test_more_than_25_gemeenten_are_one_pool_and_25_are_not():
    few = pg.fit(*selection(pg.POOL_ABOVE), PEILDATUM)
    assert len(few.gemeenten) == pg.POOL_ABOVE and few.samengevoegd == ()
    invoer, pijplijn = selection(pg.POOL_ABOVE + 1)
    pool = pg.fit(invoer, pijplijn, PEILDATUM)
    assert pool.gemeenten == ("26 gemeenten samen",)
    assert pool.samengevoegd == tuple(invoer["gemeente"])
    assert pool.stand.tolist() == [invoer["stand"].sum()]
    assert pool.uitstroom_kans[0] == pytest.approx(
        invoer["uitstroom_24m"].sum() / invoer["persoonsmaanden_24m"].sum()
    )


def test_a_pool_expects_the_instroom_and_stand_of_its_gemeenten_summed():
    """The pool's expected instroom is the gemeenten' summed month by month (each
    pipeline with its own horizon), and its expected stand follows theirs although
    half of them lose people 25 times as fast: one exit chance would not."""
    invoer, pijplijn = selection(30)
    pg_limit, pg.POOL_ABOVE = pg.POOL_ABOVE, 10**6
    try:
        apart = pg.fit(invoer, pijplijn, PEILDATUM)
    finally:
        pg.POOL_ABOVE = pg_limit
    apart = replace(apart, instroom_telling=None, uitstroom_telling=None)  # exact rates
    pool = replace(pg._pooled(apart, invoer), instroom_telling=None, uitstroom_telling=None)
    months = 60
    entries, stands = pg.expected_path(apart, months)
    assert pg.instroom_means(pool, pg.Scenario(), months)[0] == pytest.approx(entries.sum(axis=0))
    # The gemeenten' own: the pipeline first, then the base rate with leavers replaced.
    pipeline, _ = pg._pipeline_and_handover(apart, months)
    expected, p = apart.stand.copy(), apart.uitstroom_kans
    for t in range(months):
        rate = np.maximum(apart.instroom + p * (expected - apart.stand), 0)
        expected = expected * (1 - p) + pipeline[:, t] + pg._handover(apart, t) * rate
    assert stands[:, -1].sum() == pytest.approx(expected.sum())
    simulated = pg.simulate(pool, pg.Scenario())[0][:, -1].mean()
    assert simulated == pytest.approx(expected.sum(), rel=0.01)
    one_chance = pg.simulate(replace(pool, uitstroom_verloop=None), pg.Scenario())[0]
    assert one_chance[:, -1].mean() < 0.9 * expected.sum()


def test_the_band_of_whole_numbers_holds_about_80_percent_not_all():
    # 6 on half the paths, 5 and 7 on a quarter each: P10-P90 (5-7) would hold them all.
    spiky = np.array([5] * 250 + [6] * 500 + [7] * 250)
    low, high = pg.band(spiky[:, None])
    assert (low[0], high[0]) in [(5, 6), (6, 7)]
    inside = ((spiky >= low[0]) & (spiky <= high[0])).mean()
    assert inside == 0.75
    # A stand that is certain is its own band; a wide spread gives about P10-P90.
    assert pg.band(np.full((1000, 1), 6))[0][0] == pg.band(np.full((1000, 1), 6))[1][0] == 6
    wide = np.random.default_rng(3).poisson(200, (1000, 4))
    low, high = pg.band(wide)
    assert np.abs(low - np.percentile(wide, 10, axis=0)).max() <= 1
    assert np.abs(high - np.percentile(wide, 90, axis=0)).max() <= 1
    held = ((wide >= low) & (wide <= high)).mean(axis=0)
    assert np.all(np.abs(held - 0.8) <= 0.02)


def test_the_band_of_a_small_stand_holds_close_to_80_percent_of_its_own_paths():
    paths = pg.simulate(model(stand=6, instroom=0.1, uitstroom=0.01), pg.Scenario())[0]
    low, high = pg.band(paths)
    held = ((paths >= low) & (paths <= high)).mean(axis=0)[1:]
    old = (paths >= np.percentile(paths, 10, axis=0)) & (paths <= np.percentile(paths, 90, axis=0))
    assert np.abs(held - 0.8).mean() < np.abs(old.mean(axis=0)[1:] - 0.8).mean()
    fan = pg.fan(paths, model(stand=6))
    assert fan["p10"].tolist() == low.tolist() and fan["p90"].tolist() == high.tolist()


def test_leavers_are_replaced_on_each_path_so_the_spread_does_not_grow_like_a_random_walk():
    # 5% leave a month and the base rate replaces the stand's expected leavers: each
    # path replaces its own, so the stand stays near 100 instead of wandering off.
    fitted = model(stand=100, instroom=5.0, uitstroom=0.05)
    paths = pg.simulate(fitted, pg.Scenario())[0]
    assert paths[:, 1:].mean() == pytest.approx(100, abs=1)
    assert paths[:, -1].std() < 3  # replacing expected leavers only: about 17
