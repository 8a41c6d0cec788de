"""Polls: a question with 2–6 options, one vote per viewer, live results on stream and on every
page, closed by the host or by its timer, with the final result in the log."""

from __future__ import annotations

import time
from typing import Any

from ..comments.base import clean_text
from ..eventlog import Event
from ..interactions.base import BUILTIN_WIDGETS, Interaction, ShowContext
from ..messages import StudioError

MIN_OPTIONS, MAX_OPTIONS = 2, 6
MAX_DURATION_S = 3600


class Polls(Interaction):
    name = "polls"
    widget = str(BUILTIN_WIDGETS / "polls.js")
    accepts = ("poll.start", "poll.vote", "poll.close")

    def __init__(self) -> None:
        self.poll: dict[str, Any] | None = None  # the open poll
        self.votes: dict[str, int] = {}  # viewer → option
        self.last_result: dict[str, Any] | None = None
        self._timer: Any = None

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "poll.vote":
            if self.poll is None or data.get("poll") != self.poll["poll"]:
                raise StudioError("poll.not_open")
            if not actor.startswith("viewer:"):
                raise StudioError("poll.viewers_only")
            if actor in self.votes:
                raise StudioError("poll.voted")
            if time.time() >= self.poll.get("closes_at", float("inf")):
                raise StudioError("poll.not_open")
            option = data.get("option")
            if isinstance(option, bool) or not isinstance(option, int) or not 0 <= option < len(self.poll["options"]):
                raise StudioError("poll.choose")
            return {"poll": self.poll["poll"], "option": option}
        if actor != "host":
            raise StudioError("poll.host_only")
        if type_ == "poll.close":
            if self.poll is None:
                raise StudioError("poll.none_open")
            return {"poll": self.poll["poll"]}
        if self.poll is not None:
            raise StudioError("poll.open")
        options = data.get("options")
        if not isinstance(options, list) or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise StudioError("poll.options_range", min=MIN_OPTIONS, max=MAX_OPTIONS)
        cleaned = [clean_text(o, "option", 30) for o in options]
        if len(set(cleaned)) != len(cleaned):
            raise StudioError("poll.same_options")
        rules: dict[str, Any] = {"question": clean_text(data.get("question"), "question", 60), "options": cleaned}
        duration = data.get("duration_s")
        if duration is not None:
            if isinstance(duration, bool) or not isinstance(duration, int | float) \
                    or not 10 <= duration <= MAX_DURATION_S:
                raise StudioError("poll.duration_range", max=MAX_DURATION_S)
            rules["closes_at"] = round(time.time() + duration, 3)
        return rules

    def tallies(self) -> list[int]:
        if self.poll is None:
            return []
        counts = [0] * len(self.poll["options"])
        for option in self.votes.values():
            counts[option] += 1
        return counts

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "poll.start":
            self.poll, self.votes = {"poll": event.id, **event.data}, {}
            if "closes_at" in event.data and not show.replaying:
                self._close_at(event.data["closes_at"], show)
        elif event.type == "poll.vote" and self.poll is not None:
            self.votes[event.actor] = event.data["option"]
        elif event.type == "poll.close" and self.poll is not None and not show.replaying:
            self._close(show)
        elif event.type == "poll.closed":
            self.last_result, self.poll = dict(event.data), None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def resume(self, show: ShowContext) -> None:
        if self.poll is not None and "closes_at" in self.poll:
            self._close_at(self.poll["closes_at"], show)

    def _close_at(self, closes_at: float, show: ShowContext) -> None:
        self._timer = show.call_at(closes_at, lambda: self._close(show))

    def _close(self, show: ShowContext) -> None:
        if self.poll is None:
            return
        tallies = self.tallies()
        top = max(tallies)
        show.emit("poll.closed", {"poll": self.poll["poll"], "question": self.poll["question"],
                                  "options": self.poll["options"], "tallies": tallies, "voters": len(self.votes),
                                  "leading": [i for i, n in enumerate(tallies) if n == top and top > 0]})

    def public_state(self) -> dict[str, Any]:
        return {"poll": self.poll, "tallies": self.tallies(), "last_result": self.last_result}
