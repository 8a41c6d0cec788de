"""Every filter call, built-in or plugin, goes through a guard. Errors (an exception, wrong output,
a hang) switch the filter off, say why, and give it a fresh start after a back-off. Overruns never
switch a filter off: it steps down to a lighter level if it declares any (`studio/degrade.py`) and
back up once there is room again; at its lightest it keeps running and the overrun is reported."""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np

from .degrade import Ladder
from .filters.base import VideoFilter
from .messages import Coded, StudioError, as_message, raised
from .metrics import ema
from .vision.context import FrameContext

log = logging.getLogger(__name__)

HANG_SECONDS = 1.0  # one call this long is a hang
RETRY_SECONDS = 5.0  # a filter switched off by an error gets a fresh start this long after…
RETRY_FACTOR = 2.0  # …and after each further failure, this many times longer…
RETRY_MAX_SECONDS = 300.0  # …up to this long
STABLE_SECONDS = 60.0  # a filter that ran this long since its last start has its failures forgotten


class FilterGuard:
    def __init__(self, flt: VideoFilter, name: str | None = None, cost_ms: float = 0.0, fps: float = 30.0,
                 provider: str = "builtin") -> None:
        self.filter = flt
        self.name = name or flt.name
        self.provider = provider
        # A filter may use its declared cost twice over, and at least half a frame, before it overruns.
        self.budget_ms = max(2 * cost_ms, 500 / fps)
        self.error: str | None = None  # why it is switched off, in English…
        self.error_message: dict[str, Any] | None = None  # …and with its code, for the window
        self.paused = False  # the host switched the plugin off in the plugin manager
        self.failures = 0  # errors since the filter last ran for STABLE_SECONDS: they set the back-off
        self.retry_at = 0.0  # while switched off: when (monotonic) it gets its fresh start
        self.ms = 0.0  # moving average of a call's time
        self.call_started: float | None = None  # read by the pipeline's watchdog
        # The ladder: the filter's own lighter levels, then, only if it declares the picture stays
        # right that way, every other frame. Skipping is opt-in because a filter seen on one frame
        # and not the next flickers; the rest keep every frame, and a chain that then takes longer
        # than a frame costs source frames (LatestSlot drops them), never a growing delay.
        self.lighter_levels = int(getattr(flt, "degrade_levels", 0))
        self.ladder = Ladder(self.budget_ms, self.lighter_levels + bool(getattr(flt, "alternate_frames_safe", False)))
        self._skip_next = False
        self._overrunning = False
        self._run = 0  # bumped at each fresh start: a call left over from before it does not count
        self._started_at = time.monotonic()

    @property
    def active(self) -> bool:
        return self.error is None and not self.paused and self.filter.enabled

    @property
    def level(self) -> int:
        return self.ladder.level

    @property
    def every_other_frame(self) -> bool:
        return self.ladder.level > self.lighter_levels

    def disable(self, reason: Coded) -> None:
        """Switch the filter off for an error; it gets a fresh start after a back-off that grows
        with each failure that follows soon after the last start."""
        if self.error is not None:
            return
        now = time.monotonic()
        if now - self._started_at > STABLE_SECONDS:
            self.failures = 0
        self.failures += 1
        wait = min(RETRY_SECONDS * RETRY_FACTOR ** (self.failures - 1), RETRY_MAX_SECONDS)
        self.retry_at, self.error, self.error_message = now + wait, str(reason), as_message(reason)
        log.warning("filter %s (%s) switched off: %s; retrying in %.0f s", self.name, self.provider, reason, wait)

    def retry_if_due(self, now: float) -> bool:
        """Give a filter switched off by an error its fresh start once its back-off has passed,
        though never while a hung call of it is still out: it must not run twice at once."""
        if self.error is None or self.paused or now < self.retry_at or self.call_started is not None:
            return False
        log.info("filter %s (%s) gets a fresh start after: %s", self.name, self.provider, self.error)
        self._fresh_start(now)
        return True

    def resume(self) -> None:
        """The host switched the plugin back on: give it a fresh start, errors forgotten."""
        self.paused, self.failures = False, 0
        self._fresh_start(time.monotonic())

    def _fresh_start(self, now: float) -> None:
        self._run += 1
        self.ladder.reset()
        self._use_level()
        self._skip_next, self._overrunning, self.ms = False, False, 0.0
        self._started_at = now
        self.error_message = None
        self.error = None  # last: from here on the program thread calls it again

    def runs(self, image: np.ndarray, context: FrameContext | None) -> bool:
        """Whether this frame (RGB or I420) goes through the filter at all."""
        if not self.active:
            return False
        if context is not None:
            if context.true_colour and not getattr(self.filter, "true_colour_safe", False):
                return False  # it might recolour the product: bypassed, not switched off
            acts_on = getattr(self.filter, "acts_on", None)
            if acts_on is not None and not acts_on(image, context):
                return False
        if self._skip_next:  # every other frame: this one passes through (asked once per frame)
            self._skip_next = False
            return False
        return True

    def apply(self, image: np.ndarray, context: FrameContext | None = None, i420: bool = False) -> np.ndarray:
        """The filter on ``image`` (RGB; with ``i420``, an I420 picture for ``process_i420``)."""
        if not self.runs(image, context):
            return image
        run = self._run
        self.call_started = started = time.monotonic()
        try:
            if context is None:
                result = self.filter.apply(image)
            else:
                result = self.filter.process_i420(image, context) if i420 else self.filter.process(image, context)
        except Exception as exc:
            self.disable(raised(exc))
            return image
        finally:
            self.call_started = None
        if self.error is not None or run != self._run:
            return image  # switched off while it ran (a hang): what it returns late is not used
        elapsed_ms = (time.monotonic() - started) * 1000
        if not self._valid(result, image):
            got = getattr(result, "shape", type(result).__name__)
            self.disable(StudioError("filter.bad_output", got=str(got), shape=str(image.shape)))
            return image
        self.ms = ema(self.ms, elapsed_ms)
        level = self.level
        if self.ladder.observe(elapsed_ms) != level:
            self._use_level()
            log.warning("filter %s (%s) now at level %d of %d (%.1f ms a call, budget %.1f ms)", self.name,
                        self.provider, self.level, self.ladder.levels, self.ms, self.budget_ms)
        if self.ladder.overrunning != self._overrunning:
            self._overrunning = self.ladder.overrunning
            if self._overrunning:
                log.warning("filter %s (%s) is over its %.1f ms budget with no lighter level left (%.1f ms a "
                            "call); it keeps running", self.name, self.provider, self.budget_ms, self.ms)
        self._skip_next = self.every_other_frame
        return result

    def _use_level(self) -> None:
        if self.lighter_levels:
            self.filter.degrade = min(self.level, self.lighter_levels)

    def _valid(self, result: object, image: np.ndarray) -> bool:
        if not isinstance(result, np.ndarray) or result.dtype != np.uint8:
            return False
        if getattr(self.filter, "changes_size", False):
            return result.ndim == 3 and result.shape[2] == 3 and min(result.shape[:2]) > 0
        return result.shape == image.shape

    def hung(self, now: float) -> bool:
        started = self.call_started
        return started is not None and now - started > HANG_SECONDS

    def state(self, now: float) -> dict[str, Any]:
        """What the window and scripts show. ``state``: "running"; "degraded" (at ``level`` of
        ``levels``, ``every_other_frame`` at the last if the filter allows it); "off" (``reason`` in
        English, ``reason_message`` the same with its code; ``retry_in_s``, None while a hung call is
        still out); "paused" (its plugin switched off).
        ``over_budget``: over its ``budget_ms`` with no lighter level left; ``ms``: a call's time."""
        if self.paused:
            state = "paused"
        elif self.error is not None:
            state = "off"
        else:
            state = "degraded" if self.level else "running"
        retry = None if state != "off" or self.call_started is not None else round(max(0.0, self.retry_at - now), 1)
        return {"name": self.name, "provider": self.provider, "state": state, "reason": self.error,
                "reason_message": self.error_message,
                "retry_in_s": retry, "failures": self.failures, "level": self.level, "levels": self.ladder.levels,
                "every_other_frame": self.every_other_frame, "over_budget": state != "off" and self._overrunning,
                "ms": round(self.ms, 2), "budget_ms": round(self.budget_ms, 1)}
