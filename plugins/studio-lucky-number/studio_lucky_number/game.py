"""A lucky-number round. The number is committed (SHA-256 of salt:number) when the round opens and
revealed at the end, so viewers can check it was not changed after the guesses came in."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from studio.plugin_api import Event, Interaction, ShowContext


class LuckyNumber(Interaction):
    name = "lucky_number"
    accepts = ("lucky.start", "lucky.guess")
    widget = "widget.js"

    def __init__(self, highest: int = 100) -> None:
        self.highest = highest
        self.round = 0
        self.open = False
        self.guesses: dict[str, int] = {}  # actor → number, this round
        self._secret: tuple[str, int] | None = None  # (salt, number), only until the reveal

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "lucky.start":
            if actor != "host":
                raise ValueError("only the host starts a round")
            if self.open:
                raise ValueError("a round is already running")
            seconds = data.get("seconds", 30)
            if not isinstance(seconds, int) or not 5 <= seconds <= 300:
                raise ValueError("seconds must be a whole number from 5 to 300")
            return {"seconds": seconds}
        if not self.open:
            raise ValueError("no round is open")
        number = data.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= self.highest:
            raise ValueError(f"guess a whole number from 1 to {self.highest}")
        if actor in self.guesses:
            raise ValueError("one guess per round")
        return {"number": number, "round": self.round}

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "lucky.start":
            self.round += 1
            self.open, self.guesses = True, {}
            salt, number = secrets.token_hex(8), secrets.randbelow(self.highest) + 1
            self._secret = (salt, number)
            commit = hashlib.sha256(f"{salt}:{number}".encode()).hexdigest()
            show.emit("lucky.round", {"round": self.round, "seconds": event.data["seconds"],
                                      "highest": self.highest, "commit": commit})
            round_ = self.round
            show.call_later(event.data["seconds"], lambda: self._close(round_, show))
        elif event.type == "lucky.guess" and self.open:
            self.guesses[event.actor] = event.data["number"]

    def _close(self, round_: int, show: ShowContext) -> None:
        if round_ != self.round or not self.open or self._secret is None:
            return
        self.open = False
        salt, number = self._secret
        self._secret = None
        best = min((abs(g - number) for g in self.guesses.values()), default=None)
        winners = sorted(a for a, g in self.guesses.items() if abs(g - number) == best)
        show.emit("lucky.result", {"round": round_, "number": number, "salt": salt, "winners": winners,
                                   "guesses": len(self.guesses)})
