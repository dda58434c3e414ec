"""Files as real systems export them load with exactly the figures of the clean file:
Windows-1252 CSV, title lines above the column names, the data on another sheet, the
Staatscourant annex as printed (title and 'Som' row), .xls and .ods."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import odf.opendocument
import odf.table
import odf.text
import openpyxl
import pytest
import xlwt
from conftest import PLAATSINGEN_HEADER, csv_lines, file_digest, source, write_folder

from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, inspect, load
from dashboard.ingest.problems import InputError
from dashboard.ingest.upload import check_upload, preview
from dashboard.store.db import connect

PLAATSINGEN = [
    PLAATSINGEN_HEADER.split(","),
    ["A1", "p1", "GM1900", "beschut_werk", "2024-03-01", "", "25.5", "Café De Één", "2100.5"],
    ["A2", "p2", "GM1900", "beschut_werk", "2023-01-31", "2024-12-31", "32", "Bakkerij", ""],
    ["A3", "p3", "GM0935", "jobcoaching", "2024-02-01", "", "16", "Zörg BV", "300"],
    ["A4", "p4", "GM0935", "beschut_werk", "2022-05-01", "", "36", "MOB", "1999.99"],
]
TAAKSTELLING = [
    ["gemeente", "jaar", "taakstelling", "gemeentenaam"],
    ["GM1900", "2024", "12.5", "Súdwest-Fryslân"],
    ["GM0935", "2024", "55.8", "Maastricht"],
]
ANNEX = [
    ["CBS-code", "Gemeente", "Ultimo 2024"],
    ["1900", "Súdwest-Fryslân", "12.5"],
    ["935", "Maastricht", "55.8"],
]
TITLE = [["Rapportage beschut werk"], ["Peildatum: 31-12-2024"], []]
DATA_TABLES = ("plaatsingen", "taakstelling", "trajecten", "begroting", "uitgaven")


def typed(rows: list[list[str]]) -> list[list[object]]:
    """Cells as a spreadsheet stores them: numbers as numbers."""
    return [[float(c) if c.replace(".", "").isdigit() else c for c in row] for row in rows]


def csv_text(rows: list[list[str]], separator: str = ",") -> str:
    return csv_lines(*(separator.join(row) for row in rows))


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls(rows: list[list[object]], title: str = "Blad1") -> bytes:
    book = xlwt.Workbook()
    sheet = book.add_sheet(title)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(rows: list[list[object]], title: str = "Blad1") -> bytes:
    document = odf.opendocument.OpenDocumentSpreadsheet()
    table = odf.table.Table(name=title)
    for row in rows:
        line = odf.table.TableRow()
        for value in row:
            if isinstance(value, int | float):
                cell = odf.table.TableCell(valuetype="float", value=value)
            else:
                cell = odf.table.TableCell(valuetype="string")
            cell.addElement(odf.text.P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def loaded(tmp_path: Path, name: str, files: dict[str, str | bytes]) -> Path:
    db = tmp_path / f"{name}.duckdb"
    load(db, files_in_folder(write_folder(tmp_path / name, files)), source=name)
    return db


def contents(db: Path) -> dict[str, list[tuple]]:
    con = connect(db)
    try:
        out = {}
        for table in DATA_TABLES:
            columns = [c for c in con.table(table).columns if c != "regel"]
            out[table] = con.sql(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL"
            ).fetchall()
        return out
    finally:
        con.close()


def report(db: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--jaar", "2024", "--format", "json"]) == 0
    return capsys.readouterr().out


@pytest.fixture
def clean(tmp_path, capsys):
    db = loaded(
        tmp_path,
        "clean",
        {"plaatsingen.csv": csv_text(PLAATSINGEN), "taakstelling.csv": csv_text(TAAKSTELLING)},
    )
    return contents(db), report(db, capsys)


def assert_same_figures(tmp_path, capsys, clean, name: str, files: dict[str, str | bytes]):
    db = loaded(tmp_path, name, files)
    assert contents(db) == clean[0]
    assert report(db, capsys) == clean[1]
    assert clean[0]["plaatsingen"] and clean[0]["taakstelling"], "nothing to compare"


# --- Windows-1252 -------------------------------------------------------------------


def test_a_windows_1252_csv_loads_with_its_names_intact(tmp_path, capsys, clean):
    files = {
        "plaatsingen.csv": csv_text(PLAATSINGEN, ";").replace(".", ",").encode("cp1252"),
        "taakstelling.csv": csv_text(TAAKSTELLING, ";").replace(".", ",").encode("cp1252"),
    }
    with pytest.raises(UnicodeDecodeError):
        files["taakstelling.csv"].decode("utf-8")  # the test file is really not UTF-8
    assert_same_figures(tmp_path, capsys, clean, "cp1252", files)
    con = connect(tmp_path / "cp1252.duckdb")
    try:
        names = con.sql("SELECT gemeentenaam FROM taakstelling ORDER BY 1").fetchall()
        logged = con.sql("SELECT bestand, codering FROM import_bestand ORDER BY 1").fetchall()
    finally:
        con.close()
    assert names == [("Maastricht",), ("Súdwest-Fryslân",)]
    assert logged == [("plaatsingen.csv", "Windows-1252"), ("taakstelling.csv", "Windows-1252")]
    shown = preview(check_upload([source(n, d) for n, d in files.items()], 50))
    assert shown["codering"].tolist() == ["Windows-1252", "Windows-1252"]
    utf8 = preview(check_upload([source("taakstelling.csv", csv_text(TAAKSTELLING))], 50))
    assert utf8["codering"].tolist() == ["UTF-8"]


@pytest.mark.parametrize(
    "content",
    [
        b"gemeente,jaar,taakstelling\nGM0935,2024,5\nGM0981,2024,1\x81\n",  # undefined byte
        b"gemeente,jaar,taakstelling\nGM0935,2024,5\xe9\x02\n",  # a control character
    ],
)
def test_a_file_that_is_neither_utf8_nor_windows_1252_is_refused(tmp_path, content):
    db = tmp_path / "x.duckdb"
    with pytest.raises(InputError) as caught:
        load(db, [source("taakstelling.csv", content)], source="test")
    (problem,) = caught.value.problems
    assert "de tekst is geen geldige UTF-8; sla het bestand op als 'CSV UTF-8'" in str(problem)
    assert not db.exists()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_text_export_is_refused_saying_what_it_is(tmp_path, codec):
    """Excel's 'Unicode-tekst' is UTF-16 with a byte-order mark: named as such, not as
    a binary file."""
    content = (
        "\ufeff" + csv_text(TAAKSTELLING, "\t")
        if codec == "utf-16-be"
        else csv_text(TAAKSTELLING, "\t")
    )
    db = tmp_path / "x.duckdb"
    with pytest.raises(InputError) as caught:
        load(db, [source("taakstelling.csv", content.encode(codec))], source="test")
    assert [str(p) for p in caught.value.problems] == [
        "taakstelling.csv, regel 1, kolom (hele bestand): de tekst is UTF-16 (Excel's "
        "'Unicode-tekst'), geen UTF-8; sla het bestand op als 'CSV UTF-8'"
    ]
    assert not db.exists()


# --- lines above the column names ---------------------------------------------------


@pytest.mark.parametrize("separator", [",", ";"])
def test_title_lines_above_the_header_are_skipped_and_named(tmp_path, capsys, clean, separator):
    title = csv_text(TITLE, separator).replace("\n\n", "\n" + separator * 3 + "\n")
    files = {
        "plaatsingen.csv": title + csv_text(PLAATSINGEN, separator),
        "taakstelling.csv": "\ufeff" + title + csv_text(TAAKSTELLING, separator),
    }
    if separator == ";":
        files = {name: text.replace(".", ",") for name, text in files.items()}
    assert_same_figures(tmp_path, capsys, clean, "titel", files)
    shown = preview(check_upload([source(n, d) for n, d in files.items()], 50))
    assert shown["opmerkingen"].tolist() == ["3 regels boven de kolomnamen overgeslagen"] * 2


@pytest.mark.parametrize("plain", [True, False], ids=["fast path", "csv module"])
def test_problems_after_title_lines_keep_the_files_own_line_numbers(plain):
    rows = [*PLAATSINGEN, ["A5", "p5", "GM0935", "beschut_werk", "2024-02-30", "", "1", "", ""]]
    text = csv_text(TITLE) + csv_text(rows)
    if not plain:
        text = text.replace("Café De Één", '"Café, De Één"')  # quotes: the csv module reads it
    (checked,) = inspect([source("plaatsingen.csv", text)])
    assert [str(p) for p in checked.problems] == [
        "plaatsingen.csv, regel 9, kolom startdatum: '2024-02-30' is geen bestaande datum"
    ]
    missing = csv_text(TITLE) + "plaatsing_id,persoon_id\nA1,p1\n"
    (checked,) = inspect([source("plaatsingen.csv", missing)])
    assert checked.problems[0].line == 1  # no header found: line 1 is named the header


def test_title_rows_above_the_header_in_a_workbook(tmp_path, capsys, clean):
    files = {
        "plaatsingen.xlsx": xlsx({"Blad1": [*TITLE, *PLAATSINGEN]}),
        "taakstelling.xlsx": xlsx({"Blad1": [*TITLE, *typed(TAAKSTELLING)]}),
    }
    assert_same_figures(tmp_path, capsys, clean, "titel_xlsx", files)
    bad = [*TITLE, *PLAATSINGEN, ["A5", "p5", "GM0935", "beschut_werk", "2024-02-30", "", 1]]
    (checked,) = inspect([source("plaatsingen.xlsx", xlsx({"Blad1": bad}))])
    assert [(p.line, p.column) for p in checked.problems] == [(9, "startdatum")]


# --- the right sheet ------------------------------------------------------------------


def test_the_sheet_with_the_columns_is_read_when_the_first_is_an_explanation(
    tmp_path, capsys, clean
):
    explanation = [["Toelichting"], ["Dit bestand bevat de plaatsingen van 2024."]]
    files = {
        "plaatsingen.xlsx": xlsx({"Toelichting": explanation, "Gegevens": PLAATSINGEN}),
        "taakstelling.xlsx": xlsx(
            {"Uitleg": explanation, "Blad2": TAAKSTELLING[:2], "Taakstelling": TAAKSTELLING}
        ),
    }
    assert_same_figures(tmp_path, capsys, clean, "bladen", files)
    shown = preview(check_upload([source(n, d) for n, d in files.items()], 50))
    assert shown["opmerkingen"].tolist() == [
        "werkblad 'Gegevens' gelezen",
        "werkblad 'Taakstelling' gelezen",
    ]


def test_two_sheets_with_the_columns_are_refused_naming_them(tmp_path):
    book = xlsx({"Uitleg": [["x"]], "2023": PLAATSINGEN, "2024": PLAATSINGEN})
    db = tmp_path / "x.duckdb"
    with pytest.raises(InputError) as caught:
        load(db, [source("plaatsingen.xlsx", book)], source="test")
    assert [str(p) for p in caught.value.problems] == [
        "plaatsingen.xlsx, regel 1, kolom (hele bestand): meer dan één werkblad heeft de "
        "kolommen van plaatsingen: '2023', '2024'; laat er één over of noem het werkblad "
        "met de gegevens 'plaatsingen'"
    ]
    assert not db.exists()


# --- the Staatscourant annex as printed -----------------------------------------------


@pytest.mark.parametrize("total_row", [["", "Som", "68.3"], ["Totaal", "", "68.3"]])
def test_the_annex_as_printed_loads_and_names_its_total_row(tmp_path, capsys, clean, total_row):
    annex = [["Bijlage behorende bij de Regeling vaststelling aantallen beschut werk"]]
    annex += [*ANNEX, total_row]
    files = {
        "plaatsingen.csv": csv_text(PLAATSINGEN),
        "taakstelling.csv": csv_text(annex, ";").replace(".", ","),
    }
    assert_same_figures(tmp_path, capsys, clean, "annex", files)
    upload = check_upload([source(n, d) for n, d in files.items()], 50)
    assert not upload.warnings
    label = total_row[0] or total_row[1]
    assert preview(upload)["opmerkingen"].tolist()[1] == (
        f"1 regel boven de kolomnamen overgeslagen; totaalregel '{label}' op regel 5 overgeslagen"
    )


def test_a_total_row_that_is_not_the_sum_is_a_warning(tmp_path, capsys, clean):
    annex = typed([["Bijlage"], *ANNEX, ["", "Som", "70"]])
    files = {"plaatsingen.csv": csv_text(PLAATSINGEN), "taakstelling.xlsx": xlsx({"B": annex})}
    upload = check_upload([source(n, d) for n, d in files.items()], 50)
    assert upload.ready  # a warning, not a refusal
    assert [str(w) for w in upload.warnings] == [
        "taakstelling.xlsx, regel 5, kolom ultimo 2024: de totaalregel noemt 70, de som van "
        "de gemeenten is 68,3; de regels van de gemeenten zijn geladen"
    ]
    assert_same_figures(tmp_path, capsys, clean, "annex_fout", files)
    folder = write_folder(tmp_path / "cli", files)
    assert main(["load", str(folder), "--db", str(tmp_path / "cli.duckdb")]) == 0
    assert "  let op: taakstelling.xlsx, regel 5, kolom ultimo 2024: de totaalregel noemt 70" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_lines_of_the_annex_without_code_or_figures_are_skipped_and_named(
    tmp_path, capsys, clean, kind
):
    """A province heading between the rows and a source line under the table, as the
    printed annex has them, carry no figure: skipped and named."""
    annex = [ANNEX[0], ["", "Friesland", ""], ANNEX[1], ANNEX[2], ["", "Som", "68.3"]]
    annex += [["", "", ""], ["Bron: Staatscourant 2023, nr. 35012", "", ""]]
    if kind == "csv":
        taakstelling = {"taakstelling.csv": csv_text(annex, ";").replace(".", ",")}
    else:
        taakstelling = {"taakstelling.xlsx": xlsx({"Bijlage": typed(annex)})}
    files = {"plaatsingen.csv": csv_text(PLAATSINGEN), **taakstelling}
    assert_same_figures(tmp_path, capsys, clean, f"annex_{kind}", files)
    upload = check_upload([source(n, d) for n, d in files.items()], 50)
    assert not upload.warnings
    notes = preview(upload)["opmerkingen"].tolist()[1]
    assert notes.endswith(
        "totaalregel 'Som' op regel 5 overgeslagen; regels 2 en 7 zonder CBS-code en "
        "zonder aantallen overgeslagen"
    ), notes


def test_an_annex_line_with_a_figure_but_no_code_is_still_refused():
    annex = [*ANNEX, ["", "Friesland", "12.5"], ["Bron: Staatscourant", "", "3"]]
    (checked,) = inspect([source("taakstelling.csv", csv_text(annex))])
    assert [str(p) for p in checked.problems] == [
        "taakstelling.csv, regel 4, kolom cbs-code: verplichte waarde ontbreekt (lege cel)",
        "taakstelling.csv, regel 5, kolom cbs-code: 'Bron: Staatscourant' is geen gemeentecode "
        "(verwacht GMnnnn, nnnn of nnn)",
    ]


# --- other spreadsheet formats ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_xls_and_ods_load(tmp_path, capsys, clean, kind):
    write = xls if kind == "xls" else ods
    files = {
        f"plaatsingen.{kind}": write(PLAATSINGEN),
        f"Taakstelling.{kind}": write(typed(TAAKSTELLING)),
    }
    assert_same_figures(tmp_path, capsys, clean, kind, files)


# --- the Data page: a corrected file replaces the earlier one -------------------------


def test_a_corrected_file_with_the_same_name_replaces_the_earlier_one():
    bad = source("plaatsingen.csv", csv_text(PLAATSINGEN).replace("2024-03-01", "2024-02-30"))
    good = source("plaatsingen.csv", csv_text(PLAATSINGEN))
    other = source("taakstelling.csv", csv_text(TAAKSTELLING))
    upload = check_upload([bad, other, good], 50)
    assert upload.ready, upload.problems
    assert [c.file for c in upload.checked] == [good, other]
    assert preview(upload)["bestand"].tolist() == ["plaatsingen.csv", "taakstelling.csv"]


# --- hostile workbooks (issue 12) ---------------------------------------------------------


def _rewritten(book: bytes, change) -> bytes:
    """The workbook with its first sheet's XML changed."""
    source_zip = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source_zip.infolist():
            data = source_zip.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(part.filename, data)
    return out.getvalue()


