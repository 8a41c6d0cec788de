"""The uplink scenarios of issue #5, for the studio's adaptive controller and for aiortc's stock
REMB behaviour, in the same run: a rate cap stepping 2 → 0.5 → 2 Mbit/s (tc tbf in a network
namespace), and 5% loss with 40 ms delay (a userspace UDP proxy). Needs root (ip netns).

Per step: settle time (first second from which the rate through the cap stays in 60–95% of the
cap for 3 s), utilisation (rate / cap from 5 s on), the longest freeze seen by the receiver, the
median and worst capture-to-arrival delay, and keyframes per minute.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from typing import Any

import _common as c

from studio.config import StudioConfig
from studio.show import Studio
from tests.netsim import Arrivals, Publisher, Uplink, WhipRelay, measure_rate

MAX_BPS = 3_000_000


async def connect(receiver: Studio, uplink: Uplink, url: str, controller: str) -> tuple[Publisher, Arrivals]:
    arrivals = Arrivals()
    publisher = Publisher(uplink, url, receiver.ingest_token, controller, MAX_BPS)
    deadline = time.time() + 30
    while not any(s.connected for s in receiver.ingest.sessions.values()):
        if time.time() > deadline:
            raise RuntimeError(f"{controller}: no connection in 30 s")
        await asyncio.sleep(0.1)
    next(iter(receiver.ingest.sessions.values())).listeners.append(arrivals.listen)
    await asyncio.sleep(2.0)  # the first pictures
    return publisher, arrivals


async def run_step(uplink: Uplink, publisher: Publisher, arrivals: Arrivals, cap_kbit: int, seconds: int,
                   ) -> dict[str, Any]:
    uplink.cap(cap_kbit)
    start, keyframes0 = time.time(), publisher.latest().get("keyframes") or 0
    rates = [await measure_rate(uplink, 1.0) for _ in range(seconds)]
    end = time.time()
    cap = cap_kbit * 1000
    inside = [0.6 * cap <= r <= 0.95 * cap for r in rates]
    settle = next((i + 1 for i in range(len(rates) - 2) if all(inside[i:i + 3])), math.nan)
    delays = [d for t, d in zip(arrivals.times, arrivals.delays, strict=True) if start <= t <= end and d == d]
    keyframes = (publisher.latest().get("keyframes") or 0) - keyframes0
    return {"cap_kbit": cap_kbit, "settle_s": settle, "utilisation": sum(rates[5:]) / len(rates[5:]) / cap,
            "freeze_s": arrivals.longest_gap(start, end), "delay_median_s": arrivals.delay(end - 5, end),
            "delay_max_s": max(delays) if delays else math.nan, "keyframes_per_min": keyframes / seconds * 60,
            "rates": [round(r / cap, 2) for r in rates]}


async def scenario(controller: str, index: int, step_seconds: int, loss_seconds: int) -> list[dict[str, Any]]:
    rows = []
    with Uplink(index) as uplink:
        uplink.cap(2000)
        receiver = Studio(StudioConfig(port=0, host=uplink.host_ip, audio_source="none"))
        await receiver.start()
        try:
            publisher, arrivals = await connect(receiver, uplink, f"{receiver.ingest_url}show", controller)
            for cap in (2000, 500, 2000):
                rows.append({"scenario": f"cap → {cap} kbit/s", **await run_step(uplink, publisher, arrivals,
                                                                                   cap, step_seconds)})
            await publisher.stop()
            await receiver.ingest.end_all()
            relay = WhipRelay(receiver.ingest_url, uplink.host_ip, loss=0.05, delay_s=0.04, jitter_s=0.01)
            await relay.start()
            publisher, arrivals = await connect(receiver, uplink, relay.url, controller)
            rows.append({"scenario": "2 Mbit/s, 5% loss, 40 ms", **await run_step(uplink, publisher, arrivals,
                                                                                  2000, loss_seconds)})
            await publisher.stop()
            await relay.stop()
        finally:
            await receiver.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step-seconds", type=int, default=15)
    parser.add_argument("--loss-seconds", type=int, default=20)
    args = parser.parse_args()
    results = {name: asyncio.run(scenario(name, i + 5, args.step_seconds, args.loss_seconds))
               for i, name in enumerate(("adaptive", "stock"))}
    header = ["scenario", "controller", "settle s", "utilisation", "freeze s", "delay median s", "delay max s",
              "keyframes/min"]
    rows = []
    for index in range(len(results["adaptive"])):
        for name in ("adaptive", "stock"):
            r = results[name][index]
            rows.append([r["scenario"], name, r["settle_s"], r["utilisation"], r["freeze_s"], r["delay_median_s"],
                         r["delay_max_s"], r["keyframes_per_min"]])
    c.table(f"Uplink scenarios ({c.machine()['nproc']} cores; steps of {args.step_seconds} s)", header, rows)
    c.save("network_bench", {"results": results, "step_seconds": args.step_seconds})


if __name__ == "__main__":
    main()
