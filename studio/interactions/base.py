"""The one interface every interaction implements: react to show events, add events of its own,
and optionally put a widget on the viewer page."""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..messages import StudioError
from ..options import LiveOptions
from ..resources import resource_path

# The built-in interactions' viewer-page scripts, with the rest of the web pages.
BUILTIN_WIDGETS = resource_path("web", "widgets")

if TYPE_CHECKING:
    from ..eventlog import Event


class Refused(StudioError):
    """A refusal the host should see too: the host-only event ``record`` (type, data) is logged
    with the sender as its actor, and the sender gets the message ``code`` with ``params``."""

    def __init__(self, code: str, record: tuple[str, dict[str, Any]] | None = None, /, **params: Any) -> None:
        super().__init__(code, **params)
        self.record = record


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

    def call_at(self, when: float, callback: Callable[[], None]) -> asyncio.TimerHandle:
        """Run ``callback`` at wall-clock time ``when`` (as event times are), at once if it has
        passed (a countdown that ran out while the studio was down)."""
        return self.call_later(max(0.0, when - time.time()), callback)


class Interaction(LiveOptions, ABC):
    """Runs on the show's event loop: keep each call short and never block."""

    name = "interaction"
    accepts: tuple[str, ...] = ()  # event types viewers' pages (and the host) may send to it
    widget: str = ""  # a JavaScript file beside the interaction's module (or absolute), loaded by the viewer page
    host_only: tuple[str, ...] = ()  # event types it logs that viewers' pages never receive (moderation)

    def screen(self, type_: str, actor: str, data: dict[str, Any]) -> None:
        """Called for every event a viewer or the host sends, before the interactions that accept
        it check it: raise ValueError (or ``Refused``) to turn it away (a banned viewer). A
        ``StudioError`` with a code is worded in each reader's language; a plain ValueError's text
        is shown as given."""

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        """Validate an incoming event from ``actor`` ("host" or "viewer:…"); return the data to log,
        or raise ValueError (best: a ``StudioError`` with a code) with a reason the sender sees."""
        return data

    @abstractmethod
    def on_event(self, event: Event, show: ShowContext) -> None:
        """React to an event in the log (every event, in order; filter by ``event.type``). After a
        restart the log is replayed through here first, with ``show.replaying`` set."""

    def public_state(self) -> dict[str, Any] | None:
        """What a viewer's page that joins now needs to show this interaction (JSON), or None."""
        return None

    def resume(self, show: ShowContext) -> None:
        """After the replay: pick up what was under way (set its timers again). Called once,
        before any new event. An event and the events its handling emitted are committed together,
        so nothing of one dispatch can be half in the log."""
