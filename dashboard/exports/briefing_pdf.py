"""The raadsbriefing as an A4 PDF in Dutch: HTML laid out by WeasyPrint.

The figures come from raadsbriefing.gather, the sentences from briefing.py, the chart
images from images.py; every number on the page has been through suppression.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import weasyprint

from dashboard import __version__
from dashboard.exports import raadsbriefing
from dashboard.exports.briefing_document import Chart, Document, Paragraph, Section, Table, document
from dashboard.exports.raadsbriefing import Briefing

CSS = """
@page {
  size: A4;
  margin: 14mm 16mm 16mm 16mm;
  @bottom-left { content: var(--footer); font-size: 8pt; color: #4a5a6a; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages);
                  font-size: 8pt; color: #4a5a6a; }
}
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 9.5pt;
       color: #1d2a36; line-height: 1.3; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt;
          color: #1f5f8b; margin: 0; }
h1 { font-size: 18pt; margin: 2pt 0 2pt 0; }
.meta { color: #4a5a6a; margin: 0 0 6pt 0; }
p { margin: 0 0 4pt 0; }
p.lead { font-size: 11pt; font-weight: bold; border-left: 3pt solid #1f5f8b;
         padding: 3pt 0 3pt 8pt; margin: 0 0 4pt 0; }
h2 { font-size: 12pt; margin: 9pt 0 3pt 0; color: #1f5f8b; break-after: avoid; }
section.kort { break-inside: avoid; }
section.bijlage { break-before: page; break-inside: auto; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 5pt 0; }
td, th { padding: 2pt 4pt; border-bottom: 0.5pt solid #d5dde5; vertical-align: top; }
th { text-align: left; font-weight: bold; border-bottom: 1pt solid #1d2a36; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.pairs td.num, table.compare td.num { font-weight: bold; }
table.compare { width: auto; min-width: 60%; }
table.compare td:first-child { padding-right: 16pt; }
table.pairs td.after { padding-left: 14pt; }
table.small, table.sources { font-size: 7.5pt; }
table.small th { vertical-align: bottom; white-space: normal; }
table.sources td:last-child { font-family: "DejaVu Sans Mono", monospace; font-size: 5.5pt;
                              white-space: nowrap; }
figure { margin: 4pt 0 0 0; break-inside: avoid; }
figcaption { font-size: 8pt; color: #4a5a6a; }
img.chart { width: 100%; }
p.note { color: #4a5a6a; font-size: 8pt; }
"""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def render(briefing: Briefing, pictures: dict[str, bytes] | None = None) -> Pdf:
    """The briefing as PDF bytes, with its number of pages."""
    pictures = pictures if pictures is not None else raadsbriefing.pictures(briefing)
    fetcher = OwnImages({_image_url(name): picture for name, picture in pictures.items()})
    pages = weasyprint.HTML(string=html(briefing, pictures), url_fetcher=fetcher).render()
    return Pdf(pages.write_pdf(pdf_variant="pdf/ua-1"), len(pages.pages))


class OwnImages(weasyprint.URLFetcher):
    """A URL fetcher that serves only the document's own chart images: any other URL
    (a `file:` path, a web address, a data URL) is refused, so no text that reached
    the HTML can make WeasyPrint read a file or call a server."""

    def __init__(self, images: dict[str, bytes]) -> None:
        super().__init__(allowed_protocols=())
        self._images = dict(images)

    def fetch(self, url: str, headers: object = None) -> weasyprint.urls.URLFetcherResponse:
        if url not in self._images:
            raise ValueError(f"geen eigen afbeelding van het document: {url[:80]}")
        return weasyprint.urls.URLFetcherResponse(
            url, self._images[url], headers={"Content-Type": "image/png"}
        )


def _image_url(name: str) -> str:
    return f"beschut-afbeelding:{name}.png"


def html(briefing: Briefing, pictures: dict[str, bytes]) -> str:
    """The document as HTML; `pictures` are the PNGs of charts_for_export by name."""
    doc = document(briefing, set(pictures))
    body = _header(doc) + "".join(_section(section) for section in doc.sections)
    # "< 5" with an en space: read back with its space (pdftotext drops a narrow one).
    body = body.replace("&lt; ", "&lt;&#8194;")
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title>"
        f'<meta name="generator" content="beschut-dashboard {escape(__version__)}">'
        f'<meta name="description" content="{escape(doc.heading)}; {escape(doc.meta)}">'
        f"<style>{CSS.replace('var(--footer)', _css_string(doc.footer))}</style>"
        f"</head><body>{body}</body></html>"
    )


def _header(doc: Document) -> str:
    return (
        f'<p class="kicker">{escape(doc.kicker)}</p>'
        f"<h1>{escape(doc.heading)}</h1>"
        f'<p class="meta">{escape(doc.meta)}</p>'
    )


def _section(section: Section) -> str:
    short = not any(isinstance(b, Chart) for b in section.blocks) and len(section.blocks) < 5
    kind = ' class="bijlage"' if section.new_page else ' class="kort"' if short else ""
    blocks = "".join(_block(block) for block in section.blocks)
    return f"<section{kind}><h2>{escape(section.title)}</h2>{blocks}</section>"


def _block(block: Paragraph | Table | Chart) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{escape(block.text)}</p>'
    if isinstance(block, Chart):
        return (
            f'<figure><img class="chart" src="{escape(_image_url(block.name))}" '
            f'alt="{escape(block.alt)}"><figcaption>{escape(block.title)}</figcaption></figure>'
        )
    return _table(block)


def _table(table: Table) -> str:
    def cell(tag: str, value: str, numeric: bool, gap: bool) -> str:
        classes = " ".join(c for c in ("num" if numeric else "", "after" if gap else "") if c)
        attribute = f' class="{classes}"' if classes else ""
        return f"<{tag}{attribute}>{escape(value)}</{tag}>"

    def row(values: tuple[str, ...], tag: str) -> str:
        # in a table of pairs the second label starts after a gap
        gaps = [table.style == "pairs" and i == 2 for i in range(len(values))]
        cells = "".join(
            cell(tag, v, n, g) for v, n, g in zip(values, table.numeric, gaps, strict=True)
        )
        return f"<tr>{cells}</tr>"

    head = f"<thead>{row(table.header, 'th')}</thead>" if table.header else ""
    body = "".join(row(r, "td") for r in table.rows)
    return f'<table class="{table.style}">{head}<tbody>{body}</tbody></table>'


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that is safe inside <style>: every character but
    letters, digits and spaces as a CSS escape (hex digits ended by the space that the
    escape consumes), so no quote, backslash, newline or `</style>` in the data can end
    the string or the style sheet."""
    safe = (ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text)
    return '"' + "".join(safe) + '"'
