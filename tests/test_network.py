"""The adaptive WHIP output on a real capped uplink (network namespace, tc tbf) and through a
lossy path (userspace UDP proxy): it hears the network and backs off. The full scenario table,
against aiortc's stock behaviour, is bench/network_bench.py's."""

from __future__ import annotations

import asyncio
import time

from studio.config import StudioConfig
from studio.show import Studio
from tests.netsim import Arrivals, Publisher, Uplink, WhipRelay, measure_rate
from tests.test_whip import wait_until


async def publish(receiver: Studio, uplink: Uplink, url: str) -> tuple[Publisher, Arrivals]:
    publisher = Publisher(uplink, url, receiver.ingest_token, "adaptive", 3_000_000)
    await wait_until(lambda: any(s.connected for s in receiver.ingest.sessions.values()), "the publisher", 30)
    arrivals = Arrivals()
    next(iter(receiver.ingest.sessions.values())).listeners.append(arrivals.listen)
    return publisher, arrivals


async def test_a_capped_uplink_makes_the_sender_back_off_below_the_cap():
    with Uplink(21) as uplink:
        uplink.cap(2000)
        receiver = Studio(StudioConfig(port=0, host=uplink.host_ip, audio_source="none"))
        await receiver.start()
        try:
            publisher, arrivals = await publish(receiver, uplink, f"{receiver.ingest_url}show")
            await asyncio.sleep(4)
            assert publisher.latest()["feedback"] == "transport-cc"  # the ingest reports every arrival
            assert await measure_rate(uplink, 1.0) > 1_000_000  # it uses the 2 Mbit/s link
            uplink.cap(500)
            capped_at = time.monotonic()
            await wait_until(lambda: (publisher.latest().get("target_bps") or 1e9) < 500_000,
                             "the target to fall under the 500 kbit/s cap", 5)
            assert time.monotonic() - capped_at < 5
            status = publisher.latest()
            assert status["state"] == "live" and status["size"] != "1280x720"  # a lower rung of the ladder
            await asyncio.sleep(5 - (time.monotonic() - capped_at))
            # Settled: through the cap, but not queueing behind it (audio and headers included).
            assert 0.5 < await measure_rate(uplink, 3.0) / 500_000 < 0.97
            assert any(t > time.time() - 1.5 for t in arrivals.times)  # pictures still arrive
            await publisher.stop()
        finally:
            await receiver.close()


async def test_loss_on_the_path_is_reported_back_to_the_sender():
    with Uplink(22) as uplink:
        receiver = Studio(StudioConfig(port=0, host=uplink.host_ip, audio_source="none"))
        await receiver.start()
        relay = WhipRelay(receiver.ingest_url, uplink.host_ip, loss=0.08, delay_s=0.05)
        await relay.start()
        try:
            publisher, arrivals = await publish(receiver, uplink, relay.url)
            await asyncio.sleep(8)
            dropped, relayed = sum(p.dropped for p in relay.proxies), sum(p.relayed for p in relay.proxies)
            assert 0.05 < dropped / (dropped + relayed) < 0.11
            losses = [r["loss"] for r in publisher.reports[-6:] if r.get("loss") is not None]
            assert losses and max(losses) > 0.02  # the receiver's reports carry it
            rtts = [r["rtt_ms"] for r in publisher.reports[-6:] if r.get("rtt_ms") is not None]
            assert rtts and min(rtts) >= 90  # 50 ms each way
            assert len([t for t in arrivals.times if t > time.time() - 4]) > 20  # the picture goes on
            # Each loss answered about once: aiortc's receiver repeats its whole missing list with
            # every new gap, and the sender resends a packet at most once per round trip.
            assert 0 < publisher.latest()["retransmitted"] <= 1.5 * dropped + 10
            await publisher.stop()
        finally:
            await relay.stop()
            await receiver.close()
