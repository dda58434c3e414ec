"""The raadsinformatiebrief in PDF and Word, read back (pdftotext, python-docx).

Each selection is written by `beschut briefing --out --docx`; both files must hold
every section of the brief, the same paragraphs, and the figures that the named
queries give for the same selection, in the catalogue's text. Small counts and person
ids never appear; the PDF is tagged, Dutch, titled, and every chart has alt text (in
the PDF and in Word). The pages are kept as PNG under test-artifacts/briefing.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zlib
from functools import partial
from pathlib import Path

import docx
import pytest
from conftest import REPO
from test_briefing import sample_ids

from dashboard.cli import main
from dashboard.exports import briefing_document, raadsbriefing
from dashboard.forecasting import forecast
from dashboard.metrics.catalogue import figure
from dashboard.store.db import connect
from dashboard.store.queries import run

ARTIFACTS = REPO / "test-artifacts" / "briefing"
SECTIONS = (
    "Conclusie",
    "Waar staan we",
    "Wat is de taakstelling",
    "De weg naar binnen: voorschakeltrajecten en wachtenden",
    "Vooruitkijken naar",
    "Het geld: de reservering over de jaren",
    "Bijlage: Verantwoording",
)
SELECTIONS = {
    "maastricht_2025": (["GM0935"], 2025, dt.date(2025, 9, 30)),
    "regio_2026": (["GM0935", "GM0938", "GM1903"], 2026, dt.date(2026, 10, 31)),
    "meerssen_2024": (["GM0938"], 2024, dt.date(2024, 12, 31)),
}


def flat(text: str) -> str:
    return " ".join(text.replace("\u2002", " ").split())


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], check=True, capture_output=True, text=True
    )
    return flat(out.stdout)


def docx_text(path: Path) -> str:
    """Paragraphs and table cells in document order."""
    word = docx.Document(str(path))
    parts = [p.text for p in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return flat(" ".join(parts))


def write(db: Path, tmp: Path, name: str, *extra: str) -> tuple[Path, Path]:
    codes, jaar, peildatum = SELECTIONS[name]
    pdf, word = tmp / f"{name}.pdf", tmp / f"{name}.docx"
    argv = ["briefing", "--db", str(db), "--jaar", str(jaar)]
    argv += ["--peildatum", peildatum.isoformat(), "--out", str(pdf), "--docx", str(word)]
    for code in codes:
        argv += ["--gemeente", code]
    assert main([*argv, *extra]) == 0
    return pdf, word


@pytest.fixture(scope="module")
def written(sample_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rib")
    return {name: write(sample_db, tmp, name) for name in SELECTIONS}


def expected(sample_db, name: str) -> dict:
    """The figures of the selection straight from the named queries."""
    codes, jaar, peildatum = SELECTIONS[name]
    con = connect(sample_db)
    try:
        params = {"gemeenten": codes, "jaar": jaar, "peildatum": peildatum}
        return {
            "kern": run(con, "kerncijfers_totaal", versie=None, **params).iloc[0],
            "wachtend": run(con, "wachtend_op_plaatsing", gemeenten=codes, peildatum=peildatum),
            "reservering": forecast.reservering(partial(run, con), codes, peildatum),
            "document": raadsbriefing.gather(con, jaar, codes, peildatum),
        }
    finally:
        con.close()


@pytest.mark.parametrize("name", SELECTIONS)
def test_every_section_is_in_both_documents_with_the_same_paragraphs(written, sample_db, name):
    pdf, word = written[name]
    in_pdf, in_word = pdf_text(pdf), docx_text(word)
    for title in SECTIONS:
        assert title in in_pdf and title in in_word, title
    document = briefing_document.document(expected(sample_db, name)["document"])
    paragraphs = [
        flat(block.text)
        for section in document.sections
        for block in section.blocks
        if isinstance(block, briefing_document.Paragraph) and "Opgesteld op" not in block.text
    ]
    assert len(paragraphs) > 12
    # pdftotext joins a word broken at its hyphen ("Eijsden-" / "Margraten")
    unbroken = in_pdf.replace("-", "")
    for paragraph in paragraphs:
        assert paragraph in in_word, paragraph
        assert paragraph in in_pdf or paragraph.replace("-", "") in unbroken, paragraph
    # the conclusion and what the taakstelling is are on page 1, the bijlage at the end
    first = pdf_text(pdf, 1, 1)
    assert "Conclusie" in first and "Wat is de taakstelling" in first
    assert "Bijlage: Verantwoording" not in pdf_text(pdf, 1, 2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(ARTIFACTS / name)], check=True)


def test_headline_and_last_years_figures_equal_the_queries(written, sample_db):
    pdf, word = written["maastricht_2025"]
    want = expected(sample_db, "maastricht_2025")
    kern = want["kern"]
    assert kern["status"] == "op koers"
    for text in (pdf_text(pdf), docx_text(word)):
        assert "Maastricht ligt op koers voor de taakstelling van 2025" in text
        assert "Op koers" in text or "op koers" in text
        assert "Regel: trek een rechte lijn" in text
        now = figure("realisatie_ultimo").text(kern["realisatie_ultimo"])
        before = figure("realisatie_vorig_jaar").text(kern["realisatie_vorig_jaar"])
        row = f"Realisatie op 30-09-2025 {now} {before}"
        assert row in text
        assert (
            f"Taakstelling ultimo 2025 {figure('taakstelling').text(kern['taakstelling'])} "
            f"{figure('taakstelling_vorig_jaar').text(kern['taakstelling_vorig_jaar'])}"
        ) in text
        assert "Een jaar eerder: 31-12-2024" in text
        assert (
            f"werkten {figure('realisatie_vorig_jaar').text(kern['realisatie_vorig_jaar'], False)}"
            " inwoners in beschut werk"
        ) in text
        assert "Regeling vaststelling aantallen beschut werk" in text
        assert "laatste vangnet" in text and "loonkostensubsidie" in text


def test_the_gap_reads_in_whole_persons(written, sample_db, tmp_path):
    pdf, word = written["meerssen_2024"]
    kern = expected(sample_db, "meerssen_2024")["kern"]
    assert kern["nog_te_realiseren"] == pytest.approx(3.9)
    # realisatie 3 is under the threshold: the gap would give it away
    for text in (pdf_text(pdf), docx_text(word)):
        assert "Nog te realiseren afgeschermd" in text
        assert "Nog te plaatsen afgeschermd" in text
        assert "nog 4 personen" not in text
    with_low = write(sample_db, tmp_path, "meerssen_2024", "--min-aantal", "2")
    for text in (pdf_text(with_low[0]), docx_text(with_low[1])):
        assert "moeten er nog 4 personen bij komen" in text  # 3,9 plekken: 4 persons
        assert "Nog te plaatsen 4 personen" in text


def test_the_waiting_list_and_the_trajecten_equal_the_queries(written, sample_db):
    pdf, word = written["maastricht_2025"]
    wachtend = expected(sample_db, "maastricht_2025")["wachtend"].iloc[0]
    assert wachtend["wachtend"] >= 5
    sentence = (
        f"wachten {figure('wachtend').text(wachtend['wachtend'])} met een positief advies "
        "beschut werk nog op een dienstbetrekking. De helft wacht korter dan "
        f"{figure('mediaan_wachtdagen').text(wachtend['mediaan_wachtdagen'])}"
    )
    longest = figure("langste_wachtdagen").text(wachtend["langste_wachtdagen"])
    for text in (pdf_text(pdf), docx_text(word)):
        assert sentence in text and f"de langste wachttijd is {longest}" in text
        assert "Loopt nog" in text and "Beschut werk" in text


def test_the_multi_year_reservation_equals_forecast_reservering(written, sample_db):
    for name in ("maastricht_2025", "regio_2026"):
        pdf, word = written[name]
        frame = expected(sample_db, name)["reservering"]
        assert frame["jaar"].iloc[0] == 2024
        texts = (pdf_text(pdf), docx_text(word))
        for row in frame.itertuples():
            for text in texts:
                assert figure("begroting").text(row.begroting) in text, row.jaar
                if row.periode != "toekomst":
                    assert figure("uitgaven").text(row.uitgaven) in text, row.jaar
                    assert figure("cumulatief_verschil").text(row.cumulatief_verschil) in text
        later = frame[frame["periode"] == "toekomst"]
        for row in later.itertuples():
            cost = figure("kosten_geladen").text(row.kosten_geladen)
            for text in texts:
                assert f"Voor {row.jaar} is {figure('begroting').text(row.begroting)}" in text
                assert cost in text


def test_looking_ahead_names_next_years_taakstelling_band_and_extra(written, sample_db):
    pdf, word = written["maastricht_2025"]
    document = expected(sample_db, "maastricht_2025")["document"]
    nxt = document.vooruit.set_index("jaar").loc[2026]
    for text in (pdf_text(pdf), docx_text(word)):
        quota = figure("taakstelling").text(nxt["taakstelling"])
        assert f"De taakstelling voor ultimo 2026 is {quota}" in text
        assert (
            f"Verwacht op 31 december 2026: {figure('verwacht').text(nxt['verwacht'], False)} "
            f"inwoners in een beschutte dienstbetrekking (80%-band: "
            f"{figure('p10').text(nxt['p10'], False)} tot {figure('p90').text(nxt['p90'], False)})"
        ) in text
        assert "Voor 80% kans op de taakstelling van 2026" in text
        assert "verder dan twaalf maanden vooruit is minder zeker" in text
    # a selection that needs extra plaatsingen: whole persons per year
    meerssen = expected(sample_db, "meerssen_2024")["document"].vooruit.iloc[0]
    assert meerssen["extra_per_maand"] > 0
    per_jaar = int(forecast.nodig(meerssen["extra_per_maand"])[0])
    pdf, word = written["meerssen_2024"]
    for text in (pdf_text(pdf), docx_text(word)):
        assert f"{figure('nodig_per_jaar').text(per_jaar)} per jaar" in text


def test_no_small_count_and_no_person_id_in_either_document(written, sample_db, tmp_path):
    """With the threshold at 70 every count of persons of Maastricht is small."""
    pdf, word = write(sample_db, tmp_path, "maastricht_2025", "--min-aantal", "70")
    want = expected(sample_db, "maastricht_2025")
    kern, wachtend = want["kern"], want["wachtend"].iloc[0]
    ids = sample_ids()
    for text in (pdf_text(pdf), docx_text(word)):
        assert "< 70" in text and "afgeschermd" in text
        for key, value in (
            ("realisatie_ultimo", kern["realisatie_ultimo"]),
            ("realisatie_vorig_jaar", kern["realisatie_vorig_jaar"]),
            ("wachtend", wachtend["wachtend"]),
        ):
            assert figure(key).text(value) not in text, key
        assert figure("mediaan_wachtdagen").text(wachtend["mediaan_wachtdagen"]) not in text
        assert f"{kern['realisatie_ultimo']} inwoners" not in text
        assert "tonen we niet, om personen te beschermen" in text
        assert not any(found in text for found in ids)
    for name, (pdf, word) in written.items():
        texts = pdf_text(pdf) + docx_text(word)
        assert not any(found in texts for found in ids), name


def pdf_objects(path: Path) -> bytes:
    """The PDF with its compressed streams inflated, to read its catalogue and tags."""
    data = path.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end() : end].rstrip(b"\r\n")))
        except zlib.error:
            continue
    return b"\n".join(parts)


def alt_texts(objects: bytes) -> list[str]:
    """The /Alt entries of the structure tree: a literal string, or UTF-16 in hex."""
    found = []
    for match in re.finditer(rb"/Alt\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9a-fA-F]+)>)", objects):
        literal, hexed = match.groups()
        found.append(
            bytes.fromhex(hexed.decode()).decode("utf-16") if hexed else literal.decode("latin-1")
        )
    return found


def test_the_pdf_is_tagged_dutch_titled_and_every_chart_has_alt_text(written):
    for name, (pdf, word) in written.items():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Tagged:\s+yes", info), name
        assert re.search(r"Title:\s+Raadsinformatiebrief nieuw beschut werk", info), name
        objects = pdf_objects(pdf)
        assert b"/Lang (nl)" in objects, name
        structure = subprocess.run(
            ["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True
        ).stdout
        figures = structure.count("Figure")
        alts = alt_texts(objects)
        assert figures >= 2 and len(alts) == figures, (name, figures, alts)
        assert all(re.match(r"(Lijn|Staaf)?[Gg]rafiek van de", alt) for alt in alts), alts
        assert any("Staafgrafiek van de begroting" in alt for alt in alts), alts
        # Word: Dutch, titled, and every picture described
        document = docx.Document(str(word))
        assert document.core_properties.title.startswith("Raadsinformatiebrief nieuw beschut")
        assert document.core_properties.language == "nl-NL"
        normal = document.styles["Normal"].element.rPr.find(docx.oxml.ns.qn("w:lang"))
        assert normal.get(docx.oxml.ns.qn("w:val")) == "nl-NL"
        shapes = document.inline_shapes
        assert len(shapes) == figures
        assert all(len(s._inline.docPr.get("descr", "")) > 40 for s in shapes), name


def test_the_word_file_holds_the_same_tables_as_the_pdf(written, sample_db):
    pdf, word = written["regio_2026"]
    document = briefing_document.document(expected(sample_db, "regio_2026")["document"])
    tables = [
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, briefing_document.Table)
    ]
    cells = [
        [[c.text for c in row.cells] for row in table.rows] for table in docx.Document(word).tables
    ]
    assert len(cells) == len(tables)
    in_pdf = pdf_text(pdf)
    for table, shown in zip(tables, cells, strict=True):
        want = [list(table.header)] if table.header else []
        assert shown == want + [list(r) for r in table.rows]
        for row in table.rows:
            for value in row:
                if value and table.style != "sources":
                    assert flat(value) in in_pdf or flat(value).split()[0] in in_pdf, value
