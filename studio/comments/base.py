"""Comments: the built-in interaction that accepts them, and the comment-source interface that
brings them in from elsewhere (another platform's chat)."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from ..eventlog import Event
from ..interactions.base import BUILTIN_WIDGETS, Interaction, ShowContext
from ..messages import StudioError, field_name
from ..options import LiveOptions

MAX_TEXT = 200
MAX_NICKNAME = 24
RECENT = 500  # comments kept for the host's dock (and for pinning and replying)
SNAPSHOT_COMMENTS = 30  # of them, what a page that joins late is shown


@dataclass(frozen=True)
class Comment:
    nickname: str
    text: str


def clean_text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise StudioError("text.not_text", what=field_name(what))
    # Control and format characters (including bidi overrides) only disguise text; drop them.
    text = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == " ").strip()
    if not text:
        raise StudioError("text.empty", what=field_name(what))
    if len(text) > limit:
        raise StudioError("text.too_long", what=field_name(what), limit=limit)
    return text


class Comments(Interaction):
    """Accepts comments from viewers' pages and from comment sources; the host pins one (it stays
    on stream and on every page) and replies to them. Text is stored as sent (after cleaning) and
    shown with textContent everywhere: markup in a comment stays plain text."""

    name = "comments"
    widget = str(BUILTIN_WIDGETS / "comments.js")
    accepts = ("comment", "comment.pin", "comment.unpin", "comment.reply")

    def __init__(self) -> None:
        self.recent: deque[dict[str, Any]] = deque(maxlen=RECENT)
        self.pinned: dict[str, Any] | None = None

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "comment":
            comment = {"nickname": clean_text(data.get("nickname"), "nickname", MAX_NICKNAME),
                       "text": clean_text(data.get("text"), "comment", MAX_TEXT)}
            if "platform" in data:
                comment["platform"] = clean_text(data["platform"], "platform", 32)
            return comment
        if actor != "host":
            raise StudioError("comment.host_only")
        if type_ == "comment.unpin":
            return {}
        shown = self._find(data.get("comment"))
        if shown is None:
            raise StudioError("comment.not_found")
        if type_ == "comment.pin":
            return {"comment": shown["id"], "nickname": shown["nickname"], "text": shown["text"]}
        return {"comment": shown["id"], "to": shown["nickname"], "question": shown["text"],
                "text": clean_text(data.get("text"), "reply", MAX_TEXT)}

    def _find(self, comment_id: Any) -> dict[str, Any] | None:
        return next((c for c in self.recent if c["id"] == comment_id), None)

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "comment":
            self.recent.append({"id": event.id, "actor": event.actor, "ts": event.ts, **event.data})
        elif event.type == "comment.pin":
            self.pinned = dict(event.data)
        elif event.type == "comment.unpin":
            self.pinned = None

    def public_state(self) -> dict[str, Any]:
        return {"recent": list(self.recent)[-SNAPSHOT_COMMENTS:], "pinned": self.pinned}


class CommentSource(LiveOptions, ABC):
    """Brings comments in from elsewhere. The studio reads ``comments()`` as a task on its loop and
    logs each one as a ``comment`` event (actor ``source:<name>``); a source that fails is reported
    and stopped, the show goes on."""

    name = "comment source"
    platform = "other"

    @abstractmethod
    def comments(self) -> AsyncIterator[Comment]:
        """Yield comments as they arrive; return when the source has no more."""
