"""The real thing: the app served by Streamlit, driven in Debian's headless Chromium.

Opens every page by its URL with a selection in the query string, reloads, goes Back,
changes gemeente and year, and finds no exception text. Saves a screenshot of each page
under test-artifacts/screenshots (printed at the end).
"""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE
from playwright.sync_api import Page, sync_playwright

from beschut_dev import serving
from dashboard.ingest.loader import files_in_folder, load
from dashboard.web.pages import BY_KEY
from dashboard.web.pages import PAGES as PAGE_LIST

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # `make test` runs npm ci
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [page.title for page in PAGE_LIST]
HEADINGS = {
    "overzicht": "Overzicht nieuw beschut werk",
    "taakstelling": "Taakstelling en realisatie",
    "begroting": "Begroting en uitgaven",
    "voorschakeltraject": "Voorschakeltraject",
    "instrumenten": "Instrumenten: beschut werk als laatste vangnet",
    "prognose": "Prognose en scenario's tot 2030",
    "regio": "Regio: gemeenten naast elkaar",
    "data": "Data",
    "toegankelijkheid": "Toegankelijkheidsverklaring",
}
SELECTION = "gemeente=GM0938&jaar=2025&peildatum=2025-09-30"
ERROR_TEXTS = ["Traceback", "Exception", "Error:", "KeyError", "StreamlitAPIException"]


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample in a database of its own: the served app holds it read-write, and
    this test process may still hold the session's sample database (AppTests)."""
    path = tmp_path_factory.mktemp("browser") / "sample.duckdb"
    load(path, files_in_folder(SAMPLE), source=str(SAMPLE))
    return path


