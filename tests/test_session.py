"""Nothing lost on a crash: the set-up is saved as it changes (keys apart, in the keyring or a file
only the user reads), a killed window comes back as it was and offers to resume the show in one
click, a clean quit offers nothing, and quitting a live show asks first. The real window is killed
with SIGKILL in a process of its own (tests/window_driver.py)."""
# ruff: noqa: F811  (the fixtures from tests/test_ui.py are imported, then taken as parameters)

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads; no display needed

import asyncio
import json
import queue
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import psutil
import pytest
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from studio.config import StudioConfig
from ui.keychain import FileSecrets, KeyringSecrets, open_secrets
from ui.session import SessionMarker, SessionState
from ui.settings import open_settings, remember_outputs, restore_config

from .rtmp_server import STREAM_KEY, RtmpServer
from .test_ui import loop, open_show, run, settings_dir, translations, wait_for  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0


class DrivenWindow:
    """The real window in its own process (tests/window_driver.py), isolated in ``home``."""

    def __init__(self, home: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "en_US.UTF-8",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the machine's keyring
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
        self.stderr = (home / "window.log").open("a")
        self.process = subprocess.Popen([sys.executable, "-m", "tests.window_driver", str(home / "settings")],
                                        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self._reply(60) == {"ready": True}

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):  # the driver's replies; anything else is a library talking
                self.lines.put(line)

    def _reply(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        try:
            return json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            raise AssertionError(f"the window did not answer in {timeout} s (exit code "
                                 f"{self.process.poll()})") from None

    def do(self, what: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"do": what, **args}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        reply = self._reply()
        assert "error" not in reply, reply
        return reply

    def until(self, condition: Callable[[dict[str, Any]], Any], what: str, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while not condition(state := self.do("state")):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}: {state}")
            time.sleep(0.1)
        return state

    def exit_code(self) -> int:
        code = self.process.wait(TIMEOUT)
        self.stderr.close()
        return code

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)  # no goodbye: nothing is saved on the way out
        assert self.exit_code() == -signal.SIGKILL

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.exit_code()


@pytest.fixture
def rtmp_server(tmp_path) -> Iterator[RtmpServer]:
    server = RtmpServer(tmp_path / "nginx")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def windows(tmp_path) -> Iterator[Callable[[], DrivenWindow]]:
    started: list[DrivenWindow] = []

    def start() -> DrivenWindow:
        started.append(DrivenWindow(tmp_path))
        return started[-1]

    yield start
    for window in started:
        window.close()


def test_a_killed_window_comes_back_as_it_was_and_resumes_the_show_in_one_click(tmp_path, rtmp_server, windows):
    folder = tmp_path / "settings" / "HostStudio"
    window = windows()
    window.do("add_rtmp", name="抖音", url=rtmp_server.url, key=STREAM_KEY)
    window.do("beauty", values={"slimming": 42, "smoothing": 70})
    window.do("dock", name="statsDock", area="left")
    window.do("resize", size=[790, 560])  # within the 800×600 offscreen screen
    window.do("live")
    window.until(lambda s: s["output_states"] == {"抖音": "live"}, "nginx to take the push")
    window.do("record", folder=str(tmp_path / "recordings"))
    window.do("poll", question="下一个讲哪款?", options=["面膜", "口红"])
    before = window.until(lambda s: s["recording"] and s["poll"], "the recording and the poll")
    time.sleep(1.0)  # the save comes at most 0.5 s after a change; nothing more is saved on a kill

    settings = (folder / "Host Studio.ini").read_text(encoding="utf-8")
    assert rtmp_server.url in settings and STREAM_KEY not in settings
    secrets = folder / "secrets.json"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert json.loads(secrets.read_text(encoding="utf-8")) == {"outputs/抖音/key": STREAM_KEY}
    window.kill()

    again = windows()
    state = again.do("state")
    assert state["outputs"] == before["outputs"] == [{"kind": "rtmp", "name": "抖音", "url": rtmp_server.url,
                                                      "key": STREAM_KEY}]
    assert state["beauty_on"] and state["beauty"] == before["beauty"] and state["beauty"]["slimming"] == 42
    assert state["docks"]["statsDock"] == {"open": True, "area": "left"} == before["docks"]["statsDock"]
    assert state["size"] == before["size"] != [1280, 800]  # not the default (the docks' minimum may win)
    assert state["poll"] == before["poll"]  # from the show's log, still open
    assert not state["live"] and not state["recording"] and state["output_states"] == {"抖音": "off"}  # no click yet
    assert "Resume the show to go live again, with 抖音." in state["resume_offer"]
    assert "The recording starts again" in state["resume_offer"]

    again.do("resume")  # one click
    # nginx checks the key: it came back from the 0600 file
    resumed = again.until(lambda s: s["live"] and s["output_states"] == {"抖音": "live"} and s["recording"],
                          "the show, its output and the recording to resume")
    assert resumed["resume_offer"] is None
    again.do("quit")  # Ctrl+Q while live
    asked = again.do("state")
    assert asked["quit_asked"] and asked["live"]
    again.do("confirm_quit")
    assert again.exit_code() == 0
    assert not (folder / "session.json").exists()

    third = windows()  # after a clean quit: as it was, and nothing to resume
    state = third.do("state")
    assert state["resume_offer"] is None and not state["live"]
    assert state["outputs"] == before["outputs"] and state["beauty"]["slimming"] == 42
    third.do("quit")  # not live: no question
    assert third.exit_code() == 0


# -- in the test's own process -------------------------------------------------------------------

def test_a_change_is_on_disk_soon_without_quitting(loop, open_show, settings_dir):
    studio, window = open_show()
    settings = settings_dir / "HostStudio" / "Host Studio.ini"

    async def scenario() -> None:
        window.mirror_check.setChecked(True)
        window.canvas_actions["portrait"].trigger()
        await wait_for(lambda: settings.exists() and "mirror" in settings.read_text(encoding="utf-8")
                       and "orientation=portrait" in settings.read_text(encoding="utf-8"), "the save", 2.0)
        assert window.isVisible()

    run(loop, scenario())


def test_quitting_a_live_show_asks_first(loop, open_show, translations):
    studio, window = open_show()
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))

    async def scenario() -> None:
        await window.set_live(True)
        window.close()
        assert window.isVisible() and window.quit_box.isVisible() and not closed
        assert window.quit_box.text().startswith("You are live.")
        window.keep_live_button.click()
        assert not window.quit_box.isVisible() and window.isVisible() and studio.is_live
        window.language_actions["zh_CN"].trigger()
        await wait_for(lambda: window.live_button.text() == "停止直播", "the Chinese window")
        window.quit_action.trigger()  # Ctrl+Q
        assert window.quit_box.isVisible() and window.quit_confirm_button.text() == "结束直播并退出"
        window.quit_confirm_button.click()
        assert not window.isVisible() and closed == [True]

    run(loop, scenario())


