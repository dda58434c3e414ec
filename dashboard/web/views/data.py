"""Data: upload and import files, what the figures rest on, and the versions.

For the beheerder only (access.py: the page and every action check the role). Uploaded
files are previewed and
checked before anything is written; the import goes through the same loader and
transaction as `beschut load`, and every import or restore is a version that can be
undone. The page shows every loaded gemeente, whatever the sidebar chose, and only
counts: never a persoon_id or plaatsing_id (AVG).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard.ingest import loader, upload
from dashboard.ingest.loader import SourceFile
from dashboard.ingest.reading import UTF8
from dashboard.metrics import formatting as fmt
from dashboard.store import audit, versions
from dashboard.store.db import DatabaseError, writing
from dashboard.store.versions import Restored, VersieError
from dashboard.web import access, ui

LOAD_COMMAND = "beschut load <map> --db <bestand>"
FILES = "taakstelling, plaatsingen, trajecten, begroting en uitgaven (.csv, .xlsx, .xls of .ods)"
OPTIONAL = "en eventueel gemeenten (code, naam, inwoners, arbeidsmarktregio)"
UPLOAD_ROUND = "upload_ronde"  # a new number empties the file uploader
UPLOAD_CHECKED = "upload_controle"
MESSAGE = "data_melding"
PROBLEMS_IN_FULL = 100  # more problems: a scrollable table instead of wrapped lines
SOURCE_APP = "app"
CONFIRM = "data_bevestigen"  # the undo or restore the beheerder is asked to confirm

# A shown column: the query column, its Dutch header, how a value is written, and
# whether it is a figure (right-aligned).
Column = tuple[str, str, Callable[[object], str], bool]


def _text(value: object) -> str:
    return fmt.EMPTY if value is None or pd.isna(value) else str(value)


def _version(value: object) -> str:
    return str(int(value))


def _whole(value: object) -> str:
    return fmt.EMPTY if value is None or pd.isna(value) else str(int(value))


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
PREVIEW: list[Column] = [
    ("bestand", "Bestand", _text, False),
    ("tabel", "Tabel", _text, False),
    ("status", "Status", _text, False),
    ("problemen", "Problemen", fmt.number, True),
    ("rijen", "Rijen", fmt.number, True),
    ("gemeenten", "Gemeenten", _text, False),
    ("jaren", "Jaren", _text, False),
    ("codering", "Codering", _text, False),
    ("opmerkingen", "Opmerkingen", _text, False),
    ("kolommen", "Herkende kolommen", _text, False),
    ("genegeerd", "Genegeerde kolommen", _text, False),
]
PROBLEMS: list[Column] = [
    ("bestand", "Bestand", _text, False),
    ("regel", "Regel", _whole, True),
    ("kolom", "Kolom", _text, False),
    ("probleem", "Probleem", _text, False),
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
    ("codering", "Codering", _text, False),
]


def shown(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """A query result as shown: Dutch headers, every value written the Dutch way."""
    return pd.DataFrame(
        {header: [write(v) for v in frame[key]] for key, header, write, _ in columns}
    )


def _figures(columns: list[Column]) -> list[str]:
    return [header for _, header, _, figure in columns if figure]


def table(frame: pd.DataFrame, columns: list[Column], widths: dict[str, str] | None = None) -> None:
    """An interactive table (sortable, widens on demand); `widths` by Dutch header."""
    figures, widths = _figures(columns), widths or {}
    config = {
        header: st.column_config.TextColumn(
            header,
            width=widths.get(header),
            alignment="right" if header in figures else None,
        )
        for header in [*figures, *widths]
    }
    st.dataframe(shown(frame, columns), hide_index=True, width="stretch", column_config=config)


def sentences(frame: pd.DataFrame, columns: list[Column]) -> None:
    """A static table whose long text cells wrap, so every sentence reads in full."""
    st.table(shown(frame, columns).map(ui.md), hide_index=True)  # st.table reads markdown


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
                    "codering": file.get("codering"),
                }
            )
    return pd.DataFrame(rows, columns=[key for key, *_ in IMPORTS])


def explain_loading(reason: str) -> None:
    st.info(
        f"{reason} Upload de bestanden van de gemeente ({FILES}) hierboven, of laad ze "
        "met de opdrachtregel. Daarin is `<map>` de map met de bestanden en `<bestand>` "
        f"het databasebestand dat dit dashboard leest: `{ui.db_path()}`."
    )
    st.code(LOAD_COMMAND, language="bash")
    st.markdown(
        "Een bestand met een fout wijzigt niets; de melding noemt bestand, regel en kolom. "
        "Na het laden toont deze pagina wat er is geladen, de importgeschiedenis en de "
        "waarschuwingen over de datakwaliteit."
    )


# --- upload, check, import ---------------------------------------------------------


def upload_files() -> None:
    """Upload, preview and check; import only on the user's confirm."""
    st.subheader("Bestanden importeren")
    limit = upload.max_upload_mb()
    files = st.file_uploader(
        "Bestanden van de gemeente",
        type=["csv", "xlsx", "xls", "ods"],
        accept_multiple_files=True,
        key=f"upload_{st.session_state.get(UPLOAD_ROUND, 0)}",
        # the browser refuses larger files before sending them (Streamlit's own message)
        max_upload_size=math.ceil(limit),
        help=f"{FILES}, {OPTIONAL}; herkend aan de bestandsnaam. Hoogstens "
        f"{fmt.number(limit, 1)} MB per bestand. Er wordt niets opgeslagen voordat u op "
        "Importeren klikt.",
    )
    if not files:
        return
    checked = _checked(files, limit)
    frame = upload.preview(checked)
    years = zip(frame["eerste_jaar"], frame["laatste_jaar"], strict=True)
    table(frame.assign(jaren=[fmt.jaren(first, last) for first, last in years]), PREVIEW)
    reading_notes(frame)
    if replaced := len(files) - len(checked.checked) - len(checked.too_large):
        st.caption(
            f"{fmt.number(replaced)} eerder geüpload(e) bestand(en) vervangen door het "
            "laatst geüploade bestand met dezelfde naam."
        )
    if checked.warnings:
        st.warning("Let op (geen reden om te weigeren):")
        sentences(upload.problems_frame(checked.warnings), PROBLEMS)
    if not checked.ready:
        count = len(checked.problems)
        st.error(
            f"Niet te importeren: {fmt.number(count)} "
            f"{'probleem' if count == 1 else 'problemen'} gevonden. Er is niets gewijzigd; "
            "verbeter de bestanden en upload ze opnieuw."
        )
        problems = upload.problems_frame(checked.problems)
        if len(problems) <= PROBLEMS_IN_FULL:
            sentences(problems, PROBLEMS)  # every message reads in full
        else:
            table(problems, PROBLEMS, {"Probleem": "large"})
        return
    st.info(
        "Alle bestanden zijn in orde. Importeren vervangt per tabel de rijen van de "
        "gemeenten in het bestand, alles in één keer; u kunt het daarna ongedaan maken."
    )
    if st.button("Importeren", type="primary", key="importeren", icon=":material/upload:"):
        import_upload(checked, [f.name for f in checked.files])


