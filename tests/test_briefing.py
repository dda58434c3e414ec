"""The raadsbriefing: rendered from the sample data and read back (pdftotext, openpyxl).

The PDFs and their first pages as PNG are kept under test-artifacts/briefing to look at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, SAMPLE, chart_data, file_digest

from dashboard.cli import main
from dashboard.exports import briefing_pdf, images, raadsbriefing
from dashboard.exports.briefing import positie
from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import figure
from dashboard.store.db import connect
from dashboard.store.queries import run

ARTIFACTS = REPO / "test-artifacts" / "briefing"
MAASTRICHT = ["--gemeente", "GM0935", "--jaar", "2025", "--peildatum", "2025-09-30"]
MEERSSEN_2024 = ["--gemeente", "938", "--jaar", "2024"]  # realisatie 31-12-2024: 3


def pdf_text(path: Path) -> str:
    """The PDF's text, rows as laid out, with runs of whitespace as one space."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", " ", text)


def workbook_values(path: Path) -> list[object]:
    book = openpyxl.load_workbook(path)
    return [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]


def first_page_png(pdf: Path, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / f"{name}.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / name)],
        check=True,
    )
    return next(ARTIFACTS.glob(f"{name}-*1.png"))


def briefing(tmp: Path, sample_db: Path, name: str, *arguments: str) -> tuple[Path, Path, str]:
    pdf, xlsx = tmp / f"{name}.pdf", tmp / f"{name}.xlsx"
    code = main(
        ["briefing", "--db", str(sample_db), *arguments, "--out", str(pdf), "--excel", str(xlsx)]
    )
    assert code == 0
    return pdf, xlsx, pdf_text(pdf)


@pytest.fixture(scope="module")
def maastricht(sample_db, tmp_path_factory):
    return briefing(tmp_path_factory.mktemp("b"), sample_db, "maastricht_2025", *MAASTRICHT)


@pytest.fixture(scope="module")
def meerssen(sample_db, tmp_path_factory):
    return briefing(tmp_path_factory.mktemp("b"), sample_db, "meerssen_2024", *MEERSSEN_2024)


def totaal(db: Path, gemeenten: list[str], jaar: int, peildatum: dt.date) -> dict:
    con = connect(db)
    try:
        params = {"gemeenten": gemeenten, "jaar": jaar, "peildatum": peildatum, "versie": None}
        return run(con, "kerncijfers_totaal", **params).iloc[0].to_dict()
    finally:
        con.close()


def test_the_pdf_states_the_headline_figures_of_the_report(maastricht, sample_db, capsys):
    pdf, _, text = maastricht
    want = totaal(sample_db, ["GM0935"], 2025, dt.date(2025, 9, 30))
    assert "Nieuw beschut werk in Maastricht, 2025" in text
    assert "Peildatum 30 september 2025" in text
    sentence = positie(dt.date(2025, 9, 30), want, "Maastricht", min_aantal=5)
    assert sentence.startswith(
        "Op 30 september 2025 werken 62 inwoners van Maastricht in een beschutte "
        "dienstbetrekking; de taakstelling voor ultimo 2025 is 58,5 plekken"
    )
    assert sentence in text
    for shown in [
        f"Taakstelling ultimo 2025 {fmt.plekken(want['taakstelling'])} plekken",
        f"Realisatie op 30-09-2025 {fmt.number(want['realisatie_ultimo'])} personen",
        f"Realisatie als % van de taakstelling {fmt.percentage(want['percentage_ultimo'])}",
        f"Boven de taakstelling {fmt.plekken(-want['nog_te_realiseren'])} plekken",
        f"Begroting 2025 {fmt.euro(want['begroting'])}",
        f"Uitgaven t/m 30-09-2025 {fmt.euro(want['uitgaven'])}",
        f"Besteed van de begroting {fmt.percentage(want['percentage_besteed'])}",
    ]:
        assert shown in text
    pages = int(re.search(r"pagina 1 van (\d+)", text).group(1))
    assert 3 <= pages <= 6 and f"pagina {pages} van {pages}" in text
    first_page_png(pdf, "maastricht_2025")


