"""Time to first frame (aiortc WhepPlayer and headless Chromium), glass-to-glass latency and A/V sync.

Baselines in the same run, for time to first frame:
* a join whose keyframe requests are ignored, so it waits for the shared encoder's periodic keyframe;
* a plain aiortc server that encodes once per peer (its first frame is always a keyframe).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import time
from collections.abc import Iterator
from typing import Any

import _common as c
from viewers_bench import aiortc_app, serve

from studio import whep
from studio.config import StudioConfig
from studio.probe import watch_test_card
from studio.show import Studio
from studio.whep_client import WhepPlayer
from tests.browser import chromium

TTFF_TARGET, G2G_TARGET, AV_BOUND = 1.0, 0.200, 0.120  # seconds; AV_BOUND is tests/test_receiver.py's

FIRST_DECODED_AT = """async () => {
  for (;;) {
    const pc = window.studio && window.studio.pc;
    if (pc) {
      for (const s of (await pc.getStats()).values()) {
        if (s.type === "inbound-rtp" && s.kind === "video" && s.framesDecoded > 0) return Date.now();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}"""


async def aiortc_join(url: str, timeout: float) -> dict[str, float]:
    """Seconds from starting the WHEP connect to the first decoded frame (and to the answered offer)."""
    started = time.perf_counter()
    player = WhepPlayer(url)
    try:
        await player.connect(audio=False)
        connected = time.perf_counter()
        await asyncio.wait_for(player.tracks["video"].recv(), timeout)
        return {"ttff": time.perf_counter() - started, "connect": connected - started}
    finally:
        await player.close()


async def aiortc_ttff(url: str, joins: int, gap: float, timeout: float = 10.0) -> list[dict[str, float]]:
    results = []
    for _ in range(joins):
        await asyncio.sleep(gap)  # the keyframe gate allows one keyframe per 0.5 s; joins are spaced apart
        results.append(await aiortc_join(url, timeout))
    return results


async def no_keyframe_ttff(studio: Studio, joins: int) -> list[dict[str, float]]:
    """Joins that never get a keyframe on request: they wait for the periodic one (gop_size frames).

    Each join starts at a random moment in the keyframe period, as a real viewer would.
    """
    video = studio.video_encoder
    assert video is not None
    request = video.fanout.request_keyframe
    video.fanout.request_keyframe = lambda: None  # type: ignore[method-assign]
    period = video._context.gop_size / video.fps
    rng = random.Random(1)
    results = []
    try:
        for _ in range(joins):
            await asyncio.sleep(rng.uniform(0, period))
            results.append(await aiortc_join(studio.viewer_url + "whep", period + 3))
        return results
    finally:
        video.fanout.request_keyframe = request  # type: ignore[method-assign]


@contextlib.contextmanager
def mdns_candidates_kept() -> Iterator[None]:
    """Baseline: hand aiortc the offer's mDNS (.local) candidates, as the studio did before.

    aiortc's setRemoteDescription then awaits each one's mDNS resolution (aioice, 1 s timeout).
    """
    strip = whep.without_mdns_candidates
    whep.without_mdns_candidates = lambda sdp: sdp  # type: ignore[assignment]
    try:
        yield
    finally:
        whep.without_mdns_candidates = strip  # type: ignore[assignment]


async def chromium_ttff(page_url: str, joins: int, gap: float) -> list[dict[str, float]]:
    results = []
    async with chromium() as browser:
        for _ in range(joins):
            await asyncio.sleep(gap)
            page = await browser.new_page()
            started = time.time()
            await page.goto(page_url)
            loaded = time.time()
            decoded_ms = await asyncio.wait_for(page.evaluate(FIRST_DECODED_AT), 15)
            results.append({"ttff": decoded_ms / 1000 - started, "page_load": loaded - started})
            await page.close()
    return results


async def plain_aiortc_ttff(joins: int, gap: float) -> list[dict[str, float]]:
    app, peers = aiortc_app()
    runner, url = await serve(app)
    try:
        return await aiortc_ttff(url, joins, gap)
    finally:
        for pc in list(peers.values()):
            await pc.close()
        await runner.cleanup()


async def glass_to_glass(url: str, seconds: float) -> dict[str, Any]:
    """Capture time (from the barcode) to decoded at the player; flash vs beep onsets for A/V sync."""
    player = WhepPlayer(url)
    await player.connect(audio=True)
    try:
        received = await watch_test_card(player, seconds)
    finally:
        await player.close()
    offsets = received.av_offsets()
    ms = [d * 1000 for d in received.delays]
    return {"frames": len(ms), "unreadable_stamps": received.unreadable, "missing_frames": received.missing_frames,
            "p50_ms": c.percentile(ms, 50), "p95_ms": c.percentile(ms, 95), "max_ms": max(ms, default=float("nan")),
            "av_offsets_ms": [round(o * 1000, 1) for o in offsets],
            "av_offset_mean_ms": c.mean([o * 1000 for o in offsets]),
            "av_offset_max_abs_ms": max((abs(o) * 1000 for o in offsets), default=float("nan"))}


def summary(joins: list[dict[str, float]]) -> dict[str, Any]:
    ttff = [j["ttff"] for j in joins]
    return {"joins": len(ttff), "mean_s": c.mean(ttff), "p50_s": c.percentile(ttff, 50),
            "max_s": max(ttff, default=float("nan")), "each_s": [round(t, 3) for t in ttff], "raw": joins}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    await studio.go_live()
    await asyncio.sleep(1.0)
    load = c.MachineLoad([c.CpuMeter().process.pid])
    try:
        url = studio.viewer_url + "whep"
        g2g = await glass_to_glass(url, args.seconds)
        ttff = {"aiortc WhepPlayer (studio)": summary(await aiortc_ttff(url, args.joins, args.gap))}
        ttff["Chromium viewer page (studio)"] = summary(await chromium_ttff(studio.viewer_url, args.joins, args.gap))
        if args.baseline_joins:
            with mdns_candidates_kept():
                ttff["baseline: Chromium, offer's .local candidates kept"] = summary(
                    await chromium_ttff(studio.viewer_url, args.baseline_joins, args.gap))
        if args.baseline_joins:
            ttff["baseline: studio, keyframe requests ignored"] = summary(
                await no_keyframe_ttff(studio, args.baseline_joins))
    finally:
        await studio.close()
    ttff["baseline: plain aiortc, encoder per peer"] = summary(await plain_aiortc_ttff(args.joins, args.gap))
    return {"ttff": ttff, "glass_to_glass": g2g, "machine_load": load.result()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="glass-to-glass / A/V sync window (~30 fps)")
    parser.add_argument("--joins", type=int, default=10, help="joins per time-to-first-frame measurement")
    parser.add_argument("--baseline-joins", type=int, default=3,
                        help="joins that wait for the periodic keyframe (about 10 s each; 0 skips)")
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between joins")
    args = parser.parse_args()
    result = asyncio.run(run(args))
    ttff, g2g = result["ttff"], result["glass_to_glass"]
    ours = ttff["aiortc WhepPlayer (studio)"]["mean_s"]
    c.table("Time to first frame (WHEP connect / page.goto → first decoded frame)",
            ["viewer", "joins", "mean s", "p50 s", "max s", "mean / studio aiortc mean"],
            [[k, v["joins"], v["mean_s"], v["p50_s"], v["max_s"], v["mean_s"] / ours] for k, v in ttff.items()])
    c.table(f"Glass-to-glass, aiortc player, {g2g['frames']} frames", ["measure", "value"], [
        ["p50 ms", g2g["p50_ms"]], ["p95 ms", g2g["p95_ms"]], ["max ms", g2g["max_ms"]],
        ["missing frames (by frame number)", g2g["missing_frames"]], ["unreadable stamps", g2g["unreadable_stamps"]],
        ["A/V offset mean ms (+ = audio late)", g2g["av_offset_mean_ms"]],
        ["A/V offset max |ms|", g2g["av_offset_max_abs_ms"]], ["A/V offsets ms", g2g["av_offsets_ms"]]])
    chromium_mean = ttff["Chromium viewer page (studio)"]["mean_s"]
    target = {"TTFF aiortc player mean < 1 s": c.verdict(ours < TTFF_TARGET),
              "TTFF Chromium mean < 1 s": c.verdict(chromium_mean < TTFF_TARGET),
              "glass-to-glass p95 < 200 ms": c.verdict(g2g["p95_ms"] < G2G_TARGET * 1000),
              "A/V offset max |.| < 120 ms (tests' bound)": c.verdict(g2g["av_offset_max_abs_ms"] < AV_BOUND * 1000)}
    c.table("Targets", ["target", "result"], [[k, v] for k, v in target.items()])
    c.save("latency_bench", {"args": vars(args), **result, "targets": target})


if __name__ == "__main__":
    main()