@pytest.fixture(scope="module")
def server(browser_db):
    if not Path(serving.CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get, as root)")
    port = serving.free_port()
    process = serving.start(browser_db, port)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def tab(server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = serving.chromium(playwright)
        tab = browser.new_page(viewport={"width": 1400, "height": 2400})
        tab.goto(server)
        settle(tab)
        yield tab
        browser.close()


def settle(tab: Page) -> None:
    """Wait until the app has finished running (no 'Running…' status)."""
    tab.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    tab.wait_for_timeout(500)
    tab.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
    tab.wait_for_timeout(500)


def assert_no_error(tab: Page) -> None:
    assert tab.locator('[data-testid="stException"]').count() == 0
    text = tab.locator('[data-testid="stMain"]').inner_text()
    for marker in ERROR_TEXTS:
        assert marker not in text, f"{marker!r} on the page:\n{text[:2000]}"


def slug(name: str) -> str:
    return name.split()[0].lower()


def open_page(tab: Page, name: str) -> None:
    """Click `name` in the sidebar's page menu."""
    tab.locator('[data-testid="stSidebar"]').get_by_role("link", name=name, exact=True).click()
    settle(tab)


def heading(tab: Page) -> str:
    return tab.locator("h1").first.inner_text().strip()


def sidebar_choice(tab: Page, testid: str, label: str = "") -> str:
    """The text and input values of the sidebar widget `testid` labelled `label`."""
    widget = (
        tab.locator('[data-testid="stSidebar"]')
        .locator(f'[data-testid="{testid}"]')
        .filter(has_text=label)
    )
    values = [field.input_value() for field in widget.locator("input").all()]
    return " ".join([widget.inner_text(), *values])


def choose_year(tab: Page, jaar: int) -> None:
    tab.locator('[data-testid="stSidebar"]').locator('[data-testid="stSelectbox"]').filter(
        has_text="Jaar"
    ).click()
    tab.get_by_role("option", name=str(jaar), exact=True).click()
    settle(tab)


@pytest.mark.parametrize("key", [page.key for page in PAGE_LIST])
def test_every_page_opens_by_its_url_with_the_selection(tab, server, key):
    page = BY_KEY[key]
    tab.goto(f"{server}/{page.url_path}?{SELECTION}")
    settle(tab)
    assert_no_error(tab)
    assert heading(tab) == HEADINGS[key]
    assert "Meerssen (GM0938)" in sidebar_choice(tab, "stMultiSelect")
    assert "2025" in sidebar_choice(tab, "stSelectbox", "Jaar")
    peildatum = tab.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    assert peildatum.input_value() == "2025-09-30"  # the field shows 30-09-2025
    sidebar = tab.locator('[data-testid="stSidebar"]')
    for title in PAGES:  # the menu, each link named by its page title alone
        assert sidebar.get_by_role("link", name=title, exact=True).count() == 1, title
    assert tab.evaluate("document.documentElement.lang") == "nl"
    assert tab.title() == page.document_title  # "Begroting · Nieuw beschut werk"
    tab.screenshot(path=str(SCREENSHOTS / f"{PAGE_LIST.index(page) + 1}_{key}.png"))


def test_a_reload_keeps_the_year_and_back_returns_to_the_page_before(tab, server):
    tab.goto(f"{server}/taakstelling?{SELECTION}&telwijze=fte")
    settle(tab)
    assert tab.get_by_role("radio", name="Fte (uren ÷ 36)").is_checked()
    choose_year(tab, 2024)
    assert "jaar=2024" in tab.url
    tab.reload()
    settle(tab)
    assert "2024" in sidebar_choice(tab, "stSelectbox", "Jaar")
    header = tab.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert "Meerssen · 2024" in header.inner_text()
    assert tab.get_by_role("radio", name="Fte (uren ÷ 36)").is_checked()

    open_page(tab, "Begroting")
    assert heading(tab) == HEADINGS["begroting"]
    assert "jaar=2024" in tab.url and "gemeente=GM0938" in tab.url
    assert tab.title() == "Begroting · Nieuw beschut werk"
    tab.go_back()
    settle(tab)
    assert heading(tab) == HEADINGS["taakstelling"]
    assert tab.title() == "Taakstelling · Nieuw beschut werk"
    assert "2024" in sidebar_choice(tab, "stSelectbox", "Jaar")
    tab.go_back()  # before the year was chosen
    settle(tab)
    assert heading(tab) == HEADINGS["taakstelling"]
    assert "2025" in sidebar_choice(tab, "stSelectbox", "Jaar")
    tab.go_forward()
    settle(tab)
    assert "2024" in sidebar_choice(tab, "stSelectbox", "Jaar")
    assert_no_error(tab)


def test_an_invalid_link_opens_the_nearest_selection_with_a_note(tab, server):
    tab.goto(f"{server}/regio?gemeente=GM9999&jaar=1999&peildatum=2025-02-30")
    settle(tab)
    assert_no_error(tab)
    notes = tab.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("Onbekende gemeente in de link: GM9999" in n for n in notes), notes
    assert any("Over 1999 zijn geen gegevens" in n for n in notes), notes
    assert any("geen geldige datum" in n for n in notes), notes
    assert "2017" in sidebar_choice(tab, "stSelectbox", "Jaar")
    assert "jaar=2017" in tab.url and "GM9999" not in tab.url
    tab.screenshot(path=str(SCREENSHOTS / "ongeldige_link.png"))


def test_changing_gemeente_and_year_keeps_every_page_working(tab, server):
    tab.goto(server)  # a fresh session: all gemeenten, the last year
    settle(tab)
    sidebar = tab.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]').click()
    tab.get_by_role("option", name="Meerssen (GM0938)").click()
    tab.keyboard.press("Escape")
    settle(tab)
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Jaar").click()
    tab.get_by_role("option", name="2025", exact=True).click()
    settle(tab)
    assert "Meerssen" in tab.locator('[data-testid="stMain"]').inner_text()
    caption = tab.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    assert "2025" in caption.first.inner_text()  # the page header's, not the sidebar footer
    for name in PAGES:
        open_page(tab, name)
        assert_no_error(tab)
        tab.screenshot(path=str(SCREENSHOTS / f"meerssen_2025_{slug(name)}.png"))


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = (line for line in text.splitlines() if "opgesteld op" not in line)
    # the server and the command line read their own copy of the sample, imported at
    # their own moment: compare everything but the import times
    return re.sub(r"\d\d-\d\d-\d{4} \d\d:\d\d", "<tijd>", "\n".join(lines))


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def download(tab: Page, label: str, folder: Path) -> Path:
    with tab.expect_download(timeout=60_000) as started:
        tab.locator('[data-testid="stDownloadButton"]').filter(has_text=label).click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    return target


