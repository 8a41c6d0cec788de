"""The lottery (福袋) as the show runs it, on the event log:

- ``lottery.start`` (host): the rules — prize, number of winners, entry by keyword comment or by
  click, countdown. The interaction then draws a secret seed, keeps it beside the log (never in
  it) and announces ``lottery.opened`` with the rules, SHA-256 of the seed and the closing time.
- Entries: ``lottery.enter`` from a viewer's page (click), or a comment containing the keyword
  (logged as ``lottery.entered``). One entry per entrant.
- At the closing time (or ``lottery.close`` from the host): ``lottery.closed`` freezes the sorted
  entrant list and publishes its hash; then ``lottery.drawn`` reveals the seed with the winners.
  Each is appended to the log before any page hears of it.

A restart replays the log: an open lottery keeps its entries and closes on time, and one that a
crash cut off between closing and drawing is drawn. ``record()`` is the published record that
``studio verify-lottery`` checks.
"""

from __future__ import annotations

import time
from typing import Any

from ..comments.base import clean_text
from ..eventlog import Event
from ..interactions.base import BUILTIN_WIDGETS, Interaction, ShowContext
from ..messages import StudioError
from .lottery import commitment as seed_commitment
from .lottery import draw, entrants_hash, frozen_entrants, new_seed

MIN_COUNTDOWN_S, MAX_COUNTDOWN_S = 10, 3600
MAX_WINNERS = 100


