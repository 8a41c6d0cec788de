"""Overruns step a filter down to a lighter level; room to spare steps it back up. Bookkeeping on
call times only: the guard (`studio/guard.py`) owns one ladder per filter and applies its level."""

from __future__ import annotations

from collections import deque

OVERRUN_WINDOW = 30  # recent calls considered for overruns (a second at 30 fps)…
OVERRUN_LIMIT = 15  # …and the overruns among them that step one level down
OVERRUN_CLEAR = 5  # at its lightest, a filter is reported over budget until its overruns fall to this
HEADROOM = 0.75  # a call within this share of the budget has room: the level above may fit
RECOVER_CALLS = 90  # calls (3 s at 30 fps) that must nearly all have room before a step up
RECOVER_SLACK = 0.1  # share of them that may lack room anyway: one stall must not reset the wait
RECOVER_CALLS_MAX = 1800  # a minute at 30 fps: the longest wait, after step-ups that did not hold


class Tally:
    """The last ``size`` yes/no outcomes and how many were yes, kept as they come."""

    def __init__(self, size: int) -> None:
        self._flags: deque[bool] = deque(maxlen=size)
        self.count = 0

    def add(self, flag: bool) -> None:
        if len(self._flags) == self._flags.maxlen:
            self.count -= self._flags[0]
        self._flags.append(flag)
        self.count += flag

    @property
    def full(self) -> bool:
        return len(self._flags) == self._flags.maxlen

    def clear(self) -> None:
        self._flags.clear()
        self.count = 0


class Ladder:
    """Level 0 is full quality, ``levels`` the lightest. Sustained overruns (``OVERRUN_LIMIT`` of
    the last ``OVERRUN_WINDOW`` calls over budget) step one level down; ``RECOVER_CALLS`` calls
    with room (within ``HEADROOM`` of the budget) step one back up. Whether the level above fits
    is found out by trying it, not foretold: how much a level saves depends on the load (a filter
    that waits for the faces saves little of its wait), and an estimate taken while the load
    changes is wrong for long. A try that fails costs at most ``OVERRUN_LIMIT`` calls over budget,
    and doubles the wait for the next one (up to ``RECOVER_CALLS_MAX``, a minute at 30 fps); a
    step up that holds for the wait resets it."""

    def __init__(self, budget_ms: float, levels: int) -> None:
        self.budget_ms = budget_ms
        self.levels = levels
        self.level = 0
        self.overrunning = False  # over budget in most recent calls with no lighter level left to take
        self._over = Tally(OVERRUN_WINDOW)
        self._tight = Tally(RECOVER_CALLS)  # calls without room
        self._recover_calls = RECOVER_CALLS
        self._since_up: int | None = None  # calls since the last step up, until it has held

    def observe(self, elapsed_ms: float) -> int:
        """Count one call's time; returns the level for the next call."""
        self._over.add(elapsed_ms > self.budget_ms)
        self._tight.add(elapsed_ms > HEADROOM * self.budget_ms)
        if self._since_up is not None:
            self._since_up += 1
            if self._since_up >= self._recover_calls:  # the step up held: the next wait is short again
                self._since_up, self._recover_calls = None, RECOVER_CALLS
        if self._over.count >= OVERRUN_LIMIT and self.level < self.levels:
            if self._since_up is not None:  # it did not hold: wait longer before the next try
                self._recover_calls = min(2 * self._recover_calls, RECOVER_CALLS_MAX)
                self._since_up = None
            self._change(self.level + 1)
        elif self.level > 0 and self._tight.full and self._tight.count <= RECOVER_SLACK * self._recover_calls:
            self._change(self.level - 1)
            self._since_up = 0
        if self.level == self.levels and self._over.count >= OVERRUN_LIMIT:
            self.overrunning = True
        elif self._over.count <= OVERRUN_CLEAR:  # not at the first call under: a report that flickers helps nobody
            self.overrunning = False
        return self.level

    def reset(self) -> None:
        """Full quality and a clean slate (a fresh start of the filter)."""
        self._recover_calls, self._since_up = RECOVER_CALLS, None
        self._change(0)

    def _change(self, level: int) -> None:
        self.level = level
        self._over.clear()  # the new level proves itself on its own calls
        self._tight = Tally(self._recover_calls)
