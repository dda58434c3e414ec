"""Who may do what, decided on the server: roles, the user's gemeenten, deny by default.

Four roles, each adding to the one before: `raad` (Overzicht and the briefing, small
counts suppressed on screen too), `controller` (adds Begroting, Taakstelling and the
downloads), `programmamanager` (adds Voorschakeltraject, Prognose and Regio),
`beheerder` (adds the Data page: upload, import, undo, restore, users).

With login configured (an `[auth]` section in .streamlit/secrets.toml, binding.py) the
user is whoever `st.user` says logged in, looked up by e-mail or sub in the table
`gebruiker`; an unknown user or one not logged in may do nothing. Without login (a
laptop, 127.0.0.1 only) the app runs as a local beheerder for all gemeenten.

Nothing here is kept in session state: every run asks `st.user` and the database
again, so neither a crafted URL nor session state can give a role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import streamlit as st

from dashboard.store import audit
from dashboard.store.gemeenten import normalise_code
from dashboard.store.queries import run, run_records, sql
from dashboard.web import binding

ROLES = ("raad", "controller", "programmamanager", "beheerder")
ROLE_LABELS = {
    "raad": "raad en wethouder",
    "controller": "controller",
    "programmamanager": "programmamanager",
    "beheerder": "beheerder",
}
DOWNLOADS = "controller"  # the first role that may download
MANAGES = "beheerder"  # upload, import, undo, restore, users
LOGGED_IN = "_audit_login"  # session key: the login whose "inloggen" is in the audit


class Geweigerd(Exception):
    """The user may not do this (Dutch message); raised after the page said so."""


class GebruikerFout(ValueError):
    """A user that cannot be stored as given (Dutch message)."""


@dataclass(frozen=True)
class Gebruiker:
    login: str
    rol: str
    gemeenten: tuple[str, ...] | None  # None: every gemeente
    naam: str = ""
    lokaal: bool = False  # no login configured: this machine's own beheerder

    def may(self, rol: str) -> bool:
        return ROLES.index(self.rol) >= ROLES.index(rol)

    def sees(self, gemeente: str) -> bool:
        return self.gemeenten is None or gemeente in self.gemeenten

    @property
    def may_download(self) -> bool:
        return self.may(DOWNLOADS)

    @property
    def suppressed_on_screen(self) -> bool:
        """The raad sees small counts suppressed on screen too, as in an export."""
        return not self.may_download


LOCAL = Gebruiker("lokaal", "beheerder", None, naam="lokale beheerder", lokaal=True)


# --- the current user --------------------------------------------------------------


def current() -> Gebruiker | None:
    """The user of this run, or None: not logged in, or not in the table `gebruiker`."""
    if not binding.login_configured():
        return LOCAL
    user = st.user
    if not user.get("is_logged_in"):
        return None
    from dashboard.web import ui

    if not ui.database_ready():
        return None
    for login in _logins(user):
        found = ui.query("gebruiker_zoeken", login=login)
        if not found.empty:
            return _from_row(found.iloc[0].to_dict(), role_from_groups(user))
    return None


def _logins(user) -> list[str]:
    return [str(user[k]).strip().lower() for k in ("email", "sub") if user.get(k)]


def role_from_groups(user) -> str | None:
    """The highest role that `[beschut.rollen]` in secrets.toml maps one of the user's
    identity-provider groups to (claim `groups`, or `[beschut] groepen_claim`)."""
    try:
        settings = st.secrets.get("beschut", {})
        mapping = dict(settings.get("rollen", {}))
        claim = settings.get("groepen_claim", "groups")
    except Exception:  # no secrets.toml: no mapping
        return None
    groups = user.get(claim) or []
    groups = [groups] if isinstance(groups, str) else list(groups)
    roles = [mapping[g] for g in groups if mapping.get(g) in ROLES]
    return max(roles, key=ROLES.index) if roles else None


def _from_row(row: dict, group_role: str | None = None) -> Gebruiker:
    rol = group_role or row["rol"]
    gemeenten = None if row["alle_gemeenten"] else tuple(row["gemeenten"])
    return Gebruiker(row["login"], rol, gemeenten, naam=row["naam"] or "")


def may(rol: str) -> bool:
    user = current()
    return user is not None and user.may(rol)


def require(rol: str, what: str) -> Gebruiker:
    """The current user when they have `rol`; else a Dutch refusal and the run stops.

    Called by every page before it draws and by every action before it acts, so that
    neither a crafted URL nor session state reaches what the role may not use.
    """
    user = current()
    if user is not None and user.may(rol):
        return user
    message = f"Geen toegang: {what} is alleen voor de rol {ROLE_LABELS[rol]} en hoger" + (
        f"; u bent ingelogd als {ROLE_LABELS[user.rol]}." if user else "."
    )
    st.error(message, icon=":material/block:")
    st.stop()
    raise Geweigerd(message)  # st.stop() outside a Streamlit run does not stop


def scope(codes: Iterable[str]) -> list[str]:
    """The codes of `codes` the current user may see (none without a user)."""
    user = current()
    return [] if user is None else [c for c in codes if user.sees(c)]


def region_codes() -> list[str]:
    """The `gemeenten` parameter for a query over all the user's gemeenten ([]: all).

    Never [] for a user limited to some gemeenten: a code that is not in the database
    keeps the list non-empty, so the query shows none rather than all."""
    user = current()
    if user is None:
        return ["-"]
    return [] if user.gemeenten is None else list(user.gemeenten) or ["-"]


# --- the gate in front of every page -----------------------------------------------


def gate() -> Gebruiker:
    """The user who may go on; otherwise a login button or a Dutch "geen toegang" and a
    logout button, and the run stops there."""
    if not binding.login_configured():
        return LOCAL
    if not st.user.get("is_logged_in"):  # no such claim: not logged in
        st.title("Nieuw beschut werk")
        st.info("Log in met uw account van de gemeente om het dashboard te gebruiken.")
        st.button("Inloggen", on_click=st.login, icon=":material/login:", type="primary")
        st.stop()
    user = current()
    logins = _logins(st.user)
    if user is None:
        st.title("Geen toegang")
        st.error(
            "Geen toegang: uw account staat niet in de lijst met gebruikers van dit "
            "dashboard. Vraag de beheerder u toe te voegen, met uw rol en uw gemeenten.",
            icon=":material/block:",
        )
        if st.session_state.get(LOGGED_IN) != ("geweigerd", *logins):
            log("inloggen geweigerd", None, ", ".join(logins), who=logins[0] if logins else "?")
            st.session_state[LOGGED_IN] = ("geweigerd", *logins)
        st.button("Uitloggen", on_click=st.logout, icon=":material/logout:")
        st.stop()
    if st.session_state.get(LOGGED_IN) != user.login:
        log("inloggen", user.gemeenten)
        st.session_state[LOGGED_IN] = user.login
    return user


def sidebar_note(user: Gebruiker) -> None:
    """Who is using the app, in which role, for which gemeenten."""
    if user.lokaal:
        st.sidebar.caption(
            "Zonder inlog: u werkt als lokale beheerder voor alle gemeenten. Dit kan "
            "alleen op deze computer (127.0.0.1)."
        )
        return
    gemeenten = "alle gemeenten" if user.gemeenten is None else ", ".join(user.gemeenten)
    # as plain text: markdown would make a link of an e-mail address
    st.sidebar.text(
        f"Ingelogd als {user.naam or user.login} · rol {ROLE_LABELS[user.rol]} · {gemeenten}"
    )
    st.sidebar.button("Uitloggen", on_click=st.logout, icon=":material/logout:", key="uitloggen")


# --- the audit trail from the app --------------------------------------------------


def log(
    actie: str,
    gemeenten: Sequence[str] | None,
    details: str | None = None,
    who: str | None = None,
) -> None:
    """Append to the audit trail as the current user (audit.py)."""
    from dashboard.web import ui

    user = current()
    try:
        con = ui.database(ui.db_path())
    except Exception:  # no database yet: nothing to write into (the upload makes it)
        return
    audit.record(
        con,
        who or (user.login if user else "onbekend"),
        user.rol if user else None,
        actie,
        gemeenten,
        details,
    )


def logged(actie: str, gemeenten: Sequence[str] | None, details: str, make):
    """A download_button's data callable that writes the audit row when it is made."""

    def data():
        log(actie, gemeenten, details)
        return make()

    return data


