"""The data the studio ships (web pages, translations, word lists, icons): the repo's resources/
folder, installed as the ``studio_resources`` package, so a checkout, an editable install and a
wheel find it the same way."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = "studio_resources"


def resource_path(*parts: str) -> Path:
    """A shipped file or folder on disk (a wheel installs unpacked, so it is a real path: the
    server, Qt's translator and the icon need one)."""
    return Path(str(files(PACKAGE).joinpath(*parts)))
