"""The guests of a show: who waits in the lobby, who is on the call, and what of them is on air.
An admitted guest is on the call hidden and muted until the host shows them; the host can mute,
hide or kick any guest at any time, and a kicked guest's link stops working."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from ..messages import StudioError
from .invites import InviteRefused, Invites

STATES = ("lobby", "on_call", "rejected", "kicked", "left")


@dataclass
class Guest:
    id: str
    name: str
    invite_id: str
    state: str = "lobby"
    visible: bool = False  # in the program's picture
    audible: bool = False  # in the program's sound
    session: str | None = None  # the WHIP ingest session of their camera and microphone
    joined_at: float = field(default_factory=time.time)
    # Their page's key to come back after a dropped connection, to where they were (no new use of
    # the link, no new admission); gone once they leave on purpose or are removed.
    rejoin_key: str | None = field(default_factory=lambda: secrets.token_urlsafe(16))
    dropped_from: tuple[str, bool, bool] | None = None  # (state, visible, audible) when the connection dropped

    @property
    def present(self) -> bool:
        return self.state in ("lobby", "on_call")


class Guests:
    def __init__(self, invites: Invites, limit: int = 3) -> None:
        self.invites = invites
        self.limit = limit
        self.guests: dict[str, Guest] = {}

    def join(self, token: str, name: str) -> Guest:
        """A guest arrives with a link: into the lobby (InviteRefused if the link does not open)."""
        invite = self.invites.use(token)
        cleaned = " ".join(name.split())[:24] or invite.name or "guest"
        guest = Guest(secrets.token_urlsafe(9), cleaned, invite.id)
        self.guests[guest.id] = guest
        return guest

    def _present(self, guest_id: str) -> Guest:
        guest = self.guests.get(guest_id)
        if guest is None or not guest.present:
            raise StudioError("guest.not_found")
        return guest

    def on_call(self) -> list[Guest]:
        return [g for g in self.guests.values() if g.state == "on_call"]

    def waiting(self) -> list[Guest]:
        return [g for g in self.guests.values() if g.state == "lobby"]

    def admit(self, guest_id: str) -> Guest:
        guest = self._present(guest_id)
        if guest.state != "lobby":
            raise StudioError("guest.on_call", name=guest.name)
        if len(self.on_call()) >= self.limit:
            raise StudioError("guest.limit", limit=self.limit)
        guest.state, guest.visible, guest.audible = "on_call", False, False  # on the call, not yet on air
        return guest

    def set_on_air(self, guest_id: str, visible: bool | None = None, audible: bool | None = None) -> Guest:
        guest = self._present(guest_id)
        if guest.state != "on_call":
            raise StudioError("guest.admit_first", name=guest.name)
        if visible is not None:
            guest.visible = visible
        if audible is not None:
            guest.audible = audible
        return guest

    def reject(self, guest_id: str) -> Guest:
        guest = self._present(guest_id)
        guest.state, guest.visible, guest.audible, guest.rejoin_key = "rejected", False, False, None
        return guest

    def kick(self, guest_id: str) -> Guest:
        """Off the call, and the link they came with no longer opens (for anyone)."""
        guest = self._present(guest_id)
        guest.state, guest.visible, guest.audible, guest.rejoin_key = "kicked", False, False, None
        self.invites.revoke(guest.invite_id)
        return guest

    def leave(self, guest_id: str, dropped: bool = False) -> Guest | None:
        """Gone: on purpose (their page said so), or ``dropped`` (the connection ended), in which
        case they may come back with their rejoin key."""
        guest = self.guests.get(guest_id)
        if guest is not None and guest.present:
            guest.dropped_from = (guest.state, guest.visible, guest.audible) if dropped else None
            guest.state, guest.visible, guest.audible = "left", False, False
            if not dropped:
                guest.rejoin_key = None
        return guest

    def holder(self, token: str, key: str) -> Guest:
        """The guest a rejoin key belongs to, on this link: present, or dropped and free to come
        back. InviteRefused if the key is not theirs or the link was withdrawn."""
        invite = self.invites.check(token, rejoining=True)
        guest = next((g for g in self.guests.values() if key and g.invite_id == invite.id and g.rejoin_key
                      and secrets.compare_digest(g.rejoin_key, key)), None)
        if guest is None or not (guest.present or guest.dropped_from):
            raise InviteRefused("invite.used")
        return guest

    def rejoin(self, token: str, key: str) -> Guest:
        """A guest back after a dropped connection (or before the studio noticed the drop): where
        they were, on their own use of the link (InviteRefused as ``holder``)."""
        guest = self.holder(token, key)
        if guest.state == "left" and guest.dropped_from is not None:
            state, visible, audible = guest.dropped_from
            if state == "on_call" and len(self.on_call()) >= self.limit:
                state, visible, audible = "lobby", False, False  # the host filled the place meanwhile
            guest.state, guest.visible, guest.audible, guest.dropped_from = state, visible, audible, None
        return guest