def test_the_overzicht_downloads_the_same_briefing_as_the_command_line(tab, sample_db, tmp_path):
    """After the test above: Meerssen, 2025, peildatum 31-12-2025."""
    from dashboard.cli import main

    open_page(tab, "Overzicht")
    pdf = download(tab, "Raadsbriefing (PDF)", tmp_path)
    assert pdf.name == "raadsbriefing_GM0938_20251231.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    cli = tmp_path / "cli.pdf"
    assert main(["briefing", "--db", str(sample_db), "--jaar", "2025", "--gemeente", "GM0938",
                 "--peildatum", "2025-12-31", "--out", str(cli)]) == 0  # fmt: skip
    assert pdf_text(pdf) == pdf_text(cli)
    assert "Nieuw beschut werk in Meerssen, 2025" in pdf_text(pdf)

    word = download(tab, "Raadsbriefing (Word)", tmp_path)
    assert word.name == "raadsbriefing_GM0938_20251231.docx"
    assert "Nieuw beschut werk in Meerssen, 2025" in docx_text(word)
    workbook = download(tab, "Tabellen (Excel)", tmp_path)
    assert workbook.read_bytes().startswith(b"PK")  # a zip: .xlsx
    image = download(tab, "Grafiek realisatie (PNG)", tmp_path)
    assert image.read_bytes().startswith(b"\x89PNG")
    tab.locator('[data-testid="stDownloadButton"]').first.scroll_into_view_if_needed()
    tab.screenshot(path=str(SCREENSHOTS / "overzicht_raadsbriefing.png"))
    assert_no_error(tab)


def test_upload_import_and_undo_in_the_browser(tab, tmp_path):
    """The upload journey with the real file uploader; runs last (it adds versions)."""
    from conftest import PLAATSINGEN_HEADER, csv_lines, write_folder

    folder = write_folder(
        tmp_path,
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "V1,v1,GM0981,beschut_werk,2025-01-01,,30,Vaals BV,2000"
            ),
            "gemeenten.csv": csv_lines("code;naam;inwoners", "981;Vaals;9.800"),
        },
    )
    open_page(tab, "Data")
    uploader = tab.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files([str(folder / "plaatsingen.csv"), str(folder / "gemeenten.csv")])
    tab.get_by_text("Alle bestanden zijn in orde").wait_for(timeout=30_000)
    settle(tab)
    assert_no_error(tab)
    tab.screenshot(path=str(SCREENSHOTS / "upload_1_gecontroleerd.png"))
    tab.get_by_role("button", name="Importeren").click()
    tab.get_by_text("is geïmporteerd").wait_for(timeout=30_000)
    settle(tab)
    assert_no_error(tab)
    tab.screenshot(path=str(SCREENSHOTS / "upload_2_geimporteerd.png"))
    open_page(tab, "Regio")
    assert "Vaals" in tab.locator('[data-testid="stMain"]').inner_text()
    open_page(tab, "Data")
    tab.get_by_role("button", name="Terug naar versie 1").click()
    tab.get_by_role("button", name="Ja, terug naar versie 1").click(timeout=30_000)  # confirm
    tab.get_by_text("is teruggezet").wait_for(timeout=30_000)
    settle(tab)
    assert_no_error(tab)
    open_page(tab, "Regio")
    assert "Vaals" not in tab.locator('[data-testid="stMain"]').inner_text()


def axe_violations(tab: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci)")
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
        "nodes: v.nodes.map(n => n.target.join(' ') + ' | ' + n.failureSummary)})))",
        WCAG_21_AA,
    )
    return found


def assert_accessible(tab: Page) -> None:
    violations = axe_violations(tab)
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:8])
        for v in violations
    )
    assert not violations, f"axe-core WCAG 2.1 AA violations on {tab.url}:\n{report}"


@pytest.mark.parametrize("key", [page.key for page in PAGE_LIST])
def test_every_page_meets_wcag_21_aa(tab, server, key):
    tab.goto(f"{server}/{BY_KEY[key].url_path}?{SELECTION}")
    settle(tab)
    for expander in tab.locator('[data-testid="stExpander"] summary').all():
        expander.click()  # the tables under the charts are checked too
    tab.wait_for_timeout(300)
    assert_accessible(tab)


