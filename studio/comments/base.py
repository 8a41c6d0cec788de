"""Comments: the built-in interaction that accepts them, and the comment-source interface that
brings them in from elsewhere (another platform's chat)."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from ..eventlog import Event
from ..interactions.base import Interaction, ShowContext
from ..options import LiveOptions

MAX_TEXT = 200
MAX_NICKNAME = 24


@dataclass(frozen=True)
class Comment:
    nickname: str
    text: str


def clean_text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    # Control and format characters (including bidi overrides) only disguise text; drop them.
    text = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == " ").strip()
    if not text:
        raise ValueError(f"{what} is empty")
    if len(text) > limit:
        raise ValueError(f"{what} is longer than {limit} characters")
    return text


class Comments(Interaction):
    """Accepts comments from viewers' pages and from comment sources. Text is stored as sent (after
    cleaning) and shown with textContent everywhere: markup in a comment stays plain text."""

    name = "comments"
    accepts = ("comment",)

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        comment = {"nickname": clean_text(data.get("nickname"), "nickname", MAX_NICKNAME),
                   "text": clean_text(data.get("text"), "comment", MAX_TEXT)}
        if "platform" in data:
            comment["platform"] = clean_text(data["platform"], "platform", 32)
        return comment

    def on_event(self, event: Event, show: ShowContext) -> None:
        """Comments need no reaction of their own; moderation and questions build on these events."""


class CommentSource(LiveOptions, ABC):
    """Brings comments in from elsewhere. The studio reads ``comments()`` as a task on its loop and
    logs each one as a ``comment`` event (actor ``source:<name>``); a source that fails is reported
    and stopped, the show goes on."""

    name = "comment source"
    platform = "other"

    @abstractmethod
    def comments(self) -> AsyncIterator[Comment]:
        """Yield comments as they arrive; return when the source has no more."""
