"""The app's pages, in one list: the menu, the URLs, the titles, the tests and the bench
read it.

Each page has its own URL (`/begroting`; the Overzicht, the default page, is `/`) and document title
("Begroting · Nieuw beschut werk"). A page's own main choices (the telwijze, the
begrotingsversie) are kept in the link beside the sidebar's selection (see links.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from dashboard.web import access, ui
from dashboard.web.views import (
    begroting,
    data,
    instrumenten,
    overzicht,
    prognose,
    regio,
    taakstelling,
    toegankelijkheid,
    voorschakeltraject,
)

APP_TITLE = "Nieuw beschut werk"
GO_TO = "naar_pagina"  # session key: a page key here makes the next run switch to that page


@dataclass(frozen=True)
class Keuze:
    """A page's own choice kept in the link: `?param=<value>` sets the widget `key`.
    The first option is the widget's default and stays out of the link, so that a menu
    link (which carries the sidebar's selection only) is the page's whole URL."""

    param: str
    key: str
    options: Callable[[ui.Selectie], dict[str, str]]  # link value -> widget option


@dataclass(frozen=True)
class Pagina:
    key: str
    title: str  # the menu's label and the document title's first part
    url_path: str
    render: Callable[[ui.Selectie | None], None]
    needs_data: bool = True
    icon: str | None = None
    choices: tuple[Keuze, ...] = field(default=())
    rol: str = "raad"  # the first role that may open the page (access.ROLES)

    @property
    def document_title(self) -> str:
        return f"{self.title} · {APP_TITLE}"


def _telwijzen(chosen: ui.Selectie) -> dict[str, str]:
    return {label.split()[0].lower(): label for label in taakstelling.TELWIJZEN}


def _versies(chosen: ui.Selectie) -> dict[str, str]:
    return {
        ("laatste" if option == begroting.LAST_IN_FILE else option): option
        for option in begroting.versie_options(chosen)
    }


PAGES: tuple[Pagina, ...] = (
    Pagina("overzicht", "Overzicht", "", overzicht.render, icon=":material/home:"),
    Pagina(
        "taakstelling",
        "Taakstelling",
        "taakstelling",
        taakstelling.render,
        icon=":material/flag:",
        choices=(Keuze("telwijze", "telwijze", _telwijzen),),
        rol="controller",
    ),
    Pagina(
        "begroting",
        "Begroting",
        "begroting",
        begroting.render,
        icon=":material/euro:",
        choices=(Keuze("versie", "versie", _versies),),
        rol="controller",
    ),
    Pagina(
        "voorschakeltraject",
        "Voorschakeltraject",
        "voorschakeltraject",
        voorschakeltraject.render,
        icon=":material/route:",
        rol="programmamanager",
    ),
    Pagina(
        "instrumenten",
        "Instrumenten",
        "instrumenten",
        instrumenten.render,
        icon=":material/category:",
    ),
    Pagina(
        "prognose",
        "Prognose & scenario's",
        "prognose",
        prognose.render,
        icon=":material/trending_up:",
        rol="programmamanager",
    ),
    Pagina("regio", "Regio", "regio", regio.render, icon=":material/map:", rol="programmamanager"),
    Pagina(
        "data",
        "Data",
        "data",
        data.render,
        needs_data=False,
        icon=":material/database:",
        rol="beheerder",
    ),
    Pagina(
        "toegankelijkheid",
        "Toegankelijkheid",
        "toegankelijkheid",
        toegankelijkheid.render,
        needs_data=False,
        icon=":material/accessibility:",
    ),
)
BY_KEY = {page.key: page for page in PAGES}
BY_TITLE = {page.title: page for page in PAGES}

NO_DATA_YET = (
    "De database bevat nog geen gegevens. Upload de bestanden van de gemeente op de "
    "pagina Data (of laad ze met `beschut load <map> --db <bestand>`); daarna "
    "verschijnen hier de cijfers."
)


def show(page: Pagina, chosen: ui.Selectie | None) -> None:
    """Draw `page` for the sidebar's choice, its own choices taken from an opened link,
    then keep the selection and those choices in the URL; only for a role that may."""
    access.require(page.rol, f"de pagina {page.title}")
    if chosen is None and page.needs_data:
        if ui.database_ready():
            st.info(NO_DATA_YET)
        return
    notes = _follow_link(page, chosen) if chosen is not None else []
    for note in notes:
        st.warning(note)
    page.render(chosen)
    if chosen is not None:
        ui.keep_in_link(link_params(page, chosen))


def link_params(page: Pagina, chosen: ui.Selectie) -> dict[str, list[str]]:
    """The URL's query parameters for `page`: the selection, then the page's choices."""
    params = ui.selection_params(chosen)
    for choice in page.choices:
        value = st.session_state.get(choice.key)
        by_option = {option: link for link, option in choice.options(chosen).items()}
        if value in by_option and value != next(iter(by_option)):
            params[choice.param] = [by_option[value]]
    return params


def _follow_link(page: Pagina, chosen: ui.Selectie) -> list[str]:
    if not ui.link_opened():
        return []
    notes = []
    asked = ui.link_params()
    for choice in page.choices:
        values = asked.get(choice.param)
        if not values:
            st.session_state.pop(choice.key, None)
            continue
        options = choice.options(chosen)
        if values[-1] in options:
            st.session_state[choice.key] = options[values[-1]]
        else:
            st.session_state.pop(choice.key, None)
            notes.append(
                f"De keuze voor {choice.param} in de link bestaat niet op deze pagina "
                f"(mogelijk: {', '.join(options)}); getoond: de standaardkeuze."
            )
    return notes


def navigation(chosen: ui.Selectie | None, menu) -> Pagina:
    """Register every page with Streamlit's navigation, draw the menu into `menu` (a
    sidebar container) and run the page the URL names; returns it.

    The menu's links carry the selection (Streamlit's own menu would drop the query
    string and leave two history entries per click). A page key in session state
    `GO_TO` switches to that page first: how AppTest, which has no URL bar, opens one.
    """
    # only the pages the user's role may open exist for this session (access.py)
    entries = {page.key: _st_page(page, chosen) for page in PAGES if access.may(page.rol)}
    current = st.navigation(list(entries.values()), position="hidden")
    target = st.session_state.pop(GO_TO, None)
    if target in entries and entries[target].url_path != current.url_path:
        st.switch_page(entries[target], query_params=ui.link_params())
    page = next(
        p for p in PAGES if p.key in entries and entries[p.key].url_path == current.url_path
    )
    st.set_page_config(page_title=page.document_title)
    carried = ui.selection_params(chosen) if chosen is not None else None
    with menu:
        for each in (p for p in PAGES if p.key in entries):
            st.page_link(entries[each.key], label=each.title, icon=each.icon, query_params=carried)
    current.run()
    return page


def _st_page(page: Pagina, chosen: ui.Selectie | None):
    def draw() -> None:
        show(page, chosen)

    return st.Page(
        draw,
        title=page.title,
        url_path=page.url_path,
        icon=page.icon,
        default=page is PAGES[0],
    )
