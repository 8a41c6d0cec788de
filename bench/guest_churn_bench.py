"""Guests joining and leaving all show long: rounds of three co-host guests who join by link, are
admitted and shown on air, then hang up; the studio's live memory (RSS after freed memory is handed
back), threads and open files after every round.

The baseline, in the same process and before the rounds, is the same show for as many idle
periods of the same length with no guest: whatever grows there is the show's own drift, not the
guests'. Growth is the least-squares slope after the warm-up rounds (the allocator's pools and the
return-feed encoders' buffers fill first). The guests are aiortc peers in this process, closed
every round.

    .venv/bin/python bench/guest_churn_bench.py [--rounds 60] [--warm-up 25]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import _common as c
import psutil
from aiortc import VideoStreamTrack
from guests_bench import join

GROWTH_LIMIT_MB_PER_GUEST = 1.0  # 100 guests in a show would keep 100 MB


async def one_round(studio: Any) -> None:
    import aiohttp

    link, _ = studio.call.create_invite(uses=3)
    peers = []
    for i in range(3):
        pc, _ = await join(link, f"嘉宾{i + 1}", VideoStreamTrack(), 440.0)
        peers.append(pc)
    for _ in range(100):
        if len(studio.call.guests.waiting()) >= 3:
            break
        await asyncio.sleep(0.02)
    for guest in studio.call.guests.waiting():
        studio.call.admit(guest.id)
        studio.call.set_on_air(guest.id, visible=True)
    await asyncio.sleep(0.3)
    async with aiohttp.ClientSession() as http:
        for session in [g.session for g in studio.call.guests.on_call()]:
            async with http.delete(f"{studio.viewer_url}guest/session/{session}"):
                pass
    for pc in peers:
        await pc.close()


def sample(index: int, seconds: float) -> dict[str, Any]:
    process = psutil.Process()
    return {"round": index, "seconds": round(seconds, 2), "live_mb": round(c.live_memory_mb(), 2),
            "threads": process.num_threads(), "open_files": process.num_fds()}


def growth(samples: list[dict[str, Any]], warm_up: int) -> dict[str, Any]:
    settled = samples[warm_up:]
    if len(settled) < 5:
        return {"measured": False}
    return {"measured": True, "live_mb_per_round": round(c.slope([s["live_mb"] for s in settled]), 3),
            "live_mb_start_end": [settled[0]["live_mb"], settled[-1]["live_mb"]],
            "threads_start_end": [settled[0]["threads"], settled[-1]["threads"]],
            "open_files_start_end": [settled[0]["open_files"], settled[-1]["open_files"]]}


async def run(rounds: int, warm_up: int) -> dict[str, Any]:
    import tempfile
    from pathlib import Path

    from studio.config import StudioConfig
    from studio.show import Studio

    folder = Path(tempfile.mkdtemp(prefix="guest-churn-"))
    studio = Studio(StudioConfig(port=0, video_source="testcard", audio_source="none", guest_limit=3,
                                 event_log=str(folder / "show.sqlite")))
    await studio.start()
    await studio.go_live()
    try:
        started = time.monotonic()
        await one_round(studio)  # how long a round takes sets the idle periods' length
        period = time.monotonic() - started
        baseline = []
        for index in range(rounds):
            await asyncio.sleep(period)
            baseline.append(sample(index, period))
        churn = []
        for index in range(rounds):
            started = time.monotonic()
            await one_round(studio)
            churn.append(sample(index, time.monotonic() - started))
            if index % 10 == 9:
                print(f"round {index + 1}: {churn[-1]}", flush=True)
        stats = studio.stats()
        leftover = {"ingest_sessions": len(studio.ingest.sessions), "on_call": len(studio.call.guests.on_call()),
                    "program_fps": stats["program_fps"]}
    finally:
        await studio.close()
    return {"period_s": round(period, 2), "baseline": growth(baseline, warm_up), "churn": growth(churn, warm_up),
            "baseline_samples": baseline, "churn_samples": churn, "leftover": leftover}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--warm-up", type=int, default=25)
    args = parser.parse_args()
    result = asyncio.run(run(args.rounds, args.warm_up))
    base, churn = result["baseline"], result["churn"]
    rows = [[name, g.get("live_mb_per_round", "n/a"), g.get("live_mb_start_end", "n/a"),
             g.get("threads_start_end", "n/a"), g.get("open_files_start_end", "n/a")]
            for name, g in (("idle show (baseline)", base), ("3 guests a round", churn))]
    c.table(f"after {args.warm_up} warm-up rounds of {result['period_s']} s",
            ["", "live MB per round", "live MB start→end", "threads", "open files"], rows)
    print(f"left over: {result['leftover']}")
    if churn["measured"] and base["measured"]:
        per_guest = (churn["live_mb_per_round"] - base["live_mb_per_round"]) / 3
        result["live_mb_per_guest_over_baseline"] = round(per_guest, 3)
        print(f"live memory per guest over the idle show: {per_guest:.3f} MB")
        print(f"{c.verdict(per_guest < GROWTH_LIMIT_MB_PER_GUEST)}: live memory per guest after the warm-up "
              f"< {GROWTH_LIMIT_MB_PER_GUEST:.1f} MB over the idle show")
        print(f"{c.verdict(churn['threads_start_end'][1] <= churn['threads_start_end'][0] + 2)}: threads do not grow")
        print(f"{c.verdict(churn['open_files_start_end'][1] <= churn['open_files_start_end'][0] + 4)}: "
              "open files do not grow")
    else:
        print(f"n/a: too few rounds to judge growth (needs more than {args.warm_up + 5})")
    c.save("guest_churn_bench", {"args": vars(args), **result})


if __name__ == "__main__":
    main()
