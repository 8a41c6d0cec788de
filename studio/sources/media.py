"""A looping media file (PyAV) and a still image."""

from __future__ import annotations

import time
from pathlib import Path

import av
import cv2

from ..frames import VideoFrame
from .base import SourceUnavailable, VideoSource, pace


class MediaFileSource(VideoSource):
    """Plays a file's video at its own frame rate and loops at the end."""

    name = "media file"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._container = None
        self._frames = None
        self._interval = 1 / 30
        self._next_due = 0.0
        self._seq = 0

    def open(self) -> None:
        try:
            self._container = av.open(str(self.path))
            stream = self._container.streams.video[0]
        except (av.FFmpegError, OSError, IndexError) as exc:
            raise SourceUnavailable(f"cannot play {self.path.name}: {exc}") from exc
        stream.thread_type = "AUTO"
        rate = stream.average_rate or stream.guessed_rate or 30
        self._interval = 1.0 / float(rate)
        self._frames = self._container.decode(stream)
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"path": str(self.path), "fps": round(1 / self._interval, 3)}

    def read(self) -> VideoFrame:
        self._next_due = pace(self._next_due, self._interval)
        try:
            frame = next(self._frames)
        except StopIteration:
            self._container.seek(0)
            self._frames = self._container.decode(self._container.streams.video[0])
            try:
                frame = next(self._frames)
            except StopIteration as exc:
                raise SourceUnavailable(f"{self.path.name} has no decodable video") from exc
        except av.FFmpegError as exc:
            raise SourceUnavailable(f"{self.path.name}: {exc}") from exc
        out = VideoFrame(frame.to_ndarray(format="rgb24"), time.time(), self._seq)
        self._seq += 1
        return out

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None


class ImageSource(VideoSource):
    """A still picture repeated at ``fps``."""

    name = "image"

    def __init__(self, path: str | Path, fps: float = 30.0) -> None:
        self.path, self.fps = Path(path), fps
        self._image = None
        self._next_due = 0.0
        self._seq = 0

    def open(self) -> None:
        bgr = cv2.imread(str(self.path), cv2.IMREAD_COLOR)
        if bgr is None:
            raise SourceUnavailable(f"cannot read image {self.path.name}")
        self._image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        h, w = self._image.shape[:2] if self._image is not None else (0, 0)
        return {"path": str(self.path), "width": w, "height": h, "fps": self.fps}

    def read(self) -> VideoFrame:
        self._next_due = pace(self._next_due, 1.0 / self.fps)
        frame = VideoFrame(self._image, time.time(), self._seq)
        self._seq += 1
        return frame
