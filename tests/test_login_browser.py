"""The login journey in Debian's headless Chromium against a real OpenID provider.

The test starts `oidc-provider` (npm, tests/oidc; `make test` installs it) under
Debian's nodejs on localhost, and the app with an `[auth]` section pointing at it;
then logs in through the provider's own login form as a user of the table `gebruiker`
(who sees her pages) and as an unknown account (who sees only "Geen toegang").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE
from playwright.sync_api import expect, sync_playwright

from beschut_dev import serving
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store import audit
from dashboard.store.db import connect
from dashboard.web import access

OIDC = REPO / "tests" / "oidc"
NODE = shutil.which("node") or shutil.which("nodejs")


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{url} answered not within {seconds} s")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(app URL, database) with login on: the provider and the app, both on localhost."""
    if NODE is None or not (OIDC / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider is missing: `make test` installs it (npm ci in tests/oidc)")
    if not Path(serving.CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it")
    root = tmp_path_factory.mktemp("login")
    db = root / "login.duckdb"
    load(db, files_in_folder(SAMPLE), source=str(SAMPLE))
    con = connect(db, read_only=False)
    try:
        access.save_user(con, "controller@gemeente.nl", "controller", ["GM0935"], False)
    finally:
        con.close()
    op_port, app_port = serving.free_port(), serving.free_port()
    app_url = f"http://localhost:{app_port}"
    settings = root / ".streamlit"
    settings.mkdir()
    shutil.copy(REPO / ".streamlit" / "config.toml", settings / "config.toml")
    (settings / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "a-long-random-test-cookie-secret"\n'
        'client_id = "dashboard"\n'
        'client_secret = "test-client-secret"\n'
        f'server_metadata_url = "http://localhost:{op_port}/.well-known/openid-configuration"\n'
        # Streamlit asks prompt=select_account by default, which oidc-provider refuses
        'client_kwargs = { prompt = "login" }\n',
        encoding="utf-8",
    )
    provider = subprocess.Popen(
        [NODE, str(OIDC / "provider.mjs"), str(op_port), f"{app_url}/oauth2callback"],
        cwd=OIDC,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(serving.APP),
            "--server.port",
            str(app_port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=root,  # its .streamlit: the config and the [auth] secrets
        env={**os.environ, "BESCHUT_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=(root / "streamlit.log").open("wb"),
    )
    try:
        wait_for(f"http://localhost:{op_port}/.well-known/openid-configuration")
        wait_for(f"{app_url}/_stcore/health")
        yield app_url, db
    finally:
        for process in (app, provider):
            process.terminate()
            process.wait(timeout=30)


def log_in(tab, app_url: str, login: str) -> None:
    """Open the app, click Inloggen, fill in the provider's form and give consent."""
    tab.goto(app_url)
    tab.get_by_role("button", name="Inloggen").click(timeout=60_000)
    tab.wait_for_selector("input[name=login]", timeout=30_000)
    tab.fill("input[name=login]", login)
    tab.fill("input[name=password]", "any")
    tab.click("button[type=submit]")
    consent = tab.locator("button[type=submit]")
    consent.wait_for(timeout=30_000)
    if "/interaction/" in tab.url:  # the provider asks for consent once
        consent.click()


def test_login_journey_in_the_browser(served):
    app_url, db = served
    with sync_playwright() as playwright:
        browser = serving.chromium(playwright)
        try:
            tab = browser.new_page()
            tab.goto(app_url)
            expect(tab.get_by_role("button", name="Inloggen")).to_be_visible(timeout=60_000)
            expect(tab.get_by_text("Overzicht nieuw beschut werk")).to_have_count(0)

            log_in(tab, app_url, "controller@gemeente.nl")
            heading = tab.get_by_role("heading", name="Overzicht nieuw beschut werk")
            expect(heading).to_be_visible(timeout=60_000)
            sidebar = tab.locator('[data-testid="stSidebar"]')
            expect(sidebar.get_by_text("rol controller")).to_be_visible(timeout=60_000)
            links = sidebar.locator('[data-testid="stSidebarNavLink"], a[href]')
            expect(sidebar.get_by_text("Begroting", exact=True)).to_be_visible()
            expect(sidebar.get_by_text("Regio", exact=True)).to_have_count(0)
            assert links.count() > 0
            tab.screenshot(path=str(REPO / "test-artifacts" / "login-controller.png"))
            tab.goto(f"{app_url}/data")  # a page the role may not use, by URL
            expect(heading).to_be_visible(timeout=60_000)  # Streamlit: no such page
            expect(tab.get_by_role("heading", name="Data", exact=True)).to_have_count(0)
            expect(tab.get_by_text("Importgeschiedenis")).to_have_count(0)
            tab.screenshot(path=str(REPO / "test-artifacts" / "login-data-refused.png"))
            tab.goto(app_url)
            expect(heading).to_be_visible(timeout=60_000)
            tab.get_by_role("button", name="Uitloggen").click()
            # the provider asks "sign out?" first (end_session), then sends us back
            tab.get_by_role("button", name="Yes, sign me out").click(timeout=60_000)
            expect(tab.get_by_role("button", name="Inloggen")).to_be_visible(timeout=60_000)

            stranger = browser.new_page()
            log_in(stranger, app_url, "vreemde@elders.nl")
            expect(stranger.get_by_role("heading", name="Geen toegang")).to_be_visible(
                timeout=60_000
            )
            expect(stranger.get_by_role("button", name="Uitloggen")).to_be_visible()
            expect(stranger.get_by_text("Overzicht nieuw beschut werk")).to_have_count(0)
        finally:
            browser.close()
    wait_for(f"{app_url}/_stcore/health")
    time.sleep(1)
    cursor = None
    try:  # the app holds the file; read the audit trail through a copy
        copy = db.with_name("copy.duckdb")
        shutil.copy(db, copy)
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            shutil.copy(wal, copy.with_name(copy.name + ".wal"))
        cursor = connect(copy)
        acties = [(r["wie"], r["actie"]) for r in audit.rows(cursor).to_dict(orient="records")]
    finally:
        if cursor is not None:
            cursor.close()
    assert ("controller@gemeente.nl", "inloggen") in acties
    assert ("vreemde@elders.nl", "inloggen geweigerd") in acties
