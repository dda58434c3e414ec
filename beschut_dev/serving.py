"""Starting the app as a `streamlit run` process, for the browser test and benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
# Debian's chromium, headless, as ../shared/engineering-notes.md says; nothing here
# downloads a browser.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: str | Path, port: int, address: str = "127.0.0.1") -> subprocess.Popen:
    """`streamlit run` of the dashboard on `db`, headless on `address`:`port`."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            address,
        ],
        cwd=APP.parent.parent,
        env={**os.environ, "BESCHUT_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def chromium(playwright):
    """Debian's chromium through Playwright (`playwright`: a sync_playwright())."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))


def open_app(tab, port: int, seconds: float = 120) -> None:
    """Load the app served on `port` in a Playwright `tab`, retrying until the server
    listens (at most `seconds`)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            tab.goto(f"http://127.0.0.1:{port}")
            return
        except Exception:  # not listening yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
