"""Runs the show's interactions: checks what viewers send, appends it to the event log, hands every
event to every interaction (guarded), and pushes events to the viewers' pages."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..eventlog import Event, EventLog
from ..messages import StudioError, as_message, raised
from .base import Interaction, Refused, ShowContext

log = logging.getLogger(__name__)


@dataclass
class RunningInteraction:
    name: str
    interaction: Interaction
    provider: str
    context: ShowContext
    error: str | None = None  # why it was switched off, in English…
    error_message: dict[str, Any] | None = None  # …and with its code, for the window
    paused: bool = False  # its plugin is switched off by the host

    def switch_off(self, error: BaseException) -> None:
        """A bug in the plugin: it is off for the rest of the show, and says why."""
        reason = raised(error)
        self.error, self.error_message = str(reason), as_message(reason)
        log.exception("interaction %s failed and was switched off", self.name)

    @property
    def active(self) -> bool:
        return self.error is None and not self.paused


class InteractionHost:
    def __init__(self, log_: EventLog, broadcast: Callable[[Event], None],
                 state: Callable[[], dict[str, Any]], settled: Callable[[], None] = lambda: None) -> None:
        self.log = log_
        self._broadcast = broadcast
        self._settled = settled  # called once every interaction has seen the new events
        self._state = state
        self.running: list[RunningInteraction] = []
        self._queue: deque[tuple[str, str, dict[str, Any]]] = deque()
        self._dispatching = False

    def add(self, name: str, interaction: Interaction, provider: str, paused: bool = False) -> None:
        secrets = (lambda k, v: self.log.keep_secret(f"{name}:{k}", v), lambda k: self.log.secret(f"{name}:{k}"))
        context = ShowContext(lambda t, d: self.record(t, f"plugin:{provider}", d), self._state, secrets)
        self.running.append(RunningInteraction(name, interaction, provider, context, paused=paused))

    def replay(self) -> int:
        """Rebuild every interaction's state from the log (after a restart), then let each resume
        what was under way. Returns the number of events replayed."""
        count = 0
        for running in self.running:
            running.context.replaying = True
        try:
            for event in self.log.replay():
                count += 1
                for running in self.running:
                    if running.active:
                        self._guarded(running, running.interaction.on_event, event, running.context)
        finally:
            for running in self.running:
                running.context.replaying = False
        for running in self.running:
            if running.active:
                self._guarded(running, running.interaction.resume, running.context)
        return count

    @property
    def host_only(self) -> set[str]:
        """Event types that stay with the host (and the log): never pushed to viewers' pages."""
        return {t for r in self.running for t in r.interaction.host_only}

    def public_state(self) -> dict[str, Any]:
        states = {}
        for running in self.running:
            if running.active:
                state = self._guarded(running, running.interaction.public_state)
                if state is not None:
                    states[running.name] = state
        return states

    @property
    def errors(self) -> dict[str, str]:
        return {r.name: r.error for r in self.running if r.error}

    @property
    def error_messages(self) -> dict[str, dict[str, Any]]:
        return {r.name: r.error_message for r in self.running if r.error_message}

    def accepting(self, type_: str) -> list[RunningInteraction]:
        return [r for r in self.running if r.active and type_ in r.interaction.accepts]

    def submit(self, type_: str, actor: str, data: Any) -> Event:
        """An event from a viewer or the host: checked by the interactions that accept it, then logged.

        Raises ValueError with a reason the sender can read.
        """
        targets = self.accepting(type_)
        if not targets:
            raise StudioError("event.not_accepted", type=type_)
        if not isinstance(data, dict):
            raise StudioError("event.not_object")
        try:
            for running in [r for r in self.running if r.active]:
                self._checked(running, running.interaction.screen, type_, actor, data)
            for running in targets:
                data = self._checked(running, running.interaction.check, type_, actor, data)
        except Refused as refusal:
            if refusal.record is not None:
                self.record(refusal.record[0], actor, refusal.record[1])
            raise
        event = self.record(type_, actor, data)
        assert event is not None  # submit is never called from inside a dispatch
        return event

    def _checked(self, running: RunningInteraction, call: Callable[..., Any], *args: Any) -> Any:
        """A check's answer; a reasoned refusal passes through, a crash switches the interaction off."""
        try:
            return call(*args)
        except ValueError:
            raise
        except Exception as exc:
            running.switch_off(exc)
            raise StudioError("event.unavailable", type=args[0]) from None

    def record(self, type_: str, actor: str, data: dict[str, Any]) -> Event | None:
        """Append an event and hand it to every interaction. Events they emit meanwhile wait their
        turn, so every interaction sees every event in log order; all of them are committed in one
        transaction (a crash midway keeps none, so nothing is half done after a restart) and only
        then pushed to the pages. Returns the event, or None if it was queued behind the one being
        dispatched. TypeError or ValueError, before anything is logged, if ``data`` is not plain JSON
        (inside a dispatch that is the emitting interaction's own error, and it alone is stopped)."""
        self.log.encode(data)
        self._queue.append((type_, actor, data))
        if self._dispatching:
            return None
        self._dispatching = True
        events: list[Event] = []
        try:
            with self.log.transaction():
                while self._queue:
                    event = self.log.append(*self._queue.popleft())
                    events.append(event)
                    for running in list(self.running):
                        if running.active:
                            self._guarded(running, running.interaction.on_event, event, running.context)
        finally:
            self._queue.clear()  # a failed commit drops what it would have added
            self._dispatching = False
        for event in events:
            self._broadcast(event)
        self._settled()
        return events[0]

    def _guarded(self, running: RunningInteraction, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except Exception as exc:  # a plugin bug switches that interaction off; the show goes on
            running.switch_off(exc)
            return None