def far_cell(dimension: bool) -> bytes:
    def change(xml: bytes) -> bytes:
        start = xml.index(b"<dimension")
        end = xml.index(b"/>", start) + 2
        declared = b'<dimension ref="A1:XFD1048576"/>' if dimension else b""
        xml = xml[:start] + declared + xml[end:]
        far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    return _rewritten(xlsx({"Blad1": PLAATSINGEN}), change)


def zip_bomb() -> bytes:
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'

    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", row * 400_000 + b"</sheetData>")

    return _rewritten(xlsx({"Blad1": PLAATSINGEN}), change)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: far_cell(dimension=True), "het Excel-bestand heeft een werkblad dat zegt"),
        (lambda: far_cell(dimension=False), "het Excel-bestand vraagt meer geheugen"),
        (zip_bomb, "het Excel-bestand heeft een onderdeel xl/worksheets/sheet1.xml dat uitpakt"),
    ],
    ids=["declared XFD1048576", "a cell at XFD1048576", "zip bomb"],
)
def test_a_hostile_workbook_is_refused_and_the_process_lives(tmp_path, make, expected):
    data = make()
    assert len(data) < 200_000  # a small file
    db = loaded(tmp_path, "voor", {"taakstelling.csv": csv_text(TAAKSTELLING)})
    before = file_digest(db)
    with pytest.raises(InputError) as caught:
        load(db, [source("plaatsingen.xlsx", data)], source="test")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, "(hele bestand)")
    assert problem.message.startswith(expected), problem.message
    assert file_digest(db) == before