# --- managing users (command line and Data page) -----------------------------------


def check_user(login: str, rol: str, gemeenten: Sequence[str], alle: bool) -> tuple[str, ...]:
    """The gemeente codes, normalised; GebruikerFout when the user cannot be stored."""
    if not login.strip():
        raise GebruikerFout("een gebruiker heeft een login nodig (e-mailadres of sub)")
    if rol not in ROLES:
        raise GebruikerFout(f"onbekende rol {rol!r}; kies uit {', '.join(ROLES)}")
    if alle and gemeenten:
        raise GebruikerFout("kies gemeenten of alle gemeenten, niet allebei")
    if not alle and not gemeenten:
        raise GebruikerFout("geef de gemeenten van de gebruiker (of alle gemeenten)")
    codes = []
    for code in gemeenten:
        normal = normalise_code(str(code))
        if normal is None:
            raise GebruikerFout(f"{code!r} is geen gemeentecode (GM0935 of 935)")
        codes.append(normal)
    return tuple(dict.fromkeys(codes))


def save_user(
    con: duckdb.DuckDBPyConnection,
    login: str,
    rol: str,
    gemeenten: Sequence[str],
    alle: bool,
    naam: str | None = None,
    new: bool | None = None,
) -> Gebruiker:
    """Add (`new`), change (not `new`) or put (None) a user, in one transaction."""
    codes = check_user(login, rol, gemeenten, alle)
    exists = bool(run_records(con, "gebruiker_zoeken", login=login.strip()))
    if new is True and exists:
        raise GebruikerFout(f"gebruiker {login} bestaat al; gebruik wijzigen")
    if new is False and not exists:
        raise GebruikerFout(f"gebruiker {login} bestaat niet; gebruik toevoegen")
    con.begin()
    try:
        con.execute(sql("gebruiker_verwijderen"), {"login": login.strip()})
        con.execute(
            sql("gebruiker_opslaan"),
            {
                "login": login.strip(),
                "naam": naam,
                "rol": rol,
                "gemeenten": list(codes),
                "alle_gemeenten": alle,
            },
        )
        con.commit()
    except duckdb.Error:
        con.rollback()
        raise
    return Gebruiker(login.strip().lower(), rol, None if alle else codes, naam=naam or "")


def remove_user(con: duckdb.DuckDBPyConnection, login: str) -> None:
    if not run_records(con, "gebruiker_zoeken", login=login.strip()):
        raise GebruikerFout(f"gebruiker {login} bestaat niet")
    con.execute(sql("gebruiker_verwijderen"), {"login": login.strip()})


def users(con: duckdb.DuckDBPyConnection):
    return run(con, "gebruikers")
