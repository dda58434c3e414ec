"""Data: what the figures rest on. The loaded tables, data warnings and the import log.

For finance controllers and programme managers. The page shows every loaded gemeente,
whatever the sidebar chose, and only counts: never a persoon_id or plaatsing_id (AVG).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import formatting as fmt
from dashboard import ui

LOAD_COMMAND = "beschut load <map> --db <bestand>"
FILES = "taakstelling, plaatsingen, trajecten, begroting en uitgaven (.csv of .xlsx)"

# A shown column: the query column, its Dutch header, how a value is written, and
# whether it is a figure (right-aligned).
Column = tuple[str, str, Callable[[object], str], bool]


def _text(value: object) -> str:
    return fmt.EMPTY if value is None or pd.isna(value) else str(value)


def _version(value: object) -> str:
    return str(int(value))


LOADED: list[Column] = [
    ("tabel", "Tabel", _text, False),
    ("inhoud", "Inhoud", _text, False),
    ("rijen", "Rijen", fmt.number, True),
    ("gemeenten", "Aantal gemeenten", fmt.number, True),
    ("gemeentenamen", "Gemeenten", _text, False),
    ("jaren", "Jaren", _text, False),
]
PER_GEMEENTE: list[Column] = [
    ("gemeentenaam", "Gemeente", _text, False),
    ("gemeente", "Code", _text, False),
    ("taakstelling", "Taakstelling (rijen)", fmt.number, True),
    ("plaatsingen", "Plaatsingen (rijen)", fmt.number, True),
    ("trajecten", "Trajecten (rijen)", fmt.number, True),
    ("begroting", "Begroting (rijen)", fmt.number, True),
    ("uitgaven", "Uitgaven (rijen)", fmt.number, True),
]
WARNINGS: list[Column] = [
    ("gemeentenaam", "Gemeente", _text, False),
    ("gemeente", "Code", _text, False),
    ("melding", "Waarschuwing", _text, False),
    ("aantal", "Aantal", fmt.number, True),
]
IMPORTS: list[Column] = [
    ("import_id", "Versie", _version, True),
    ("afgerond", "Afgerond", fmt.tijdstip, False),
    ("resultaat", "Resultaat", _text, False),
    ("bron", "Bron", _text, False),
    ("bestand", "Bestand", _text, False),
    ("tabel", "Tabel", _text, False),
    ("rijen", "Rijen", fmt.number, True),
    ("gemeenten", "Gemeenten", _text, False),
    ("sha256", "SHA-256", _text, False),
]


def shown(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """A query result as shown: Dutch headers, every value written the Dutch way."""
    return pd.DataFrame(
        {header: [write(v) for v in frame[key]] for key, header, write, _ in columns}
    )


def _figures(columns: list[Column]) -> list[str]:
    return [header for _, header, _, figure in columns if figure]


def table(frame: pd.DataFrame, columns: list[Column]) -> None:
    """An interactive table (sortable, widens on demand)."""
    aligned = {
        header: st.column_config.TextColumn(header, alignment="right")
        for header in _figures(columns)
    }
    st.dataframe(shown(frame, columns), hide_index=True, width="stretch", column_config=aligned)


def sentences(frame: pd.DataFrame, columns: list[Column]) -> None:
    """A static table whose long text cells wrap, so every sentence reads in full."""
    st.table(shown(frame, columns), hide_index=True)


def import_files(history: pd.DataFrame) -> pd.DataFrame:
    """One row per imported file, newest import first (an import without files: one row)."""
    rows = []
    for record in history.iloc[::-1].to_dict(orient="records"):
        files = list(record["bestanden"]) or [{}]
        for file in files:
            rows.append(
                {
                    **{k: record[k] for k in ("import_id", "afgerond", "resultaat", "bron")},
                    "bestand": file.get("bestand"),
                    "tabel": file.get("tabel"),
                    "rijen": file.get("rijen"),
                    "gemeenten": ", ".join(file.get("gemeenten", [])) or None,
                    "sha256": file.get("sha256"),
                }
            )
    return pd.DataFrame(rows, columns=[key for key, *_ in IMPORTS])


def explain_loading(reason: str) -> None:
    st.info(
        f"{reason} Laad de bestanden van de gemeente ({FILES}) met de opdrachtregel. "
        "Daarin is `<map>` de map met de bestanden en `<bestand>` het databasebestand "
        f"dat dit dashboard leest: `{ui.db_path()}`."
    )
    st.code(LOAD_COMMAND, language="bash")
    st.markdown(
        "Een bestand met een fout wijzigt niets; de melding noemt bestand, regel en kolom. "
        "Na het laden toont deze pagina wat er is geladen, de importgeschiedenis en de "
        "waarschuwingen over de datakwaliteit."
    )


def loaded(overview: pd.DataFrame) -> None:
    st.subheader("Wat is geladen")
    years = zip(overview["eerste_jaar"], overview["laatste_jaar"], strict=True)
    table(overview.assign(jaren=[fmt.jaren(first, last) for first, last in years]), LOADED)
    st.caption(
        "Jaren: van het eerste tot het laatste jaar in de rijen (het jaar bij taakstelling "
        "en begroting, de maand bij uitgaven, startdatum tot en met einddatum bij "
        "plaatsingen en trajecten)."
    )
    st.subheader("Per gemeente")
    table(ui.query("data_per_gemeente"), PER_GEMEENTE)


def warnings(covered: pd.Timestamp) -> None:
    st.subheader("Datakwaliteit")
    found = ui.query(
        "data_waarschuwingen",
        data_tot_en_met=None if pd.isna(covered) else pd.Timestamp(covered).date(),
    )
    if found.empty:
        st.success("Geen waarschuwingen: de geladen gegevens zijn onderling consistent.")
        return
    sentences(found, WARNINGS)
    st.caption(
        "Alleen aantallen per gemeente: persoons- en plaatsingsnummers worden niet getoond "
        "(AVG). Corrigeer de bron bij de gemeente en laad het bestand opnieuw."
    )


def imports() -> None:
    st.subheader("Importgeschiedenis")
    history = ui.query("import_historie")
    if history.empty:
        st.info("Er is nog niets geïmporteerd.")
        return
    table(import_files(history), IMPORTS)
    st.caption(
        "Nieuwste import bovenaan, één regel per bestand. Elke import vervangt per tabel "
        "de rijen van de gemeenten in het bestand; met de SHA-256 controleert u of een "
        "bestand hetzelfde is als het geladen bestand."
    )


def render(chosen: ui.Selectie | None) -> None:
    st.title("Data")
    if not ui.database_ready():
        explain_loading("Er is nog geen database.")
        return
    overview = ui.query("data_overzicht")
    if overview["rijen"].sum() == 0:
        explain_loading("De database bevat nog geen gegevens.")
        return
    covered = ui.query("data_tot_en_met")["data_tot_en_met"].iloc[0]
    st.caption(
        f"Waar de cijfers op rusten: alle geladen gemeenten, los van de keuze in de "
        f"zijbalk · gegevens t/m {fmt.datum(None if pd.isna(covered) else covered.date())}"
    )
    loaded(overview)
    warnings(covered)
    imports()
