"""The Data page's upload: preview, problems, import, undo and restore, in AppTest."""

from __future__ import annotations

import json
import threading

import pytest
from conftest import (
    PLAATSINGEN_HEADER,
    REPO,
    SAMPLE,
    as_shown,
    csv_lines,
    file_digest,
    start_app,
    switch_page,
    table_rows,
)
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store.db import writing

APP = str(REPO / "dashboard" / "app.py")
CSV = "text/csv"

GOOD = [
    (
        "plaatsingen.csv",
        csv_lines(
            PLAATSINGEN_HEADER,
            "N1,n1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100",
            "N2,n2,GM0935,beschut_werk,2025-02-01,,24,MOB,1800",
            "V1,v1,GM0981,beschut_werk,2025-01-01,,30,Vaals BV,2000",
        ).encode(),
        CSV,
    ),
    (
        "Taakstelling.csv",
        csv_lines("Gemeente;Jaar;Taakstelling;Opmerking", "935;2026;70,5;x").encode(),
        CSV,
    ),
]
BAD = [
    (
        "plaatsingen.csv",
        csv_lines(
            PLAATSINGEN_HEADER,
            "N1,n1,GM0935,beschut_werk,2024-02-30,,32,MOB,2100",
            "N2,n2,GM9999,beschut_werk,2025-02-01,,24,MOB,1800",
        ).encode(),
        CSV,
    ),
    ("notities.csv", b"a,b\n1,2\n", CSV),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "app.duckdb"
    load(path, files_in_folder(SAMPLE), source=str(SAMPLE))
    return path


def start(monkeypatch, db, page: str = "Data") -> AppTest:
    return start_app(monkeypatch, db, page)


def go(at: AppTest, page: str) -> AppTest:
    switch_page(at, page)
    assert not at.exception, at.exception
    return at


def realisatie(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Realisatie op"))


def taakstelling(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Taakstelling"))


def upload(at: AppTest, files) -> AppTest:
    at.file_uploader[0].set_value(files).run()
    assert not at.exception, at.exception
    return at


def report(db, capsys) -> str:
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--jaar", "2026", "--format", "json"]) == 0
    return capsys.readouterr().out


def previewed(at: AppTest) -> list[dict[str, str]]:
    """The preview table (the first table on the page), one dict per file."""
    return at.dataframe[0].value.to_dict(orient="records")


def rows(at: AppTest, index: int) -> list[tuple]:
    return list(at.dataframe[index].value.itertuples(index=False, name=None))


def test_a_bad_set_shows_every_problem_and_changes_nothing(db, monkeypatch):
    at = start(monkeypatch, db)
    before = file_digest(db)
    upload(at, BAD)
    preview = previewed(at)
    assert [r["Bestand"] for r in preview] == ["plaatsingen.csv", "notities.csv"]  # as uploaded
    assert (preview[0]["Tabel"], preview[0]["Rijen"], preview[0]["Problemen"]) == (
        "plaatsingen",
        "2",
        "2",
    )
    assert preview[0]["Status"] == preview[1]["Status"] == "niet te importeren"
    assert preview[1]["Tabel"] == "–"
    assert "Niet te importeren: 3 problemen" in as_shown(at.error[0].value)
    assert list(at.table[0].value.columns) == ["Bestand", "Regel", "Kolom", "Probleem"]
    problems = table_rows(at.table[0])
    assert problems[0][:3] == ("notities.csv", "1", "(hele bestand)")
    assert ("plaatsingen.csv", "2", "startdatum") == problems[1][:3]
    assert "'2024-02-30' is geen bestaande datum" in problems[1][3]
    assert problems[2][:3] == ("plaatsingen.csv", "3", "gemeente")
    assert not [b for b in at.button if b.key == "importeren"]
    assert file_digest(db) == before


def test_a_good_set_previews_imports_on_confirm_and_changes_the_overzicht(db, monkeypatch, capsys):
    at = start(monkeypatch, db, page="Overzicht")
    first = (realisatie(at), taakstelling(at))
    go(at, "Data")
    before = file_digest(db)
    upload(at, GOOD)
    preview = previewed(at)
    assert preview[0] == {
        "Bestand": "plaatsingen.csv",
        "Tabel": "plaatsingen",
        "Status": "in orde",
        "Problemen": "0",
        "Rijen": "3",
        "Gemeenten": "Maastricht, Vaals",
        "Jaren": "2024–2025",
        "Herkende kolommen": PLAATSINGEN_HEADER.replace(",", ", "),
        "Genegeerde kolommen": "–",
        "Codering": "UTF-8",
        "Opmerkingen": "–",
    }
    assert (preview[1]["Herkende kolommen"], preview[1]["Genegeerde kolommen"]) == (
        "gemeente, jaar, taakstelling",
        "opmerking",
    )
    assert not at.error
    assert file_digest(db) == before  # nothing written before the confirm

    at.button(key="importeren").click().run()
    assert not at.exception, at.exception
    assert as_shown(at.success[0].value).startswith(
        "Versie 2 is geïmporteerd (plaatsingen 3 rijen, taakstelling 1 rij) voor Maastricht, Vaals"
    )
    assert not at.file_uploader[0].value  # emptied for the next upload
    go(at, "Overzicht")
    assert (realisatie(at), taakstelling(at)) != first
    rows_now = json.loads(report(db, capsys))
    assert sum(r["realisatie_ultimo"] for r in rows_now) == int(realisatie(at).split()[0])


def test_undo_and_restore_in_the_app_leave_the_report_byte_for_byte(db, monkeypatch, capsys):
    at = start(monkeypatch, db)
    version_1 = report(db, capsys)
    upload(at, GOOD)
    at.button(key="importeren").click().run()
    version_2 = report(db, capsys)
    assert version_2 != version_1

    at.button(key="ongedaan_maken").click().run()

    at.button(key="bevestigen").click().run()  # the confirmation
    assert not at.exception, at.exception
    assert "Versie 1 is teruggezet, vastgelegd als versie 3" in as_shown(at.success[0].value)
    assert report(db, capsys) == version_1

    at.selectbox(key="terug_naar_versie").select(2).run()
    at.button(key="terugzetten").click().run()
    at.button(key="bevestigen").click().run()  # the confirmation
    assert "Versie 2 is teruggezet, vastgelegd als versie 4" in as_shown(at.success[0].value)
    assert report(db, capsys) == version_2

    at.button(key="ongedaan_maken").click().run()  # undoes the restore

    at.button(key="bevestigen").click().run()  # the confirmation
    assert report(db, capsys) == version_1
    results = [r[2] for r in rows(at, 2)]
    assert results[:3] == [
        "hersteld naar versie 3",
        "hersteld naar versie 2",
        "hersteld naar versie 1",
    ]


def test_an_import_while_another_runs_is_refused_with_a_message(db, monkeypatch):
    at = start(monkeypatch, db)
    upload(at, GOOD)
    before = file_digest(db)
    with writing(db):
        at.button(key="importeren").click().run()
    assert not at.exception, at.exception
    assert "er loopt al een import" in as_shown(at.error[0].value)
    assert file_digest(db) == before
    at.button(key="importeren").click().run()  # free again: now it goes through
    assert as_shown(at.success[0].value).startswith("Versie 2 is geïmporteerd")


def test_files_above_the_limit_are_refused_unread(db, monkeypatch):
    monkeypatch.setenv("BESCHUT_MAX_UPLOAD_MB", "0.0002")  # about 210 bytes
    at = start(monkeypatch, db)
    upload(at, GOOD)
    problems = table_rows(at.table[0])
    assert problems == [
        (
            "plaatsingen.csv",
            "1",
            "(hele bestand)",
            "het bestand is 0,0 MB; de grens is 0,0 MB (instelling BESCHUT_MAX_UPLOAD_MB)",
        )
    ]
    refused = next(r for r in previewed(at) if r["Bestand"] == "plaatsingen.csv")
    assert refused["Status"] == "geweigerd: te groot (0,0 MB)"


def test_a_chosen_gemeente_that_an_undo_removes_does_not_break_the_pages(db, monkeypatch):
    at = start(monkeypatch, db)
    upload(at, GOOD)
    at.button(key="importeren").click().run()
    go(at, "Overzicht")
    at.multiselect(key="gemeenten").set_value(["GM0981"]).run()
    assert "Vaals" in as_shown(at.markdown[0].value)
    go(at, "Data")
    at.button(key="ongedaan_maken").click().run()
    at.button(key="bevestigen").click().run()  # the confirmation
    for page in ("Overzicht", "Taakstelling", "Begroting", "Data"):
        go(at, page)


def test_the_first_upload_creates_the_database(tmp_path, monkeypatch):
    path = tmp_path / "nieuw.duckdb"
    at = start(monkeypatch, path)
    assert any("nog geen database" in i.value for i in at.info)
    upload(at, GOOD)
    at.button(key="importeren").click().run()
    assert not at.exception, at.exception
    assert as_shown(at.success[0].value).startswith("Versie 1 is geïmporteerd")
    go(at, "Overzicht")
    assert realisatie(at)


def test_pages_keep_working_while_an_import_runs(db, monkeypatch):
    from conftest import source
    from test_concurrency import national_plaatsingen

    at = start(monkeypatch, db, page="Overzicht")
    shown = realisatie(at)
    big = [source("plaatsingen.csv", national_plaatsingen(40_000))]
    failures: list[BaseException] = []

    def importing() -> None:
        try:
            load(db, big, source="groot")
        except BaseException as error:  # noqa: BLE001
            failures.append(error)

    thread = threading.Thread(target=importing)
    thread.start()
    reruns = 0
    while thread.is_alive() or reruns == 0:
        at.run()
        assert not at.exception, at.exception
        assert realisatie(at)
        reruns += 1
    thread.join()
    assert not failures, failures
    at.run()
    assert realisatie(at) != shown


def test_many_problems_are_all_listed_in_a_scrollable_table(db, monkeypatch):
    bad_rows = [f"N{i},n{i},GM0935,beschut_werk,2024-13-01,,32,MOB,2100" for i in range(150)]
    at = start(monkeypatch, db)
    upload(at, [("plaatsingen.csv", csv_lines(PLAATSINGEN_HEADER, *bad_rows).encode(), CSV)])
    assert "Niet te importeren: 150 problemen" in as_shown(at.error[0].value)
    problems = at.dataframe[1].value
    assert len(problems) == 150 and list(problems["Regel"][:2]) == ["2", "3"]


def test_a_corrected_file_replaces_the_earlier_one_with_the_same_name(db, monkeypatch):
    at = start(monkeypatch, db)
    upload(at, [BAD[0]])
    assert "Niet te importeren" in at.error[0].value
    upload(at, [BAD[0], GOOD[0]])  # the corrected plaatsingen.csv, dropped beside the first
    preview = previewed(at)
    assert [(r["Bestand"], r["Status"], r["Rijen"]) for r in preview] == [
        ("plaatsingen.csv", "in orde", "3")
    ]
    assert not at.error
    assert any("vervangen door het laatst geüploade bestand" in c.value for c in at.caption)
    assert not any(c.value.startswith("Zo gelezen") for c in at.caption)  # plain UTF-8
    assert [b for b in at.button if b.key == "importeren"]


def test_the_preview_names_skipped_lines_the_encoding_and_a_wrong_total(db, monkeypatch):
    annex = "Bijlage\nCBS-code;Gemeente;Ultimo 2026\n935;Maastricht;69\n1900;Súdwest-Fryslân;1\n"
    annex += ";Som;71\n"
    at = start(monkeypatch, db)
    upload(at, [("taakstelling.csv", annex.encode("cp1252"), CSV)])
    (row,) = previewed(at)
    assert (row["Status"], row["Codering"]) == ("in orde", "Windows-1252")
    assert row["Opmerkingen"] == (
        "1 regel boven de kolomnamen overgeslagen; totaalregel 'Som' op regel 5 overgeslagen"
    )
    # also in full under the table, whose last columns can lie beyond a small screen
    assert (
        "Zo gelezen: taakstelling.csv: gelezen als Windows-1252; 1 regel boven de kolomnamen "
        "overgeslagen; totaalregel 'Som' op regel 5 overgeslagen."
    ) in [as_shown(c.value) for c in at.caption]
    assert at.warning[0].value.startswith("Let op")
    (warning,) = table_rows(at.table[0])
    assert warning[:3] == ("taakstelling.csv", "5", "ultimo 2026")
    assert "de totaalregel noemt 71, de som van de gemeenten is 70" in warning[3]
    assert [b for b in at.button if b.key == "importeren"]
