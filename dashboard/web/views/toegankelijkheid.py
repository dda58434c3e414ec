"""Toegankelijkheidsverklaring: what was tested for WCAG 2.1 AA, how, the result, and
what is known not to comply."""

from __future__ import annotations

import streamlit as st

from dashboard.web import ui

TESTED = """
**Norm.** WCAG 2.1 niveau A en AA (EN 301 549; Besluit digitale toegankelijkheid
overheid).

**Hoe getest.** Bij elke wijziging draait de browsertest (`tests/test_browser.py`) de
app in Chromium en controleert met axe-core 4.11 (regels `wcag2a`, `wcag2aa`,
`wcag21a`, `wcag21aa`) elke pagina, geopend via haar eigen link met een gemeente, jaar
en peildatum, met de tabellen onder de grafieken uitgeklapt; en de pagina Data met een
upload die een fout bevat. Omdat axe-core niet in de grafieken kijkt, meet een tweede
test (`tests/test_chart_contrast.py`) in elke grafiek van elke pagina de kleuren: elk
figuurelement minstens 3:1 tegen de achtergrond, tekst (assen, legenda, notities)
minstens 4,5:1. Doorzichtige vlakken (de 80%-band, stromen in het stroomdiagram) liggen
achter een lijn of knoop met hetzelfde cijfer en tellen als decoratie; de cijfers staan
ook in de tabel onder de grafiek. Staven naast of op elkaar zijn gescheiden door wit.

**Resultaat.** Nul overtredingen van deze regels op elke pagina.

**Wat de app doet.**
- De pagina zegt Nederlands (`lang="nl"`) en elke pagina heeft een eigen titel.
- Tekst, ook de bijschriften met peildatum en definities, heeft een contrast van
  minstens 4,5:1.
- Elke grafiek heeft een beschrijving van één regel en daaronder de cijfers als tabel
  ("Cijfers bij de grafiek"), te lezen met een schermlezer.
- De werkbalk van de grafieken (met Engelse knoppen) is verborgen.
- Wat Streamlit zelf in het Engels schrijft, zegt de app in het Nederlands: de
  uitlegknoppen ("Uitleg bij Peildatum"), het datumveld en zijn kalender, het uploadveld
  ("Bestanden kiezen", "Hoogstens 50 MB per bestand"), "Kies een optie", "Druk op
  Enter om toe te passen" en de link "Naar de inhoud".
- Schuifregelaars en getalvelden tonen en lezen Nederlandse getallen ("1,40",
  "4.000,00"); een ongeldig getal krijgt een Nederlandse melding en de vorige waarde
  blijft staan.
"""

NOT_COMPLIANT = """
**Wat (nog) niet voldoet of niet automatisch is getest.**
- axe-core vindt ongeveer een derde van de mogelijke problemen. Niet getest zijn onder
  meer: bediening met alleen het toetsenbord van elke keuzelijst, de volgorde van
  de focus, vergroten tot 400% en de uitleg voor schermlezers.
- Onderdelen van Streamlit zelf kan de app maar ten dele aanpassen: de weken in de
  kalender van het datumveld beginnen op zondag, de schuifregelaars hebben geen
  eigen schermlezertekst, en de tabellen (`st.dataframe`) zijn een tekenvlak: de
  cijfers zijn met een schermlezer beter te lezen in de tabellen onder de grafieken.
- Grafieken zelf (Plotly) zijn voor een schermlezer een afbeelding; de tabel eronder
  is het alternatief.

Gevonden problemen of vragen: meld ze bij de beheerder van het dashboard in uw
gemeente.
"""


def render(chosen: ui.Selectie | None) -> None:
    st.title("Toegankelijkheidsverklaring")
    st.markdown(TESTED)
    st.markdown(NOT_COMPLIANT)
