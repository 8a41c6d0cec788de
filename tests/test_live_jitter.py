"""The ingest's jitter buffer: a hole that NACKs did not fill is given up after a quarter second,
the picture resumes at the next keyframe, and nothing is played late afterwards."""

from __future__ import annotations

import fractions
import time

import av
import numpy as np
from aiortc.codecs import depayload
from aiortc.codecs.vpx import Vp8Encoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from aiortc.rtp import RtpPacket

from studio.live_jitter import LiveJitterBuffer, starts_keyframe

VP8 = RTCRtpCodecParameters(mimeType="video/VP8", clockRate=90000, payloadType=96)


def vp8_packets(frames: int, keyframes: set[int]) -> list[list[RtpPacket]]:
    """Real VP8 frames (a keyframe where asked), packetized and depayloaded as aiortc does."""
    encoder = av.CodecContext.create("libvpx", "w")
    encoder.width, encoder.height, encoder.pix_fmt = 320, 240, "yuv420p"
    encoder.time_base, encoder.bit_rate, encoder.gop_size = fractions.Fraction(1, 90000), 2_000_000, 1000
    packer, sequence, out = Vp8Encoder(), 0, []
    rng = np.random.default_rng(1)
    for i in range(frames):
        frame = av.VideoFrame.from_ndarray(rng.integers(0, 255, (240, 320, 3), np.uint8), format="rgb24")
        frame = frame.reformat(format="yuv420p")
        frame.pts, frame.time_base = i * 3000, encoder.time_base
        if i in keyframes:
            frame.pict_type = av.video.frame.PictureType.I
        packets = []
        for encoded in encoder.encode(frame):
            encoded.time_base = encoder.time_base
            payloads, timestamp = packer.pack(encoded)
            for payload in payloads:
                packet = RtpPacket(payload_type=96, sequence_number=sequence, timestamp=timestamp, payload=payload)
                packet._data = depayload(VP8, payload)
                packets.append(packet)
                sequence += 1
        out.append(packets)
    return out


def test_a_hole_is_given_up_and_the_picture_resumes_at_the_next_keyframe():
    frames = vp8_packets(12, keyframes={0, 8})
    assert starts_keyframe(frames[0][0]) and starts_keyframe(frames[8][0]) and not starts_keyframe(frames[3][0])
    assert all(len(f) >= 2 for f in frames)  # noise: several packets a frame
    buffer = LiveJitterBuffer(max_wait_s=0.05)
    out, plis = [], 0
    for index, packets in enumerate(frames):
        for position, packet in enumerate(packets):
            if index == 3 and position == 1:
                continue  # lost, never retransmitted
            if index == 5:
                time.sleep(0.03)  # time passes while packets keep coming
            pli, frame = buffer.add(packet)
            plis += pli
            if frame is not None:
                out.append(frame.timestamp)
    timestamps = [f[0].timestamp for f in frames]
    assert out[:3] == timestamps[:3]  # frames 0-2 as they came
    assert buffer.skips == 1 and plis >= 1  # the hole was given up and a keyframe asked for
    assert timestamps[8] in out and out[-1] == timestamps[10]  # resumed at the keyframe, nothing late
    assert not set(out) & set(timestamps[3:8])  # frames that depended on the lost one were not decoded


def test_waiting_for_a_keyframe_asks_again_and_survives_a_reset():
    frames = vp8_packets(6, keyframes={0, 4})
    buffer = LiveJitterBuffer(max_wait_s=0.0)
    buffer.add(frames[1][0])  # no frame has come out yet: it waits
    buffer.add(frames[1][1])
    buffer.waiting_for_keyframe, buffer._asked_at = True, 0.0
    buffer._reset()
    pli, frame = buffer.add(frames[2][0])
    assert pli and frame is None  # asked again (more than half a second since the last ask)
    for packet in frames[4] + frames[5]:  # the keyframe: a fresh start
        pli, frame = buffer.add(packet)
        if frame is not None:
            assert frame.timestamp == frames[4][0].timestamp
    assert not buffer.waiting_for_keyframe


def test_a_keyframe_whose_first_packet_comes_last_still_restarts_the_picture():
    frames = vp8_packets(8, keyframes={0, 4})
    buffer = LiveJitterBuffer(max_wait_s=0.0)
    for packet in frames[0]:
        buffer.add(packet)
    buffer.waiting_for_keyframe = True  # a hole was given up after frame 0
    buffer._reset()
    out = []
    first, rest = frames[4][0], frames[4][1:]
    for packet in frames[3][1:] + rest:  # the keyframe's first packet was lost ...
        assert buffer.add(packet)[1] is None
    pli, _ = buffer.add(first)  # ... and came back as a retransmission, after the others
    assert not buffer.waiting_for_keyframe and not pli  # no need to ask for another
    for packet in frames[5] + frames[6]:  # (a frame is out once the next one begins)
        out += [f.timestamp for f in [buffer.add(packet)[1]] if f is not None]
    assert out == [frames[4][0].timestamp, frames[5][0].timestamp]  # the picture goes on from it
