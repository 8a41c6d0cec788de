"""Invite links for co-host guests (连麦): a random token of 192 bits, an expiry and a number of
uses, revocable by the host. The studio keeps only each token's SHA-256, and every refusal says
what is wrong with the link and nothing about the show."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass
from typing import Protocol

from ..messages import Coded, StudioError

TOKEN_BYTES = 24  # 192 bits (at least 128 asked)
MIN_EXPIRY_S, MAX_EXPIRY_S = 60, 7 * 24 * 3600
MAX_USES = 100


class InviteRefused(Coded):
    """The link cannot be used; the message is what the guest's page says."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Invite:
    id: str  # what the host's window shows and revokes by (never the token)
    name: str  # the host's label for it ("品牌方")
    expires_at: float
    uses: int
    used: int = 0
    revoked: bool = False

    def refusal(self, now: float, rejoining: bool = False) -> str | None:
        """Why the link does not open now (its message code), or None. A guest ``rejoining`` on their own use of it
        (with their key) may find it used up or past its expiry; withdrawn stops them too."""
        if self.revoked:
            return "invite.withdrawn"
        if rejoining:
            return None
        if now >= self.expires_at:
            return "invite.expired"
        if self.used >= self.uses:
            return "invite.used"
        return None


class SecretStore(Protocol):
    def keep_secret(self, key: str, value: str) -> None: ...
    def secret(self, key: str) -> str | None: ...


STORE_KEY = "guests:invites"


class Invites:
    """The show's invites; with a ``store`` (the event log) they outlive a restart of the studio."""

    def __init__(self, store: SecretStore | None = None) -> None:
        self._store = store
        saved = json.loads((store.secret(STORE_KEY) if store is not None else None) or "{}")
        self._by_digest: dict[str, Invite] = {key: Invite(**fields) for key, fields in saved.items()}

    def _save(self) -> None:
        if self._store is not None:
            self._store.keep_secret(STORE_KEY, json.dumps({k: asdict(v) for k, v in self._by_digest.items()}))

    def create(self, name: str = "", expires_in_s: float = 3600, uses: int = 1) -> tuple[str, Invite]:
        """A new link's token (shown once, for the link) and its invite."""
        if not MIN_EXPIRY_S <= expires_in_s <= MAX_EXPIRY_S:
            raise StudioError("invite.expiry_range", min=MIN_EXPIRY_S, max_days=MAX_EXPIRY_S // 86400)
        if isinstance(uses, bool) or not isinstance(uses, int) or not 1 <= uses <= MAX_USES:
            raise StudioError("invite.uses_range", max=MAX_USES)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        key = digest(token)
        invite = Invite(key[:10], name.strip()[:40], time.time() + expires_in_s, uses)
        self._by_digest[key] = invite
        self._save()
        return token, invite

    def check(self, token: str, rejoining: bool = False) -> Invite:
        """The invite ``token`` opens, or InviteRefused saying why not (see ``Invite.refusal``)."""
        invite = self._by_digest.get(digest(token))
        if invite is None:
            raise InviteRefused("invite.not_valid")
        reason = invite.refusal(time.time(), rejoining)
        if reason:
            raise InviteRefused(reason)
        return invite

    def use(self, token: str) -> Invite:
        invite = self.check(token)
        invite.used += 1
        self._save()
        return invite

    def give_back(self, invite_id: str) -> None:
        """A join that failed (a bad offer, a full studio) does not use the link up."""
        for invite in self._by_digest.values():
            if invite.id == invite_id and invite.used > 0:
                invite.used -= 1
                self._save()
                return

    def revoke(self, invite_id: str) -> None:
        for invite in self._by_digest.values():
            if invite.id == invite_id:
                invite.revoked = True
                self._save()
                return
        raise StudioError("invite.not_found")

    def all(self) -> list[Invite]:
        return list(self._by_digest.values())

    def open(self) -> list[Invite]:
        """The invites whose links still let a guest in."""
        now = time.time()
        return [invite for invite in self._by_digest.values() if invite.refusal(now) is None]
