"""The `beschut` command line: load, report, history, restore, briefing, generate, the
users (gebruiker) and the audit trail."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from dashboard import __version__
from dashboard.exports.images import ImageError
from dashboard.exports.suppression import SETTING, SettingError
from dashboard.ingest.problems import InputError
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.metrics.figures import (
    REPORT_KEYS,
    REPORT_TABLE,
    FigureError,
    kerncijfers,
    peildatum_for,
)
from dashboard.store.db import DatabaseError, connect
from dashboard.store.gemeenten import normalise_code
from dashboard.store.queries import run_records
from dashboard.store.versions import VersieError, restore

MAX_PROBLEMS_SHOWN = 1000


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.command(args)
    except (
        InputError,
        DatabaseError,
        FigureError,
        ImageError,
        SettingError,
        VersieError,
        ValueError,  # access.GebruikerFout (imported only by the user commands)
    ) as error:
        _print_error(error)
        return 1
    except Exception:  # a last guard: the user sees Dutch, never a traceback
        if os.environ.get("BESCHUT_DEBUG"):
            traceback.print_exc()
        print(
            "Er ging iets onverwachts mis; er is niets gewijzigd. "
            "Zet BESCHUT_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="beschut", description="Nieuw beschut werk: gegevens laden en kerncijfers tonen."
    )
    parser.add_argument("--version", action="version", version=f"beschut-dashboard {__version__}")
    commands = parser.add_subparsers(required=True, metavar="opdracht")

    load_cmd = commands.add_parser("load", help="bestanden uit een map laden")
    load_cmd.add_argument("folder", help="map met taakstelling, plaatsingen, ... (.csv/.xlsx)")
    load_cmd.add_argument("--db", required=True, help="het DuckDB-bestand")
    load_cmd.set_defaults(command=_load)

    report = commands.add_parser("report", help="kerncijfers per gemeente")
    report.add_argument("--db", required=True)
    report.add_argument("--jaar", required=True, type=int)
    report.add_argument(
        "--gemeente",
        type=_gemeente_code,
        action="append",
        help="herhaal voor meer gemeenten; standaard: alle gemeenten",
    )
    report.add_argument("--peildatum", type=_iso_date)
    report.add_argument("--versie", help="begrotingsversie (standaard: de laatste in het bestand)")
    report.add_argument("--format", choices=("table", "json"), default="table")
    report.set_defaults(command=_report)

    history = commands.add_parser("history", help="alle imports met hun bestanden")
    history.add_argument("--db", required=True)
    history.set_defaults(command=_history)

    brief = commands.add_parser("briefing", help="raadsbriefing als PDF, Word (en Excel)")
    brief.add_argument("--db", required=True)
    brief.add_argument("--jaar", required=True, type=int)
    brief.add_argument(
        "--gemeente",
        type=_gemeente_code,
        action="append",
        default=[],
        help="herhaal voor meer gemeenten samen; standaard: alle gemeenten",
    )
    brief.add_argument("--peildatum", type=_iso_date)
    brief.add_argument("--out", type=Path, help="het PDF-bestand")
    brief.add_argument("--docx", type=Path, help="dezelfde brief als Word-bestand (.docx)")
    brief.add_argument("--excel", type=Path, help="ook alle tabellen als .xlsx")
    brief.add_argument(
        "--min-aantal",
        type=_positive_int,
        help=f"kleinere aantallen personen als '< N' (standaard {SETTING} of 5)",
    )
    brief.set_defaults(command=_briefing)

    restore_cmd = commands.add_parser(
        "restore", help="de gegevens terugzetten zoals ze na een versie waren"
    )
    restore_cmd.add_argument("--db", required=True)
    restore_cmd.add_argument(
        "--versie",
        required=True,
        type=_version,
        help="het versienummer uit beschut history (0 = leeg, vóór de eerste import)",
    )
    restore_cmd.set_defaults(command=_restore)

    synthetic = commands.add_parser(
        "generate", help="synthetische gegevens schrijven, tot alle gemeenten van Nederland"
    )
    synthetic.add_argument("--out", required=True, help="doelmap voor de vijf bestanden")
    synthetic.add_argument(
        "--gemeenten", type=int, help="aantal gemeenten (standaard: alle huidige gemeenten)"
    )
    synthetic.add_argument("--van", type=int, default=2015, help="eerste jaar (vanaf 2015)")
    synthetic.add_argument("--tot", type=int, default=2030, help="laatste jaar (tot en met)")
    synthetic.add_argument("--seed", type=int, default=342, help="seed voor de toevalsgenerator")
    synthetic.add_argument(
        "--schaal",
        type=float,
        default=1.0,
        help="rijen per gemeente × schaal; 1 = landelijk realistisch (standaard)",
    )
    synthetic.set_defaults(command=_generate)

    users = commands.add_parser("gebruiker", help="gebruikers: rol en gemeenten (met inlog)")
    actions = users.add_subparsers(required=True, metavar="actie")
    for name, new in (("toevoegen", True), ("wijzigen", False)):
        action = actions.add_parser(name, help=f"een gebruiker {name}")
        action.add_argument("login", help="e-mailadres of sub bij de identity provider")
        action.add_argument("--db", required=True)
        action.add_argument(
            "--rol", required=new, help="raad, controller, programmamanager of beheerder"
        )
        action.add_argument(
            "--gemeente", type=_gemeente_code, action="append", help="herhaal voor meer"
        )
        action.add_argument("--alle-gemeenten", action="store_true", help="alle gemeenten")
        action.add_argument("--naam")
        action.set_defaults(command=_user_save, new=new)
    remove = actions.add_parser("verwijderen", help="een gebruiker verwijderen")
    remove.add_argument("login")
    remove.add_argument("--db", required=True)
    remove.set_defaults(command=_user_remove)
    listing = actions.add_parser("lijst", help="alle gebruikers")
    listing.add_argument("--db", required=True)
    listing.set_defaults(command=_user_list)

    trail = commands.add_parser("audit", help="het auditlogboek: wie deed wat, wanneer")
    trail.add_argument("--db", required=True)
    trail.add_argument("--aantal", type=_positive_int, default=10_000, help="nieuwste N regels")
    trail.set_defaults(command=_audit)
    return parser


def _gemeente_code(text: str) -> str:
    code = normalise_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(f"'{text}' is geen gemeentecode (GMnnnn)")
    return code


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal van 1 of meer")
    return int(text)


def _version(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is geen versienummer (0, 1, 2, …)")
    return int(text)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum (jjjj-mm-dd)") from None


def _print_error(error: Exception) -> None:
    if isinstance(error, InputError):
        problems = error.problems
        print(
            f"Niet geladen: {len(problems)} probleem/problemen gevonden; "
            "de database is niet gewijzigd.",
            file=sys.stderr,
        )
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            print(f"  … en nog {len(problems) - MAX_PROBLEMS_SHOWN} problemen", file=sys.stderr)
    else:
        print(f"Fout: {error}", file=sys.stderr)


def _who() -> str:
    """The audit trail's "wie" for the command line: the system account."""
    try:
        return f"opdrachtregel:{getpass.getuser()}"
    except (KeyError, OSError):
        return "opdrachtregel"


