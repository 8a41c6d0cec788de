"""The one interface every video and audio source implements, and the thread that runs it."""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable

from ..frames import AudioChunk, VideoFrame

log = logging.getLogger(__name__)


class SourceUnavailable(Exception):
    """The device is missing, busy or vanished; the runner shows a placeholder and retries."""


class VideoSource(ABC):
    """Produces frames at its own pace; ``read`` blocks until the next one."""

    kind = "video"
    name = "video source"

    @abstractmethod
    def open(self) -> None:
        """Acquire the device; raise SourceUnavailable if it cannot be had now."""

    @abstractmethod
    def read(self) -> VideoFrame:
        """Return the next frame; raise SourceUnavailable if the device is lost."""

    def close(self) -> None:  # noqa: B027 - most sources hold nothing to release
        """Release the device."""

    def describe(self) -> dict:
        """What the device actually delivers (it may differ from what was asked)."""
        return {}


class AudioSource(ABC):
    """Produces 20 ms chunks of PCM; ``read`` blocks until the next one."""

    kind = "audio"
    name = "audio source"
    sample_rate = 48000
    channels = 1

    @abstractmethod
    def open(self) -> None:
        """Acquire the device; raise SourceUnavailable if it cannot be had now."""

    @abstractmethod
    def read(self) -> AudioChunk:
        """Return the next 20 ms chunk; raise SourceUnavailable if the device is lost."""

    def close(self) -> None:  # noqa: B027
        """Release the device."""

    def describe(self) -> dict:
        """What the device actually delivers: sample rate, channels."""
        return {}


class SourceRunner:
    """Runs a source on its own thread, hands each item to ``sink`` and survives device loss.

    A missing or vanished device sets ``status`` to a readable message and is retried every
    ``retry_interval`` seconds, so a camera that is plugged back in resumes by itself.
    """

    def __init__(self, source: VideoSource | AudioSource, sink: Callable[[object], None],
                 retry_interval: float = 1.0) -> None:
        self.source = source
        self._sink = sink
        self._retry_interval = retry_interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"source-{source.name}", daemon=True)
        self.status = "starting"
        self.error: str | None = None
        self.items = 0

    @property
    def available(self) -> bool:
        return self.error is None and self.status == "live"

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stop the thread; with ``wait=False`` return at once (a camera stuck in read() must not
        freeze the caller) and let the thread finish on its own."""
        self._stop.set()
        if wait and self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.source.open()
            except Exception as exc:  # SourceUnavailable, or a driver or plugin bug: retry either way
                self._set_unavailable(_describe(exc))
                self._stop.wait(self._retry_interval)
                continue
            self.status, self.error = "live", None
            log.info("%s live: %s", self.source.name, self.source.describe())
            try:
                while not self._stop.is_set():
                    item = self.source.read()
                    if self._stop.is_set():
                        break  # a replaced runner must not feed the program any more
                    self._sink(item)
                    self.items += 1
            except Exception as exc:
                if not isinstance(exc, SourceUnavailable):
                    log.exception("%s failed", self.source.name)
                self._set_unavailable(_describe(exc))
            finally:
                try:
                    self.source.close()
                except Exception:
                    log.exception("%s failed to close", self.source.name)
            self._stop.wait(self._retry_interval)
        self.status = "stopped"

    def _set_unavailable(self, reason: str) -> None:
        if self.error != reason:
            log.warning("%s unavailable: %s", self.source.name, reason)
        self.status, self.error = "unavailable", reason


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, SourceUnavailable) else f"{type(exc).__name__}: {exc}"


def pace(next_due: float, interval: float) -> float:
    """Sleep until ``next_due`` (monotonic) and return the following deadline, without drift."""
    delay = next_due - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    elif delay < -interval:  # fell far behind: restart the schedule instead of bursting
        next_due = time.monotonic()
    return next_due + interval
