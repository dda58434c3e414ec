"""What every page shares: the database, cached queries, the sidebar selection.

Pages only draw: they ask `query()` for a named query's result and hand it to a
chart or a table. Nothing here computes a figure.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import __version__
from dashboard.exports import suppression
from dashboard.exports.tables import ExportTable, to_csv, to_excel
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import FIRST_YEAR, Figure
from dashboard.metrics.figures import FigureError, peildatum_for
from dashboard.store.db import DatabaseError, SharedDatabase, share
from dashboard.store.queries import run
from dashboard.web import access, links

FIRST_YEAR_SHOWN = FIRST_YEAR  # the product follows nieuw beschut werk from 2024 on
# Every ASCII punctuation character can be backslash-escaped in (GitHub) markdown.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


# Read once: every rerun of every session sends it.
DUTCH_SCRIPT = Path(__file__).with_name("dutch.js").read_text(encoding="utf-8")


def speak_dutch() -> None:
    """The page's language set to Dutch, and Streamlit's own English labels (help
    icons, date fields, the file uploader, the skip link) translated: dutch.js."""
    st.html(f"<script>{DUTCH_SCRIPT}</script>", unsafe_allow_javascript=True)


def md(text: object) -> str:
    """Data as literal text inside Streamlit markdown (titles, captions, st.info, table
    cells): a gemeentenaam like `[klik](https://…)` or `![](https://…)` shows as
    typed, never as a link, an image, an icon or a colour."""
    flat = " ".join(str(text).split())  # a newline would start a heading or a list
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat)


LINK = "_link"  # the query parameters this session last wrote into the URL


def db_path() -> str:
    return os.environ.get("BESCHUT_DB", "data/beschut.duckdb")


@st.cache_resource(show_spinner=False)
def shared_database(path: str) -> SharedDatabase:
    """The process's one read-write connection (db.share), opened on first use.

    Every query runs on its own cursor, so a reader sees the last committed version
    while an import or restore writes; writes go through db.writing.
    """
    return share(path)


def database(path: str) -> duckdb.DuckDBPyConnection:
    return shared_database(path).connection


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(
    path: str, generation: int, name: str, parameters: tuple[tuple[str, object], ...]
) -> pd.DataFrame:
    # `generation` changes with every write, so no result outlives the data it read.
    return run(database(path), name, **dict(parameters))


def query(name: str, **parameters: object) -> pd.DataFrame:
    """The result of `sql/<name>.sql`, cached per data version, query and parameters."""
    frozen = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in parameters.items())
    )
    thawed = tuple((k, list(v) if isinstance(v, tuple) else v) for k, v in frozen)
    path = db_path()
    return _cached(path, shared_database(path).generation, name, thawed)


@dataclass(frozen=True)
class Selectie:
    """What the sidebar chose; pages read it, never the widgets."""

    gemeenten: tuple[str, ...]  # the chosen codes (all when the user chose none)
    label: str  # "Maastricht" / "3 gemeenten" for titles
    jaar: int
    peildatum: dt.date
    data_tot_en_met: dt.date

    @property
    def codes(self) -> list[str]:
        return list(self.gemeenten)

    @property
    def params(self) -> dict[str, object]:
        """The parameters most queries take."""
        return {"gemeenten": self.codes, "jaar": self.jaar, "peildatum": self.peildatum}


def open_database() -> bool:
    """Connect, or explain in Dutch why there is nothing to show yet."""
    if database_ready():
        return True
    try:
        database(db_path())
    except DatabaseError as error:
        st.info(f"Nog geen gegevens om te tonen: {error}.")
        return False
    return True


def database_ready() -> bool:
    try:
        database(db_path())
    except DatabaseError:
        return False
    return True


def sidebar() -> Selectie | None:
    """Draw gemeente, jaar and peildatum; None when the database holds no data.

    The choice starts from the link (links.read) when one was opened: a pasted URL, a
    reload, Back or Forward; a Dutch note says what the link asked that cannot be shown.
    """
    gemeenten = query("gemeenten_lijst")
    gemeenten = gemeenten[gemeenten["gemeente"].isin(access.scope(gemeenten["gemeente"]))]
    covered = query("data_tot_en_met")["data_tot_en_met"].iloc[0]
    if gemeenten.empty or pd.isna(covered):
        return None
    covered = pd.Timestamp(covered).date()
    names = dict(zip(gemeenten["gemeente"], gemeenten["gemeentenaam"], strict=True))
    jaren = _years(covered)
    notes = _follow_link(list(names), jaren, covered)
    with st.sidebar:
        chosen = st.multiselect(
            "Gemeenten",
            options=list(names),
            format_func=lambda code: f"{names[code]} ({code})",
            placeholder="Alle gemeenten (opgeteld)",
            key="gemeenten",
            help="Kies één of meer gemeenten; leeg = alle gemeenten samen.",
        )
        jaar = st.selectbox("Jaar", jaren, key="jaar")
        st.session_state.setdefault(f"peildatum_{jaar}", default_peildatum(jaar))
        peildatum = st.date_input(
            "Peildatum",
            min_value=dt.date(jaar, 1, 1),
            max_value=dt.date(jaar, 12, 31),
            format="DD-MM-YYYY",
            key=f"peildatum_{jaar}",
            help="De dag waarop de realisatie wordt geteld; standaard 31 december, of de "
            "laatste dag waarover gegevens zijn voor het lopende jaar.",
        )
    for note in notes:
        st.warning(note)
    codes = tuple(chosen) or tuple(names)
    label = names[codes[0]] if len(codes) == 1 else f"{len(codes)} gemeenten"
    return Selectie(codes, label, jaar, peildatum, covered)


def link_params() -> dict[str, list[str]]:
    """The URL's query parameters, every value of every key."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def link_opened() -> bool:
    """Whether the URL is not the one this session last wrote: a link was opened, the
    page reloaded, or the browser went Back or Forward."""
    return link_params() != st.session_state.get(LINK)