def reading_notes(frame: pd.DataFrame) -> None:
    """How each file was read where that is worth knowing (another encoding than UTF-8,
    a sheet, skipped lines), in full under the preview: a wide table hides its last
    columns on a small screen."""
    notes = []
    for name, encoding, remarks in frame[["bestand", "codering", "opmerkingen"]].itertuples(
        index=False
    ):
        said = [f"gelezen als {encoding}"] if isinstance(encoding, str) and encoding != UTF8 else []
        said += [remarks] if isinstance(remarks, str) else []
        if said:
            notes.append(f"{ui.md(name)}: {ui.md('; '.join(said))}")
    if notes:
        st.caption("Zo gelezen: " + " · ".join(notes) + ".")


def _checked(files: list, limit: float) -> upload.Upload:
    """Check each set of files once per session (reruns reuse the result)."""
    key = (tuple((f.file_id, f.name, f.size) for f in files), limit)
    cached = st.session_state.get(UPLOAD_CHECKED)
    if cached is not None and cached[0] == key:
        return cached[1]
    access.require(access.MANAGES, "uploaden")
    with st.spinner("Bestanden controleren…"):
        checked = upload.check_upload([SourceFile(f.name, f.getvalue()) for f in files], limit)
    st.session_state[UPLOAD_CHECKED] = (key, checked)
    sizes = ", ".join(f"{f.name} ({fmt.number(f.size)} bytes)" for f in files)
    access.log("upload", None, f"{sizes}; {'in orde' if checked.ready else 'geweigerd'}")
    return checked


