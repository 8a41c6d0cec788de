"""Frames that travel through the pipeline, and the latest-frame hand-off between stages."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import av


@dataclass(slots=True)
class VideoFrame:
    """An RGB24 image with the moment it was captured.

    ``capture_time`` is wall-clock seconds (``time.time()``) so a receiver on the same machine can
    compute glass-to-glass latency; ``seq`` is the source's own frame counter.
    """

    image: np.ndarray
    capture_time: float
    seq: int = 0
    meta: dict = field(default_factory=dict)

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


@dataclass(slots=True)
class AudioChunk:
    """Signed 16-bit interleaved PCM at ``sample_rate`` with its capture time."""

    samples: np.ndarray  # shape (n, channels), int16
    sample_rate: int
    capture_time: float


def to_array(frame: av.VideoFrame, format: str) -> np.ndarray:
    """A decoded frame as a numpy array in ``format``, converted on this thread alone. PyAV makes a
    new scaler for each frame, and a scaler left to choose starts and joins one thread per core for
    every conversion: with two guests on air that was some 120 threads a second (and slower)."""
    return frame.to_ndarray(format=format, threads=1)


class DecodedPicture:
    """A decoded picture (a PyAV frame) that every reader converts through this: to RGB at most
    once, under a lock. PyAV keeps one scaler context per frame, and two threads converting the same
    frame (the program's layout and a window's thumbnail) deadlock inside it."""

    __slots__ = ("width", "height", "_frame", "_rgb", "_lock")

    def __init__(self, frame: av.VideoFrame) -> None:
        self.width, self.height = frame.width, frame.height
        self._frame: av.VideoFrame | None = frame
        self._rgb: np.ndarray | None = None
        self._lock = threading.Lock()

    def rgb(self) -> np.ndarray:
        """The picture as RGB24, shared by every reader, so read-only."""
        with self._lock:
            if self._rgb is None:
                assert self._frame is not None
                rgb = to_array(self._frame, "rgb24")
                rgb.setflags(write=False)
                self._rgb, self._frame = rgb, None  # the frame and its scaler are done with
            return self._rgb


class LatestSlot:
    """A one-frame mailbox: ``put`` overwrites, ``get`` takes the newest.

    A producer never waits for a slow consumer, so latency cannot build up; every overwritten,
    never-read item is counted in ``dropped``.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: object | None = None
        self.dropped = 0
        self.delivered = 0

    def put(self, item: object) -> None:
        with self._cond:
            if self._item is not None:
                self.dropped += 1
            self._item = item
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> object | None:
        """Take the newest item, waiting up to ``timeout`` seconds; None if nothing came."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._item is None:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return None
                self._cond.wait(remaining)
            item, self._item = self._item, None
            self.delivered += 1
            return item