def test_the_prognose_section_matches_the_model(maastricht, sample_db):
    con = connect(sample_db)
    try:
        model = raadsbriefing.gather(con, 2025, ["GM0935"], dt.date(2025, 9, 30)).prognose
    finally:
        con.close()
    row = model.row
    assert row["p10"] <= row["verwacht"] <= row["p90"]
    _, _, text = maastricht
    assert (
        f"Verwacht op 31 december 2025: {fmt.number(row['verwacht'])} inwoners in een beschutte "
        f"dienstbetrekking (80%-band: {fmt.number(row['p10'])} tot {fmt.number(row['p90'])})"
    ) in text
    assert "De kans dat de taakstelling van 58,5 plekken wordt gehaald, is" in text


def test_every_imported_file_is_traced_by_its_sha256(maastricht):
    _, _, text = maastricht
    for path in sorted(SAMPLE.glob("*.*")):
        if path.suffix in (".csv", ".xlsx"):
            assert f"{path.name} " in text and file_digest(path) in text, path.name
    assert "Gegevens tot en met 31-10-2026" in text


def test_a_count_of_three_shows_as_under_five(meerssen, sample_db):
    pdf, xlsx, text = meerssen
    want = totaal(sample_db, ["GM0938"], 2024, dt.date(2024, 12, 31))
    assert want["realisatie_ultimo"] == 3
    assert "Realisatie op 31-12-2024 < 5" in text
    assert "werken minder dan 5 inwoners van Meerssen" in text
    assert "van de taakstelling afgeschermd" in text and "Nog te realiseren afgeschermd" in text
    assert "3 personen" not in text and "3 inwoners" not in text
    assert "Aantallen van 1 tot 5 personen tonen we niet, om personen te beschermen" in text
    first_page_png(pdf, "meerssen_2024")

    book = openpyxl.load_workbook(xlsx)
    header, values = book["Kerncijfers"][1], book["Kerncijfers"][2]
    kern = {c.value: v.value for c, v in zip(header, values, strict=True)}
    assert kern[figure("realisatie_ultimo").header] == "< 5"
    assert kern[figure("percentage_ultimo").header] == "afgeschermd"
    monthly = [
        row[1] for row in book["Realisatie per maand"].iter_rows(min_row=2, values_only=True)
    ]
    assert 3 not in monthly and "< 5" in monthly
    assert all(v == "< 5" or (isinstance(v, int) and (v == 0 or v >= 5)) for v in monthly)


def test_the_workbook_holds_numbers_as_numbers(maastricht, sample_db):
    _, xlsx, _ = maastricht
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == [
        "Kerncijfers",
        "Realisatie per maand",
        "Prognose jaareinde",
        "Begroting per jaar",
        "Reservering per jaar",
        "Vooruitkijken",
        "Wachtend op plaatsing",
        "Voorschakeltrajecten",
        "Bronbestanden",
    ]
    kern = book["Kerncijfers"]
    headers = [c.value for c in kern[1]]
    values = dict(zip(headers, kern[2], strict=True))
    want = totaal(sample_db, ["GM0935"], 2025, dt.date(2025, 9, 30))
    assert values[figure("realisatie_ultimo").header].value == 62
    assert values[figure("taakstelling").header].value == pytest.approx(58.5)
    begroting = values[figure("begroting").header]
    assert begroting.value == pytest.approx(want["begroting"]) and "€" in begroting.number_format
    assert values["Peildatum"].value.date() == dt.date(2025, 9, 30)
    assert values["Peildatum"].number_format == "dd-mm-yyyy"
    years = [r for r in book["Begroting per jaar"].iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in years] == [2022, 2023, 2024, 2025]
    assert all(isinstance(v, float) for r in years for v in r[1:3])
    sources = list(book["Bronbestanden"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in sources} == {p.name for p in SAMPLE.glob("*.*") if p.suffix != ".md"}
    assert all(isinstance(r[2], int) and isinstance(r[4], dt.datetime) for r in sources)


def sample_ids() -> set[str]:
    ids = set()
    for name, columns in {
        "plaatsingen.csv": ("plaatsing_id", "persoon_id"),
        "trajecten.csv": ("traject_id", "persoon_id"),
    }.items():
        text = (SAMPLE / name).read_text(encoding="utf-8-sig")
        rows = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in text[:200] else ",")
        ids.update(row[c] for row in rows for c in columns)
    return ids


