"""Followers: a viewer follows the host from the page (关注). Followers-only lotteries read it."""

from __future__ import annotations

from typing import Any

from ..eventlog import Event
from ..interactions.base import BUILTIN_WIDGETS, Interaction, ShowContext
from ..messages import StudioError


class Followers(Interaction):
    name = "followers"
    widget = str(BUILTIN_WIDGETS / "followers.js")
    accepts = ("follow", "unfollow")

    def __init__(self) -> None:
        self.followers: set[str] = set()

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if not actor.startswith("viewer:"):
            raise StudioError("follow.viewers_only")
        if (actor in self.followers) == (type_ == "follow"):
            raise StudioError("follow.already" if type_ == "follow" else "follow.not_following")
        return {}

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "follow":
            self.followers.add(event.actor)
        elif event.type == "unfollow":
            self.followers.discard(event.actor)

    def public_state(self) -> dict[str, Any]:
        return {"count": len(self.followers)}
