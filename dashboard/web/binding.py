"""Deny by default on the network: without login the dashboard serves only this machine.

The address comes from Streamlit's `server.address` (127.0.0.1 in .streamlit/config.toml,
`make run` keeps it). Any other address needs an `[auth]` section (st.login, OpenID
Connect) in .streamlit/secrets.toml; without it the app refuses to serve.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import sys
import threading

import streamlit as st
from streamlit import config

LOOPBACK_NAMES = {"localhost"}
STOP_AFTER_SECONDS = 3


def is_loopback(address: str | None) -> bool:
    """127.0.0.0/8, ::1 or "localhost"; an empty address means every interface."""
    if not address:
        return False
    if address.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def refusal(address: str | None, login_configured: bool) -> str | None:
    """The Dutch message why the app must not serve on `address`, or None if it may."""
    if is_loopback(address) or login_configured:
        return None
    shown = address or "alle netwerkadressen"
    return (
        f"Het dashboard start niet op {shown}: er is geen inlog ingesteld. Zonder inlog "
        "bedient het alleen deze computer (127.0.0.1, de standaard van `make run`). "
        "Stel eerst een inlog in (sectie [auth] in .streamlit/secrets.toml, zie README) "
        "of start zonder --server.address."
    )


def login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml, or one that does not parse: no login
        return False


def refuse_unless_safe() -> None:
    """Stop here, and stop the server, when serving beyond this machine without login."""
    message = refusal(config.get_option("server.address"), login_configured())
    if message is None:
        return
    print(message, file=sys.stderr, flush=True)
    st.error(message, icon=":material/block:")
    from streamlit.runtime import Runtime

    # A real server (AppTest's Runtime is a mock) stops serving altogether
    if Runtime.exists() and type(Runtime.instance()) is Runtime:
        # through Streamlit's own SIGTERM handler, once this page carried the message
        stop = threading.Timer(STOP_AFTER_SECONDS, os.kill, (os.getpid(), signal.SIGTERM))
        stop.start()
    st.stop()


def main(argv: list[str]) -> int:
    """`python -m dashboard.web.binding ADDRESS`: refuse before anything listens (make run
    checks first), with the same Dutch message the app shows."""
    message = refusal(argv[0] if argv else None, login_configured())
    if message:
        print(message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