def import_upload(checked: upload.Upload, names: list[str]) -> None:
    access.require(access.MANAGES, "importeren")
    try:
        with st.spinner("Bezig met importeren…"):
            result = loader.write(
                ui.db_path(), checked.results, checked.files, "upload: " + ", ".join(names)
            )
    except DatabaseError as error:
        st.error(f"Niet geïmporteerd: {ui.md(error)}.")
        return
    except duckdb.Error as error:
        st.error(f"Niet geïmporteerd: de database gaf een fout ({error}); er is niets gewijzigd.")
        return
    rows = ", ".join(
        f"{t} {fmt.number(n)} {'rij' if n == 1 else 'rijen'}" for t, n in result.tables.items()
    )
    access.log(
        "import", list(result.gemeenten), f"versie {result.import_id}: {', '.join(names)}; {rows}"
    )
    done(
        f"Versie {result.import_id} is geïmporteerd ({rows}) voor "
        f"{ui.md(upload.gemeente_names(list(result.gemeenten)))}. Alle pagina's tonen nu "
        "deze versie."
    )


def done(message: str) -> None:
    """After a write: remember the message, empty the uploader, show the new version."""
    st.session_state[MESSAGE] = message
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.session_state.pop(UPLOAD_CHECKED, None)
    st.rerun()


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
    st.subheader("Importgeschiedenis en versies")
    history = ui.query("import_historie")
    if history.empty:
        st.info("Er is nog niets geïmporteerd.")
        return
    table(import_files(history), IMPORTS)
    st.caption(
        "Nieuwste versie bovenaan, één regel per bestand. Elke import vervangt per tabel "
        "de rijen van de gemeenten in het bestand; met de SHA-256 controleert u of een "
        "bestand hetzelfde is als het geladen bestand. Terugzetten is zelf ook een versie."
    )
    entries = ui.query("versies")
    confirm(entries)
    restore_controls(entries)


def restorable(entries: pd.DataFrame) -> list[int]:
    """The versions that can be put back, newest first; 0 is the empty database."""
    current = int(entries["import_id"].iloc[-1])
    kept = entries[entries["herstelbaar"] & (entries["resultaat"] != "mislukt")]
    options = [int(v) for v in kept["import_id"].iloc[::-1] if v != current]
    if entries["bewaard"].all():
        options.append(0)
    return options


def version_label(entries: pd.DataFrame) -> Callable[[int], str]:
    by_id = entries.set_index("import_id")

    def label(versie: int) -> str:
        if versie == 0:
            return "Versie 0 · leeg, vóór de eerste import"
        entry = by_id.loc[versie]
        when, what, where = fmt.tijdstip(entry["afgerond"]), entry["resultaat"], entry["bron"]
        return f"Versie {versie} · {when} · {what} · {where}"

    return label


def restore_controls(entries: pd.DataFrame) -> None:
    """Undo the last version, or put back an earlier one (each a new version)."""
    options = restorable(entries)
    ids = [int(v) for v in entries["import_id"]]
    previous = ids[-2] if len(ids) > 1 else 0
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Laatste versie ongedaan maken** (versie {ids[-1]})")
        if st.button(
            f"Terug naar versie {previous}",
            key="ongedaan_maken",
            icon=":material/undo:",
            disabled=previous not in options,
            help="Zet de gegevens terug zoals ze na de vorige versie waren. Dat wordt "
            "een nieuwe versie, die u ook weer ongedaan kunt maken. U bevestigt eerst.",
        ):
            ask("ongedaan maken", previous, ids[-1])
    with right:
        if not options:
            st.caption("Er is geen eerdere versie die kan worden teruggezet.")
            return
        versie = st.selectbox(
            "Een eerdere versie terugzetten",
            options,
            format_func=version_label(entries),
            key="terug_naar_versie",
        )
        if st.button("Deze versie terugzetten", key="terugzetten", icon=":material/history:"):
            ask("terugzetten", versie, ids[-1])
    st.caption(
        "Niets gaat verloren: elke versie bewaart wat ze verving. Op de opdrachtregel: "
        "`beschut restore --db <bestand> --versie N`."
    )


