"""Nieuw beschut werk: the dashboard package."""

import os
from importlib.metadata import PackageNotFoundError, version

# openpyxl writes with lxml when it is installed (python-docx brings it), and its bytes
# differ from the standard library writer's: keep one writer, so the generator's
# workbooks stay byte for byte as shipped. Read once, when openpyxl is first imported.
os.environ.setdefault("OPENPYXL_LXML", "False")

try:
    __version__ = version("beschut-dashboard")
except PackageNotFoundError:  # a checkout used without `pip install -e .`
    __version__ = "0.0.0+onbekend"
