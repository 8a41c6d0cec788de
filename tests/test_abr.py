"""The rate controller and the encoder ladder: down fast on loss or a growing queue, up carefully,
capped by REMB, and few encoder changes (each is a keyframe)."""

from __future__ import annotations

import asyncio
import time

import av
import numpy as np
import pytest

from studio.abr import EncoderSteps, Feedback, LossDelayController, Rung
from studio.encoder import SharedVideoEncoder
from studio.frames import VideoFrame


def run(controller: LossDelayController, feedback: Feedback, sent_bps: float | None, seconds: float, start: float,
        tick: float = 0.5) -> float:
    """Feed the same feedback every ``tick``; ``sent_bps`` None: the encoder sends its target."""
    now = start
    while now < start + seconds - 1e-9:
        now += tick
        controller.update(feedback, controller.target_bps if sent_bps is None else sent_bps, now)
    return now


def test_probes_up_carefully_after_a_decrease_then_faster_and_stops_at_the_maximum():
    controller = LossDelayController(start_bps=1_000_000, max_bps=2_000_000)
    controller.update(Feedback(loss=0.2, rtt_s=0.02), 1_000_000, 0)  # a decrease at t = 0
    after_decrease = controller.target_bps
    now = run(controller, Feedback(rtt_s=0.02), None, 0.5, 0)
    assert controller.target_bps == after_decrease  # held for half a second
    now = run(controller, Feedback(rtt_s=0.02), None, 0.5, now)
    assert 1.02 < controller.target_bps / after_decrease < 1.03  # 5% a second while careful
    careful_end = controller.target_bps
    now = run(controller, Feedback(rtt_s=0.02), None, 2, now)
    assert 1.55 < controller.target_bps / careful_end < 1.65  # then 25% a second
    run(controller, Feedback(rtt_s=0.02), None, 30, now)
    assert controller.target_bps == 2_000_000


def test_the_target_stays_within_reach_of_what_an_undershooting_encoder_sends():
    controller = LossDelayController(start_bps=500_000, max_bps=3_000_000)
    run(controller, Feedback(rtt_s=0.02), 400_000, 30, 0)
    assert controller.target_bps == 800_000  # 2 × the 400 kbit/s really sent


def test_heavy_loss_drops_to_what_got_through_at_once():
    controller = LossDelayController(start_bps=2_000_000)
    run(controller, Feedback(rtt_s=0.02), 2_000_000, 1, 0)
    controller.update(Feedback(loss=0.6, rtt_s=0.02), 2_000_000, 1.5)
    assert controller.target_bps == pytest.approx(2_000_000 * 0.4 * 0.9, rel=0.01)
    # then it holds: no increase for half a second after a decrease
    held = controller.target_bps
    run(controller, Feedback(rtt_s=0.02), held, 0.5, 1.5)
    assert controller.target_bps == held


@pytest.mark.parametrize("queue_s, factor", [(0.06, 0.85), (0.15, 0.825), (0.5, 0.65), (2.0, 0.6)])
def test_a_growing_queue_backs_off_before_any_loss_and_harder_the_longer_it_is(queue_s, factor):
    controller = LossDelayController(start_bps=2_000_000)
    now = run(controller, Feedback(rtt_s=0.03), 2_000_000, 2, 0)
    before = controller.target_bps
    controller.update(Feedback(rtt_s=0.03 + queue_s), 2_000_000, now + 0.5)
    assert controller.target_bps == pytest.approx(before * factor, rel=0.01)


def test_light_loss_neither_raises_nor_drops_and_a_falling_remb_is_followed():
    controller = LossDelayController(start_bps=1_000_000)
    run(controller, Feedback(loss=0.05, rtt_s=0.02), 1_000_000, 5, 0)
    assert controller.target_bps == 1_000_000
    # REMB's level is no cap (aiortc's trails the incoming rate) ...
    controller.update(Feedback(loss=0.05, rtt_s=0.02, remb_bps=900_000), 1_000_000, 6)
    assert controller.target_bps == 1_000_000
    # ... but a sharp fall is the receiver's delay detector firing.
    controller.update(Feedback(loss=0.05, rtt_s=0.02, remb_bps=600_000), 1_000_000, 7)
    assert controller.target_bps == 600_000


@pytest.mark.parametrize("preference, rung", [("detail", Rung(720, 15, 1_000_000)),
                                              ("motion", Rung(540, 30, 1_100_000))])
def test_ladder_gives_way_in_the_chosen_order(preference, rung):
    steps = EncoderSteps((1280, 720), 30, preference)
    assert steps.step(2_500_000, 0) and steps.rung == Rung(720, 30, 2_000_000)
    assert steps.step(1_150_000, 1)  # more than 15% down: at once
    assert steps.rung == rung
    assert steps.settings()[1:] == (*rung.size((1280, 720)), rung.fps)


