"""One figure, one truth: the same selection reads the same value on every surface.

For several selections (one gemeente; two, one of them without a taakstelling for the
year; all gemeenten; a mid-year peildatum; a finished year) each headline figure is read
from the command line's JSON (summed here by the data contract's rule), the Overzicht's
sentence and tiles, the Taakstelling, Begroting, Regio and Prognose pages and their
downloads, and the briefing's PDF text and Excel, and must be one value. The expected
text of each figure is the catalogue's, so a page that formats or rounds a figure its
own way fails here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from dataclasses import dataclass

import duckdb
import openpyxl
import pandas as pd
import pytest
from conftest import start_app

from dashboard.cli import main
from dashboard.exports import briefing_pdf, raadsbriefing
from dashboard.exports.tables import to_csv
from dashboard.metrics.catalogue import figure
from dashboard.store.db import connect
from dashboard.web import ui


@dataclass(frozen=True)
class Keuze:
    name: str
    gemeenten: tuple[str, ...]  # () = all
    jaar: int
    peildatum: dt.date
    zonder_taakstelling: bool = False  # the variant database without GM1903's 2025 quota


SELECTIONS = [
    Keuze("een gemeente, halverwege het jaar", ("GM0935",), 2025, dt.date(2025, 9, 30)),
    Keuze(
        "twee gemeenten, een zonder taakstelling",
        ("GM0935", "GM1903"),
        2025,
        dt.date(2025, 9, 30),
        zonder_taakstelling=True,
    ),
    Keuze("alle gemeenten, lopend jaar", (), 2026, dt.date(2026, 10, 31)),
    Keuze("afgesloten jaar", ("GM0935", "GM0938"), 2024, dt.date(2024, 12, 31)),
]


@pytest.fixture(scope="module")
def without_quota(sample_db, tmp_path_factory):
    """The sample with Eijsden-Margraten's taakstelling for 2025 taken out."""
    path = tmp_path_factory.mktemp("one_truth") / "zonder_taakstelling.duckdb"
    shutil.copy(sample_db, path)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM taakstelling WHERE gemeente = 'GM1903' AND jaar = 2025")
    con.close()
    return path


def report(db, keuze: Keuze, capsys) -> list[dict]:
    capsys.readouterr()
    args = ["report", "--db", str(db), "--jaar", str(keuze.jaar), "--format", "json"]
    args += ["--peildatum", keuze.peildatum.isoformat()]
    for code in keuze.gemeenten:
        args += ["--gemeente", code]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def contract_totals(rows: list[dict]) -> dict[str, float | None]:
    """The selection's figures from the report's rows by the contract's rules."""
    with_quota = [r for r in rows if r["taakstelling"] is not None]
    quota = sum(r["taakstelling"] for r in with_quota)
    realised = sum(r["realisatie_ultimo"] for r in with_quota)
    begroting = sum(r["begroting"] for r in rows)
    uitgaven = sum(r["uitgaven"] for r in rows)
    return {
        "realisatie_ultimo": sum(r["realisatie_ultimo"] for r in rows),
        "taakstelling": quota if with_quota else None,
        "percentage_ultimo": 100 * realised / quota if quota else None,
        "nog_te_realiseren": quota - realised if with_quota else None,
        "begroting": begroting,
        "uitgaven": uitgaven,
        "percentage_besteed": 100 * uitgaven / begroting if begroting else None,
    }


def text(key: str, value: object, unit: bool = True) -> str:
    return figure(key).text(value, unit=unit)


def open_app(monkeypatch, db, keuze: Keuze, page: str, captured: list):
    """The app on `page` with the selection set in the sidebar; every table the page
    offers as a download is recorded in `captured`."""

    def record(name, title, frame, columns, total_row=False):
        captured.append((name, frame, columns, total_row))

    monkeypatch.setattr(ui, "download_buttons", record)
    at = start_app(monkeypatch, db, page, timeout=120)
    at.multiselect(key="gemeenten").set_value(list(keuze.gemeenten)).run()
    at.selectbox(key="jaar").select(keuze.jaar).run()
    at.date_input(key=f"peildatum_{keuze.jaar}").set_value(keuze.peildatum).run()
    assert not at.exception, at.exception
    return at


def table_with(at, header: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if header in d.value.columns)


def csv_frame(frame, columns) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(to_csv(frame, columns)), sep=";", decimal=",", encoding="utf-8-sig", dtype=str
    )


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split()).replace("\u2002", " ")


