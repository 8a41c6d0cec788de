"""The stats history: per-second drops by cause, and per-output series."""

from __future__ import annotations

from studio.stats_history import StatsHistory


def stats(dropped_source=0, dropped_encoder=0, net=0, fps=30.0) -> dict:
    return {"program_fps": fps, "bitrate_bps": 2_000_000, "encode_ms": 6.0, "dropped_source": dropped_source,
            "dropped_encoder": dropped_encoder, "dropped_viewers": 0, "source_info": {"fps": 30},
            "outputs": [{"name": "sfu", "bitrate_bps": 900_000, "rtt_ms": 40, "loss": 0.02, "dropped_packets": net}]}


def test_drops_are_counted_per_second_by_cause():
    history = StatsHistory(seconds=3)
    history.sample(stats(), source_items=0, now=0.0)
    sample = history.sample(stats(dropped_source=2, dropped_encoder=1, net=5), source_items=25, now=1.0)
    assert (sample["dropped_capture"], sample["dropped_filters"], sample["dropped_encoder"],
            sample["dropped_network"]) == (5, 2, 1, 5)
    assert sample["sfu:bitrate_kbps"] == 900 and sample["sfu:rtt_ms"] == 40 and sample["sfu:loss_pct"] == 2
    history.sample(stats(dropped_source=2, dropped_encoder=1, net=5), source_items=55, now=2.0)
    history.sample(stats(dropped_source=3, dropped_encoder=1, net=5), source_items=85, now=3.0)
    assert len(history.samples) == 3  # the oldest fell off
    assert history.series("dropped_filters") == [2, 0, 1]
    assert history.dropped_total("capture") == 5 and "sfu:rtt_ms" in history.names()
