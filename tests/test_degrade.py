"""Filters degrade, never vanish: overruns step a filter to a lighter level and back, errors switch it
off and it is tried again after a back-off. The ladder is fed call times; the guard runs real
filters (their slowness is a sleep of a set length, so scheduling noise only ever adds to it)."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from studio.degrade import (
    OVERRUN_CLEAR,
    OVERRUN_LIMIT,
    OVERRUN_WINDOW,
    RECOVER_CALLS,
    RECOVER_CALLS_MAX,
    Ladder,
)
from studio.guard import RETRY_MAX_SECONDS, RETRY_SECONDS, FilterGuard
from studio.messages import StudioError
from studio.plugin_api import VideoFilter

BUDGET = 16.7
OVER, TIGHT, ROOM = 20.0, 14.0, 5.0  # ms: over the budget; within it, but not by a quarter; well within
FRAME = np.full((36, 64, 3), 10, np.uint8)


def feed(ladder: Ladder, ms: float, calls: int) -> int:
    for _ in range(calls):
        ladder.observe(ms)
    return ladder.level


def test_sustained_overruns_step_down_one_level_at_a_time() -> None:
    ladder = Ladder(BUDGET, levels=2)
    for i in range(OVERRUN_WINDOW):  # overruns in 14 of 30 calls are not sustained
        ladder.observe(OVER if i < OVERRUN_LIMIT - 1 else ROOM)
    assert ladder.level == 0
    assert feed(ladder, OVER, 1) == 0  # the window slid: the first overrun left as this one came
    assert feed(ladder, OVER, OVERRUN_LIMIT - 1) == 1
    assert feed(ladder, OVER, OVERRUN_LIMIT - 1) == 1  # the new level is judged on its own calls
    assert feed(ladder, OVER, 1) == 2
    assert not ladder.overrunning
    assert feed(ladder, OVER, 10 * OVERRUN_WINDOW) == 2  # nothing lighter: it stays, and says so
    assert ladder.overrunning
    feed(ladder, ROOM, OVERRUN_WINDOW - OVERRUN_CLEAR - 1)
    assert ladder.overrunning  # still 6 overruns in the window: the report holds
    feed(ladder, ROOM, 1)
    assert not ladder.overrunning


def test_room_for_a_few_seconds_steps_back_up_one_level_at_a_time() -> None:
    ladder = Ladder(BUDGET, levels=2)
    assert feed(ladder, OVER, 2 * OVERRUN_LIMIT) == 2
    assert feed(ladder, ROOM, RECOVER_CALLS - 1) == 2
    assert feed(ladder, ROOM, 1) == 1
    assert feed(ladder, TIGHT, 3 * RECOVER_CALLS) == 1  # within budget, but too close to it to try more
    assert feed(ladder, ROOM, RECOVER_CALLS) == 0


def test_one_stall_in_ten_does_not_hold_back_a_step_up() -> None:
    ladder = Ladder(BUDGET, levels=1)
    feed(ladder, OVER, OVERRUN_LIMIT)
    for i in range(RECOVER_CALLS):
        ladder.observe(OVER if i % 10 == 0 else ROOM)
    assert ladder.level == 0


def test_a_step_up_that_does_not_hold_doubles_the_wait_for_the_next() -> None:
    ladder = Ladder(BUDGET, levels=1)
    feed(ladder, OVER, OVERRUN_LIMIT)
    assert feed(ladder, ROOM, RECOVER_CALLS) == 0  # room for 3 s: full quality is tried again
    assert feed(ladder, OVER, OVERRUN_LIMIT) == 1  # and does not fit
    assert feed(ladder, ROOM, RECOVER_CALLS) == 1  # so the next try waits twice as long
    assert feed(ladder, ROOM, RECOVER_CALLS) == 0
    assert feed(ladder, ROOM, 2 * RECOVER_CALLS) == 0  # this time it held: the wait is short again
    assert feed(ladder, OVER, OVERRUN_LIMIT) == 1
    assert feed(ladder, ROOM, RECOVER_CALLS) == 0
    wait = RECOVER_CALLS
    for _ in range(8):  # a load that comes back at every try: the waits double, up to a minute
        assert feed(ladder, OVER, OVERRUN_LIMIT) == 1
        wait = min(2 * wait, RECOVER_CALLS_MAX)
        assert feed(ladder, ROOM, wait - 1) == 1
        assert feed(ladder, ROOM, 1) == 0
    assert wait == RECOVER_CALLS_MAX


class Sleeper(VideoFilter):
    """Takes ``load_ms`` at full quality and 35% of it at its lighter level."""

    name = "sleeper"
    degrade_levels = 1

    def __init__(self, load_ms: float) -> None:
        self.load_ms = load_ms

    def apply(self, image: np.ndarray) -> np.ndarray:
        time.sleep(self.load_ms * (0.35 if self.degrade else 1.0) / 1000)
        return 255 - image


def test_a_slow_filter_degrades_is_never_switched_off_and_comes_back() -> None:
    flt = Sleeper(load_ms=40)  # at 30 fps the budget is 16.7 ms: 40 over it, 14 within it without room
    guard = FilterGuard(flt, fps=30)
    for _ in range(OVERRUN_LIMIT):
        assert guard.apply(FRAME)[0, 0, 0] == 245
    state = guard.state(time.monotonic())
    assert (state["state"], state["level"], state["levels"], flt.degrade) == ("degraded", 1, 1, 1)
    for _ in range(RECOVER_CALLS + 10):  # loaded: no room to step up
        guard.apply(FRAME)
    assert guard.error is None and guard.level == 1 and not guard.state(0.0)["over_budget"]
    flt.load_ms = 1  # the load has gone
    for _ in range(RECOVER_CALLS):
        guard.apply(FRAME)
    assert guard.state(0.0)["state"] == "running" and flt.degrade == 0


class NoLevels(VideoFilter):
    name = "no_levels"

    def apply(self, image: np.ndarray) -> np.ndarray:
        time.sleep(0.02)
        return 255 - image


def test_a_filter_with_no_lighter_level_keeps_running_and_is_reported() -> None:
    guard = FilterGuard(NoLevels(), fps=30)
    for _ in range(OVERRUN_WINDOW):
        assert guard.apply(FRAME)[0, 0, 0] == 245
    state = guard.state(time.monotonic())
    assert state["state"] == "running" and state["over_budget"] and state["levels"] == 0
    assert state["ms"] >= 20 and state["budget_ms"] == BUDGET


class Skippable(VideoFilter):
    name = "skippable"
    alternate_frames_safe = True

    def __init__(self) -> None:
        self.calls = 0

    def apply(self, image: np.ndarray) -> np.ndarray:
        self.calls += 1
        return 255 - image


def test_a_filter_that_allows_it_runs_on_every_other_frame_when_still_too_slow() -> None:
    flt = Skippable()
    guard = FilterGuard(flt, fps=1e6)  # a budget of half a microsecond: every call overruns
    for _ in range(OVERRUN_LIMIT):
        guard.apply(FRAME)
    assert guard.every_other_frame and guard.state(0.0)["state"] == "degraded"
    flt.calls = 0
    outputs = [guard.apply(FRAME)[0, 0, 0] for _ in range(10)]
    assert flt.calls == 5 and outputs == [10, 245] * 5  # the frames between pass through


class Flaky(VideoFilter):
    name = "flaky"

    def __init__(self) -> None:
        self.failing = True

    def apply(self, image: np.ndarray) -> np.ndarray:
        if self.failing:
            raise RuntimeError("flaky")
        return 255 - image


def test_an_error_switches_off_and_retries_back_off_to_a_cap() -> None:
    flt = Flaky()
    guard = FilterGuard(flt)
    waits = []
    for _ in range(8):
        assert guard.apply(FRAME) is FRAME  # the frame goes on unfiltered
        assert guard.error == "raised RuntimeError: flaky"
        now = time.monotonic()
        waits.append(round(guard.retry_at - now))
        state = guard.state(now)
        assert state["state"] == "off" and state["retry_in_s"] == pytest.approx(waits[-1], abs=0.5)
        assert not guard.retry_if_due(guard.retry_at - 0.1)
        assert guard.retry_if_due(guard.retry_at)
        assert guard.error is None
    assert waits == [RETRY_SECONDS * 2 ** i for i in range(6)] + [RETRY_MAX_SECONDS] * 2
    flt.failing = False  # fixed: the fresh start holds
    assert guard.apply(FRAME)[0, 0, 0] == 245
    assert guard.state(time.monotonic())["state"] == "running"


class Stuck(VideoFilter):
    name = "stuck"

    def __init__(self) -> None:
        self.release = threading.Event()

    def apply(self, image: np.ndarray) -> np.ndarray:
        self.release.wait(10)
        return 255 - image


def test_a_hung_filter_is_retried_only_once_its_call_returns() -> None:
    flt = Stuck()
    guard = FilterGuard(flt)
    results: list[np.ndarray] = []
    stranded = threading.Thread(target=lambda: results.append(guard.apply(FRAME)))
    stranded.start()
    while guard.call_started is None:
        time.sleep(0.001)
    guard.disable(StudioError("filter.hung", seconds=1))  # what the pipeline's watchdog does
    later = time.monotonic() + 3600
    assert not guard.retry_if_due(later)  # its call is still out
    assert guard.state(later)["retry_in_s"] is None
    flt.release.set()
    stranded.join(5)
    assert results[0] is FRAME  # what it returned late is not used
    assert guard.retry_if_due(later) and guard.apply(FRAME)[0, 0, 0] == 245
