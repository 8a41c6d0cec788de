"""Core parts with real encoders and threads: hand-off, stamps, compositor, filters, keyframe gate."""

from __future__ import annotations

import asyncio
import threading
import time

import av
import numpy as np
import pytest

from studio.compositor import Compositor, place
from studio.config import ConfigError, StudioConfig
from studio.encoder import KeyframeGate, SharedVideoEncoder
from studio.filters.basic import BrightnessContrastFilter, MirrorFilter
from studio.frames import LatestSlot, VideoFrame
from studio.registry import Contribution, RegistryError, default_registry
from studio.sources.testcard import TestCardSource
from studio.timecode import Stamp, draw_stamp, read_stamp


def test_latest_slot_drops_and_counts_instead_of_queueing():
    slot = LatestSlot()
    for i in range(10):
        slot.put(i)
    assert slot.get(timeout=0) == 9
    assert slot.dropped == 9
    assert slot.get(timeout=0.01) is None


def test_latest_slot_wakes_a_waiting_consumer():
    slot = LatestSlot()
    threading.Timer(0.05, slot.put, args=("frame",)).start()
    started = time.monotonic()
    assert slot.get(timeout=2) == "frame"
    assert time.monotonic() - started < 1


def test_stamp_survives_real_vp8_encode_and_decode():
    encoder = av.CodecContext.create("libvpx", "w")
    encoder.width, encoder.height, encoder.pix_fmt = 1280, 720, "yuv420p"
    encoder.bit_rate = 800_000
    decoder = av.CodecContext.create("vp8", "r")
    card = TestCardSource()
    card.open()
    read_back = []
    for _ in range(20):
        frame = card.read()
        video = av.VideoFrame.from_ndarray(frame.image, format="rgb24").reformat(format="yuv420p")
        for packet in encoder.encode(video):
            for decoded in decoder.decode(packet):
                read_back.append(read_stamp(decoded.to_ndarray(format="rgb24")))
    assert len(read_back) >= 19
    assert all(s is not None for s in read_back)
    assert [s.frame_number for s in read_back] == list(range(len(read_back)))


def test_damaged_stamp_is_rejected_by_crc():
    image = np.zeros((720, 1280, 3), np.uint8)
    draw_stamp(image, Stamp(42, 1_700_000_000_000))
    image[0:32, 0:32] = 255 - image[0:32, 0:32]  # flip one cell
    assert read_stamp(image) is None


@pytest.mark.parametrize(("src", "canvas", "mode", "expected"), [
    ((1280, 720), (720, 1280), "fit", (0, 437, 720, 405)),
    ((1280, 720), (720, 1280), "fill", (-778, 0, 2276, 1280)),
    ((640, 480), (1280, 720), "fit", (160, 0, 960, 720)),
    ((640, 480), (1280, 720), "fill", (0, -120, 1280, 960)),
])
def test_placement(src, canvas, mode, expected):
    p = place(*src, *canvas, mode)
    assert (p.x, p.y, p.width, p.height) == expected


def test_compositor_portrait_fit_letterboxes_and_fill_covers():
    source = np.full((720, 1280, 3), 200, np.uint8)
    fit = Compositor(720, 1280, "fit").compose(source)
    fill = Compositor(720, 1280, "fill").compose(source)
    assert fit.shape == fill.shape == (1280, 720, 3)
    assert fit[0].max() == 0 and fit[640].min() == 200  # black bars above, picture in the middle
    assert fill.min() == 200  # no bars at all


def test_compositor_rejects_odd_canvas_and_unknown_mode():
    with pytest.raises(ValueError, match="even"):
        Compositor(1281, 720)
    with pytest.raises(ValueError, match="scale mode"):
        Compositor(1280, 720, "stretch")


def test_mirror_and_brightness_contrast():
    image = np.zeros((4, 6, 3), np.uint8)
    image[:, 0] = 255
    mirrored = MirrorFilter().apply(image)
    assert mirrored[:, -1].min() == 255 and mirrored[:, 0].max() == 0
    assert image[:, 0].min() == 255, "filters must not modify their input"
    grey = np.full((2, 2, 3), 100, np.uint8)
    assert BrightnessContrastFilter(brightness=20).apply(grey)[0, 0, 0] == 120
    assert BrightnessContrastFilter(contrast=2.0).apply(grey)[0, 0, 0] == 72
    flt = BrightnessContrastFilter()
    flt.set_options(brightness=-200)
    assert flt.apply(grey).max() == 0  # clipped, not wrapped
    with pytest.raises(ValueError, match="no option"):
        flt.set_options(saturation=3)