def _audit_write(db: str, actie: str, gemeenten, details: str) -> None:
    from dashboard.store import audit

    con = connect(db, read_only=False)
    try:
        audit.record(con, _who(), None, actie, gemeenten, details)
    finally:
        con.close()


def _load(args: argparse.Namespace) -> int:
    from dashboard.ingest.loader import files_in_folder, load

    result = load(args.db, files_in_folder(args.folder), source=str(args.folder))
    _audit_write(
        args.db, "import", list(result.gemeenten), f"versie {result.import_id}: {args.folder}"
    )
    print(f"Import {result.import_id} geslaagd in {args.db}:")
    for table, rows in result.tables.items():
        print(f"  {table}: {fmt.number(rows)} rijen")
    print(f"  gemeenten: {', '.join(result.gemeenten)}")
    for warning in result.warnings:
        print(f"  let op: {warning}")
    return 0


def _report(args: argparse.Namespace) -> int:
    con = connect(args.db, read_only=True)
    try:
        peildatum = peildatum_for(con, args.jaar, args.peildatum)
        gemeenten = args.gemeente or []
        rows = kerncijfers(con, args.jaar, peildatum, gemeenten, args.versie)
    finally:
        con.close()
    missing = sorted(set(gemeenten) - {row["gemeente"] for row in rows})
    if missing:
        raise FigureError(f"gemeente {', '.join(missing)} heeft geen gegevens in {args.db}")
    print(_as_json(rows) if args.format == "json" else _as_table(rows))
    return 0