def test_the_data_page_with_an_upload_error_meets_wcag_21_aa(tab, server, tmp_path):
    from conftest import PLAATSINGEN_HEADER, csv_lines, write_folder

    folder = write_folder(
        tmp_path,
        {"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, "V1,v1,GM0981,beschut_werk,31-31-2025")},
    )
    tab.goto(f"{server}/{BY_KEY['data'].url_path}?{SELECTION}")
    settle(tab)
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(folder / "plaatsingen.csv")]
    )
    tab.get_by_text("Niet te importeren").wait_for(timeout=30_000)
    settle(tab)
    tab.screenshot(path=str(SCREENSHOTS / "data_uploadfout.png"))
    assert_accessible(tab)


# What Streamlit writes in English where the page says lang="nl" (WCAG 3.1.2).
STREAMLIT_ENGLISH = re.compile(
    r"^(Help for |Choose |Collapse sidebar|Expand sidebar|Main menu|Link to heading|Sidebar$"
    r"|Skip to main content|Upload$|file upload$|Add files|Remove |\d+(\.\d+)?[KMG]?B per file"
    r"|(day|month|year), |Search$|Fullscreen$|Show/hide columns|Open$|Running\.\.\."
    r"|(Previous|Next) month|month$|year$|(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day|January"
    r"|February|March|April|May|June|July|August|October|November|December)"
)
LABELS = """(root) => {
  const said = [];
  for (const e of root.querySelectorAll('[aria-label], [placeholder], [title]'))
    for (const a of ['aria-label', 'placeholder', 'title'])
      if (e.getAttribute(a)) said.push(e.getAttribute(a).trim());
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (walker.currentNode.nodeValue.trim())
    said.push(walker.currentNode.nodeValue.trim());
  return said;
}"""


def test_streamlits_own_labels_speak_dutch(tab, server, tmp_path):
    """Help icons, date fields, the file uploader and its file chips, the skip link:
    Streamlit's English translated (dashboard/web/dutch.js), also after an upload."""
    tab.goto(f"{server}/{BY_KEY['data'].url_path}?{SELECTION}")
    settle(tab)
    assert tab.evaluate("document.documentElement.lang") == "nl"
    tab.wait_for_selector('[aria-label="Uitleg bij Peildatum"]', timeout=30_000)
    tab.wait_for_selector('[data-testid="stFileUploaderDropzoneInstructions"]', timeout=30_000)
    said = tab.locator("body").evaluate(LABELS)
    assert not [s for s in said if STREAMLIT_ENGLISH.match(s)]
    for dutch in ("Uitleg bij Peildatum", "dag, Peildatum", "Bestanden kiezen", "Naar de inhoud"):
        assert dutch in said, dutch
    assert any(re.fullmatch(r"Hoogstens \d+ MB per bestand.*", s) for s in said), said
    # the calendar of the peildatum (30-09-2025 in SELECTION)
    tab.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').click()
    calendar = tab.locator('[role="application"][aria-label^="Kies een datum"]')
    calendar.wait_for(timeout=10_000)
    said = [calendar.get_attribute("aria-label"), *calendar.evaluate(LABELS)]
    assert not [s for s in said if STREAMLIT_ENGLISH.match(s)], said
    assert said[:2] == ["Kies een datum, september 2025", "Vorige maand"], said
    assert ["zo", "ma", "di", "wo", "do", "vr", "za"] == calendar.locator("th").all_inner_texts()
    days = calendar.locator('[role="gridcell"] [role="button"]')
    assert days.first.get_attribute("aria-label").startswith("zondag ")  # weeks start on Sunday
    assert "dinsdag 30 september 2025, gekozen" in said, said
    tab.keyboard.press("Escape")
    upload = tmp_path / "taakstelling.csv"
    upload.write_text("gemeente,jaar,taakstelling\nGM0935,2025,60\n", encoding="utf-8")
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(upload)])
    tab.get_by_text("Alle bestanden zijn in orde").wait_for(timeout=30_000)
    settle(tab)
    said = tab.locator("body").evaluate(LABELS)
    assert not [s for s in said if STREAMLIT_ENGLISH.match(s)]
    assert "taakstelling.csv verwijderen" in said and "Bestanden toevoegen" in said
    size = f"{upload.stat().st_size},0 B"  # Streamlit's "42.0B", the Dutch way
    assert f"taakstelling.csv, {size}" in said and size in said