def test_registry_holds_builtins_and_refuses_duplicates():
    registry = default_registry()
    assert {"mirror", "brightness_contrast"} <= set(registry.names("video_filter"))
    assert {"testcard", "camera", "file", "image"} <= set(registry.names("video_source"))
    with pytest.raises(RegistryError, match="already registered"):
        registry.register(Contribution("video_filter", "mirror", MirrorFilter))
    with pytest.raises(RegistryError,
                       match="known: beauty, brightness_contrast, hd_enhance, hd_upscale, mirror, virtual_background"):
        registry.create("video_filter", "beautify")


def test_config_validation_and_files(tmp_path):
    with pytest.raises(ConfigError, match="orientation"):
        StudioConfig(orientation="square")
    with pytest.raises(ConfigError, match="unknown setting"):
        StudioConfig.from_dict({"colour": "red"})
    path = tmp_path / "show.toml"
    path.write_text('orientation = "portrait"\nport = 9000\n[video_options]\nindex = 2\n')
    config = StudioConfig.load(path)
    assert config.canvas_size == (720, 1280) and config.port == 9000 and config.video_options == {"index": 2}
    path.write_text("port = [")
    with pytest.raises(ConfigError, match="cannot read config"):
        StudioConfig.load(path)


def test_keyframe_gate_coalesces_requests():
    gate = KeyframeGate(min_interval=0.5)
    gate.note_keyframe()
    for _ in range(20):
        gate.request()
    assert not gate.take()  # too soon after the last keyframe
    time.sleep(0.55)
    assert gate.take()
    assert not gate.take()  # twenty requests, one keyframe


async def test_twenty_joins_cause_no_keyframe_storm():
    """Real VP8 encoder and fan-out: 20 subscribers joining within 2 s get ≤ 5 keyframes, and each
    subscriber's first packet is a keyframe."""
    encoder = SharedVideoEncoder(640, 360, 30, 800_000, time.time())
    encoder.fanout.bind(asyncio.get_running_loop())
    encoder.start()
    card = TestCardSource(640, 360, 30)
    card.open()
    subscribers = []
    try:
        for i in range(90):  # joins during the first 2 s, then 1 s more so the last join is served
            encoder.input.put(card.read())
            if i % 3 == 0 and len(subscribers) < 20:
                subscribers.append(encoder.fanout.subscribe())
            await asyncio.sleep(0)
        await asyncio.sleep(0.3)
    finally:
        encoder.stop()
    assert encoder.keyframes.requests == 20
    assert encoder.keyframe_count <= 5
    firsts = [sub.queue.get_nowait() for sub in subscribers if not sub.queue.empty()]
    assert len(firsts) == 20 and all(p.keyframe for p in firsts)


async def test_slow_subscriber_loses_packets_alone():
    encoder = SharedVideoEncoder(320, 180, 30, 300_000, time.time())
    loop = asyncio.get_running_loop()
    encoder.fanout.bind(loop)
    slow, fast = encoder.fanout.subscribe(), encoder.fanout.subscribe()
    slow.queue = asyncio.Queue(5)  # a viewer whose network cannot keep up
    encoder.start()
    card = TestCardSource(320, 180, 60)
    card.open()
    received = 0
    try:
        for _ in range(90):
            encoder.input.put(card.read())
            while not fast.queue.empty():
                fast.queue.get_nowait()
                received += 1
            await asyncio.sleep(0)
        await asyncio.sleep(0.2)
        received += fast.queue.qsize()
    finally:
        encoder.stop()
    assert slow.dropped > 0
    assert fast.dropped == 0
    assert received >= 80


def test_video_frame_reports_size():
    frame = VideoFrame(np.zeros((720, 1280, 3), np.uint8), time.time())
    assert (frame.width, frame.height) == (1280, 720)


def test_image_buffers_stay_in_the_heap():
    """glibc accepts the malloc tuning (every option: an out-of-range value once left it all unset)."""
    from studio.allocator import keep_buffers

    assert keep_buffers() is True


def test_opencv_leaves_the_cores_to_the_pipeline(monkeypatch):
    import cv2

    from studio.cores import ENV, share_cores

    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert share_cores() == 1 and cv2.getNumThreads() == 1
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert share_cores() == 6
    monkeypatch.setenv(ENV, "3")
    assert share_cores() == 3
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.delenv(ENV)
    share_cores()
