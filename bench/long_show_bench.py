"""A long show (issue #14): a headless show for --minutes with two co-host guests on air, beauty and
HD on a host with a face, the commerce overlays (product card with a sale, danmaku, poll, lottery),
three WHEP viewers decoding and a comment load, sampled every minute: the studio's memory (plain
RSS and live memory, after handing freed memory back), threads, open files, the event loop's worst
lag, the program's frame rate, frames dropped by cause, the filters' state, and what the viewers got.

The studio runs in this process; guests, viewers and comment pages in a child process, so their
own work is not counted as the studio's (they share the machine's cores, as on a host's PC). The
baseline is the show itself after its warm-up (minute 3): what grows is measured against it.

    .venv/bin/python bench/long_show_bench.py [--minutes 30] [--comments-per-s 20]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c
import cv2
import psutil
from guests_bench import TONES, LoopedVideo, encoded_loop, join

WARM_UP_MINUTES = 3  # encoders, jitter buffers and the allocator's pools fill first
GROWTH_LIMIT_MB_PER_MIN = 1.0  # live memory after the warm-up (1 MB a minute would be 480 MB in an 8-hour show)
PAGES = 30


# -- the child process: guests, viewers, comment pages ---------------------------------------------
async def drain(track: Any) -> None:
    """Read and drop what a track brings: aiortc queues every decoded frame until it is read (the
    guests' unread return feeds grew this process to 24 GB in 18 minutes)."""
    from aiortc.mediastreams import MediaStreamError

    with contextlib.suppress(MediaStreamError):
        while True:
            await track.recv()


async def viewer(url: str, tallies: dict[str, Any], index: int, stop: asyncio.Event) -> None:
    from studio.whep_client import WhepPlayer

    player = WhepPlayer(f"{url}whep")
    await player.connect()
    sound = asyncio.ensure_future(drain(player.tracks["audio"])) if "audio" in player.tracks else None
    last = time.monotonic()
    try:
        while not stop.is_set():
            await player.tracks["video"].recv()
            now = time.monotonic()
            tallies["frames"][index] += 1
            tallies["longest_gap_s"] = max(tallies["longest_gap_s"], now - last)
            last = now
    finally:
        if sound is not None:
            sound.cancel()
        await player.close()


async def commenter(url: str, tallies: dict[str, Any], rate: float, stop: asyncio.Event) -> None:
    from tests.events_client import EventsPage

    pages = [EventsPage(url) for _ in range(PAGES)]
    for page in pages:
        await page.__aenter__()
    try:
        sent = 0
        started = time.monotonic()
        while not stop.is_set():
            page = pages[sent % PAGES]
            reply = await page.send("comment", {"nickname": f"观众{sent % PAGES}", "text": f"第{sent}条 这个好看吗"})
            tallies["comments_sent"] += 1
            tallies["comments_refused"] += reply["type"] != "ack"
            for other in pages:  # keep memory of what pages received bounded: they are counted, not kept
                other.events.clear()
                other.arrival_wall.clear()
            sent += 1
            await asyncio.sleep(max(0.0, started + sent / rate - time.monotonic()))
    finally:
        for page in pages:
            await page.__aexit__(None, None, None)


async def remote(args: argparse.Namespace) -> None:
    packets = encoded_loop()
    peers = [await join(args.link, f"嘉宾{i + 1}", LoopedVideo(packets), TONES[i]) for i in range(2)]
    print(json.dumps({"joined": len(peers)}), flush=True)
    stop = asyncio.Event()
    tallies: dict[str, Any] = {"frames": [0, 0, 0], "longest_gap_s": 0.0, "comments_sent": 0, "comments_refused": 0}
    jobs = [asyncio.ensure_future(viewer(args.url, tallies, i, stop)) for i in range(3)]
    jobs.append(asyncio.ensure_future(commenter(args.url, tallies, args.comments_per_s, stop)))
    jobs += [asyncio.ensure_future(drain(track)) for _, tracks in peers for track in tracks.values()]  # return feeds
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line or line.strip() == "stop":
            break
        print(json.dumps(tallies), flush=True)  # the studio asks once a minute
        tallies.update(frames=[0, 0, 0], longest_gap_s=0.0, comments_sent=0, comments_refused=0)
    stop.set()
    for job in jobs:
        job.cancel()
    await asyncio.gather(*jobs, return_exceptions=True)
    for pc, _ in peers:
        await pc.close()


# -- the studio's side ----------------------------------------------------------------------------
async def run(minutes: int, comments_per_s: float) -> dict[str, Any]:
    from studio.config import StudioConfig
    from studio.show import Studio
    from tests.photos import host_frame

    folder = Path(tempfile.mkdtemp(prefix="long-show-"))
    picture = folder / "host.png"
    cv2.imwrite(str(picture), cv2.cvtColor(host_frame(), cv2.COLOR_RGB2BGR))
    config = StudioConfig(
        port=0, video_source="image", video_options={"path": str(picture)}, audio_source="tone", guest_limit=3,
        event_log=str(folder / "show.sqlite"),
        filters=[{"name": "hd_enhance"}, {"name": "beauty"}],
        overlays=[{"name": "product_card"}, {"name": "comments_overlay", "mode": "danmaku"}, {"name": "poll_overlay"},
                  {"name": "lottery_overlay"}])
    studio = Studio(config)
    await studio.start()
    await studio.go_live()
    studio.submit("product.catalog", {"products": [
        {"name": "玻尿酸保湿精华液", "price": 129, "list_price": 199, "stock": 100000, "sku": "S-1",
         "link": "https://shop.example/s1", "selling_points": ["深层补水", "温和不刺激"]}]})
    studio.submit("product.pin", {"product": "S-1"})
    studio.submit("sale.start", {"product": "S-1", "price": 9.9, "stock": 100000, "limit": 1, "countdown_s": 300})
    studio.submit("poll.start", {"question": "下一个讲哪款?", "options": ["面膜", "口红", "精华", "防晒"]})
    studio.submit("lottery.start", {"prize": "口红一支", "winners": 3, "entry": "keyword", "keyword": "好看",
                                    "countdown_s": 3600})
    link, _ = studio.call.create_invite(uses=2)
    child = subprocess.Popen([sys.executable, __file__, "--role", "remote", "--link", link, "--url",
                              studio.viewer_url, "--comments-per-s", str(comments_per_s)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    loop = asyncio.get_running_loop()
    samples: list[dict[str, Any]] = []
    try:
        await loop.run_in_executor(None, child.stdout.readline)  # the guests have joined
        for _ in range(200):
            if len(studio.call.guests.waiting()) >= 2:
                break
            await asyncio.sleep(0.05)
        for guest in studio.call.guests.waiting():
            studio.call.admit(guest.id)
            studio.call.set_on_air(guest.id, visible=True, audible=True)
        studio.call.set_layout("grid")
        process = psutil.Process()
        before = studio.stats()
        for minute in range(1, minutes + 1):
            studio.loop_watch.reset()
            frames_at = studio.pipeline.program_frames
            await asyncio.sleep(60)
            child.stdin.write("report\n")
            child.stdin.flush()
            seen = json.loads(await loop.run_in_executor(None, child.stdout.readline))
            stats = studio.stats()
            sample = {
                "minute": minute,
                "rss_mb": round(process.memory_info().rss / 2**20, 1),
                "live_mb": round(c.live_memory_mb(), 1),
                "threads": process.num_threads(), "open_files": process.num_fds(),
                "loop_max_lag_ms": stats["loop_max_lag_ms"],
                "program_fps": round((studio.pipeline.program_frames - frames_at) / 60, 2),
                "dropped_source": stats["dropped_source"] - before["dropped_source"],
                "dropped_encoder": stats.get("dropped_encoder", 0) - before.get("dropped_encoder", 0),
                "dropped_viewers": stats["dropped_viewers"] - before["dropped_viewers"],
                "filter_ms": stats["filter_ms"], "filter_errors": stats["filter_errors"],
                "filter_states": stats.get("filter_states", {}),
                "viewer_fps": [round(n / 60, 1) for n in seen["frames"]],
                "viewer_longest_gap_s": round(seen["longest_gap_s"], 2),
                "comments_sent": seen["comments_sent"], "comments_refused": seen["comments_refused"],
                "event_log_mb": round(os.path.getsize(config.event_log) / 2**20, 1),
            }
            before = stats
            samples.append(sample)
            print(json.dumps(sample, ensure_ascii=False), flush=True)
    finally:
        if child.poll() is None:
            child.stdin.write("stop\n")
            child.stdin.flush()
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()
        await studio.close()
    return {"samples": samples, "verdict": verdict(samples)}


def verdict(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Growth after the warm-up, against the show at the end of it."""
    settled = [s for s in samples if s["minute"] > WARM_UP_MINUTES]
    if len(settled) < 3:
        return {"measured": False}
    base = settled[0]
    growth = c.slope([s["live_mb"] for s in settled])
    return {
        "measured": True,
        "live_mb_per_min": round(growth, 2),
        "live_mb_start_end": [base["live_mb"], settled[-1]["live_mb"]],
        "threads_start_end": [base["threads"], settled[-1]["threads"]],
        "open_files_start_end": [base["open_files"], settled[-1]["open_files"]],
        "worst_minute_fps": min(s["program_fps"] for s in settled),
        "worst_viewer_fps": min(min(s["viewer_fps"]) for s in settled),
        "worst_loop_lag_ms": max(s["loop_max_lag_ms"] for s in settled),
        "longest_viewer_gap_s": max(s["viewer_longest_gap_s"] for s in settled),
        "memory_pass": growth < GROWTH_LIMIT_MB_PER_MIN,
        "threads_pass": settled[-1]["threads"] <= base["threads"] + 2,
        "files_pass": settled[-1]["open_files"] <= base["open_files"] + 4,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", default="studio")
    parser.add_argument("--minutes", type=int, default=30)
    parser.add_argument("--comments-per-s", type=float, default=20.0)
    parser.add_argument("--link", default="")
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    if args.role == "remote":
        asyncio.run(remote(args))
        return
    result = asyncio.run(run(args.minutes, args.comments_per_s))
    v = result["verdict"]
    print("\n" + json.dumps(v, ensure_ascii=False))
    if v["measured"]:
        for claim, ok in ((f"live memory grows < {GROWTH_LIMIT_MB_PER_MIN:.1f} MB/min after the warm-up",
                           v["memory_pass"]),
                          ("threads do not grow", v["threads_pass"]), ("open files do not grow", v["files_pass"])):
            print(f"{'PASS' if ok else 'FAIL'}: {claim}")
    else:
        print(f"n/a: too short to judge growth (needs more than {WARM_UP_MINUTES + 2} minutes)")
    c.save("long_show_bench", {"machine": c.machine(), "args": vars(args), **result})


if __name__ == "__main__":
    main()
