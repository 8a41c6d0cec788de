"""Every filter call, built-in or plugin, goes through a guard: errors, wrong output, overruns and
hangs switch the filter off and say why, and the show goes on."""

from __future__ import annotations

import logging
import time
from collections import deque

import numpy as np

from .filters.base import VideoFilter
from .vision.context import FrameContext

log = logging.getLogger(__name__)

OVERRUN_WINDOW = 30  # recent calls considered
OVERRUN_LIMIT = 15  # overruns among them that disable the filter
HANG_SECONDS = 1.0  # one call this long is a hang


class FilterGuard:
    def __init__(self, flt: VideoFilter, name: str | None = None, cost_ms: float = 0.0, fps: float = 30.0,
                 provider: str = "builtin") -> None:
        self.filter = flt
        self.name = name or flt.name
        self.provider = provider
        # A filter may use its declared cost twice over, and at least half a frame, before it overruns.
        self.budget_ms = max(2 * cost_ms, 500 / fps)
        self.error: str | None = None
        self.paused = False  # the host switched the plugin off in the plugin manager
        self.calls = 0
        self.call_started: float | None = None  # read by the pipeline's watchdog
        self._overruns: deque[bool] = deque(maxlen=OVERRUN_WINDOW)

    @property
    def active(self) -> bool:
        return self.error is None and not self.paused and self.filter.enabled

    def disable(self, reason: str) -> None:
        if self.error is None:
            self.error = reason
            log.warning("filter %s (%s) switched off: %s", self.name, self.provider, reason)

    def runs(self, image: np.ndarray, context: FrameContext | None) -> bool:
        """Whether this frame (RGB or I420) goes through the filter at all."""
        if not self.active:
            return False
        if context is None:
            return True
        if context.true_colour and not getattr(self.filter, "true_colour_safe", False):
            return False  # it might recolour the product: bypassed, not switched off
        acts_on = getattr(self.filter, "acts_on", None)
        return acts_on is None or bool(acts_on(image, context))

    def apply(self, image: np.ndarray, context: FrameContext | None = None, i420: bool = False) -> np.ndarray:
        """The filter on ``image`` (RGB; with ``i420``, an I420 picture for ``process_i420``)."""
        if not self.runs(image, context):
            return image
        self.call_started = started = time.monotonic()
        try:
            if context is None:
                result = self.filter.apply(image)
            else:
                result = self.filter.process_i420(image, context) if i420 else self.filter.process(image, context)
        except Exception as exc:
            self.disable(f"raised {type(exc).__name__}: {exc}")
            return image
        finally:
            self.call_started = None
        elapsed_ms = (time.monotonic() - started) * 1000
        self.calls += 1
        if not self._valid(result, image):
            got = getattr(result, "shape", type(result).__name__)
            self.disable(f"returned {got}, expected a uint8 image of shape {image.shape}")
            return image
        self._overruns.append(elapsed_ms > self.budget_ms)
        if sum(self._overruns) >= OVERRUN_LIMIT:
            self.disable(f"too slow: over its {self.budget_ms:.1f} ms budget in {OVERRUN_LIMIT} of the last "
                         f"{len(self._overruns)} frames")
        return result

    def _valid(self, result: object, image: np.ndarray) -> bool:
        if not isinstance(result, np.ndarray) or result.dtype != np.uint8:
            return False
        if getattr(self.filter, "changes_size", False):
            return result.ndim == 3 and result.shape[2] == 3 and min(result.shape[:2]) > 0
        return result.shape == image.shape

    def resume(self) -> None:
        """The host switched the plugin back on: give it a fresh start, errors forgotten."""
        self.paused, self.error = False, None
        self._overruns.clear()

    def hung(self, now: float) -> bool:
        started = self.call_started
        return started is not None and now - started > HANG_SECONDS
