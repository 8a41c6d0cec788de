"""The provably fair draw: the winners are the lowest HMAC(seed, entrant); the published record
alone lets anyone recompute it, and any tampering (the entrant list, the seed, the winners) is
caught with a reason."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import subprocess
import sys
from collections import Counter

import pytest

from studio.commerce.lottery import (
    VerificationError,
    commitment,
    draw,
    entrants_hash,
    new_seed,
    published_record,
    verify,
)

ENTRANTS = ["viewer:阿花", "viewer:bob", "viewer:小王", "viewer:carol", "viewer:dave", "viewer:bob"]
RULES = {"prize": "口红一支", "winners": 2, "entry": {"kind": "keyword", "keyword": "想要"}, "countdown_s": 60}


def test_the_winners_are_the_entrants_with_the_lowest_hmac():
    seed = bytes(range(32))
    scores = {e: hmac.new(seed, e.encode(), hashlib.sha256).hexdigest() for e in set(ENTRANTS)}
    assert draw(seed, ENTRANTS, 2) == sorted(scores, key=scores.get)[:2]
    assert draw(seed, ENTRANTS, 10) == sorted(scores, key=scores.get)  # fewer entrants than prizes
    assert draw(seed, list(reversed(ENTRANTS)), 2) == draw(seed, ENTRANTS, 2)  # order of entry is irrelevant
    with pytest.raises(ValueError):
        draw(seed, ENTRANTS, 0)


def test_a_genuine_record_verifies_from_its_published_data_alone():
    seed = new_seed()
    record = json.loads(json.dumps(published_record(RULES, seed, ENTRANTS), ensure_ascii=False))
    assert record["commitment"] == hashlib.sha256(seed).hexdigest()
    assert record["entrants"] == sorted(set(ENTRANTS)) and len(record["entrants"]) == 5
    assert verify(record) == record["winners"] and len(record["winners"]) == 2
    assert verify(published_record(RULES, seed, [])) == []  # nobody entered: nobody wins


@pytest.mark.parametrize(("tamper", "reason"), [
    (lambda r: r.update(entrants=sorted(r["entrants"] + ["viewer:zed"])), "does not match the hash published at close"),
    (lambda r: r["entrants"].remove(r["winners"][0]), "does not match the hash published at close"),
    (lambda r: r["entrants"].reverse(), "not the frozen one"),
    (lambda r: r.update(seed=new_seed().hex()), "does not match the commitment"),
    (lambda r: r["winners"].reverse(), "lowest HMAC"),
    (lambda r: r.update(winners=[e for e in r["entrants"] if e not in r["winners"]][:2]), "lowest HMAC"),
    (lambda r: r.pop("seed"), "incomplete or malformed"),
])
def test_the_verifier_catches_every_kind_of_tampering(tamper, reason):
    record = published_record(RULES, new_seed(), ENTRANTS)
    tampered = copy.deepcopy(record)
    tamper(tampered)
    with pytest.raises(VerificationError, match=reason):
        verify(tampered)


def test_a_list_swapped_for_one_that_favours_someone_is_caught_even_with_a_matching_hash():
    """Re-hashing a doctored list does not help: the hash was published at close, before the seed."""
    seed = new_seed()
    record = published_record(RULES, seed, ENTRANTS)
    doctored = sorted(set(ENTRANTS) | {f"viewer:sock{i}" for i in range(50)})
    record["entrants"], record["entrants_hash"] = doctored, entrants_hash(doctored)
    record["winners"] = draw(seed, doctored, 2)
    published_at_close = entrants_hash(ENTRANTS)
    assert record["entrants_hash"] != published_at_close  # what viewers saw at close no longer matches
    assert commitment(seed) == record["commitment"]


def test_every_entrant_has_the_same_chance():
    entrants = ["viewer:a", "viewer:b", "viewer:c"]
    wins = Counter(draw(new_seed(), entrants, 1)[0] for _ in range(3000))
    assert all(900 < wins[e] < 1100 for e in entrants), wins  # 1000 each, ±3.2σ


def test_the_verify_command_says_verified_or_what_failed(tmp_path):
    record = published_record(RULES, new_seed(), ENTRANTS)
    good = tmp_path / "draw.json"
    good.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "studio.cli", "verify-lottery", str(good)],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.startswith("verified: winners ")
    assert all(w in done.stdout for w in record["winners"])
    record["entrants"] = record["entrants"][1:]
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "studio.cli", "verify-lottery", str(bad)],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "NOT VERIFIED" in done.stderr and "hash published at close" in done.stderr
    done = subprocess.run([sys.executable, "-m", "studio.cli", "verify-lottery", str(tmp_path / "missing.json")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "cannot read the record" in done.stderr