def ask(action: str, versie: int, latest: int) -> None:
    """Remember what to confirm; the next run names what will change (confirm)."""
    access.require(access.MANAGES, action)
    st.session_state[CONFIRM] = (action, versie, latest)
    st.rerun()


def confirm(entries: pd.DataFrame) -> None:
    """Ask before an undo or restore, naming the version and the tables and gemeenten
    it changes; act only on "Ja"."""
    pending = st.session_state.get(CONFIRM)
    if pending is None:
        return
    action, versie, latest = pending
    if int(entries["import_id"].iloc[-1]) != latest:  # an import came in meanwhile
        st.session_state.pop(CONFIRM)
        st.warning("De gegevens zijn intussen gewijzigd; kies opnieuw wat u wilt terugzetten.")
        return
    plan = ui.query("herstel_voorbeeld", versie=versie)
    changes = "; ".join(
        f"{tabel} van {ui.md(upload.gemeente_names(list(gemeenten)))}"
        for tabel, gemeenten in zip(plan["tabel"], plan["gemeenten"], strict=True)
    )
    st.warning(
        f"**{action.capitalize()}: de gegevens gaan terug naar versie {versie}** (nu versie "
        f"{latest}). Dit vervangt: {changes or 'niets'}. Het wordt een nieuwe versie, die u "
        "weer ongedaan kunt maken. Weet u het zeker?",
        icon=":material/warning:",
    )
    yes, no = st.columns(2)
    if yes.button(f"Ja, terug naar versie {versie}", type="primary", key="bevestigen"):
        st.session_state.pop(CONFIRM)
        if action == "ongedaan maken":
            write_version(lambda: versions.undo(ui.db_path(), source=SOURCE_APP), action)
        else:
            write_version(lambda: versions.restore(ui.db_path(), versie, source=SOURCE_APP), action)
    if no.button("Annuleren", key="annuleren"):
        st.session_state.pop(CONFIRM)
        st.rerun()


def write_version(action: Callable[[], Restored], what: str = "terugzetten") -> None:
    access.require(access.MANAGES, what)
    try:
        with st.spinner("Bezig met terugzetten…"):
            restored = action()
    except (VersieError, DatabaseError) as error:
        st.error(f"Niet teruggezet: {ui.md(error)}.")
        return
    gemeenten = sorted({g for codes in restored.tabellen.values() for g in codes})
    access.log(
        what,
        gemeenten,
        f"versie {restored.versie} teruggezet als versie {restored.import_id}; tabellen: "
        + (", ".join(restored.tabellen) or "geen"),
    )
    done(
        f"Versie {restored.versie} is teruggezet, vastgelegd als versie "
        f"{restored.import_id}. Alle pagina's tonen nu deze gegevens."
    )


def render(chosen: ui.Selectie | None) -> None:
    access.require(access.MANAGES, "de pagina Data")
    st.title("Data")
    ready = ui.database_ready()
    overview = ui.query("data_overzicht") if ready else None
    has_data = overview is not None and overview["rijen"].sum() > 0
    if has_data:
        covered = ui.query("data_tot_en_met")["data_tot_en_met"].iloc[0]
        st.caption(
            f"Waar de cijfers op rusten: alle geladen gemeenten, los van de keuze in de "
            f"zijbalk · gegevens t/m {fmt.datum(None if pd.isna(covered) else covered.date())}"
        )
    if message := st.session_state.pop(MESSAGE, None):
        st.success(message, icon=":material/check_circle:")
    upload_files()
    if not ready:
        explain_loading("Er is nog geen database.")
        return
    if not has_data:
        explain_loading("De database bevat nog geen gegevens.")
        if not ui.query("import_historie").empty:
            imports()
        return
    loaded(overview)
    warnings(covered)
    imports()
    gebruikers()
    audit_trail()


# --- users and the audit trail -----------------------------------------------------

