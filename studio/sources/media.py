"""A looping media file (PyAV) and a still image."""

from __future__ import annotations

import time
from pathlib import Path

import av
import cv2
import numpy as np

from ..frames import AudioChunk, VideoFrame, to_array
from .base import AudioSource, SourceUnavailable, VideoSource, pace


class _LoopingDecoder:
    """Decodes one stream of a file and starts over at the end, for sources that loop."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        try:
            self.container = av.open(str(path))
        except (av.FFmpegError, OSError) as exc:
            raise SourceUnavailable(f"cannot play {path.name}: {exc}") from exc
        streams = self.container.streams.video if kind == "video" else self.container.streams.audio
        if not streams:
            self.container.close()
            raise SourceUnavailable(f"cannot play {path.name}: it has no {kind}")
        self.stream = streams[0]
        self.stream.thread_type = "AUTO"
        self._frames = self.container.decode(self.stream)

    def next_frame(self) -> av.VideoFrame | av.AudioFrame:
        try:
            frame = next(self._frames, None)
            if frame is None:
                self.container.seek(0)
                self._frames = self.container.decode(self.stream)
                frame = next(self._frames, None)
        except av.FFmpegError as exc:
            raise SourceUnavailable(f"{self.path.name}: {exc}") from exc
        if frame is None:
            raise SourceUnavailable(f"{self.path.name} has no decodable {self.kind}")
        return frame

    def close(self) -> None:
        self.container.close()


class _DecodesFile:
    """Shared by the file sources: they hold one looping decoder while open."""

    _decoder: _LoopingDecoder | None = None

    def close(self) -> None:
        if self._decoder is not None:
            self._decoder.close()
            self._decoder = None


class MediaFileSource(_DecodesFile, VideoSource):
    """Plays a file's video at its own frame rate and loops at the end."""

    name = "media file"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._decoder: _LoopingDecoder | None = None
        self._interval = 1 / 30
        self._next_due = 0.0
        self._seq = 0

    def open(self) -> None:
        self._decoder = _LoopingDecoder(self.path, "video")
        stream = self._decoder.stream
        self._interval = 1.0 / float(stream.average_rate or stream.guessed_rate or 30)
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"path": str(self.path), "fps": round(1 / self._interval, 3)}

    def read(self) -> VideoFrame:
        self._next_due = pace(self._next_due, self._interval)
        image = to_array(self._decoder.next_frame(), "rgb24")
        out = VideoFrame(image, time.time(), self._seq)
        self._seq += 1
        return out


class MediaFileAudioSource(_DecodesFile, AudioSource):
    """Plays a file's audio as 20 ms chunks of 48 kHz mono, in real time, looping at the end."""

    name = "media file audio"
    chunk_seconds = 0.02

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._decoder: _LoopingDecoder | None = None
        self._resampler = None
        self._pending = np.zeros(0, np.int16)
        self._next_due = 0.0

    def open(self) -> None:
        self._decoder = _LoopingDecoder(self.path, "audio")
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=self.sample_rate)
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"path": str(self.path), "sample_rate": self.sample_rate, "channels": 1}

    def read(self) -> AudioChunk:
        n = int(self.sample_rate * self.chunk_seconds)
        while len(self._pending) < n:
            for out in self._resampler.resample(self._decoder.next_frame()):
                self._pending = np.concatenate([self._pending, out.to_ndarray().reshape(-1)])
        chunk, self._pending = self._pending[:n], self._pending[n:]
        self._next_due = pace(self._next_due, self.chunk_seconds)
        return AudioChunk(chunk.reshape(-1, 1), self.sample_rate, time.time())


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
