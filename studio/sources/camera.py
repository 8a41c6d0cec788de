"""Webcam capture through OpenCV, with the platform's API (see devices.py)."""

from __future__ import annotations

import time

import cv2

from ..frames import VideoFrame
from . import devices
from .base import SourceUnavailable, VideoSource


def list_cameras() -> list[dict]:
    """Cameras as ``{"index", "name"}``, plus ``"path"`` on Linux; see ``devices.list_cameras``."""
    return devices.list_cameras()


class CameraSource(VideoSource):
    name = "camera"

    def __init__(self, index: int = 0, width: int = 1280, height: int = 720, fps: float = 30.0) -> None:
        self.index, self.width, self.height, self.fps = index, width, height, fps
        self._capture: cv2.VideoCapture | None = None
        self._actual: dict = {}
        self._seq = 0

    def open(self) -> None:
        capture = devices.open_capture(self.index)
        if capture is None:
            raise SourceUnavailable(f"camera {self.index} is not connected or is in use")
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        capture.set(cv2.CAP_PROP_FPS, self.fps)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # hold no stale frames in the driver
        self._actual = {
            "width": int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            "height": int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
            "fps": float(capture.get(cv2.CAP_PROP_FPS)),
        }
        self._capture = capture

    def describe(self) -> dict:
        return {"index": self.index, **self._actual}

    def read(self) -> VideoFrame:
        if self._capture is None:
            raise SourceUnavailable(f"camera {self.index} is not open")
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            raise SourceUnavailable(f"camera {self.index} stopped delivering frames (unplugged?)")
        frame = VideoFrame(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), time.time(), self._seq)
        self._seq += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
