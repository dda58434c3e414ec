"""Deny by default on the server (issue 12): loopback without login, no way around the
suppression through Streamlit's or Plotly's own download buttons, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, start_app

from beschut_dev import serving
from dashboard.web.binding import refusal

REFUSED = "Het dashboard start niet op"


def test_the_config_closes_every_other_way_out():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["disableDataExport"] is True  # no CSV from the table toolbar
    assert config["client"]["showErrorDetails"] == "none"  # false would show the stack


def test_make_run_serves_on_loopback():
    dry = subprocess.run(
        ["make", "-n", "run", "DB=/tmp/does-not-matter.duckdb"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    line = next(x for x in dry.splitlines() if "streamlit run" in x)
    assert "--server.address 127.0.0.1" in line


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.1.1", True),
     ("0.0.0.0", False), ("", False), (None, False), ("::", False), ("10.1.2.3", False),
     ("dashboard.gemeente.nl", False)],
)  # fmt: skip
def test_only_loopback_is_allowed_without_login(address, allowed):
    assert (refusal(address, login_configured=False) is None) is allowed
    assert refusal(address, login_configured=True) is None


def test_another_address_without_login_shows_only_the_refusal(monkeypatch, sample_db):
    from streamlit import config

    monkeypatch.setattr(config, "get_option", _option({"server.address": "0.0.0.0"}))
    at = start_app(monkeypatch, sample_db)
    assert [e.value for e in at.error] and REFUSED in at.error[0].value
    assert not at.get("plotly_chart") and not at.metric and not at.radio


def test_with_login_configured_another_address_serves(monkeypatch, sample_db):
    import streamlit as st
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(config, "get_option", _option({"server.address": "0.0.0.0"}))
    monkeypatch.setenv("BESCHUT_DB", str(sample_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.run()
    assert not at.exception and not [e for e in at.error if REFUSED in e.value]
    assert [b.label for b in at.button] == ["Inloggen"]  # served: the login (access.py)


def _option(overrides: dict):
    from streamlit import config

    original = config.get_option
    return lambda key: overrides[key] if key in overrides else original(key)


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket in LISTEN on `port` (from /proc/net/tcp{,6})."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            host, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.add(host)
    return found


def test_streamlit_refuses_to_serve_on_every_interface_without_login(sample_db, tmp_path):
    from playwright.sync_api import sync_playwright

    port = serving.free_port()
    process = serving.start(sample_db, port, address="0.0.0.0")
    try:
        with sync_playwright() as playwright:
            browser = serving.chromium(playwright)
            tab = browser.new_page()
            serving.open_app(tab, port)
            tab.get_by_text(REFUSED).wait_for(timeout=60_000)
            assert tab.locator('[data-testid="stMetric"]').count() == 0
            browser.close()
        process.wait(timeout=30)  # the server stopped serving altogether
        assert process.returncode is not None
    finally:
        process.kill()
        process.wait()


def test_by_default_the_app_listens_on_loopback_only(sample_db):
    port = serving.free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(serving.APP),
               "--server.port", str(port), "--server.headless", "true"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "BESCHUT_DB": str(sample_db)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not listening_addresses(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        # 0100007F is 127.0.0.1 in /proc's byte order; no 00000000 (every interface).
        assert listening_addresses(port) == {"0100007F"}
    finally:
        process.kill()
        process.wait()


def test_make_run_refuses_another_address_before_anything_listens(tmp_path):
    """`make run ADDRESS=0.0.0.0` without login stops at the check, before streamlit."""
    import sys

    check = [sys.executable, "-m", "dashboard.web.binding"]
    refused = subprocess.run([*check, "0.0.0.0"], cwd=tmp_path, capture_output=True, text=True)
    assert refused.returncode == 2
    assert "start niet op 0.0.0.0" in refused.stderr and "[auth]" in refused.stderr
    allowed = subprocess.run([*check, "127.0.0.1"], cwd=tmp_path, capture_output=True, text=True)
    assert allowed.returncode == 0, allowed.stderr
    dry = subprocess.run(
        ["make", "-n", "run", "ADDRESS=0.0.0.0"], cwd=REPO, capture_output=True, text=True
    )
    lines = dry.stdout.splitlines()
    checked = next(i for i, line in enumerate(lines) if "dashboard.web.binding 0.0.0.0" in line)
    served = next(i for i, line in enumerate(lines) if "streamlit run" in line)
    assert checked < served