def _as_json(rows: list[dict[str, object]]) -> str:
    def plain(value: object) -> object:
        return value.isoformat() if isinstance(value, dt.date) else value

    return json.dumps(
        [{key: plain(row[key]) for key in REPORT_KEYS} for row in rows],
        ensure_ascii=False,
        indent=2,
    )


def _as_table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "Geen gegevens geladen."
    header = ["Kerncijfer"] + [f"{r['gemeentenaam']} ({r['gemeente']})" for r in rows]
    figures = [catalogue.figure(key) for key in REPORT_TABLE]
    body = [[f.header] + [f.text(r[f.key], unit=False) for r in rows] for f in figures]
    for post in rows[0]["begroting_per_post"]:
        body.append(
            [f"  begroting {post}"] + [fmt.euro(r["begroting_per_post"][post]) for r in rows]
        )
    for uitkomst in rows[0]["trajecten_per_uitkomst"]:
        body.append(
            [f"  trajecten {uitkomst}"]
            + [fmt.number(r["trajecten_per_uitkomst"][uitkomst]) for r in rows]
        )
    title = f"Nieuw beschut werk {rows[0]['jaar']}, peildatum {fmt.datum(rows[0]['peildatum'])}"
    return (
        title + "\n\n" + tabulate(body, headers=header, colalign=("left",) + ("right",) * len(rows))
    )


def _history(args: argparse.Namespace) -> int:
    con = connect(args.db, read_only=True)
    try:
        imports = run_records(con, "import_historie")
    finally:
        con.close()
    if not imports:
        print("Nog geen imports.")
        return 0
    body = []
    for entry in imports:
        files = "\n".join(
            f"{f['bestand']} ({f['tabel']}, {fmt.number(f['rijen'])} rijen, sha256 {f['sha256']})"
            for f in entry["bestanden"]
        )
        body.append(
            [
                entry["import_id"],
                entry["gestart"].strftime("%d-%m-%Y %H:%M:%S"),
                entry["resultaat"],
                entry["bron"],
                files,
                entry["dashboard_versie"] or "onbekend",
            ]
        )
    headers = ["Versie", "Gestart", "Resultaat", "Bron", "Bestanden", "Dashboard"]
    print(tabulate(body, headers=headers))
    return 0


def _briefing(args: argparse.Namespace) -> int:
    from dashboard.exports import briefing_docx, briefing_pdf, raadsbriefing

    started = time.perf_counter()
    if args.out is None and args.docx is None:
        raise FigureError("geef --out (PDF), --docx (Word) of allebei")
    for path in (args.out, args.docx, args.excel):
        if path is not None and not path.parent.is_dir():
            raise FigureError(f"kan {path} niet schrijven: de map {path.parent} bestaat niet")
    con = connect(args.db, read_only=True)
    try:
        document = raadsbriefing.gather(
            con, args.jaar, args.gemeente, args.peildatum, args.min_aantal
        )
    finally:
        con.close()
    pictures = raadsbriefing.pictures(document)
    title = f"Raadsbriefing {document.gebied} {document.jaar} (peildatum "
    title += f"{fmt.datum(document.peildatum)})"
    if args.out:
        pdf = briefing_pdf.render(document, pictures)
        _write(args.out, pdf.data)
        print(
            f"{title} geschreven naar {args.out}: {pdf.pages} pagina's, "
            f"{fmt.number(len(pdf.data) / 1024)} kB, "
            f"{fmt.number(time.perf_counter() - started, 1)} s."
        )
    if args.docx:
        word = briefing_docx.render(document, pictures)
        _write(args.docx, word)
        print(f"{title} als Word geschreven naar {args.docx}: {fmt.number(len(word) / 1024)} kB.")
    if args.excel:
        _write(args.excel, raadsbriefing.excel(document))
        print(f"Tabellen geschreven naar {args.excel}.")
    return 0


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise FigureError(f"kan {path} niet schrijven ({error.strerror})") from None