GEMEENTEN = [
    ["code", "naam", "inwoners"],
    ["935", "Maastricht", "122.378"],
    ["1900", "Súdwest-Fryslân", "90.614"],
    ["938", "Meerssen", "18863"],
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gemeenten.csv", csv_text(GEMEENTEN, ",")),
        ("gemeenten.csv", csv_text(GEMEENTEN, "\t")),
        # quoted: the csv module reads it, and the general parser the column
        ("gemeenten.csv", csv_text([*GEMEENTEN, ["14", "Groningen", '"1.000"']], ",")),
        ("gemeenten.xlsx", xlsx({"Blad1": GEMEENTEN})),  # the numbers as text cells
    ],
    ids=["comma", "tab", "quoted", "xlsx text"],
)
def test_thousands_points_in_a_column_of_whole_numbers_read_as_such(name, content):
    """`122.378` inwoners is 122378 whatever the separator: a fraction cannot be meant
    in a column of whole numbers (and is refused there, see below)."""
    (checked,) = inspect([source(name, content)])
    assert checked.problems == ()
    inwoners = checked.result.rows.set_index("code")["inwoners"].to_dict()
    assert inwoners["GM0935"] == 122378 and inwoners["GM1900"] == 90614
    assert inwoners["GM0938"] == 18863


@pytest.mark.parametrize("separator", ["\t", ";"])
def test_a_fraction_in_a_column_of_whole_numbers_is_still_refused(separator):
    rows = [GEMEENTEN[0], ["935", "Maastricht", "1,5"]]
    (checked,) = inspect([source("gemeenten.csv", csv_text(rows, separator))])
    (problem,) = checked.problems
    assert str(problem).startswith("gemeenten.csv, regel 2, kolom inwoners: '1,5'"), problem
