"""Starting the app as a `streamlit run` process, for the browser test and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: str | Path, port: int) -> subprocess.Popen:
    """`streamlit run` of the dashboard on `db`, headless on 127.0.0.1:`port`."""
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
            "127.0.0.1",
        ],
        cwd=APP.parent.parent,
        env={**os.environ, "BESCHUT_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