def keep_in_link(params: dict[str, list[str]]) -> None:
    """Write the page's selection into the URL (the browser adds a history entry)."""
    if link_params() != params:
        st.query_params.from_dict(params)
    st.session_state[LINK] = params


def selection_params(chosen: Selectie) -> dict[str, list[str]]:
    """The link parameters of the sidebar's choice (no gemeente: all gemeenten)."""
    picked = st.session_state.get("gemeenten") or []
    return links.selection_params(picked, chosen.jaar, chosen.peildatum)


def _follow_link(codes: list[str], jaren: list[int], covered: dt.date) -> tuple[str, ...]:
    """Set the sidebar's widgets from the link when one was opened; the notes on it."""
    state = st.session_state
    notes: tuple[str, ...] = ()
    if link_opened() or "jaar" not in state:
        asked = links.read(link_params(), codes, jaren, covered.year)
        state["gemeenten"] = list(asked.gemeenten)
        state["jaar"] = asked.jaar
        state[f"peildatum_{asked.jaar}"] = asked.peildatum or default_peildatum(asked.jaar)
        notes = asked.notes
    # an import or undo can change the gemeenten and years under a running session
    if any(code not in codes for code in state.get("gemeenten", [])):
        state["gemeenten"] = [code for code in state["gemeenten"] if code in codes]
    if state["jaar"] not in jaren:
        state["jaar"] = min(jaren, key=lambda j: (abs(j - state["jaar"]), j))
    return notes


def first_year(fallback: int) -> int:
    """The first year with a taakstelling or a placement, or `fallback` without any."""
    first = query("eerste_jaar")["eerste_jaar"].iloc[0]
    return fallback if pd.isna(first) else int(first)


def _years(covered: dt.date) -> list[int]:
    first = first_year(FIRST_YEAR_SHOWN)
    last = max(covered.year, FIRST_YEAR_SHOWN)
    return list(range(min(first, FIRST_YEAR_SHOWN, covered.year), last + 1))


def default_peildatum(jaar: int) -> dt.date:
    """Year-end, or the data's last day in the running year (figures.peildatum_for)."""
    try:
        return peildatum_for(database(db_path()), jaar)
    except FigureError:  # a year after the data: count on its last day
        return dt.date(jaar, 12, 31)


def page_header(title: str, chosen: Selectie) -> None:
    st.title(title)
    st.caption(
        f"{md(chosen.label)} · {chosen.jaar} · peildatum {fmt.datum(chosen.peildatum)} · "
        f"gegevens t/m {fmt.datum(chosen.data_tot_en_met)}"
    )


def download_buttons(
    name: str, title: str, frame: pd.DataFrame, columns: list[Figure], total_row: bool = False
) -> None:
    """CSV and Excel downloads of one table (aggregates only, small counts suppressed,
    and with `total_row` a total that would give a suppressed part away), made when
    clicked; only for a role that may download, and each download is in the audit."""
    if not access.may(access.DOWNLOADS):
        return
    rule = suppression.note(suppression.min_aantal())
    codes = st.session_state.get("gemeenten") or None
    scope = access.scope(codes) if codes else access.region_codes() or None
    left, right = st.columns(2)
    left.download_button(
        "Download als CSV",
        data=access.logged(
            "download", scope, f"{name}.csv", lambda: to_csv(frame, columns, total_row=total_row)
        ),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv_{name}",
        icon=":material/download:",
        help=rule,
    )
    right.download_button(
        "Download als Excel",
        data=access.logged(
            "download",
            scope,
            f"{name}.xlsx",
            lambda: to_excel({title: ExportTable(frame, columns, total_row)}),
        ),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{name}",
        icon=":material/download:",
        help=rule,
    )


def display_table(frame: pd.DataFrame, columns: list[Figure]) -> pd.DataFrame:
    """The table as shown on screen: the catalogue's headers, and its numbers rounded
    and formatted nl-NL as text, as in the downloads."""
    shown = {c.header: [c.text(value, unit=False) for value in frame[c.key]] for c in columns}
    return pd.DataFrame(shown)


