"""Login, roles, gemeente scoping and the audit trail, tried on the server.

The app runs in AppTest with login configured (an `[auth]` section in its secrets)
and a simulated `st.user`; pages a role may not use are also called directly
(pages.show, the Data page's actions), as a crafted request would reach them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO, SAMPLE, as_shown, csv_lines, file_digest, switch_page
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, load
from dashboard.metrics import formatting as fmt
from dashboard.store import audit
from dashboard.store.db import connect
from dashboard.store.queries import run
from dashboard.web import access, pages
from dashboard.web.views import data

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "geheim",
    "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
}
USERS = {
    "raad@gemeente.nl": ("raad", ["GM0935"]),
    "controller@gemeente.nl": ("controller", ["GM0935"]),
    "pm@gemeente.nl": ("programmamanager", ["GM0935", "GM0938"]),
    "beheer@gemeente.nl": ("beheerder", None),
}
ROLE_OF = {rol: login for login, (rol, _) in USERS.items()}
# Every role also sees the Instrumenten page (the raad's question, issue 18) and the
# toegankelijkheidsverklaring; in the menu's order.
ALLE = ["Instrumenten", "Toegankelijkheid"]


def in_menu_order(titles: list[str]) -> list[str]:
    return [page.title for page in pages.PAGES if page.title in titles]


TITLES = {
    "raad": in_menu_order(["Overzicht", *ALLE]),
    "controller": in_menu_order(["Overzicht", "Taakstelling", "Begroting", *ALLE]),
    "programmamanager": in_menu_order(
        [
            "Overzicht",
            "Taakstelling",
            "Begroting",
            "Voorschakeltraject",
            "Prognose & scenario's",
            "Regio",
            *ALLE,
        ]
    ),
    "beheerder": [page.title for page in pages.PAGES],
}


def add_users(path, users=USERS) -> None:
    con = connect(path, read_only=False)
    try:
        for login, (rol, gemeenten) in users.items():
            access.save_user(con, login, rol, gemeenten or [], gemeenten is None)
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "toegang.duckdb"
    load(path, files_in_folder(SAMPLE), source=str(SAMPLE))
    add_users(path)
    return path


def login_app(monkeypatch, db, email: str | None, page: str | None = None, **claims) -> AppTest:
    """The app with login on, as `email` (None: not logged in)."""
    import streamlit as st

    monkeypatch.setenv("BESCHUT_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    if email is None:
        at.user = {"is_logged_in": False}
    else:
        at.user = {"is_logged_in": True, "email": email, "sub": f"sub-{email}", **claims}
    at.run()
    if page is not None:
        switch_page(at, page)
    assert not at.exception, at.exception
    return at


def menu(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def audit_rows(db) -> list[dict]:
    con = connect(db)
    try:
        return audit.rows(con, 1000).iloc[::-1].to_dict(orient="records")
    finally:
        con.close()


def versions(db) -> list[int]:
    con = connect(db)
    try:
        return list(run(con, "versies")["import_id"])
    finally:
        con.close()


def totaal(db, gemeenten, jaar=2026, peildatum=dt.date(2026, 10, 31)) -> dict:
    con = connect(db)
    try:
        params = {"gemeenten": gemeenten, "jaar": jaar, "peildatum": peildatum, "versie": None}
        return run(con, "kerncijfers_totaal", **params).iloc[0].to_dict()
    finally:
        con.close()


# --- login -------------------------------------------------------------------------


def test_not_logged_in_sees_only_the_login_button(db, monkeypatch):
    at = login_app(monkeypatch, db, None)
    assert [b.label for b in at.button] == ["Inloggen"]
    assert menu(at) == [] and not at.metric and not at.get("download_button")
    assert "Log in" in at.info[0].value


def test_an_unknown_user_sees_geen_toegang_and_a_logout_button(db, monkeypatch):
    at = login_app(monkeypatch, db, "vreemde@elders.nl")
    assert at.title[0].value == "Geen toegang"
    assert "Geen toegang" in at.error[0].value
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert menu(at) == [] and not at.metric and not at.sidebar.multiselect
    assert audit_rows(db)[-1]["actie"] == "inloggen geweigerd"
    assert audit_rows(db)[-1]["wie"] == "vreemde@elders.nl"


def test_a_login_is_audited_once_per_session(db, monkeypatch):
    at = login_app(monkeypatch, db, "Controller@Gemeente.nl")  # e-mail in any case
    at.run()
    logins = [r for r in audit_rows(db) if r["actie"] == "inloggen"]
    assert [(r["wie"], r["rol"], r["gemeenten"]) for r in logins] == [
        ("controller@gemeente.nl", "controller", "GM0935")
    ]


def test_the_user_is_found_by_sub_too(db, monkeypatch):
    add_users(db, {"sub-123": ("raad", ["GM0938"])})
    at = login_app(monkeypatch, db, None)
    at.user = {"is_logged_in": True, "sub": "sub-123"}
    at.run()
    assert menu(at) == TITLES["raad"]
    assert at.sidebar.multiselect(key="gemeenten").options == ["Meerssen (GM0938)"]


def test_an_identity_provider_group_gives_the_role(db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("BESCHUT_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["beschut"] = {"rollen": {"bw-controllers": "controller"}}
    at.user = {"is_logged_in": True, "email": "raad@gemeente.nl", "groups": ["bw-controllers"]}
    at.run()
    assert menu(at) == TITLES["controller"]


# --- roles: every page, allowed and refused ------------------------------------------


@pytest.mark.parametrize("rol", access.ROLES)
def test_every_role_opens_its_pages_and_no_other(db, monkeypatch, rol):
    at = login_app(monkeypatch, db, ROLE_OF[rol])
    assert menu(at) == TITLES[rol]
    last: list[str] = []
    for page in pages.PAGES:
        switch_page(at, page.key)
        assert not at.exception, at.exception
        shown = [t.value for t in at.title]
        if page.title in TITLES[rol]:
            assert not any("Geen toegang" in e.value for e in at.error), page.key
            assert shown and shown != last, page.key
            last = shown
        else:  # asked through session state (as a crafted run would): not served
            assert shown == last, (rol, page.key)


@pytest.mark.parametrize("rol", access.ROLES)
def test_a_page_the_role_may_not_use_is_refused_when_called_directly(monkeypatch, rol):
    user = access.Gebruiker(ROLE_OF[rol], rol, ("GM0935",))
    monkeypatch.setattr(access, "current", lambda: user)
    for page in pages.PAGES:
        if page.title in TITLES[rol]:
            continue
        with pytest.raises(access.Geweigerd, match="Geen toegang"):
            pages.show(page, None)


def test_nobody_logged_in_is_refused_every_page(monkeypatch):
    monkeypatch.setattr(access, "current", lambda: None)
    for page in pages.PAGES:
        with pytest.raises(access.Geweigerd):
            pages.show(page, None)


@pytest.mark.parametrize("rol", ["raad", "controller", "programmamanager", None])
def test_the_data_actions_refuse_every_role_but_the_beheerder(db, monkeypatch, rol):
    user = None if rol is None else access.Gebruiker("x", rol, None)
    monkeypatch.setattr(access, "current", lambda: user)
    monkeypatch.setenv("BESCHUT_DB", str(db))
    before = file_digest(db)
    actions = [
        lambda: data.import_upload(None, ["plaatsingen.csv"]),
        lambda: data.write_version(lambda: pytest.fail("restore ran")),
        lambda: data.ask("terugzetten", 0, 1),
        lambda: data.change_user("ik@gemeente.nl", "beheerder", [], True, None),
        lambda: data.delete_user("beheer@gemeente.nl"),
        lambda: data.render(None),
        lambda: data.gebruikers(),
        lambda: data.audit_trail(),
    ]
    for action in actions:
        with pytest.raises(access.Geweigerd):
            action()
    assert file_digest(db) == before


def test_the_beheerder_manages_users_on_the_data_page(db, monkeypatch):
    at = login_app(monkeypatch, db, "beheer@gemeente.nl", "Data")
    at.text_input(key="gebruiker_login").input("Nieuw@Gemeente.nl")
    at.multiselect(key="gebruiker_gemeenten").set_value(["GM0938"])
    at.button[[b.label for b in at.button].index("Opslaan")].click().run()
    assert not at.exception, at.exception
    assert "nieuw@gemeente.nl" in as_shown(at.success[0].value)
    con = connect(db)
    try:
        stored = run(con, "gebruiker_zoeken", login="nieuw@gemeente.nl").iloc[0]
    finally:
        con.close()
    assert (stored["rol"], list(stored["gemeenten"])) == ("raad", ["GM0938"])
    assert audit_rows(db)[-1]["actie"] == "gebruiker toevoegen"
    assert audit_rows(db)[-1]["wie"] == "beheer@gemeente.nl"
    # the audit trail is on the page
    assert "gebruiker toevoegen" in list(at.dataframe[-1].value["Actie"])


# --- gemeente scoping --------------------------------------------------------------


def test_the_sidebar_and_every_figure_cover_only_the_users_gemeenten(db, monkeypatch):
    at = login_app(monkeypatch, db, "controller@gemeente.nl")
    assert at.sidebar.multiselect(key="gemeenten").options == ["Maastricht (GM0935)"]
    want = totaal(db, ["GM0935"])
    tile = next(m.value for m in at.metric if m.label.startswith("Realisatie op"))
    assert tile == f"{fmt.number(want['realisatie_ultimo'])} personen"
    assert want["realisatie_ultimo"] != totaal(db, [])["realisatie_ultimo"]


def test_a_link_naming_another_gemeente_shows_only_the_users(db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("BESCHUT_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "controller@gemeente.nl"}
    at.query_params["gemeente"] = "GM0938"
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="gemeenten").value == []
    assert "Meerssen" not in at.markdown[0].value
    want = totaal(db, ["GM0935"])
    tile = next(m.value for m in at.metric if m.label.startswith("Realisatie op"))
    assert tile == f"{fmt.number(want['realisatie_ultimo'])} personen"


def test_regio_shows_only_the_users_gemeenten_and_their_total(db, monkeypatch):
    at = login_app(monkeypatch, db, "pm@gemeente.nl", "Regio")
    table = at.dataframe[0].value
    names = list(table.iloc[:-1, 0])
    assert names == ["Maastricht", "Meerssen"]
    want = totaal(db, ["GM0935", "GM0938"], 2026, dt.date(2026, 10, 31))
    column = next(c for c in table.columns if c.startswith("Realisatie"))
    assert table[column].iloc[-1] == fmt.number(want["realisatie_ultimo"])


# --- downloads -------------------------------------------------------------------


def downloads(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_the_raad_gets_no_download_and_the_controller_does(db, monkeypatch):
    raad = login_app(monkeypatch, db, "raad@gemeente.nl")
    assert downloads(raad) == []
    controller = login_app(monkeypatch, db, "controller@gemeente.nl")
    assert "Raadsbriefing (PDF)" in downloads(controller)
    switch_page(controller, "taakstelling")
    assert "Download als CSV" in downloads(controller)


def test_a_download_writes_an_audit_row_when_it_is_made(db, monkeypatch):
    user = access.Gebruiker("controller@gemeente.nl", "controller", ("GM0935",))
    monkeypatch.setattr(access, "current", lambda: user)
    monkeypatch.setenv("BESCHUT_DB", str(db))
    import streamlit as st

    st.cache_resource.clear()
    made = access.logged("download", ["GM0935"], "taakstelling_2026.csv", lambda: b"x")
    assert [r for r in audit_rows(db) if r["actie"] == "download"] == []  # not yet
    assert made() == b"x"
    row = audit_rows(db)[-1]
    assert (row["wie"], row["actie"], row["gemeenten"], row["details"]) == (
        "controller@gemeente.nl",
        "download",
        "GM0935",
        "taakstelling_2026.csv",
    )


# --- the raad sees small counts suppressed on screen --------------------------------


SMALL = {
    "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2026,10"),
    "plaatsingen.csv": csv_lines(
        "plaatsing_id,persoon_id,gemeente,instrument,startdatum,einddatum,"
        "uren_per_week,werkgever,kosten_per_maand",
        "A1,p1,GM0935,beschut_werk,2026-01-01,,32,MOB,2100",
        "A2,p2,GM0935,beschut_werk,2026-02-01,,32,MOB,2100",
    ),
}


def test_the_raad_sees_a_small_realisatie_suppressed_and_the_controller_exact(
    load_files, db_path, monkeypatch
):
    load_files(SMALL)
    add_users(db_path)
    raad = login_app(monkeypatch, db_path, "raad@gemeente.nl")
    tiles = [(m.label, m.value) for m in raad.metric]
    assert next(v for label, v in tiles if label.startswith("Realisatie op")) == "< 5"
    assert "afgeschermd" in next(v for label, v in tiles if label.startswith("Nog te"))
    assert "minder dan 5" in raad.markdown[0].value
    controller = login_app(monkeypatch, db_path, "controller@gemeente.nl")
    tiles = [(m.label, m.value) for m in controller.metric]
    assert next(v for label, v in tiles if label.startswith("Realisatie op")) == "2 personen"


# --- without login: the local beheerder ----------------------------------------------


def test_without_login_the_app_runs_as_local_beheerder_and_says_so(db, monkeypatch):
    from conftest import start_app

    at = start_app(monkeypatch, db)
    assert menu(at) == TITLES["beheerder"]
    assert any("lokale beheerder" in c.value for c in at.sidebar.caption)
    assert len(at.sidebar.multiselect(key="gemeenten").options) == 3


# --- undo and restore ask first; the audit trail survives a restore -----------------


def test_undo_asks_first_naming_what_changes_and_cancel_changes_nothing(db, monkeypatch):
    at = login_app(monkeypatch, db, "beheer@gemeente.nl", "Data")
    before = versions(db)
    at.button(key="ongedaan_maken").click().run()
    warning = next(as_shown(w.value) for w in at.warning if "Weet u het zeker" in w.value)
    assert "terug naar versie 0" in warning and "plaatsingen van Maastricht" in warning
    assert versions(db) == before  # asking changed nothing
    at.button(key="annuleren").click().run()
    assert versions(db) == before
    assert not [w for w in at.warning if "Weet u het zeker" in w.value]


def test_every_action_leaves_an_audit_row_and_a_restore_keeps_them(db, monkeypatch):
    at = login_app(monkeypatch, db, "beheer@gemeente.nl", "Data")
    at.file_uploader[0].set_value(
        [("taakstelling.csv", b"gemeente,jaar,taakstelling\nGM0935,2027,80\n", "text/csv")]
    ).run()
    at.button(key="importeren").click().run()
    at.button(key="ongedaan_maken").click().run()
    at.button(key="bevestigen").click().run()
    at.selectbox(key="terug_naar_versie").select(2).run()
    at.button(key="terugzetten").click().run()
    at.button(key="bevestigen").click().run()
    assert not at.exception, at.exception
    acties = [r["actie"] for r in audit_rows(db)]
    assert acties[:5] == ["inloggen", "upload", "import", "ongedaan maken", "terugzetten"]
    before = len(acties)
    at.selectbox(key="terug_naar_versie").select(0).run()
    at.button(key="terugzetten").click().run()
    at.button(key="bevestigen").click().run()
    after = audit_rows(db)
    assert len(after) == before + 1 and [r["actie"] for r in after[:before]] == acties
    assert after[-1]["details"].startswith("versie 0 teruggezet")


def test_the_command_line_manages_users_and_lists_the_audit(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    args = ["--db", str(path)]  # a new file: the first beheerder is made this way
    toevoegen = ["gebruiker", "toevoegen"]
    assert main([*toevoegen, "A@B.nl", *args, "--rol", "raad", "--gemeente", "935"]) == 0
    assert main([*toevoegen, "x@y.nl", *args, "--rol", "raad"]) == 1  # no gemeente
    assert main([*toevoegen, "a@b.nl", *args, "--rol", "raad", "--alle-gemeenten"]) == 1  # exists
    assert main(["gebruiker", "wijzigen", "a@b.nl", *args, "--rol", "controller"]) == 0
    assert main(["gebruiker", "wijzigen", "c@d.nl", *args, "--rol", "controller"]) == 1
    assert main(["gebruiker", "verwijderen", "a@b.nl", *args]) == 0
    capsys.readouterr()
    assert main(["audit", *args]) == 0
    out = capsys.readouterr().out
    for actie in ("gebruiker toevoegen", "gebruiker wijzigen", "gebruiker verwijderen"):
        assert actie in out
    assert "a@b.nl: rol controller" in out and "GM0935" in out