def test_no_person_or_placement_id_leaves_the_app(maastricht, meerssen, sample_db, tmp_path):
    everything = briefing(tmp_path, sample_db, "alle", "--jaar", "2026")
    ids = sample_ids()
    assert len(ids) > 500 and "PL000001" in ids
    for pdf, xlsx, text in (maastricht, meerssen, everything):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        cells = " ".join(str(v) for v in workbook_values(xlsx) if v is not None)
        for found in ids:
            assert found not in text and found not in cells and found not in info


def test_the_threshold_is_a_command_line_option(sample_db, tmp_path):
    _, xlsx, text = briefing(tmp_path, sample_db, "drempel", *MAASTRICHT, "--min-aantal", "70")
    assert "Realisatie op 30-09-2025 < 70" in text and "minder dan 70 inwoners" in text
    values = workbook_values(xlsx)
    assert "< 70" in values and 62 not in values


def test_exported_charts_do_not_draw_small_counts(sample_db):
    con = connect(sample_db)
    try:
        document = raadsbriefing.gather(con, 2024, ["GM0938"], dt.date(2024, 12, 31))
    finally:
        con.close()
    figures = raadsbriefing.charts_for_export(document)
    assert set(figures) == {"realisatie", "begroting"}  # no prognose on 31 December
    realisatie = chart_data(figures["realisatie"].to_json())[0]["y"]
    assert 3 not in realisatie and all(math.isnan(v) or v == 0 or v >= 5 for v in realisatie)
    assert "niet getoond" in figures["realisatie"].to_json()
    pictures = images.png(list(figures.values()))
    assert all(p.startswith(b"\x89PNG") for p in pictures)


def test_cli_errors_are_dutch_and_have_no_traceback(sample_db, tmp_path, capsys):
    out = str(tmp_path / "b.pdf")
    assert main(["briefing", "--db", str(sample_db), "--jaar", "2025", "--gemeente", "999",
                 "--out", out]) == 1  # fmt: skip
    assert "gemeente GM0999 heeft geen gegevens" in capsys.readouterr().err
    assert main(["briefing", "--db", str(sample_db), "--jaar", "2030", "--out", out]) == 1
    assert "kies een jaar tot en met 2026" in capsys.readouterr().err
    missing = str(tmp_path / "geen" / "map" / "b.pdf")
    assert main(["briefing", "--db", str(sample_db), "--jaar", "2025", "--out", missing]) == 1
    error = capsys.readouterr().err
    assert "kan" in error and "niet schrijven" in error and "Traceback" not in error
    with pytest.raises(SystemExit) as stop:
        main(["briefing", "--db", str(sample_db), "--jaar", "2025", "--out", out, "--min-aantal",
              "0"])  # fmt: skip
    assert stop.value.code == 2
    assert not Path(out).exists()


def test_the_pdf_renders_without_a_database_connection_open(sample_db):
    """briefing_pdf, briefing_docx and briefing_document only lay out what gather
    found: no SQL, no figures of their own."""
    for name in ("briefing_pdf.py", "briefing_docx.py", "briefing_document.py"):
        source = (REPO / "dashboard" / "exports" / name).read_text(encoding="utf-8")
        assert "SELECT" not in source and not re.search(r"(?<![\w.])run\(", source), name
        assert "queries" not in source and "duckdb" not in source, name
    con = connect(sample_db)
    document = raadsbriefing.gather(con, 2026, [])
    con.close()
    assert 3 <= briefing_pdf.render(document).pages <= 6
