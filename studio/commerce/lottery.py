"""Provably fair lottery draws (福袋): commit, freeze, draw, reveal — and anyone can check.

1. At the start the host publishes the rules and SHA-256 of a secret seed (the commitment): the
   seed cannot change once entries come in, and until the draw it stays on the host's machine,
   so no viewer can compute the outcome in advance.
2. At close the sorted list of entrants is frozen and its SHA-256 published: it cannot change.
3. The winners are the entrants with the lowest HMAC-SHA256(seed, entrant).
4. The seed is revealed after the draw. Anyone can then recompute everything from the published
   record alone (``verify``, ``studio verify-lottery``); choosing a winner would need a seed that
   matches a commitment made before the entrants were known.

What it cannot prove is that each entrant is a different person: whoever holds the seed could
enter made-up viewers until one of them wins. The show makes that harder and visible: entrants
are viewers only (never the host or a plugin), one per signed viewer id, and the frozen list is
published for anyone to inspect.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from typing import Any

from ..messages import StudioError


class VerificationError(ValueError):
    """The published record does not add up; the message says which check failed."""


def new_seed() -> bytes:
    return secrets.token_bytes(32)


def commitment(seed: bytes) -> str:
    return hashlib.sha256(seed).hexdigest()


def frozen_entrants(entrants: Iterable[str]) -> list[str]:
    """The entrant list as published: each entrant once, sorted (by code point)."""
    return sorted(set(entrants))


def entrants_hash(entrants: Iterable[str]) -> str:
    """SHA-256 of the frozen list, one entrant per line, UTF-8."""
    return hashlib.sha256("\n".join(frozen_entrants(entrants)).encode()).hexdigest()


def ranking(seed: bytes, entrants: Iterable[str]) -> list[tuple[str, str]]:
    """(HMAC-SHA256(seed, entrant) in hex, entrant), lowest first."""
    return sorted((hmac.new(seed, entrant.encode(), hashlib.sha256).hexdigest(), entrant)
                  for entrant in frozen_entrants(entrants))


def draw(seed: bytes, entrants: Iterable[str], winners: int) -> list[str]:
    if winners < 1:
        raise StudioError("lottery.no_winners")
    return [entrant for _, entrant in ranking(seed, entrants)[:winners]]


def published_record(rules: dict[str, Any], seed: bytes, entrants: Iterable[str]) -> dict[str, Any]:
    """Everything a viewer needs to check the draw: the rules, the commitment, the frozen list
    and its hash, the revealed seed and the winners."""
    frozen = frozen_entrants(entrants)
    return {"rules": rules, "commitment": commitment(seed), "entrants": frozen,
            "entrants_hash": entrants_hash(frozen), "seed": seed.hex(),
            "winners": draw(seed, frozen, int(rules["winners"])) if frozen else []}


def verify(record: dict[str, Any]) -> list[str]:
    """Recompute the draw from ``record`` alone; the winners if it holds, else VerificationError."""
    try:
        seed = bytes.fromhex(str(record["seed"]))
        entrants, count = list(record["entrants"]), int(record["rules"]["winners"])
        published_commitment, published_hash = str(record["commitment"]), str(record["entrants_hash"])
        winners = list(record["winners"])
    except (KeyError, TypeError, ValueError) as exc:
        raise VerificationError(f"the record is incomplete or malformed ({type(exc).__name__}: {exc})") from exc
    if commitment(seed) != published_commitment:
        raise VerificationError("the revealed seed does not match the commitment published at the start")
    if entrants != frozen_entrants(entrants):
        raise VerificationError("the entrant list is not the frozen one: it must be sorted, each entrant once")
    if entrants_hash(entrants) != published_hash:
        raise VerificationError("the entrant list does not match the hash published at close")
    expected = draw(seed, entrants, count) if entrants else []
    if winners != expected:
        raise VerificationError(f"the winners are not the entrants with the lowest HMAC(seed, entrant): "
                                f"expected {expected}")
    return winners
