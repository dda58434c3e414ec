"""The synthetic national data: reproducible, realistic, in the contract's formats, and
loading without a single problem."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import numpy as np
import pytest

from beschut_dev.generate import Keuze, current_gemeenten, generate
from dashboard.cli import main
from dashboard.ingest.loader import check, files_in_folder, load
from dashboard.metrics.figures import kerncijfers
from dashboard.store.db import connect
from dashboard.store.queries import run

FILES = ["begroting.xlsx", "plaatsingen.csv", "taakstelling.csv", "trajecten.csv", "uitgaven.csv"]
SMALL = Keuze(gemeenten=4, van=2022, tot=2025, seed=7)


def test_every_current_gemeente_of_the_cbs_list_can_be_chosen():
    codes = [code for code, _ in current_gemeenten()]
    assert len(codes) == len(set(codes)) == 342
    assert {"GM0935", "GM0363", "GM1992"} <= set(codes)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_data(tmp_path):
    counts = generate(tmp_path / "a", SMALL)
    assert generate(tmp_path / "b", SMALL) == counts
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == FILES
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", FILES, shallow=False)
    assert (mismatch, errors) == ([], [])
    generate(tmp_path / "c", Keuze(gemeenten=4, van=2022, tot=2025, seed=8))
    other = (tmp_path / "c" / "plaatsingen.csv").read_bytes()
    assert other != (tmp_path / "a" / "plaatsingen.csv").read_bytes()


def test_the_files_vary_like_real_exports(tmp_path):
    generate(tmp_path, SMALL)
    plaatsingen = (tmp_path / "plaatsingen.csv").read_bytes()
    assert plaatsingen.startswith(b"\xef\xbb\xbfplaatsing_id;persoon_id;")
    assert b"\r\n" in plaatsingen
    first = plaatsingen.decode("utf-8-sig").splitlines()[1].split(";")
    assert first[4][2] == "-" and first[4][5] == "-"  # dd-mm-jjjj
    annex = (tmp_path / "taakstelling.csv").read_text(encoding="utf-8-sig").splitlines()
    assert annex[0].startswith("CBS-code;Gemeente;Ultimo 2022;Ultimo 2023")
    assert annex[-1].startswith(";Totaal;")
    trajecten = (tmp_path / "trajecten.csv").read_text().splitlines()
    assert trajecten[0].startswith("traject_id,persoon_id,gemeente,startdatum")
    assert not trajecten[1].split(",")[2].startswith(("GM", "0"))  # codes as the CBS writes them


def test_the_files_load_without_a_single_problem_and_count_as_reported(tmp_path):
    counts = generate(tmp_path / "in", SMALL)
    checked = {result.table: result for result in check(files_in_folder(tmp_path / "in"))}
    for name, rows in counts.items():
        table = name.split(".")[0]
        expected = rows * (SMALL.tot - SMALL.van + 1) if table == "taakstelling" else rows
        assert len(checked[table].rows) == expected, name
    assert checked["plaatsingen"].rows["gemeente"].nunique() == 4
    assert checked["plaatsingen"].rows["einddatum"].isna().any()  # running placements


def test_schaal_multiplies_the_rows_per_gemeente_not_the_gemeenten(tmp_path):
    one = generate(tmp_path / "one", SMALL)
    ten = generate(tmp_path / "ten", Keuze(gemeenten=4, van=2022, tot=2025, seed=7, schaal=10))
    assert 7 < ten["plaatsingen.csv"] / one["plaatsingen.csv"] < 13
    assert ten["taakstelling.csv"] == one["taakstelling.csv"] == 4
    assert ten["uitgaven.csv"] == one["uitgaven.csv"]  # one row per gemeente, month and post


@pytest.fixture(scope="module")
def national_2024(tmp_path_factory) -> Path:
    """Every gemeente, one year, at schaal 1, loaded."""
    folder = tmp_path_factory.mktemp("landelijk")
    generate(folder / "in", Keuze(van=2024, tot=2024))
    load(folder / "db.duckdb", files_in_folder(folder / "in"), source="test")
    return folder / "db.duckdb"


def test_national_rates_are_realistic(national_2024):
    con = connect(national_2024)
    try:
        rows = kerncijfers(con, 2024, dt.date(2024, 12, 31))
        others_started = con.sql(
            "SELECT count(*) FROM plaatsingen WHERE instrument <> 'beschut_werk' "
            "AND year(startdatum) = 2024"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert len(rows) == 342
    realisatie = sum(r["realisatie_ultimo"] for r in rows)
    taakstelling = sum(r["taakstelling"] for r in rows)
    assert 9_000 < realisatie < 11_000  # about 10.000 beschut werk dienstbetrekkingen
    assert taakstelling == pytest.approx(11_950, abs=50)
    # Several times that in other instruments: some 2.900 a year, 45.000 over 2015-2030.
    assert 2_500 < others_started < 3_300
    shares = sorted(r["percentage_ultimo"] for r in rows)
    assert 60 < shares[len(shares) // 2] < 110  # the median gemeente is near its quota
    assert shares[0] < 75 and shares[-1] > 100  # some behind, some ahead


def test_the_stock_per_werkgever_stays_readable_for_the_whole_country(national_2024):
    peildatum = dt.date(2024, 12, 31)
    con = connect(national_2024)
    try:
        werkgevers = run(con, "bestand_per_werkgever", gemeenten=[], peildatum=peildatum)
        stand = run(con, "kerncijfers_totaal", jaar=2024, peildatum=peildatum, gemeenten=[],
                    versie=None)  # fmt: skip
    finally:
        con.close()
    assert len(werkgevers) == 16
    assert werkgevers["werkgevers"].iloc[:15].tolist() == [1] * 15
    assert werkgevers["werkgever"].iloc[-1] == "Overige werkgevers"
    assert werkgevers["werkgevers"].iloc[-1] > 300
    # A person with a second job beside the first counts at both werkgevers.
    realisatie = stand["realisatie_ultimo"].iloc[0]
    assert realisatie <= werkgevers["personen"].sum() < 1.05 * realisatie


def test_the_command_line_generates_and_explains_a_bad_choice(tmp_path, capsys):
    out = tmp_path / "synthetisch"
    args = ["generate", "--out", str(out), "--gemeenten", "2", "--van", "2024", "--tot", "2024"]
    assert main([*args, "--seed", "3"]) == 0
    printed = capsys.readouterr().out
    assert "2 gemeenten, 2024-2024, schaal 1" in printed and "plaatsingen.csv:" in printed
    assert main(["load", str(out), "--db", str(tmp_path / "x.duckdb")]) == 0
    assert main(["generate", "--out", str(out), "--gemeenten", "400"]) == 1
    assert main(["generate", "--out", str(out), "--van", "2031", "--tot", "2030"]) == 1
    err = capsys.readouterr().err
    assert "het aantal gemeenten moet liggen in 1..342" in err
    assert "de jaren moeten liggen in 2015..2050" in err
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def world():
    """The national world of 2015-2027 with its beschut werk, before writing."""
    from beschut_dev.generate import _World

    simulated = _World(Keuze(van=2015, tot=2027))
    return simulated, simulated.beschut_werk()


def test_placements_start_mostly_in_january_and_september(world):
    _, beschut = world
    month = beschut.first_start.astype("datetime64[M]").astype(int) % 12
    counts = np.bincount(month, minlength=12)
    usual = np.median(np.delete(counts, [0, 8]))
    assert counts[0] > 2 * usual and counts[8] > 2 * usual
    assert counts[6] < usual  # July is quiet


def test_some_gemeenten_start_late(world):
    simulated, beschut = world
    first = np.full(len(simulated.codes), 9999)
    years = beschut.first_start.astype("datetime64[Y]").astype(int) + 1970
    np.minimum.at(first, beschut.first_gemeente, years)
    late = simulated.first_year > 2015
    assert 0.1 < late.mean() < 0.3
    assert (first[late] >= simulated.first_year[late]).all()
    assert (first[~late] == 2015).mean() > 0.75  # the smallest need a year for one person


def test_steering_gemeenten_stop_until_january_once_at_their_taakstelling(world):
    """Of gemeenten at or above their taakstelling on 30 June, those that steer start
    far fewer placements in the second half of the year than those that do not."""
    simulated, beschut = world
    quota = simulated.taakstelling(np.array([2023]))[:, 0]
    spells = beschut.spells
    day = np.datetime64("2023-06-30")
    active = (spells["start"] <= day) & (np.isnat(spells["eind"]) | (spells["eind"] >= day))
    stand = np.zeros(len(simulated.codes))
    persons = np.unique(np.stack([spells["gemeente"][active], spells["persoon"][active]]), axis=1)
    np.add.at(stand, persons[0], 1)
    at_quota = (stand >= quota) & (simulated.places > 10**6)
    starts = (beschut.first_start > day) & (beschut.first_start <= np.datetime64("2023-12-31"))
    per_gemeente = np.bincount(beschut.first_gemeente[starts], minlength=len(stand)) / stand.clip(1)
    steering, free = at_quota & simulated.steers, at_quota & ~simulated.steers
    assert steering.sum() >= 10 and free.sum() >= 10
    assert per_gemeente[steering].mean() < 0.3 * per_gemeente[free].mean()


def test_a_waiting_list_builds_where_the_places_run_out(world):
    simulated, beschut = world
    limited = simulated.places < 10**6
    assert 0.1 < limited.mean() < 0.3
    waiting = np.array([sum(n for _, n in queue) for queue in simulated.wachtlijst])
    assert waiting[limited].mean() > 5 * max(waiting[~limited].mean(), 0.1)
    waited = beschut.waited[beschut.first_start >= np.datetime64("2024-01-01")]
    gemeente = beschut.first_gemeente[beschut.first_start >= np.datetime64("2024-01-01")]
    assert waited[limited[gemeente]].mean() > 3 * waited[~limited[gemeente]].mean()