def _restore(args: argparse.Namespace) -> int:
    restored = restore(args.db, args.versie, source="beschut restore")
    gemeenten = sorted({g for codes in restored.tabellen.values() for g in codes})
    _audit_write(
        args.db,
        "terugzetten",
        gemeenten,
        f"versie {restored.versie} teruggezet als versie {restored.import_id}",
    )
    print(
        f"Versie {restored.versie} teruggezet in {args.db}; vastgelegd als versie "
        f"{restored.import_id} (ongedaan te maken met --versie {restored.import_id - 1}):"
    )
    for table, gemeenten in restored.tabellen.items():
        print(f"  {table}: {', '.join(gemeenten)}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    # Imported here: the simulation and openpyxl are not needed to load or report.
    from beschut_dev.generate import Keuze, KeuzeError, current_gemeenten, generate

    keuze = Keuze(args.gemeenten, args.van, args.tot, args.seed, args.schaal)
    try:
        counts = generate(args.out, keuze)
    except KeuzeError as error:
        _print_error(error)
        return 1
    gemeenten = args.gemeenten or len(current_gemeenten())
    print(
        f"Synthetische gegevens geschreven naar {args.out} ({fmt.number(gemeenten)} gemeenten, "
        f"{args.van}-{args.tot}, schaal {fmt.number(args.schaal)}):"
    )
    for name, rows in counts.items():
        print(f"  {name}: {fmt.number(rows)} rijen")
    return 0


def _user_save(args: argparse.Namespace) -> int:
    from dashboard.store import audit
    from dashboard.web import access

    con = connect(args.db, read_only=False)
    try:
        rol, gemeenten, alle = args.rol, args.gemeente or [], args.alle_gemeenten
        if not args.new:  # wijzigen: what is not given stays as it was
            found = run_records(con, "gebruiker_zoeken", login=args.login.strip())
            if not found:
                raise access.GebruikerFout(f"gebruiker {args.login} bestaat niet")
            rol = rol or found[0]["rol"]
            if not gemeenten and not alle:
                gemeenten, alle = found[0]["gemeenten"], found[0]["alle_gemeenten"]
                gemeenten = [] if alle else gemeenten
        user = access.save_user(con, args.login, rol, gemeenten, alle, args.naam, new=args.new)
        actie = "gebruiker toevoegen" if args.new else "gebruiker wijzigen"
        audit.record(con, _who(), None, actie, user.gemeenten, f"{user.login}: rol {user.rol}")
    finally:
        con.close()
    where = "alle gemeenten" if user.gemeenten is None else ", ".join(user.gemeenten)
    print(f"Gebruiker {user.login} opgeslagen: rol {user.rol}, {where}.")
    return 0


def _user_remove(args: argparse.Namespace) -> int:
    from dashboard.store import audit
    from dashboard.web import access

    con = connect(args.db, read_only=False)
    try:
        access.remove_user(con, args.login)
        audit.record(con, _who(), None, "gebruiker verwijderen", None, args.login.strip().lower())
    finally:
        con.close()
    print(f"Gebruiker {args.login.strip().lower()} verwijderd.")
    return 0


def _user_list(args: argparse.Namespace) -> int:
    con = connect(args.db, read_only=True)
    try:
        found = run_records(con, "gebruikers")
    finally:
        con.close()
    if not found:
        print("Nog geen gebruikers.")
        return 0
    body = [
        [
            u["login"],
            u["naam"] or "",
            u["rol"],
            "alle" if u["alle_gemeenten"] else ", ".join(u["gemeenten"]),
        ]
        for u in found
    ]
    print(tabulate(body, headers=["Login", "Naam", "Rol", "Gemeenten"]))
    return 0


def _audit(args: argparse.Namespace) -> int:
    from dashboard.store import audit

    con = connect(args.db, read_only=True)
    try:
        found = audit.rows(con, args.aantal)
    finally:
        con.close()
    if found.empty:
        print("Het auditlogboek is leeg.")
        return 0
    body = [
        [
            r.nr,
            f"{r.tijdstip:%d-%m-%Y %H:%M:%S}",
            r.wie,
            r.rol or "",
            r.actie,
            r.gemeenten,
            r.details or "",
        ]
        for r in found.itertuples()
    ]
    print(tabulate(body, headers=["Nr", "Tijdstip", "Wie", "Rol", "Actie", "Gemeenten", "Details"]))
    return 0