def test_a_show_not_live_quits_at_once(open_show):
    studio, window = open_show()
    window.close()
    assert not window.isVisible() and not window.quit_box.isVisible()


def _dead_process() -> tuple[int, float]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    started = psutil.Process(process.pid).create_time()
    process.wait()
    return process.pid, started


def test_the_resume_offer_waits_for_the_click_and_speaks_chinese(loop, open_show, settings_dir, translations,
                                                                 tmp_path):
    pid, started = _dead_process()
    marker = settings_dir / "HostStudio" / "session.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"pid": pid, "started": started,
                                  "state": {"live": True, "outputs": [], "recording": True}}))
    studio, window = open_show(recording_folder=str(tmp_path / "recordings"))
    banner = window.resume_banner

    async def scenario() -> None:
        assert banner is not None and banner.isVisible()
        assert banner.text.text().endswith("Resume the show to go live again.\n"
                                           "The recording starts again in a new file.")
        await asyncio.sleep(0.5)
        assert not studio.is_live and studio.recorder is None  # nothing before the host's click
        window.language_actions["zh_CN"].trigger()
        await wait_for(lambda: banner.resume_button.text() == "恢复直播", "the Chinese offer")
        assert "上次没有正常关闭" in banner.text.text() and banner.dismiss_button.text() == "暂不"
        banner.resume_button.click()
        await wait_for(lambda: studio.is_live and studio.recorder is not None and studio.recorder.running,
                       "the show and the recording")
        assert not banner.isVisible()

    run(loop, scenario())


def test_not_now_leaves_the_show_off_air(open_show, settings_dir):
    pid, started = _dead_process()
    marker = settings_dir / "HostStudio" / "session.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"pid": pid, "started": started,
                                  "state": {"live": True, "outputs": [], "recording": False}}))
    studio, window = open_show()
    window.resume_banner.dismiss_button.click()
    assert not window.resume_banner.isVisible() and not studio.is_live


