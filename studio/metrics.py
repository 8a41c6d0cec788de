"""Small running measurements shared by the stages."""

from __future__ import annotations

import threading
import time
from collections import deque


def ema(previous: float, sample: float, alpha: float = 0.1) -> float:
    """Exponential moving average that starts at the first sample."""
    return sample if previous == 0 else (1 - alpha) * previous + alpha * sample


class RateMeter:
    """Bits and events over a sliding window, for fps and bitrate read-outs."""

    def __init__(self, window: float = 2.0) -> None:
        self._window = window
        self._events: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()
        self._started: float | None = None

    def add(self, size: int = 0) -> None:
        now = time.monotonic()
        with self._lock:
            if self._started is None:
                self._started = now
            self._events.append((now, size))
            while self._events and now - self._events[0][0] > self._window:
                self._events.popleft()

    def rates(self) -> tuple[float, float]:
        """(events per second, bits per second) over the window."""
        now = time.monotonic()
        with self._lock:
            while self._events and now - self._events[0][0] > self._window:
                self._events.popleft()
            count = len(self._events)
            bits = sum(size for _, size in self._events) * 8
            # Until a full window has passed, divide by the time actually observed.
            span = min(self._window, now - self._started) if self._started is not None else self._window
        span = max(span, 1e-3)
        return count / span, bits / span
