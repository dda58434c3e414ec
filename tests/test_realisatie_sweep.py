"""realisatie_per_peildag counts in one sweep over the placements; on any placements it
must give what testing every placement on every peildag gives (the contract's rule)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.store.db import ensure_schema, recount

D = dt.date
FIRST = D(2023, 1, 1)


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    ensure_schema(connection)
    yield connection
    connection.close()


def by_rule(placements, gemeenten, days):
    """Distinct persons and summed hours of the active beschut werk placements per day."""
    out = {}
    for gemeente in gemeenten:
        for day in days:
            active = [
                p
                for p in placements
                if p[1] == gemeente
                and p[2] == "beschut_werk"
                and p[3] <= day
                and (p[4] is None or day <= p[4])
            ]
            out[(gemeente, day)] = (len({p[0] for p in active}), sum(p[5] for p in active))
    return out


def swept(con, van, tot, gemeenten=()):
    rows = con.execute(
        "SELECT gemeente, dag, realisatie, uren FROM realisatie_per_peildag($van, $tot, $g)",
        {"van": van, "tot": tot, "g": list(gemeenten)},
    ).fetchall()
    return {(g, d): (r, u) for g, d, r, u in rows}


def fill(con, placements) -> None:
    con.execute("DELETE FROM plaatsingen")
    con.executemany(
        "INSERT INTO plaatsingen (plaatsing_id, persoon_id, gemeente, instrument, startdatum, "
        "einddatum, uren_per_week) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(f"P{i}", *p) for i, p in enumerate(placements)],
    )
    recount(con, plaatsingen=True)


def test_chains_overlaps_and_a_long_placement_that_covers_later_ones(con):
    placements = [
        # p1: a long placement with two shorter ones inside it, then one adjacent after it
        ("p1", "GM0935", "beschut_werk", D(2023, 1, 1), D(2023, 12, 31), 20.0),
        ("p1", "GM0935", "beschut_werk", D(2023, 2, 1), D(2023, 2, 28), 8.0),
        ("p1", "GM0935", "beschut_werk", D(2023, 5, 1), D(2023, 6, 30), 8.0),
        ("p1", "GM0935", "beschut_werk", D(2024, 1, 1), None, 32.0),
        # p2: ends on a month-end, starts again the next day at another werkgever
        ("p2", "GM0935", "beschut_werk", D(2023, 3, 15), D(2023, 3, 31), 25.5),
        ("p2", "GM0935", "beschut_werk", D(2023, 4, 1), D(2023, 4, 29), 24.0),
        # the same person in another gemeente counts there too; other instruments never
        ("p2", "GM0938", "beschut_werk", D(2023, 4, 30), None, 12.0),
        ("p3", "GM0938", "loonkostensubsidie", D(2023, 1, 1), None, 36.0),
    ]
    fill(con, placements)
    for van, tot in [(D(2023, 1, 1), D(2023, 12, 31)), (D(2023, 4, 15), D(2024, 2, 10))]:
        days = [d for (_, d) in swept(con, van, tot)]
        assert swept(con, van, tot) == by_rule(placements, ["GM0935", "GM0938"], set(days))
    assert swept(con, D(2023, 1, 1), D(2023, 4, 30), ["GM0938"]) == {
        ("GM0938", D(2023, 1, 31)): (0, 0.0),
        ("GM0938", D(2023, 2, 28)): (0, 0.0),
        ("GM0938", D(2023, 3, 31)): (0, 0.0),
        ("GM0938", D(2023, 4, 30)): (1, 12.0),
    }


day = st.integers(min_value=0, max_value=800).map(lambda n: FIRST + dt.timedelta(days=n))
placement = st.tuples(
    st.sampled_from(["p1", "p2", "p3", "p4"]),
    st.sampled_from(["GM0935", "GM0938"]),
    st.sampled_from(["beschut_werk"] * 4 + ["jobcoaching"]),
    day,
    st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
    st.sampled_from([8.0, 16.5, 25.3, 32.0, 36.0]),
).map(lambda p: (*p[:4], None if p[4] is None else p[3] + dt.timedelta(days=p[4]), p[5]))


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(placements=st.lists(placement, min_size=1, max_size=12), van=day, length=day)
def test_the_sweep_counts_as_the_rule_on_any_placements(con, placements, van, length):
    tot = van + (length - FIRST)
    fill(con, placements)
    got = swept(con, van, tot)
    want = by_rule(placements, sorted({p[1] for p in placements}), {d for (_, d) in got})
    assert got.keys() == want.keys()
    for key, (realisatie, uren) in want.items():
        assert got[key][0] == realisatie, key
        assert got[key][1] == pytest.approx(uren, abs=1e-9), key


def test_days_far_ahead_count_past_the_month_ends_kept(con):
    """The stand is kept per month-end up to 2100; later changes are read day by day,
    so an einddatum such as 31-12-9999 (open end in many HR systems) still counts."""
    placements = [
        ("p1", "GM0935", "beschut_werk", D(2024, 1, 1), D(9999, 12, 31), 20.0),
        ("p2", "GM0935", "beschut_werk", D(2024, 3, 1), D(2150, 6, 15), 10.0),
        ("p3", "GM0935", "beschut_werk", D(2099, 12, 1), None, 8.0),
        ("p4", "GM0938", "beschut_werk", D(2024, 2, 1), D(2024, 2, 29), 16.5),
    ]
    fill(con, placements)
    rows = con.execute("SELECT max(dag) FROM realisatie_maandeinde").fetchall()
    assert rows == [(D(2100, 12, 31),)]
    for van, tot in [
        (D(2100, 1, 1), D(2100, 12, 31)),
        (D(2150, 1, 1), D(2150, 6, 20)),
        (D(2151, 1, 1), D(2151, 3, 31)),
        (D(2024, 1, 15), D(2024, 3, 10)),
    ]:
        got = swept(con, van, tot)
        assert got == by_rule(placements, ["GM0935", "GM0938"], {d for (_, d) in got})
    assert swept(con, D(2150, 6, 15), D(2150, 6, 16))[("GM0935", D(2150, 6, 16))] == (2, 28.0)
