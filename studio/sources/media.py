"""A looping media file (PyAV) and a still image."""

from __future__ import annotations

import time
from pathlib import Path

import av
import cv2
import numpy as np

from ..frames import AudioChunk, VideoFrame
from .base import AudioSource, SourceUnavailable, VideoSource, pace


def _open_stream(path: Path, kind: str):
    """Open ``path`` and return (container, its first ``kind`` stream), or raise SourceUnavailable."""
    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError) as exc:
        raise SourceUnavailable(f"cannot play {path.name}: {exc}") from exc
    streams = container.streams.video if kind == "video" else container.streams.audio
    if not streams:
        container.close()
        raise SourceUnavailable(f"cannot play {path.name}: it has no {kind}")
    return container, streams[0]


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
        self._container, stream = _open_stream(self.path, "video")
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


class MediaFileAudioSource(AudioSource):
    """Plays a file's audio as 20 ms chunks of 48 kHz mono, in real time, looping at the end."""

    name = "media file audio"
    chunk_seconds = 0.02

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._container = None
        self._frames = None
        self._resampler = None
        self._pending = np.zeros(0, np.int16)
        self._next_due = 0.0

    def open(self) -> None:
        self._container, stream = _open_stream(self.path, "audio")
        self._frames = self._container.decode(stream)
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=self.sample_rate)
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"path": str(self.path), "sample_rate": self.sample_rate, "channels": 1}

    def _decode_more(self) -> None:
        try:
            frame = next(self._frames)
        except StopIteration:
            self._container.seek(0)
            self._frames = self._container.decode(self._container.streams.audio[0])
            frame = next(self._frames, None)
            if frame is None:
                raise SourceUnavailable(f"{self.path.name} has no decodable audio") from None
        except av.FFmpegError as exc:
            raise SourceUnavailable(f"{self.path.name}: {exc}") from exc
        for out in self._resampler.resample(frame):
            self._pending = np.concatenate([self._pending, out.to_ndarray().reshape(-1)])

    def read(self) -> AudioChunk:
        n = int(self.sample_rate * self.chunk_seconds)
        while len(self._pending) < n:
            self._decode_more()
        chunk, self._pending = self._pending[:n], self._pending[n:]
        self._next_due = pace(self._next_due, self.chunk_seconds)
        return AudioChunk(chunk.reshape(-1, 1), self.sample_rate, time.time())

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
