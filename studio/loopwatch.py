"""Measures asyncio event-loop stalls: how late a short periodic sleep wakes up."""

from __future__ import annotations

import asyncio
import time


class LoopWatch:
    def __init__(self, interval: float = 0.05, stall_threshold: float = 0.1) -> None:
        self.interval = interval
        self.stall_threshold = stall_threshold
        self.max_lag_ms = 0.0
        self.stalls = 0
        self.samples = 0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def reset(self) -> None:
        self.max_lag_ms, self.stalls, self.samples = 0.0, 0, 0

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.interval)
            lag = time.perf_counter() - started - self.interval
            self.samples += 1
            self.max_lag_ms = max(self.max_lag_ms, lag * 1000)
            if lag > self.stall_threshold:
                self.stalls += 1