@pytest.mark.parametrize("keuze", SELECTIONS, ids=[k.name for k in SELECTIONS])
def test_every_surface_shows_one_value(
    keuze, sample_db, without_quota, monkeypatch, capsys, tmp_path
):
    db = without_quota if keuze.zonder_taakstelling else sample_db
    rows = report(db, keuze, capsys)
    want = contract_totals(rows)
    if keuze.zonder_taakstelling:
        assert any(r["taakstelling"] is None for r in rows)  # the case under test
    realisatie = text("realisatie_ultimo", want["realisatie_ultimo"])
    percentage = text("percentage_ultimo", want["percentage_ultimo"])
    datum = keuze.peildatum.strftime("%d-%m-%Y")

    # Overzicht: the tiles and the sentence
    captured: list = []
    at = open_app(monkeypatch, db, keuze, "Overzicht", captured)
    tiles = {m.label: m for m in at.metric}
    assert tiles[f"Realisatie op {datum}"].value == realisatie
    assert tiles[f"Realisatie op {datum}"].delta == f"{percentage} van de taakstelling"
    assert tiles[f"Taakstelling ultimo {keuze.jaar}"].value == text(
        "taakstelling", want["taakstelling"]
    )
    assert tiles[f"Begroting {keuze.jaar}"].value == text("begroting", want["begroting"])
    assert tiles[f"Uitgaven t/m {datum}"].value == text("uitgaven", want["uitgaven"])
    sentence = at.markdown[0].value
    assert f"({percentage} gerealiseerd" in sentence
    gap = want["nog_te_realiseren"]
    assert (f"nog {text('taakstelling', gap)}" if gap > 0 else text("taakstelling", -gap)) in (
        sentence
    )

    # Taakstelling: the year's row, on screen and in its download
    captured.clear()
    at = open_app(monkeypatch, db, keuze, "Taakstelling", captured)
    shown = table_with(at, figure("percentage_ultimo").header).iloc[-1]
    assert shown[figure("percentage_ultimo").header] == text(
        "percentage_ultimo", want["percentage_ultimo"], unit=False
    )
    assert shown[figure("realisatie_ultimo").header] == text(
        "realisatie_ultimo", want["realisatie_ultimo"], unit=False
    )
    # the last download offered: the one of the final selection
    name, frame, columns, _ = [c for c in captured if c[0].startswith("taakstelling_")][-1]
    exported = csv_frame(frame, columns).iloc[-1]
    assert float(exported[figure("percentage_ultimo").header].replace(",", ".")) == round(
        want["percentage_ultimo"], 1
    )

    # Begroting: the year's row of the table per year
    captured.clear()
    at = open_app(monkeypatch, db, keuze, "Begroting", captured)
    years = table_with(at, figure("kosten_per_plek").header)
    year = years[years["Jaar"] == str(keuze.jaar)].iloc[0]
    assert year[figure("begroting").header] == text("begroting", want["begroting"])
    assert year[figure("uitgaven").header] == text("uitgaven", want["uitgaven"])
    assert year[figure("percentage_besteed").header] == text(
        "percentage_besteed", want["percentage_besteed"]
    )

    # Regio: each chosen gemeente's row (and the total when all are chosen)
    captured.clear()
    at = open_app(monkeypatch, db, keuze, "Regio", captured)
    regio = table_with(at, figure("percentage_ultimo").header).set_index("Gemeente")
    names = {r["gemeente"]: r for r in rows}
    con = connect(db)
    gemeentenamen = dict(con.execute("SELECT gemeente, gemeentenaam FROM gemeenten").fetchall())
    con.close()
    for code, row in names.items():
        shown = regio.loc[gemeentenamen[code]]
        assert shown[figure("realisatie_ultimo").header] == text(
            "realisatie_ultimo", row["realisatie_ultimo"], unit=False
        )
        share = None if row["taakstelling"] is None else row["percentage_ultimo"]
        assert shown[figure("percentage_ultimo").header] == text(
            "percentage_ultimo", share, unit=False
        )
    if not keuze.gemeenten:
        total = regio.iloc[-1]
        assert total[figure("percentage_ultimo").header] == text(
            "percentage_ultimo", want["percentage_ultimo"], unit=False
        )

    # The briefing: PDF text and Excel, and the prognose beside the page's
    con = connect(db)
    try:
        document = raadsbriefing.gather(con, keuze.jaar, list(keuze.gemeenten), keuze.peildatum)
        pdf = briefing_pdf.render(document).data
        book = openpyxl.load_workbook(io.BytesIO(raadsbriefing.excel(document)))
    finally:
        con.close()
    written = pdf_text(pdf, tmp_path)
    assert f"Realisatie op {datum} {realisatie}" in written
    assert f"Realisatie als % van de taakstelling {percentage}" in written
    assert f"({percentage} gerealiseerd" in written
    kern = book["Kerncijfers"]
    sheet = dict(zip([c.value for c in kern[1]], [c.value for c in kern[2]], strict=True))
    assert sheet[figure("realisatie_ultimo").header] == want["realisatie_ultimo"]
    assert sheet[figure("percentage_ultimo").header] == round(want["percentage_ultimo"], 1)
    assert sheet[figure("begroting").header] == pytest.approx(want["begroting"])

    if document.prognose is None:  # 31 December: nothing left to forecast
        return
    captured.clear()
    at = open_app(monkeypatch, db, keuze, "Prognose & scenario's", captured)
    screen = table_with(at, figure("verwacht").header).set_index("Jaar").loc[str(keuze.jaar)]
    forecast = document.prognose.row
    for key in ("verwacht", "p10", "p90", "kans_pct"):
        assert screen[figure(key).header] == text(key, forecast[key], unit=False), key
    sentence = (
        f"Verwacht op 31 december {keuze.jaar}: {text('verwacht', forecast['verwacht'], False)}"
        f" inwoners in een beschutte dienstbetrekking (80%-band: "
        f"{text('p10', forecast['p10'], False)} tot {text('p90', forecast['p90'], False)})."
    )
    assert sentence in written
    assert f"is {text('kans_pct', forecast['kans_pct'])}." in written
    prognose = book["Prognose jaareinde"]
    cells = dict(zip([c.value for c in prognose[1]], [c.value for c in prognose[2]], strict=True))
    assert cells[figure("verwacht").header] == round(forecast["verwacht"])
    assert cells[figure("kans_pct").header] == text("kans_pct", forecast["kans_pct"])
