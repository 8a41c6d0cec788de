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

    def __init__(self, emit: Callable[[str, dict[str, Any]], None], state: Callable[[], dict[str, Any]],
                 secrets: tuple[Callable[[str, str], None], Callable[[str], str | None]] | None = None) -> None:
        self._emit, self._state = emit, state
        self._secrets = secrets
        self.replaying = False  # True while the log is replayed after a restart: rebuild state, emit nothing

    def emit(self, type_: str, data: dict[str, Any]) -> None:
        """Append an event (actor: this plugin) to the log; viewers' pages receive it."""
        if self.replaying:
            raise RuntimeError("an interaction emitted an event while the log was replayed")
        self._emit(type_, data)

    def keep_secret(self, key: str, value: str) -> None:
        """Keep a value out of the log (never pushed or exported) that survives a restart."""
        if self._secrets is None:
            raise RuntimeError("this show keeps no secrets")
        self._secrets[0](key, value)

    def secret(self, key: str) -> str | None:
        return None if self._secrets is None else self._secrets[1](key)

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
        """React to an event in the log (every event, in order; filter by ``event.type``). After a
        restart the log is replayed through here first, with ``show.replaying`` set."""

    def resume(self, show: ShowContext) -> None:
        """After the replay: pick up what was under way (set its timers again, finish what the
        crash cut short). Called once, before any new event."""