def test_the_session_marker_tells_a_crash_from_a_clean_quit_and_from_a_window_still_open(tmp_path):
    marker = SessionMarker(tmp_path)
    assert marker.unclean_end() is None  # a first start
    marker.write(SessionState(live=True, outputs=["抖音"]))
    assert marker.unclean_end() is None  # this process still runs it: another window, not a crash
    pid, started = _dead_process()
    data = json.loads(marker.path.read_text())
    marker.path.write_text(json.dumps({**data, "pid": pid, "started": started}))
    assert marker.unclean_end() == SessionState(live=True, outputs=["抖音"], recording=False)
    marker.path.write_text(json.dumps({**data, "started": data["started"] - 100}))  # our pid, reused
    assert marker.unclean_end() is not None
    marker.path.write_text("{half a fi")
    assert marker.unclean_end() is None
    marker.clear()
    assert not marker.path.exists() and marker.unclean_end() is None


class MemoryKeyring:
    """A working system keyring, as GNOME Keyring or the macOS Keychain would be."""

    priority = 5

    def __init__(self, refuse: bool = False) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.refuse = refuse

    def get_password(self, service: str, name: str) -> str | None:
        return self.values.get((service, name))

    def set_password(self, service: str, name: str, value: str) -> None:
        if self.refuse:
            raise KeyringError("the keyring is locked")
        self.values[(service, name)] = value

    def delete_password(self, service: str, name: str) -> None:
        if (service, name) not in self.values:
            raise PasswordDeleteError("no such password")
        del self.values[(service, name)]


RTMP = {"kind": "rtmp", "name": "抖音", "url": "rtmp://push.example.com/live", "key": "k-123"}
WHIP = {"kind": "whip", "name": "sfu", "url": "https://sfu.example.com/whip", "token": "t-456"}


def test_keys_go_to_a_file_only_the_user_reads_when_there_is_no_keyring(settings_dir):
    settings = open_settings()
    remember_outputs([RTMP, WHIP], settings, open_secrets(settings_dir / "HostStudio"))
    settings.sync()
    text = Path(settings.fileName()).read_text(encoding="utf-8")
    assert "k-123" not in text and "t-456" not in text and "sfu.example.com" in text
    secrets = settings_dir / "HostStudio" / "secrets.json"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    config = StudioConfig()
    restore_config(config, open_settings())
    assert config.outputs == [RTMP, WHIP]
    remember_outputs([WHIP], settings, open_secrets(settings_dir / "HostStudio"))  # the RTMP output removed
    assert json.loads(secrets.read_text(encoding="utf-8")) == {"outputs/sfu/token": "t-456"}
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600


def test_keys_go_to_the_system_keyring_where_there_is_one(settings_dir, monkeypatch):
    system = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: system)
    folder = settings_dir / "HostStudio"
    store = open_secrets(folder)
    assert isinstance(store, KeyringSecrets)
    settings = open_settings()
    remember_outputs([RTMP], settings, store)
    assert system.values == {("Host Studio", "outputs/抖音/key"): "k-123"}
    assert not (folder / "secrets.json").exists()
    config = StudioConfig()
    restore_config(config, settings)
    assert config.outputs == [RTMP]


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_a_pretend_keyring_is_not_used(tmp_path, monkeypatch, backend):
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    assert isinstance(open_secrets(tmp_path), FileSecrets)


def test_a_keyring_that_refuses_leaves_the_key_in_the_file(tmp_path):
    store = KeyringSecrets(MemoryKeyring(refuse=True), FileSecrets(tmp_path / "secrets.json"))  # type: ignore[arg-type]
    store.put("outputs/抖音/key", "k-123")
    assert store.get("outputs/抖音/key") == "k-123"
    assert FileSecrets(tmp_path / "secrets.json").get("outputs/抖音/key") == "k-123"
    working = MemoryKeyring()
    moved = KeyringSecrets(working, FileSecrets(tmp_path / "secrets.json"))  # type: ignore[arg-type]
    assert moved.get("outputs/抖音/key") == "k-123"  # read from the file the first time
    moved.put("outputs/抖音/key", "k-123")  # the next save moves it into the keyring
    assert working.values == {("Host Studio", "outputs/抖音/key"): "k-123"}
    assert FileSecrets(tmp_path / "secrets.json").get("outputs/抖音/key") is None
