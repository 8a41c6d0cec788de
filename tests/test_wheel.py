"""The package as a user gets it: `python -m build` makes a wheel (from its sdist), which installs
into a fresh venv outside the repo and runs there with nothing of the checkout: a headless show that
an aiortc WHEP viewer decodes, and the window offscreen in Chinese. Web pages, translations, word
lists and the icon come from the installed package (importlib.resources)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from studio.whep_client import WhepPlayer

ROOT = Path(__file__).resolve().parents[1]


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who never saw the checkout: no PYTHONPATH, its own home."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"), "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the fresh venv, the user's environment) with the wheel, the locked dependencies and the models."""
    base = tmp_path_factory.mktemp("wheel")
    dist, venv, home = base / "dist", base / "venv", base / "home"
    home.mkdir()
    # From a copy without the checkout's build leftovers: a stale egg-info's file list would hide
    # data the package configuration itself leaves out.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv*", ".cache", "*.egg-info", "build",
                                                                 "dist", "__pycache__"))
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("host_studio-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements" / "app.txt")], check=True,
                   capture_output=True, timeout=600)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, capture_output=True, timeout=120)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "install_models.py"), str(venv)], check=True,
                   capture_output=True, timeout=300)
    return venv, _clean_env(home)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_wheel_ships_its_data_and_finds_it_installed(installed, tmp_path: Path) -> None:
    venv, env = installed
    probe = """
import json, studio, ui
from studio.comments.wordlists import AD_LAW, BANNED, WORDLISTS, shipped
from studio.resources import resource_path
from studio.vision.models import MODEL_FILES, model_path
print(json.dumps({"studio": studio.__file__, "ui": ui.__file__, "wordlists": str(WORDLISTS),
                  "banned": len(shipped(BANNED).terms), "ad_law": shipped(AD_LAW).words_in("全网最低价"),
                  "web": sorted(p.name for p in resource_path("web").iterdir()),
                  "models": [str(model_path(m)) for m in MODEL_FILES]}))
"""
    out = subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    found = json.loads(out.stdout)
    site = str(venv)
    assert all(found[key].startswith(site) for key in ("studio", "ui", "wordlists")), found
    assert found["banned"] > 10 and found["ad_law"]
    assert {"viewer.html", "viewer.js", "guest.html", "guest.js", "widgets"} <= set(found["web"])
    assert all(path.startswith(site) for path in found["models"])


async def test_a_headless_show_from_the_wheel_is_watched(installed, tmp_path: Path) -> None:
    venv, env = installed
    port = _free_port()
    show = subprocess.Popen([str(venv / "bin" / "studio"), "--headless", "--source", "testcard", "--port", str(port),
                             "--event-log", str(tmp_path / "show.sqlite"), "--duration", "90",
                             "--stats-interval", "60"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert show.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(show.stdout.readline), 60)
        assert "Host Studio live: open " in line, line + show.stderr.read() if show.poll() is not None else line
        url = line.split("open ")[1].strip()
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as page:
                assert page.status == 200 and "viewer.js" in await page.text()
            async with http.get(url + "static/viewer.js") as script:
                assert script.status == 200
        player = WhepPlayer(url + "whep")
        await player.connect()
        try:
            sizes = []
            while len(sizes) < 30:
                frame = await asyncio.wait_for(player.tracks["video"].recv(), 10)
                sizes.append((frame.width, frame.height))
        finally:
            await player.close()
        assert set(sizes) == {(1280, 720)}
    finally:
        show.terminate()
        show.wait(30)
    assert show.returncode == 0, show.stderr.read()[-2000:] if show.stderr else ""


WINDOW = """
import asyncio, json, sys
import qasync
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from studio.config import StudioConfig
from studio.show import Studio
from ui.app import create_application
from ui.i18n import Translations
from ui.main_window import MainWindow

app = create_application()
app.setQuitOnLastWindowClosed(False)
Translations.for_app().apply("zh_CN")

async def main():
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    window = MainWindow(studio)
    window.show()
    before = window.live_button.text()
    window.live_button.click()
    for _ in range(100):
        await asyncio.sleep(0.1)
        if studio.is_live and window.preview_updates > 5:
            break
    print(json.dumps({"button": before, "live": studio.is_live, "preview": window.preview_updates,
                      "icon": not app.windowIcon().isNull()}))
    window.close_without_asking()
    await studio.close()

loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
try:
    loop.run_until_complete(main())
finally:
    loop.close()
    asyncio.set_event_loop(None)
"""


def test_the_window_opens_from_the_wheel_in_chinese(installed, tmp_path: Path) -> None:
    venv, env = installed
    out = subprocess.run([str(venv / "bin" / "python"), "-c", WINDOW, str(tmp_path / "settings")], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-1000:] + out.stderr[-3000:]
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown == {**shown, "button": "开始直播", "live": True, "icon": True} and shown["preview"] > 5, shown
