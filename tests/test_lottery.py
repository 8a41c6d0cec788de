"""The provably fair draw: the winners are the lowest HMAC(seed, entrant); the published record
alone lets anyone recompute it, and any tampering (the entrant list, the seed, the winners) is
caught with a reason."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import hmac
import json
import subprocess
import sys
import time
from collections import Counter

import pytest

from studio.commerce.lottery import (
    VerificationError,
    draw,
    entrants_hash,
    new_seed,
    published_record,
    verify,
)
from studio.commerce.lottery_round import LotteryRound
from studio.config import StudioConfig
from studio.show import Studio

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


def test_a_list_swapped_for_one_that_favours_someone_is_caught_against_the_hash_seen_at_close():
    """Re-hashing a doctored list does not help: viewers check against the hash published at close."""
    seed = new_seed()
    record = published_record(RULES, seed, ENTRANTS)
    doctored = sorted(set(ENTRANTS) | {f"viewer:sock{i}" for i in range(50)})
    record["entrants"], record["winners"] = doctored, draw(seed, doctored, 2)
    record["entrants_hash"] = entrants_hash(ENTRANTS)  # what viewers saw at close
    with pytest.raises(VerificationError, match="hash published at close"):
        verify(record)


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


def lottery(studio) -> LotteryRound:
    return next(r.interaction for r in studio.interactions.running if r.name == "lottery")


def types(studio) -> list[str]:
    return [e.type for e in studio.eventlog.replay() if e.type.startswith("lottery.")]


async def test_a_click_lottery_runs_on_the_event_log_and_its_record_verifies(start_show):
    studio = await start_show(audio_source="none")
    with pytest.raises(ValueError, match="only the host"):
        studio.submit("lottery.start", {"prize": "口红", "winners": 1}, actor="viewer:1")
    with pytest.raises(ValueError, match="winners"):
        studio.submit("lottery.start", {"prize": "口红", "winners": 0})
    studio.submit("lottery.start", {"prize": "口红一支", "winners": 2, "entry": "click", "countdown_s": 60})
    with pytest.raises(ValueError, match="running"):
        studio.submit("lottery.start", {"prize": "又一个"})
    for viewer in ("viewer:a", "viewer:b", "viewer:c", "viewer:d"):
        studio.submit("lottery.enter", {}, actor=viewer)
    with pytest.raises(ValueError, match="entered already"):
        studio.submit("lottery.enter", {}, actor="viewer:a")
    studio.submit("lottery.close", {})
    assert types(studio) == ["lottery.start", "lottery.opened"] + ["lottery.enter"] * 4 + [
        "lottery.close", "lottery.closed", "lottery.drawn"]
    drawn = next(e for e in studio.eventlog.replay() if e.type == "lottery.drawn")
    record = drawn.data["record"]
    assert verify(json.loads(json.dumps(record))) == drawn.data["winners"]
    assert record["entrants"] == ["viewer:a", "viewer:b", "viewer:c", "viewer:d"] and len(record["winners"]) == 2
    # The seed appears nowhere before the draw: not in any earlier event, not in what pages got.
    earlier = [json.dumps(e.to_json()) for e in studio.eventlog.replay() if e.id < drawn.id]
    assert not any(record["seed"] in text for text in earlier)
    with pytest.raises(ValueError, match="no lottery is open"):
        studio.submit("lottery.enter", {}, actor="viewer:e")


async def test_a_keyword_lottery_takes_each_commenter_once(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("lottery.start", {"prize": "面膜", "winners": 1, "entry": "keyword", "keyword": "想要"})
    with pytest.raises(ValueError, match="commenting '想要'"):
        studio.submit("lottery.enter", {}, actor="viewer:a")
    studio.submit("comment", {"nickname": "阿花", "text": "想要想要!"}, actor="viewer:a")
    studio.submit("comment", {"nickname": "阿花", "text": "想要"}, actor="viewer:a")  # once is enough
    studio.submit("comment", {"nickname": "小王", "text": "多少钱?"}, actor="viewer:b")  # no keyword
    studio.submit("comment", {"nickname": "Li", "text": "我想要"}, actor="source:douyin")
    assert lottery(studio).entrants == {"viewer:a", "source:douyin/Li"}
    studio.submit("lottery.close", {})
    (record,) = lottery(studio).records.values()
    assert verify(record) and record["entrants"] == ["source:douyin/Li", "viewer:a"]


async def test_a_restart_keeps_the_entries_and_the_committed_seed(tmp_path):
    log = str(tmp_path / "show.sqlite")
    first = Studio(StudioConfig(port=0, event_log=log, audio_source="none"))
    await first.start()
    first.submit("lottery.start", {"prize": "耳机", "winners": 1, "countdown_s": 10})
    for viewer in ("viewer:a", "viewer:b", "viewer:c"):
        first.submit("lottery.enter", {}, actor=viewer)
    opened = lottery(first).open
    await first.close()  # the host's machine goes down mid-lottery

    second = Studio(StudioConfig(port=0, event_log=log, audio_source="none"))
    await second.start()
    try:
        assert second.replayed_events >= 5
        assert lottery(second).open == opened and lottery(second).entrants == {"viewer:a", "viewer:b", "viewer:c"}
        second.submit("lottery.enter", {}, actor="viewer:d")  # entries go on
        deadline = time.time() + 15
        while not lottery(second).records and time.time() < deadline:
            await asyncio.sleep(0.2)  # it closes on the countdown set before the restart
        (record,) = lottery(second).records.values()
        assert record["commitment"] == opened["commitment"] and verify(record)
        assert record["entrants"] == ["viewer:a", "viewer:b", "viewer:c", "viewer:d"]
        assert time.time() >= opened["closes_at"]
    finally:
        await second.close()