USERS: list[Column] = [
    ("login", "Login", _text, False),
    ("naam", "Naam", _text, False),
    ("rol", "Rol", _text, False),
    ("gemeenten", "Gemeenten", _text, False),
    ("gewijzigd", "Gewijzigd", fmt.tijdstip, False),
]
AUDIT: list[Column] = [
    ("nr", "Nr.", _version, True),
    ("tijdstip", "Tijdstip", fmt.tijdstip, False),
    ("wie", "Wie", _text, False),
    ("rol", "Rol", _text, False),
    ("actie", "Actie", _text, False),
    ("gemeenten", "Gemeenten", _text, False),
    ("details", "Details", _text, False),
]


def gebruikers() -> None:
    """The users (login, role, gemeenten), to add, change and remove."""
    access.require(access.MANAGES, "gebruikers beheren")
    st.subheader("Gebruikers")
    found = access.users(ui.database(ui.db_path()))
    found["gemeenten"] = [
        "alle" if alle else ", ".join(codes)
        for codes, alle in zip(found["gemeenten"], found["alle_gemeenten"], strict=True)
    ]
    if found.empty:
        st.caption("Nog geen gebruikers. Met inlog aan ziet alleen een gebruiker hier iets.")
    else:
        table(found, USERS)
    codes = list(ui.query("gemeenten_lijst")["gemeente"])
    with st.form("gebruiker_form", clear_on_submit=True):
        st.markdown("**Gebruiker toevoegen of wijzigen**")
        login = st.text_input("Login (e-mailadres of sub)", key="gebruiker_login")
        naam = st.text_input("Naam", key="gebruiker_naam")
        rol = st.selectbox("Rol", access.ROLES, format_func=access.ROLE_LABELS.get)
        alle = st.checkbox("Alle gemeenten", key="gebruiker_alle")
        gemeenten = st.multiselect("Gemeenten", codes, key="gebruiker_gemeenten")
        if st.form_submit_button("Opslaan", icon=":material/person_add:"):
            change_user(login, rol, [] if alle else gemeenten, alle, naam or None)
    if not found.empty:
        left, right = st.columns([3, 1])
        gone = left.selectbox("Gebruiker verwijderen", list(found["login"]), key="weg_login")
        if right.button("Verwijderen", key="gebruiker_verwijderen", icon=":material/delete:"):
            delete_user(gone)


def change_user(login: str, rol: str, gemeenten: list[str], alle: bool, naam: str | None):
    access.require(access.MANAGES, "gebruikers beheren")
    try:
        with writing(ui.db_path()) as con:
            known = not access.users(con).query("login == @login.strip().lower()").empty
            user = access.save_user(con, login, rol, gemeenten, alle, naam)
    except (access.GebruikerFout, DatabaseError) as error:
        st.error(f"Niet opgeslagen: {ui.md(error)}.")
        return
    access.log(
        "gebruiker wijzigen" if known else "gebruiker toevoegen",
        user.gemeenten,
        f"{user.login}: rol {user.rol}",
    )
    done(f"Gebruiker {ui.md(user.login)} is opgeslagen met de rol {user.rol}.")


def delete_user(login: str) -> None:
    access.require(access.MANAGES, "gebruikers beheren")
    try:
        with writing(ui.db_path()) as con:
            access.remove_user(con, login)
    except (access.GebruikerFout, DatabaseError) as error:
        st.error(f"Niet verwijderd: {ui.md(error)}.")
        return
    access.log("gebruiker verwijderen", None, login)
    done(f"Gebruiker {ui.md(login)} is verwijderd.")


def audit_trail() -> None:
    """The newest rows of the audit trail (beschut audit shows them all)."""
    access.require(access.MANAGES, "het auditlogboek")
    st.subheader("Auditlogboek")
    table(audit.rows(ui.database(ui.db_path())), AUDIT, {"Details": "large"})
    st.caption(
        f"De nieuwste {audit.SHOWN} regels: wie wat wanneer deed, voor welke gemeenten. "
        "Alleen toevoegen, nooit wijzigen; terugzetten van gegevens laat het staan. "
        "Alles: `beschut audit --db <bestand>`."
    )
