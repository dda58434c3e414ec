"""Nieuw beschut werk: the dashboard package."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("beschut-dashboard")
except PackageNotFoundError:  # a checkout used without `pip install -e .`
    __version__ = "0.0.0+onbekend"
