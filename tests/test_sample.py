"""The shipped sample: reproducible, loads cleanly, tells the story, and its report
agrees with a plain pandas reading of the contract's counting rules."""

from __future__ import annotations

import datetime as dt
import filecmp

import pandas as pd
import pytest
from conftest import SAMPLE

from beschut_dev.sample_data import write_sample
from dashboard.metrics.figures import kerncijfers, peildatum_for
from dashboard.store.db import connect

GEMEENTEN = ["GM0935", "GM0938", "GM1903"]


def test_generator_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    write_sample(tmp_path)
    names = sorted(p.name for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx"))
    assert len(names) == 6
    match, mismatch, errors = filecmp.cmpfiles(SAMPLE, tmp_path, names, shallow=False)
    assert (mismatch, errors) == ([], [])


# --- an independent reading of the sample files and the counting rules -------------


@pytest.fixture(scope="module")
def plain():
    """The sample files read with plain pandas, as a controller's script would."""
    plaatsingen = pd.read_csv(
        SAMPLE / "plaatsingen.csv",
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        dtype={"persoon_id": str},
    )
    for column in ("startdatum", "einddatum"):
        plaatsingen[column] = pd.to_datetime(plaatsingen[column], format="%d-%m-%Y")
    trajecten = pd.read_csv(SAMPLE / "trajecten.csv", dtype={"gemeente": str})
    trajecten["gemeente"] = "GM" + trajecten["gemeente"].str.zfill(4)
    for column in ("startdatum", "einddatum"):
        trajecten[column] = pd.to_datetime(trajecten[column])
    annex = pd.read_csv(SAMPLE / "taakstelling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    taakstelling = annex.melt(
        id_vars=["CBS-code", "Gemeente"], var_name="kolom", value_name="taakstelling"
    )
    taakstelling["gemeente"] = "GM" + taakstelling["CBS-code"].astype(str).str.zfill(4)
    taakstelling["jaar"] = taakstelling["kolom"].str[-4:].astype(int)
    begroting = pd.read_excel(SAMPLE / "begroting.xlsx", engine="openpyxl")
    uitgaven = pd.read_csv(SAMPLE / "uitgaven.csv")
    return plaatsingen, trajecten, taakstelling, begroting, uitgaven


def expected_figures(plain, gemeente: str, jaar: int, peildatum: dt.date) -> dict:
    plaatsingen, trajecten, taakstelling, begroting, uitgaven = plain
    beschut = plaatsingen[
        (plaatsingen.gemeente == gemeente) & (plaatsingen.instrument == "beschut_werk")
    ]

    def active(day: dt.date) -> pd.DataFrame:
        ts = pd.Timestamp(day)
        return beschut[
            (beschut.startdatum <= ts) & (beschut.einddatum.isna() | (ts <= beschut.einddatum))
        ]

    month_ends = [d.date() for d in pd.date_range(dt.date(jaar, 1, 1), peildatum, freq="ME")]
    days = month_ends + ([peildatum] if peildatum not in month_ends else [])
    quota = taakstelling[(taakstelling.gemeente == gemeente) & (taakstelling.jaar == jaar)]
    quota_value = float(quota.taakstelling.iloc[0]) if len(quota) else None
    realisatie = active(peildatum).persoon_id.nunique()
    mine = begroting[(begroting.gemeente == gemeente) & (begroting.jaar == jaar)]
    if len(mine):
        mine = mine[mine.versie == mine.versie.iloc[-1]]
    months = uitgaven[
        (uitgaven.gemeente == gemeente)
        & (uitgaven.maand >= f"{jaar}-01")
        & (uitgaven.maand <= f"{peildatum:%Y-%m}")
    ]
    started = trajecten[
        (trajecten.gemeente == gemeente)
        & (trajecten.startdatum.dt.year == jaar)
        & (trajecten.startdatum <= pd.Timestamp(peildatum))
    ]
    return {
        "taakstelling": quota_value,
        "realisatie_ultimo": realisatie,
        "realisatie_gemiddeld": sum(active(d).persoon_id.nunique() for d in days) / len(days),
        "fte_ultimo": active(peildatum).uren_per_week.sum() / 36,
        "percentage_ultimo": 100 * realisatie / quota_value if quota_value else None,
        "begroting": round(mine.bedrag.sum(), 2),
        "uitgaven": round(months.bedrag.sum(), 2),
        "trajecten_gestart": len(started),
        # as known on the peildatum: not ended by then = still running
        "trajecten_per_uitkomst": started.uitkomst.where(
            started.einddatum.notna() & (started.einddatum <= pd.Timestamp(peildatum)), "lopend"
        )
        .value_counts()
        .to_dict(),
    }


def test_sample_figures_agree_with_a_plain_reading_of_the_contract(sample_db, plain):
    con = connect(sample_db)
    try:
        for jaar in range(2017, 2027):
            for peildatum in {peildatum_for(con, jaar), dt.date(jaar, 6, 15), dt.date(jaar, 2, 28)}:
                for row in kerncijfers(con, jaar, peildatum):
                    want = expected_figures(plain, row["gemeente"], jaar, peildatum)
                    where = (jaar, peildatum, row["gemeente"])
                    per_uitkomst = want.pop("trajecten_per_uitkomst")
                    assert {k: v for k, v in row["trajecten_per_uitkomst"].items() if v} == (
                        per_uitkomst
                    ), where
                    got = {k: row[k] for k in want}
                    assert got == pytest.approx(want, abs=1e-9), where
    finally:
        con.close()


def test_sample_tells_the_story_alternatives_first_then_beschut_werk_from_2024(sample_db):
    con = connect(sample_db)
    try:
        by_year = {
            jaar: {r["gemeente"]: r for r in kerncijfers(con, jaar, peildatum_for(con, jaar))}
            for jaar in range(2017, 2027)
        }
        others = con.sql(
            "SELECT count(*) FROM plaatsingen WHERE instrument <> 'beschut_werk' "
            "AND startdatum < DATE '2024-01-01'"
        ).fetchall()[0][0]
        outcomes = {r[0] for r in con.sql("SELECT DISTINCT uitkomst FROM trajecten").fetchall()}
    finally:
        con.close()
    assert sorted(by_year[2026]) == GEMEENTEN
    for gemeente in GEMEENTEN:
        quota = [by_year[j][gemeente]["taakstelling"] for j in range(2017, 2027)]
        assert quota == sorted(quota) and quota[0] > 0
        assert all(by_year[j][gemeente]["realisatie_ultimo"] == 0 for j in range(2017, 2024))
        counts = [by_year[j][gemeente]["realisatie_ultimo"] for j in (2024, 2025, 2026)]
        assert 0 < counts[0] < counts[1] <= counts[2]
    assert others > 200
    assert len(outcomes) == 6
    assert by_year[2026]["GM0935"]["peildatum"] == dt.date(2026, 10, 31)
