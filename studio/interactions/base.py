"""The one interface every interaction implements: react to show events, add events of its own,
and optionally put a widget on the viewer page."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..options import LiveOptions

if TYPE_CHECKING:
    from ..eventlog import Event


class ShowContext:
    """What an interaction may do to the show: add events and set timers. Given to every call."""

    def __init__(self, emit: Callable[[str, dict[str, Any]], None], state: Callable[[], dict[str, Any]]) -> None:
        self._emit, self._state = emit, state

    def emit(self, type_: str, data: dict[str, Any]) -> None:
        """Append an event (actor: this plugin) to the log; viewers' pages receive it."""
        self._emit(type_, data)

    @property
    def state(self) -> dict[str, Any]:
        """A snapshot of show state: ``live``, ``viewers``."""
        return self._state()

    def call_later(self, seconds: float, callback: Callable[[], None]) -> asyncio.TimerHandle:
        """Run ``callback`` on the show's loop after ``seconds`` (for rounds and countdowns)."""
        return asyncio.get_running_loop().call_later(seconds, callback)


class Interaction(LiveOptions, ABC):
    """Runs on the show's event loop: keep each call short and never block."""

    name = "interaction"
    accepts: tuple[str, ...] = ()  # event types viewers' pages (and the host) may send to it
    widget: str = ""  # a JavaScript file beside the interaction's module, loaded by the viewer page

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        """Validate an incoming event from ``actor`` ("host" or "viewer:…"); return the data to log,
        or raise ValueError with a reason the sender sees."""
        return data

    @abstractmethod
    def on_event(self, event: Event, show: ShowContext) -> None:
        """React to an event in the log (every event, in order; filter by ``event.type``)."""
