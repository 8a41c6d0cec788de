"""Moderation: banned words, flood and duplicate limits per viewer, mutes and bans with a reason,
and complaints flagged to the host. A complaint is never hidden: the comment shows as any other,
and the host is told (网络直播营销管理办法). Every moderation action is an event in the log; the
host-only ones never reach viewers' pages.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..eventlog import Event
from ..interactions.base import Interaction, Refused, ShowContext
from ..messages import StudioError
from .base import MAX_TEXT, clean_text
from .wordlists import BANNED, COMPLAINTS, WordList, normalise, shipped

COMMENT_RATE = 0.5  # comments a viewer may post per second, on average…
COMMENT_BURST = 3  # …with this many at once
DUPLICATE_WINDOW_S = 60.0  # the same text from the same viewer again within this long is a duplicate
MAX_MUTE_MINUTES = 24 * 60
RECENT_COMMENTS = 500  # comments the host may still report from the list they see
HOST_ONLY = ("moderation.mute", "moderation.unmute", "moderation.ban", "moderation.unban", "comment.flagged",
             "comment.refused", "comment.report")


@dataclass
class _Viewer:
    tokens: float = COMMENT_BURST
    last: float = field(default_factory=time.monotonic)
    recent: deque[tuple[float, str]] = field(default_factory=lambda: deque(maxlen=10))


class Moderation(Interaction):
    """``extra_words``: the host's own banned words, separated by commas (，、 too)."""

    name = "moderation"
    accepts = ("comment", "moderation.mute", "moderation.unmute", "moderation.ban", "moderation.unban",
               "comment.report")
    host_only = HOST_ONLY

    def __init__(self, extra_words: str = "") -> None:
        self.extra_words = extra_words
        self.muted: dict[str, tuple[float, str]] = {}  # actor → (until, reason)
        self.banned: dict[str, str] = {}  # actor → reason
        self.names: dict[str, str] = {}  # actor → the nickname they last commented under (what the host sees)
        self._comments: dict[int, tuple[str, dict[str, Any]]] = {}  # recent comment id → (actor, data)
        self.flood_refused = 0  # rate-limit refusals are counted, not logged: a flood must not fill the log
        self._viewers: dict[str, _Viewer] = {}
        self._words_key: str | None = None
        self._banned_words = shipped(BANNED)

    @property
    def banned_words(self) -> WordList:
        if self._words_key != self.extra_words:
            self._words_key = self.extra_words
            self._banned_words = shipped(BANNED).with_terms(re.split(r"[,，、\n]", self.extra_words))
        return self._banned_words

    # -- refusing -------------------------------------------------------------------------------
    def screen(self, type_: str, actor: str, data: dict[str, Any]) -> None:
        if actor in self.banned:
            raise StudioError("moderation.banned", reason=self.banned[actor])
        if type_ == "comment" and actor in self.muted:
            until, reason = self.muted[actor]
            if time.time() < until:
                raise StudioError("moderation.muted_until", until=until, reason=reason)

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "comment":
            self._check_comment(actor, data)
            return data
        if actor != "host":
            raise StudioError("moderation.host_only")
        if type_ == "comment.report":
            if data.get("comment") not in self._comments:
                raise StudioError("comment.not_found")
            return {"comment": data["comment"]}
        viewer = data.get("viewer")
        if not isinstance(viewer, str) or not viewer.startswith("viewer:"):
            raise StudioError("moderation.name_viewer")
        if type_ in ("moderation.unmute", "moderation.unban"):
            return {"viewer": viewer}
        checked: dict[str, Any] = {"viewer": viewer, "reason": clean_text(data.get("reason"), "reason", 100)}
        if type_ == "moderation.mute":
            minutes = data.get("minutes", 10)
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MUTE_MINUTES:
                raise StudioError("moderation.mute_minutes", max=MAX_MUTE_MINUTES)
            checked["minutes"] = minutes
        return checked

    def _check_comment(self, actor: str, data: dict[str, Any]) -> None:
        # Cleaned here too: moderation must not rely on running after the comments interaction.
        text = clean_text(data.get("text"), "comment", MAX_TEXT)
        # Viewers here are held to a rate; another platform's chat has its own limits there.
        viewer = self._within_rate(actor, text) if actor.startswith("viewer:") else None
        words = self.banned_words.words_in(text)
        if words:
            complaint = shipped(COMPLAINTS).words_in(text)
            # Refused, but never silently: the sender is told, and the host sees it, complaint or not.
            record = ("comment.refused", {**data, "words": words, "complaint": complaint})
            raise Refused("moderation.banned_words", record, words="、".join(words))
        if viewer is not None:  # only what was shown counts as said: a refused one may be sent again
            viewer.recent.append((time.monotonic(), normalise(text)))

    def _within_rate(self, actor: str, text: str) -> _Viewer:
        """Each viewer's comment rate and no repeats; charged before the words are looked at, so a
        flood of refusals cannot fill the log either."""
        viewer = self._viewers.setdefault(actor, _Viewer())
        now = time.monotonic()
        viewer.tokens = min(COMMENT_BURST, viewer.tokens + (now - viewer.last) * COMMENT_RATE)
        viewer.last = now
        folded = normalise(text)
        if any(old == folded and now - at < DUPLICATE_WINDOW_S for at, old in viewer.recent):
            self.flood_refused += 1
            raise StudioError("moderation.duplicate")
        if viewer.tokens < 1:
            self.flood_refused += 1
            raise StudioError("moderation.too_fast")
        viewer.tokens -= 1
        return viewer

    def roster(self, now: float | None = None) -> list[dict[str, Any]]:
        """Who is muted (still) or banned, with the reason and the name the host knows them by."""
        now = time.time() if now is None else now
        rows = [{"viewer": v, "kind": "banned", "reason": reason, "until": None} for v, reason in self.banned.items()]
        rows += [{"viewer": v, "kind": "muted", "reason": reason, "until": until}
                 for v, (until, reason) in self.muted.items() if until > now and v not in self.banned]
        return [{**row, "nickname": self.names.get(row["viewer"], "")} for row in rows]

    # -- the log --------------------------------------------------------------------------------
    def on_event(self, event: Event, show: ShowContext) -> None:
        data = event.data
        if event.type in ("comment", "comment.refused") and data.get("nickname"):
            self.names[event.actor] = data["nickname"]
        if event.type == "moderation.mute":
            self.muted[data["viewer"]] = (event.ts + 60 * data["minutes"], data["reason"])
        elif event.type == "moderation.unmute":
            self.muted.pop(data["viewer"], None)
        elif event.type == "moderation.ban":
            self.banned[data["viewer"]] = data["reason"]
        elif event.type == "moderation.unban":
            self.banned.pop(data["viewer"], None)
        elif event.type == "comment.report" and not show.replaying:  # the host marks one as a complaint
            actor, comment = self._comments[data["comment"]]
            show.emit("comment.flagged", {"comment": data["comment"], "viewer": actor,
                                          "nickname": comment.get("nickname", ""), "text": comment.get("text", ""),
                                          "reason": "host", "words": []})
        elif event.type == "comment":
            self._comments[event.id] = (event.actor, data)
            if len(self._comments) > RECENT_COMMENTS:
                del self._comments[next(iter(self._comments))]
            words = shipped(COMPLAINTS).words_in(data.get("text", ""))
            if words and not show.replaying:  # shown to all as usual; the host is told
                show.emit("comment.flagged", {"comment": event.id, "viewer": event.actor,
                                              "nickname": data.get("nickname", ""), "text": data.get("text", ""),
                                              "reason": "complaint", "words": words})
