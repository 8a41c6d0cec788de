"""The studio in the desktop's application menu (freedesktop.org): a .desktop entry and its icon in
the user's data folder, pointing at this environment's ``studio``. Removable with ``--remove``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .resources import resource_path

APP_ID = "host-studio"  # the entry's file name; the window sets the same desktop file name


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def entry_path() -> Path:
    return data_home() / "applications" / f"{APP_ID}.desktop"


def icon_path() -> Path:
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def launch_command() -> str:
    """This environment's ``studio``, quoted as the Desktop Entry spec asks."""
    script = Path(sys.executable).with_name("studio")
    args = [str(script)] if script.is_file() else [sys.executable, "-m", "studio.cli"]
    return " ".join(f'"{a}"' if any(c in a for c in ' \t"\\$`') else a for a in args)


def entry_text() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=Host Studio",
        "Name[zh_CN]=主播工作室",
        "GenericName=Live commerce studio",
        "GenericName[zh_CN]=直播带货工作室",
        "Comment=Stream your camera to viewers and run the show: products, flash sales, polls, lotteries",
        "Comment[zh_CN]=推流摄像头画面并主持直播：商品、秒杀、投票、抽奖",
        f"Exec={launch_command()}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=AudioVideo;Video;",
        "Keywords=live;stream;webrtc;rtmp;直播;带货;",
        "StartupNotify=true",
        "",
    ])


def install() -> list[Path]:
    entry, icon = entry_path(), icon_path()
    for path in (entry, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resource_path("icons", "host_studio.svg"), icon)
    entry.write_text(entry_text(), encoding="utf-8")
    _refresh_menu()
    return [entry, icon]


def remove() -> list[Path]:
    removed = [path for path in (entry_path(), icon_path()) if path.exists()]
    for path in removed:
        path.unlink()
    _refresh_menu()
    return removed


def _refresh_menu() -> None:
    """Menus notice a new entry by themselves; the cache is refreshed where the tool exists."""
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, str(entry_path().parent)], capture_output=True, check=False)