def test_steps_go_up_only_after_a_sustained_rise_and_ignore_wobble():
    steps = EncoderSteps((1280, 720), 30, up_after_s=5)
    assert steps.step(1_000_000, -10)
    wobble = [1_000_000 * (1 + 0.1 * np.sin(i)) for i in range(60)]
    assert not any(steps.step(int(t), i * 0.5) for i, t in enumerate(wobble))
    assert not steps.step(2_000_000, 30) and not steps.step(2_000_000, 33)
    assert steps.step(2_000_000, 35.1) and steps.bitrate == 2_000_000
    assert steps.changes == 1
    # down: at once when it falls to 60% or less, otherwise at most every 2 s
    assert steps.step(1_100_000, 35.5) and not steps.step(900_000, 36) and steps.step(900_000, 37.6)


def test_portrait_rungs_keep_the_aspect():
    assert Rung(540, 30, 0).size((720, 1280)) == (540, 960)
    assert Rung(360, 30, 0).size((1280, 720)) == (640, 360)
    # a 720p canvas never climbs to 1080p
    assert EncoderSteps((1280, 720), 30).ladder[0].short_side == 720


async def test_encoder_adapts_size_and_frame_rate_with_one_keyframe():
    encoder = SharedVideoEncoder(1280, 720, 30, 2_000_000, time.time())
    packets: list = []
    encoder.fanout.bind(asyncio.get_running_loop())
    subscriber = encoder.fanout.subscribe()
    encoder.start()
    image = np.zeros((720, 1280, 3), np.uint8)
    try:
        for i in range(60):
            if i == 30:
                encoder.adapt(500_000, 640, 360, 15)
            image[:, :, 1] = (i * 4) % 255
            encoder.input.put(VideoFrame(image.copy(), time.time()))
            await asyncio.sleep(1 / 30)
        await asyncio.sleep(0.3)
    finally:
        encoder.stop()
    while not subscriber.queue.empty():
        item = subscriber.queue.get_nowait()
        if item is not None:
            packets.append(item)
    decoder = av.CodecContext.create("vp8", "r")
    sizes = [(f.width, f.height) for p in packets for f in decoder.decode(p.packet)]
    assert sizes[0] == (1280, 720) and sizes[-1] == (640, 360)
    assert encoder.rebuilds == 1 and 10 <= encoder.skipped <= 20  # 30 → 15 fps for the last second
    keyframes = [p.keyframe for p in packets]
    assert keyframes.count(True) == 2  # the first frame, and the one after the rebuild


def test_a_lost_picture_with_a_queue_backs_off_once_a_second_and_random_loss_does_not():
    controller = LossDelayController(start_bps=1_000_000)
    run(controller, Feedback(rtt_s=0.02), None, 2, 0)
    before = controller.target_bps
    controller.update(Feedback(rtt_s=0.02, pictures_lost=1), before, 2.5)  # no queue: a radio link's loss
    assert controller.target_bps >= before
    before = controller.target_bps
    feedback = Feedback(rtt_s=0.06, pictures_lost=2)  # 40 ms of queue
    controller.update(feedback, before, 3.0)
    assert controller.target_bps == int(before * 0.7)
    feedback.pictures_lost = 3
    controller.update(feedback, before, 3.5)  # within a second of the last decrease: held
    assert controller.target_bps == int(before * 0.7)


async def test_a_higher_rate_is_warmed_up_so_the_new_encoder_does_not_starve_its_first_frames():
    """A fresh libvpx context starts at its coarsest quantizer: re-opened cold for a higher rate,
    it sent almost nothing for about five frames (a frozen, blurry picture). Warmed up beside the
    running encoder, the frames after the hand-over carry their share at once."""
    encoder = SharedVideoEncoder(1280, 720, 15, 300_000, time.time())
    encoder.fanout.bind(asyncio.get_running_loop())
    subscriber = encoder.fanout.subscribe(max_queue=1000)
    encoder.start()
    rng = np.random.default_rng(1)
    base = np.zeros((720, 1280, 3), np.uint8)
    base[:, :640], base[200:500, 300:900, 1] = 180, 90
    grain = [np.clip(base + rng.normal(0, 4, base.shape), 0, 255).astype(np.uint8) for _ in range(6)]
    try:
        for i in range(60):
            if i == 20:
                encoder.adapt(1_300_000, 1280, 720, 15)
            encoder.input.put(VideoFrame(grain[i % len(grain)], time.time()))
            await asyncio.sleep(1 / 15)
        await asyncio.sleep(0.3)
    finally:
        encoder.stop()
    packets = []
    while not subscriber.queue.empty():
        item = subscriber.queue.get_nowait()
        if item is not None:
            packets.append(item)
    switch = max(i for i, p in enumerate(packets) if p.keyframe)  # the new encoder's first frame
    after = [p.size * 8 for p in packets[switch + 1:switch + 6]]
    assert sum(after) / len(after) > 0.4 * 1_300_000 / 15, after  # no starved frames
    assert switch > 20 and encoder.rebuilds == 1  # the hand-over came after the warm-up
