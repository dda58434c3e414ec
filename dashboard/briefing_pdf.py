"""The raadsbriefing as an A4 PDF in Dutch: HTML laid out by WeasyPrint.

The figures come from raadsbriefing.gather, the sentences from briefing.py, the chart
images from images.py; every number on the page has been through suppression.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

import pandas as pd
import weasyprint

from . import __version__, catalogue, images, suppression
from . import formatting as fmt
from . import prognose as pg
from .briefing import positie, prognose_zin
from .raadsbriefing import KERNCIJFERS, TRAJECTEN, Briefing, charts_for_export, kerncijfers_frame

CSS = """
@page {
  size: A4;
  margin: 14mm 16mm 16mm 16mm;
  @bottom-left { content: var(--footer); font-size: 8pt; color: #6b7b8c; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages);
                  font-size: 8pt; color: #6b7b8c; }
}
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10pt;
       color: #1d2a36; line-height: 1.35; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt;
          color: #1f5f8b; margin: 0; }
h1 { font-size: 19pt; margin: 2pt 0 2pt 0; }
.meta { color: #4a5a6a; margin: 0 0 10pt 0; }
.lead { font-size: 10.5pt; border-left: 3pt solid #1f5f8b; padding: 4pt 0 4pt 9pt;
        margin: 0 0 10pt 0; }
h2 { font-size: 12.5pt; margin: 10pt 0 3pt 0; color: #1f5f8b; break-after: avoid; }
section { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 2.5pt 5pt; border-bottom: 0.5pt solid #d5dde5; vertical-align: top; }
th { text-align: left; font-weight: bold; border-bottom: 1pt solid #1d2a36; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1pt solid #1d2a36; }
tr.total td.gap, tr.total td:empty { border: none; }
table.kern td { font-size: 10.5pt; }
table.kern td.num { font-weight: bold; }
table.kern td.gap { border: none; width: 6mm; }
img.chart { width: 100%; margin: 2pt 0 0 0; }
p.note { color: #4a5a6a; font-size: 8.5pt; margin: 3pt 0; }
table.bronnen { font-size: 7.5pt; }
table.bronnen td.sha { font-family: "DejaVu Sans Mono", monospace; font-size: 6pt;
                       white-space: nowrap; }
.verantwoording { break-before: auto; }
"""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def render(briefing: Briefing) -> Pdf:
    """The briefing as PDF bytes, with its number of pages."""
    figures = charts_for_export(briefing)
    pictures = dict(zip(figures, images.png(list(figures.values())), strict=True))
    fetcher = OwnImages({_image_url(name): picture for name, picture in pictures.items()})
    document = weasyprint.HTML(string=html(briefing, pictures), url_fetcher=fetcher).render()
    return Pdf(document.write_pdf(), len(document.pages))


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
    sections = [
        _header(briefing),
        _kerncijfers(briefing),
        _chart("Realisatie tegen de taakstelling", "realisatie"),
        _prognose(briefing, "prognose" if "prognose" in pictures else None),
        _chart("Begroting en uitgaven", "begroting"),
        _trajecten(briefing),
        _verantwoording(briefing),
    ]
    title = f"Raadsbriefing nieuw beschut werk {briefing.gebied} {briefing.jaar}"
    # "< 5" with an en space: read back with its space (pdftotext drops a narrow one).
    body = "".join(sections).replace("&lt; ", "&lt;&#8194;")
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="generator" content="beschut-dashboard">'
        f"<style>{CSS.replace('var(--footer)', _css_string(_footer(briefing)))}</style>"
        f"</head><body>{body}</body></html>"
    )


def _header(briefing: Briefing) -> str:
    figures = briefing.kerncijfers
    sentence = positie(briefing.peildatum, figures, briefing.gebied, min_aantal=briefing.min_aantal)
    return (
        '<p class="kicker">Raadsinformatie · nieuw beschut werk</p>'
        f"<h1>Nieuw beschut werk in {escape(briefing.gebied)}, {briefing.jaar}</h1>"
        f'<p class="meta">Peildatum {escape(fmt.datum_lang(briefing.peildatum))} · gegevens '
        f"tot en met {escape(fmt.datum_lang(briefing.data_tot_en_met))}</p>"
        f'<p class="lead">{escape(sentence)}</p>'
    )


def _footer(briefing: Briefing) -> str:
    return (
        f"Nieuw beschut werk · {briefing.gebied} · {briefing.jaar} · "
        f"peildatum {fmt.datum(briefing.peildatum)}"
    )


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that is safe inside <style>: every character but
    letters, digits and spaces as a CSS escape (hex digits ended by the space that the
    escape consumes), so no quote, backslash, newline or `</style>` in the data can end
    the string or the style sheet."""
    safe = (ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text)
    return '"' + "".join(safe) + '"'


def _kerncijfers(briefing: Briefing) -> str:
    """The headline figures, label and value, suppressed as in the Excel sheet."""
    shown = suppression.table(kerncijfers_frame(briefing), KERNCIJFERS, briefing.min_aantal)
    row = shown.iloc[0]
    column = {c.key: c for c in KERNCIJFERS}
    gap = row["nog_te_realiseren"]
    above = not isinstance(gap, suppression.Hidden) and not pd.isna(gap) and gap < 0
    when = {"jaar": briefing.jaar, "peildatum": briefing.peildatum}
    persons = ["taakstelling", "realisatie_ultimo", "percentage_ultimo", "nog_te_realiseren"]
    money = ["begroting", "uitgaven", "percentage_besteed", None]
    cells = {}
    for key in persons + money:
        if key is None:
            continue
        value, figure = row[key], column[key]
        if key == "nog_te_realiseren" and above:
            value, figure = -value, catalogue.figure("boven_taakstelling")
        label, text = figure.title(**when), figure.text(value)
        cells[key] = f'<td>{escape(label)}</td><td class="num">{escape(text)}</td>'
    body = "".join(
        f'<tr>{cells[left]}<td class="gap"></td>{cells.get(right, "<td></td><td></td>")}</tr>'
        for left, right in zip(persons, money, strict=True)
    )
    return f'<section><h2>Kerncijfers</h2><table class="kern">{body}</table></section>'


def _chart(title: str, picture: str, text: str = "") -> str:
    """A chart section; `picture` names one of charts_for_export, served by OwnImages."""
    paragraph = f"<p>{escape(text)}</p>" if text else ""
    return (
        f"<section><h2>{escape(title)}</h2>{paragraph}"
        f'<img class="chart" src="{escape(_image_url(picture))}" alt="{escape(title)}">'
        "</section>"
    )


def _prognose(briefing: Briefing, picture: str | None) -> str:
    title = f"Prognose tot 31 december {briefing.jaar}"
    if briefing.prognose is None or picture is None:
        return (
            f"<section><h2>{escape(title)}</h2><p>De peildatum is het jaareinde: de "
            f"realisatie ultimo {briefing.jaar} staat vast en er valt niets meer te "
            "voorspellen.</p></section>"
        )
    row = briefing.prognose.row
    threshold = briefing.min_aantal
    text = prognose_zin(
        briefing.jaar,
        suppression.count(row["verwacht"], threshold),
        suppression.count(row["p10"], threshold),
        suppression.count(row["p90"], threshold),
        None if pd.isna(row["kans"]) else float(row["kans"]),
        None if pd.isna(row["taakstelling"]) else float(row["taakstelling"]),
    )
    method = (
        "Het prognosemodel van het dashboard (pagina Prognose & scenario’s) zoals geschat op "
        "de gegevens: instroom, uitstroom en de pijplijn van voorschakeltrajecten; "
        f"{fmt.number(pg.DEFAULT_PATHS)} gesimuleerde paden met vaste seed, de band is P10–P90."
    )
    return _chart(title, picture, text).replace(
        "</section>", f'<p class="note">{escape(method)}</p></section>'
    )


def _trajecten(briefing: Briefing) -> str:
    """Per uitkomst in two columns, the total last (suppressed with its parts)."""
    shown = suppression.table(briefing.trajecten, TRAJECTEN, briefing.min_aantal, total_row=True)
    count = catalogue.figure("trajecten")
    cells = [
        f"<td>{escape(r.label)}</td>"
        f'<td class="num">{escape(count.text(r.trajecten, unit=False))}</td>'
        for r in shown.itertuples()
    ]
    *parts, total = cells
    half = (len(parts) + 1) // 2
    rows = [
        f'<tr>{left}<td class="gap"></td>{right}</tr>'
        for left, right in zip(parts[:half], parts[half:] + ["<td></td><td></td>"], strict=False)
    ]
    rows.append(f'<tr class="total"><td></td><td></td><td class="gap"></td>{total}</tr>')
    return (
        f"<section><h2>Voorschakeltrajecten gestart in {briefing.jaar}</h2>"
        "<p>Trajecten die in het jaar tot en met de peildatum begonnen, naar hun uitkomst tot "
        f'nu toe.</p><table class="kern">{"".join(rows)}</table></section>'
    )


def _verantwoording(briefing: Briefing) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.tabel)}</td><td>{escape(r.bestand)}</td>"
        f'<td class="num">{escape(fmt.number(r.rijen))}</td>'
        f'<td class="num">{escape(str(r.import_id))}</td>'
        f"<td>{escape(fmt.tijdstip(r.afgerond))}</td>"
        f'<td class="sha">{escape(r.sha256)}</td></tr>'
        for r in briefing.bronnen.itertuples()
    )
    made = dt.datetime.now().strftime("%d-%m-%Y %H:%M")
    return (
        '<section class="verantwoording"><h2>Verantwoording</h2>'
        "<p>Realisatie: het aantal verschillende personen met een lopende dienstbetrekking "
        "beschut werk op de peildatum; de taakstelling telt plekken op 31 december "
        "(telwijze van het datacontract). De cijfers komen uit de bestanden hieronder, "
        "met hun SHA-256 uit het importlogboek, zodat elk cijfer is na te gaan.</p>"
        '<table class="bronnen"><tr><th>Tabel</th><th>Bestand</th><th class="num">Rijen</th>'
        '<th class="num">Import</th><th>Geïmporteerd op</th><th>SHA-256</th></tr>'
        f"{rows}</table>"
        f'<p class="note">{escape(suppression.note(briefing.min_aantal))}</p>'
        f'<p class="note">Gegevens tot en met {escape(fmt.datum(briefing.data_tot_en_met))}; '
        f"opgesteld op {made} met het dashboard nieuw beschut werk.</p>"
        f'<p class="note">Gemaakt met beschut-dashboard versie {escape(__version__)}.</p></section>'
    )
