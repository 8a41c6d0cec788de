"""The one place that knows which capture backend each platform uses, and which devices it offers.

Cameras are opened through OpenCV and microphones through PortAudio on every platform; only the API
behind them differs. A Windows or macOS build therefore needs no code of its own: ``backend_for``
picks the API, the listings below follow it, and ``CameraSource`` / ``MicrophoneSource`` open with it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2

WASAPI = "Windows WASAPI"
CORE_AUDIO = "Core Audio"
PROBE_LIMIT = 6  # camera indices tried where there are no device nodes to list


@dataclass(frozen=True)
class CaptureBackend:
    platform: str  # "linux", "windows", "macos", or sys.platform when unknown
    camera_api: int  # OpenCV's cv2.CAP_* constant
    camera_fallback: int | None  # tried when camera_api cannot open the camera
    camera_nodes: bool  # cameras are /dev/video* nodes; otherwise indices are probed
    mic_hostapi: str | None  # the PortAudio host API microphones are listed from; None: every one

    @property
    def camera_apis(self) -> tuple[int, ...]:
        return (self.camera_api,) if self.camera_fallback is None else (self.camera_api, self.camera_fallback)


def backend_for(platform: str = sys.platform) -> CaptureBackend:
    if platform.startswith("linux"):
        # PortAudio on Linux lists each ALSA device once (PulseAudio/PipeWire appear as ALSA's "pulse"
        # and "default"), so there are no duplicates to drop and every device is kept, as before.
        return CaptureBackend("linux", cv2.CAP_V4L2, None, True, None)
    if platform in ("win32", "cygwin"):
        # Media Foundation is the current API; some cameras (virtual ones especially) only have a
        # DirectShow driver. Windows lists every mic once per host API (MME, DirectSound, WASAPI,
        # WDM-KS); WASAPI is the current one and names devices in full (MME cuts names at 31 chars).
        return CaptureBackend("windows", cv2.CAP_MSMF, cv2.CAP_DSHOW, False, WASAPI)
    if platform == "darwin":
        return CaptureBackend("macos", cv2.CAP_AVFOUNDATION, None, False, CORE_AUDIO)
    return CaptureBackend(platform, cv2.CAP_ANY, None, False, None)


# -- cameras -----------------------------------------------------------------------------------

def list_cameras(backend: CaptureBackend | None = None, dev: Path = Path("/dev"),
                 sysfs: Path = Path("/sys/class/video4linux")) -> list[dict]:
    """Cameras as ``{"index", "name", "path"}``: ``name`` None where the platform tells none (the
    window words it), ``path`` only where there are device nodes."""
    backend = backend or backend_for()
    if backend.camera_nodes:
        return v4l2_cameras(dev, sysfs)
    return probe_cameras(lambda index: _opens(index, backend))


def v4l2_cameras(dev: Path, sysfs: Path) -> list[dict]:
    """/dev/videoN nodes with the driver's name for each; no device is opened."""
    cameras = []
    for path in dev.glob("video*"):
        suffix = path.name.removeprefix("video")
        if not suffix.isdigit():  # e.g. /dev/video-loopback links
            continue
        index = int(suffix)
        cameras.append({"index": index, "name": _sysfs_name(sysfs / path.name),
                        "path": str(path)})
    return sorted(cameras, key=lambda camera: camera["index"])


def _sysfs_name(node: Path) -> str | None:
    try:
        return (node / "name").read_text(encoding="utf-8", errors="replace").strip() or None
    except OSError:
        return None


def probe_cameras(opens: Callable[[int], bool], limit: int = PROBE_LIMIT) -> list[dict]:
    """Cameras found by opening indices 0, 1, … (Windows and macOS have no nodes to list).

    Indices are dense, but one may be missing while its camera is busy, so the probe gives up only
    after two failures in a row.
    """
    cameras, misses = [], 0
    for index in range(limit):
        if opens(index):
            cameras.append({"index": index, "name": None})
            misses = 0
        else:
            misses += 1
            if misses == 2:
                break
    return cameras


def open_capture(index: int, backend: CaptureBackend | None = None) -> cv2.VideoCapture | None:
    """The camera opened with the backend's API, else its fallback; None if neither can open it.

    DirectShow numbers cameras in its own order, so on Windows the fallback may reach a different
    camera at the same index; it is tried only when Media Foundation has none there.
    """
    backend = backend or backend_for()
    with _quiet_opencv():
        for api in backend.camera_apis:
            capture = cv2.VideoCapture(index, api)
            if capture.isOpened():
                return capture
            capture.release()
    return None


def _opens(index: int, backend: CaptureBackend) -> bool:
    capture = open_capture(index, backend)
    if capture is None:
        return False
    capture.release()
    return True


class _QuietOpenCV:
    """OpenCV's log level lowered while any thread opens a camera.

    A failed open logs a warning per API (every second while a camera is unplugged); the caller
    reports a missing camera itself. The level is process-wide, so the first thread in saves it and
    the last one out restores it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._saved = cv2.utils.logging.getLogLevel()
                cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    cv2.utils.logging.setLogLevel(self._saved)


_quiet_opencv = _QuietOpenCV()


# -- microphones -------------------------------------------------------------------------------

def pick_microphones(devices: Sequence[Mapping[str, Any]], hostapis: Sequence[Mapping[str, Any]],
                     preferred: str | None) -> list[dict]:
    """Input devices of ``sounddevice.query_devices()``, only the preferred host API's if it has any.

    The index is PortAudio's device index, which ``MicrophoneSource(device=...)`` opens.
    """
    inputs = [{"index": index, "name": device["name"], "channels": device["max_input_channels"],
               "hostapi": hostapis[device["hostapi"]]["name"]}
              for index, device in enumerate(devices) if device["max_input_channels"] > 0]
    chosen = [mic for mic in inputs if mic["hostapi"] == preferred]
    return chosen or inputs


def input_settings(sd: Any, device: int | str | None) -> Any:
    """Host-API settings a microphone stream needs: None except for WASAPI.

    WASAPI in shared mode opens only at the system mixer's rate (often 44.1 kHz) unless asked to
    convert; the studio captures at 48 kHz.
    """
    try:
        info = sd.query_devices(device, "input")
        hostapi = sd.query_hostapis(info["hostapi"])["name"]
    except Exception:  # noqa: BLE001 - an unknown device is reported by the stream that opens it
        return None
    return sd.WasapiSettings(auto_convert=True) if hostapi == WASAPI else None