class LotteryRound(Interaction):
    name = "lottery"
    widget = str(BUILTIN_WIDGETS / "lottery.js")
    accepts = ("lottery.start", "lottery.enter", "lottery.close")

    def __init__(self) -> None:
        self.open: dict[str, Any] | None = None  # the running round: id, rules, commitment, closes_at
        self.entrants: set[str] = set()
        self.followers: set[str] = set()  # from follow events: for followers-only rounds
        self.names: dict[str, str] = {}  # entrant → the nickname they commented under (for showing winners)
        self.last: dict[str, Any] | None = None  # the last draw, as the stream shows it
        self.closed: dict[str, Any] | None = None  # closed but not drawn yet
        self.records: dict[int, dict[str, Any]] = {}  # round id → published record, once drawn
        self._timer: Any = None

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "lottery.start":
            if actor != "host":
                raise StudioError("lottery.host_only_start")
            if self.open is not None or self.closed is not None:
                raise StudioError("lottery.running")
            return self._rules(data)
        if type_ == "lottery.close":
            if actor != "host":
                raise StudioError("lottery.host_only_close")
            if self.open is None:
                raise StudioError("lottery.none_open")
            return {"round": self.open["round"]}
        if self.open is None:
            raise StudioError("lottery.none_open")
        if self.open["rules"]["entry"] != "click":
            raise StudioError("lottery.enter_by_keyword", keyword=self.open['rules']['keyword'])
        if not actor.startswith("viewer:"):
            raise StudioError("lottery.viewers_only")
        if time.time() >= self.open["closes_at"]:
            raise StudioError("lottery.closed")
        if actor in self.entrants:
            raise StudioError("lottery.entered")
        if self.open["rules"].get("followers_only") and actor not in self.followers:
            raise StudioError("lottery.followers_only")
        entry: dict[str, Any] = {"round": self.open["round"]}
        if data.get("nickname"):  # the name the page comments under: winners are shown by it
            entry["nickname"] = clean_text(data["nickname"], "nickname", 24)
        return entry

    @staticmethod
    def _rules(data: dict[str, Any]) -> dict[str, Any]:
        winners, countdown = data.get("winners", 1), data.get("countdown_s", 60)
        if isinstance(winners, bool) or not isinstance(winners, int) or not 1 <= winners <= MAX_WINNERS:
            raise StudioError("lottery.winners_range", max=MAX_WINNERS)
        if isinstance(countdown, bool) or not isinstance(countdown, int | float) \
                or not MIN_COUNTDOWN_S <= countdown <= MAX_COUNTDOWN_S:
            raise StudioError("lottery.countdown_range", min=MIN_COUNTDOWN_S, max=MAX_COUNTDOWN_S)
        entry = data.get("entry", "click")
        if entry not in ("click", "keyword"):
            raise StudioError("lottery.entry_kind")
        followers_only = data.get("followers_only", False)
        if not isinstance(followers_only, bool):
            raise StudioError("lottery.followers_only_bool")
        rules = {"prize": clean_text(data.get("prize"), "prize", 40), "winners": winners,
                 "entry": entry, "followers_only": followers_only, "countdown_s": float(countdown)}
        if entry == "keyword":
            rules["keyword"] = clean_text(data.get("keyword"), "keyword", 20)
        return rules

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "comment" and event.data.get("nickname"):  # the newest name each one goes by
            self.names[self._entrant(event)] = event.data["nickname"]
        if event.type == "follow":
            self.followers.add(event.actor)
        elif event.type == "unfollow":
            self.followers.discard(event.actor)
        elif event.type == "lottery.start" and not show.replaying:
            seed = new_seed()
            show.keep_secret(str(event.id), seed.hex())  # kept before its commitment is out
            show.emit("lottery.opened", {"round": event.id, "rules": event.data,
                                         "commitment": seed_commitment(seed),
                                         "closes_at": event.ts + event.data["countdown_s"]})
        elif event.type == "lottery.opened":
            self.open, self.entrants = dict(event.data), set()
            if not show.replaying:
                self._close_at(self.open["closes_at"], show)
        elif event.type in ("lottery.enter", "lottery.entered") and self.open is not None:
            entrant = event.data.get("entrant", event.actor)
            self.entrants.add(entrant)
            if event.data.get("nickname"):
                self.names[entrant] = event.data["nickname"]
        elif event.type == "comment" and self._keyword_entry(event):
            if not show.replaying:
                show.emit("lottery.entered", {"round": self.open["round"], "entrant": self._entrant(event)})  # type: ignore
        elif event.type == "lottery.close" and self.open is not None and not show.replaying:
            self._close(show)
        elif event.type == "lottery.closed":
            self.closed, self.open = dict(event.data), None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not show.replaying:
                self._draw(show)
        elif event.type == "lottery.drawn":
            self.records[event.data["round"]] = event.data["record"]
            self.closed = None
            winners = event.data["winners"]
            self.last = {"prize": event.data["record"]["rules"]["prize"], "winners": winners, "ts": event.ts,
                         "names": event.data.get("names", {}),
                         "record": event.data["record"]}  # a page that joins later can check it too

    def resume(self, show: ShowContext) -> None:
        if self.open is not None:
            self._close_at(self.open["closes_at"], show)

    def public_state(self) -> dict[str, Any]:
        return {"open": self.open, "drawing": self.closed is not None, "last": self.last}

    def record(self, round_id: int) -> dict[str, Any] | None:
        return self.records.get(round_id)

    def _keyword_entry(self, event: Event) -> bool:
        rules = self.open["rules"] if self.open is not None else None
        return (rules is not None and rules["entry"] == "keyword" and rules["keyword"] in event.data.get("text", "")
                and event.ts < self.open["closes_at"]  # type: ignore[index]
                and event.actor.startswith(("viewer:", "source:"))  # the host and plugins never enter
                and self._entrant(event) not in self.entrants
                and (not rules.get("followers_only") or event.actor in self.followers))

    @staticmethod
    def _entrant(event: Event) -> str:
        # Viewers are who their page says; a comment from another platform is its nickname there.
        return event.actor if event.actor.startswith("viewer:") else f"{event.actor}/{event.data.get('nickname', '')}"

    def _close_at(self, closes_at: float, show: ShowContext) -> None:
        self._timer = show.call_at(closes_at, lambda: self._close(show))

    def _close(self, show: ShowContext) -> None:
        if self.open is None:
            return
        frozen = frozen_entrants(self.entrants)
        show.emit("lottery.closed", {"round": self.open["round"], "rules": self.open["rules"],
                                     "commitment": self.open["commitment"], "entrants": frozen,
                                     "entrants_hash": entrants_hash(frozen)})

    def _draw(self, show: ShowContext) -> None:
        closed = self.closed
        assert closed is not None
        seed_hex = show.secret(str(closed["round"]))
        if seed_hex is None:  # the log was moved without its secrets: no fair draw is possible
            raise RuntimeError(f"the seed of lottery {closed['round']} is missing; it cannot be drawn")
        seed = bytes.fromhex(seed_hex)
        winners = draw(seed, closed["entrants"], closed["rules"]["winners"]) if closed["entrants"] else []
        record = {"rules": closed["rules"], "commitment": closed["commitment"], "entrants": closed["entrants"],
                  "entrants_hash": closed["entrants_hash"], "seed": seed_hex, "winners": winners}
        show.emit("lottery.drawn", {"round": closed["round"], "winners": winners, "seed": seed_hex,
                                    "record": record, "names": {w: self.names[w] for w in winners if w in self.names}})
