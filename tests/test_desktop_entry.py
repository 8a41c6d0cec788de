"""The menu entry the set-up installs: valid by freedesktop.org's own validator, translated, pointing
at this environment's studio, with its icon; removed again by --remove."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

STUDIO = [sys.executable, "-m", "studio.cli", "desktop-entry"]


def run(args: list[str], home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*STUDIO, *args], env={**os.environ, "XDG_DATA_HOME": str(home)}, capture_output=True,
                          text=True, timeout=60, check=True)


def test_install_validate_and_remove(tmp_path: Path) -> None:
    entry = tmp_path / "applications" / "host-studio.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "host-studio.svg"
    first = run(["--install"], tmp_path)
    assert str(entry) in first.stdout and str(icon) in first.stdout
    run(["--install"], tmp_path)  # the set-up runs it every time: a second install changes nothing
    assert sorted(p.name for p in entry.parent.iterdir() if p.suffix == ".desktop") == ["host-studio.desktop"]

    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-utils is missing: run scripts/setup.sh --test"
    checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout

    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str  # keys are case-sensitive
    parsed.read(entry, encoding="utf-8")
    section = parsed["Desktop Entry"]
    assert section["Name"] == "Host Studio" and section["Name[zh_CN]"] == "主播工作室"
    assert section["Icon"] == "host-studio" and icon.read_text().lstrip().startswith("<")
    program = shlex.split(section["Exec"])[0]
    assert Path(program).is_file() and os.access(program, os.X_OK)
    assert Path(program).parent == Path(sys.executable).parent  # this venv's studio, not another on PATH

    removed = run(["--remove"], tmp_path)
    assert not entry.exists() and not icon.exists() and "removed" in removed.stdout
    assert "nothing to remove" in run(["--remove"], tmp_path).stdout
