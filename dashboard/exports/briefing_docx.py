"""The raadsinformatiebrief as a Word document (.docx), with python-docx.

The same document as the PDF (briefing_document.document): the same sentences, tables
and chart images, in Word's own styles (Title, Heading 1, Table Grid), so the griffie
can paste it into the gemeente's template. Language nl-NL, the title in the file's
properties, and every chart with its text alternative (Word's "alt text").
"""

from __future__ import annotations

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dashboard import __version__
from dashboard.exports import raadsbriefing
from dashboard.exports.briefing_document import Chart, Document, Paragraph, Table, document
from dashboard.exports.raadsbriefing import Briefing

LANGUAGE = "nl-NL"
BLUE = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x4A, 0x5A, 0x6A)
CHART_WIDTH = Cm(16)


def render(briefing: Briefing, pictures: dict[str, bytes] | None = None) -> bytes:
    """The briefing as .docx bytes."""
    pictures = pictures if pictures is not None else raadsbriefing.pictures(briefing)
    return write(document(briefing, set(pictures)), pictures)


def write(doc: Document, pictures: dict[str, bytes]) -> bytes:
    """`doc` as .docx bytes; `pictures` are the PNGs of its charts by name."""
    word = docx.Document()
    _setup(word, doc)
    kicker = word.add_paragraph(doc.kicker.upper())
    _style(kicker.runs[0], size=8, color=BLUE)
    word.add_heading(doc.heading, level=0)
    meta = word.add_paragraph(doc.meta)
    _style(meta.runs[0], color=GREY)
    for section in doc.sections:
        if section.new_page:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.add_heading(section.title, level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph(word, block)
            elif isinstance(block, Table):
                _table(word, block)
            elif isinstance(block, Chart):
                _chart(word, block, pictures[block.name])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word: docx.document.Document, doc: Document) -> None:
    properties = word.core_properties
    properties.title = doc.title
    properties.subject = doc.meta
    properties.author = "beschut-dashboard"
    properties.comments = f"Gemaakt met beschut-dashboard versie {__version__}."
    properties.language = LANGUAGE
    normal = word.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10)
    for style in word.styles:  # every style Dutch, so spelling and screen readers know
        element = getattr(style, "element", None)
        if element is None:
            continue
        rpr = element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.6)
    footer = section.footer.paragraphs[0]
    footer.text = doc.footer
    _style(footer.runs[0], size=8, color=GREY)


def _style(run, size: float | None = None, color=None, bold: bool | None = None) -> None:
    if size is not None:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    if bold is not None:
        run.bold = bold


def _paragraph(word: docx.document.Document, block: Paragraph) -> None:
    paragraph = word.add_paragraph()
    run = paragraph.add_run(block.text)
    if block.style == "lead":
        _style(run, size=11, bold=True)
    elif block.style == "note":
        _style(run, size=8, color=GREY)


def _table(word: docx.document.Document, block: Table) -> None:
    columns = len(block.numeric)
    table = word.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = 7 if block.style in ("small", "sources") else 9
    if block.header:
        _row(table, block.header, block.numeric, size, bold=True)
        _repeat_header(table.rows[0])
    for values in block.rows:
        bold = [block.style in ("pairs", "compare") and n for n in block.numeric]
        _row(table, values, block.numeric, size, bold=bold)
    word.add_paragraph()


def _row(table, values, numeric, size: float, bold: bool | list[bool]) -> None:
    cells = table.add_row().cells
    for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(value)
        _style(run, size=size, bold=bold[i] if isinstance(bold, list) else bold)
        if numeric[i]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row) -> None:
    """The header row repeats on every page and tells screen readers it is one."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _chart(word: docx.document.Document, block: Chart, picture: bytes) -> None:
    word.add_picture(io.BytesIO(picture), width=CHART_WIDTH)
    shape = word.inline_shapes[-1]
    properties = shape._inline.docPr
    properties.set("descr", block.alt)  # Word's alt text
    properties.set("title", block.title)
    caption = word.add_paragraph(block.title)
    _style(caption.runs[0], size=8, color=GREY)