def metric(column, key: str, value: object, chosen: Selectie, **options) -> None:
    """A tile of one catalogue figure: its label (jaar and peildatum filled in), its
    value in Dutch with the unit, and its definition as the help text."""
    figure = catalogue.figure(key)
    column.metric(
        figure.title(jaar=chosen.jaar, peildatum=chosen.peildatum),
        figure.text(value),
        help=options.pop("help", figure.definition),
        **options,
    )


def sidebar_footer() -> None:
    """The version at the bottom of the sidebar, so a figure can be traced to its code."""
    st.sidebar.caption(f"beschut-dashboard versie {__version__} · licentie EUPL-1.2")


CHART_TABLE = "Cijfers bij de grafiek"  # the expander under every chart (its text alternative)
# No Plotly mode bar: its buttons have English names and one would export an image.
CHART_CONFIG = {"displayModeBar": False}


def chart(figure, frame: pd.DataFrame, columns: list[Figure], description: str, place=None) -> None:
    """A chart with its text alternative: a one-line description a screen reader reads,
    and the figures behind it as a real table (catalogue headers, nl-NL numbers) in an
    expander under it. Every page draws its charts through here; `place` is a column
    or container (the main area when None)."""
    place = place or st.container()
    place.plotly_chart(figure, width="stretch", config=CHART_CONFIG)
    place.caption(md(description))
    title = html.unescape(figure.layout.title.text or "") if figure.layout.title else ""
    label = f"{CHART_TABLE}: {md(title)}" if title else CHART_TABLE
    shown = display_table(frame, columns)
    place.expander(label).table(shown.map(md), hide_index=True)


def _steps(start: float, stop: float, step: float, decimals: int) -> list[float]:
    count = int(math.floor((stop - start) / step + 1e-9))
    return [round(start + i * step, decimals) for i in range(count + 1)]


def slider(
    place,
    label: str,
    start: float,
    stop: float,
    step: float,
    key: str,
    decimals: int = 1,
    **options,
) -> float:
    """A slider over `start`..`stop` in `step`s that shows Dutch numbers ("1,4", not "1.4").

    Streamlit's own slider formats printf-style (no decimal comma), so this is a select
    slider over the steps with the catalogue's formatting. A value in session state
    that is not on a step (a fitted default) is moved to the nearest step."""
    steps = _steps(start, stop, step, decimals)
    current = st.session_state.get(key)
    if current is not None and current not in steps:
        st.session_state[key] = min(steps, key=lambda v: abs(v - current))
    return place.select_slider(
        label, steps, key=key, format_func=lambda v: fmt.number(v, decimals), **options
    )


def number_field(
    place,
    label: str,
    key: str,
    *,
    min_value: float | None = None,
    max_value: float | None = None,
    value: float | None = None,
    decimals: int = 2,
    allow_empty: bool = False,
    **options,
) -> float | None:
    """A number input that shows and reads Dutch notation ("1,40", "4.000,00").

    The number itself lives in `st.session_state[key]` (so defaults, saved scenarios and
    links set it as before); the text box is `key + "_tekst"`. A Dutch user types a comma
    for decimals; "4.000" is four thousand; "1.40" is refused with a suggestion, since a
    dot is a thousands separator in nl-NL. An invalid or out-of-range entry gets a Dutch
    message and the previous valid value is kept."""
    text_key, shown_key, error_key = f"{key}_tekst", f"{key}_getoond", f"{key}_fout"
    if key not in st.session_state:
        st.session_state[key] = value

    def shown(number: float | None) -> str:
        return "" if number is None else fmt.fixed(number, decimals)

    def changed() -> None:
        previous = st.session_state.get(key)
        try:
            number = fmt.parse_number(st.session_state[text_key])
            if number is None and not allow_empty:
                raise ValueError("vul een getal in")
            if number is not None and min_value is not None and number < min_value:
                raise ValueError(f"het kleinste toegestane getal is {shown(min_value)}")
            if number is not None and max_value is not None and number > max_value:
                raise ValueError(f"het grootste toegestane getal is {shown(max_value)}")
        except ValueError as error:
            reason = md(str(error))  # it quotes what was typed: no markdown
            st.session_state[error_key] = (
                f"{label}: {reason[0].upper() + reason[1:]}. De vorige waarde "
                f"({shown(previous) or 'leeg'}) blijft staan."
            )
            number = previous
        st.session_state[key] = number
        st.session_state[shown_key] = number
        st.session_state[text_key] = shown(number)

    if text_key not in st.session_state or st.session_state.get(shown_key) != st.session_state[key]:
        st.session_state[text_key] = shown(st.session_state[key])
        st.session_state[shown_key] = st.session_state[key]
    place.text_input(label, key=text_key, on_change=changed, **options)
    if error_key in st.session_state:
        place.error(st.session_state.pop(error_key))
    return st.session_state[key]
