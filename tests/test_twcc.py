"""Transport-wide congestion control feedback: the wire format both ways (including the chunk
kinds other implementations send), the sender's bookkeeping, and the controller that reads it."""

from __future__ import annotations

import struct

import pytest
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters, RTCRtpParameters
from aiortc.rtp import HeaderExtensionsMap, RtcpPacket, RtpPacket

from studio.abr import DeliveryController, Feedback
from studio.twcc import (
    TRANSPORT_CC_URI,
    Delivery,
    DeliveryMonitor,
    Probe,
    TransportFeedback,
    TransportFeedbackReporter,
    pack_transport_feedback,
    parse_transport_feedback,
    transport_feedback_in,
)


def test_feedback_round_trips_losses_large_gaps_reordering_and_wrap():
    arrivals = [1_000_000, None, 1_000_250, 1_020_000, None, None, 1_019_000, 3_500_000, 3_500_500]
    packet = pack_transport_feedback(0x1111, 0x2222, 7, 0xFFFC, arrivals)
    assert len(packet) % 4 == 0
    (feedback,) = transport_feedback_in(packet)
    assert feedback.media_ssrc == 0x2222 and feedback.count == 7
    assert [s for s, _ in feedback.arrivals] == [0xFFFC, 0xFFFD, 0xFFFE, 0xFFFF, 0, 1, 2, 3, 4]
    got = [t for _, t in feedback.arrivals]
    for sent, received in zip(arrivals, got, strict=True):
        if sent is None:
            assert received is None
        else:  # quarter-millisecond resolution, relative to a 64 ms reference
            assert received is not None and abs((received - got[0]) - (sent - arrivals[0])) <= 250


def test_run_length_and_one_bit_chunks_from_other_senders_parse():
    # Base 100, 20 statuses: a run of 15 "received, small delta", then a one-bit vector chunk
    # whose first five symbols say received, received, lost, received, lost.
    chunks = struct.pack("!HH", (0 << 15) | (1 << 13) | 15, 0x8000 | 0b11010_000000000)
    deltas = bytes([4] * 15 + [8, 8, 8])
    body = struct.pack("!LLHHL", 1, 2, 100, 20, (10 << 8) | 3) + chunks + deltas
    feedback = parse_transport_feedback(body)
    assert len(feedback.arrivals) == 20
    received = [s for s, t in feedback.arrivals if t is not None]
    assert received == list(range(100, 115)) + [115, 116, 118]
    times = dict(feedback.arrivals)
    assert times[100] == 10 * 64_000 + 1000 and times[118] == 10 * 64_000 + 15 * 1000 + 3 * 2000


def test_malformed_feedback_is_skipped_and_other_rtcp_passes():
    good = pack_transport_feedback(1, 2, 0, 5, [64_000, 64_500])
    truncated = good[:-8]
    truncated = truncated[:2] + struct.pack("!H", len(truncated) // 4 - 1) + truncated[4:]
    receiver_report = bytes(RtcpPacket.parse(bytes.fromhex("80c90001" "00000001"))[0])
    found = transport_feedback_in(receiver_report + truncated + good + b"\xff\x00")
    assert len(found) == 1 and found[0].arrivals[0][0] == 5
    with pytest.raises(ValueError):
        pack_transport_feedback(1, 2, 0, 5, [None, None])


SHARE = DeliveryController.SHARE


def negotiated_map() -> HeaderExtensionsMap:
    extensions = HeaderExtensionsMap()
    extensions.configure(RTCRtpParameters(headerExtensions=[
        RTCRtpHeaderExtensionParameters(id=5, uri=TRANSPORT_CC_URI),
        RTCRtpHeaderExtensionParameters(id=3, uri="http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time")]))
    return extensions


def media_packet(sequence: int, size: int = 1000) -> bytes:
    packet = RtpPacket(payload_type=96, sequence_number=sequence, timestamp=9000, ssrc=42)
    packet.payload = b"\x10" * size
    packet.extensions.abs_send_time = 1
    return packet.serialize(negotiated_map())


def test_the_monitor_numbers_packets_and_reads_rate_queue_and_loss_from_feedback(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr("studio.twcc.time.monotonic", lambda: clock[0])
    seen: list[Delivery] = []
    monitor = DeliveryMonitor(negotiated_map(), seen.append)
    numbers = []
    for i in range(100):  # 100 packets of ~1 kB over a second: about 800 kbit/s
        stamped = monitor.stamp(media_packet(i))
        numbers.append(RtpPacket.parse(stamped, negotiated_map()).extensions.transport_sequence_number)
        clock[0] += 0.01
    assert numbers == list(range(100))
    # The receiver saw the first 50 after 20 ms each, the next 40 behind a growing queue, and
    # lost the last 10: one-way delays grow to 20 + 40 × 2 ms.
    arrivals: list[tuple[int, int | None]] = []
    for i in range(100):
        sent_us = int((100.0 + i * 0.01) * 1e6)
        queue_us = 0 if i < 50 else (i - 49) * 2000
        arrivals.append((i, None if i >= 90 else sent_us + 20_000 + queue_us))
    monitor.handle(TransportFeedback(42, 0, arrivals[:50]))
    assert seen[-1].queue_delay_s == pytest.approx(0.0, abs=1e-6)
    monitor.handle(TransportFeedback(42, 1, arrivals[50:]))
    delivery = seen[-1]
    assert delivery.messages == 2
    assert delivery.queue_delay_s == pytest.approx(0.002, abs=1e-4)  # the batch's lowest delay over the floor
    assert delivery.loss == pytest.approx(0.10)
    assert 600_000 < delivery.acked_bps < 850_000  # what arrived in the last half second, queue and all


def test_without_negotiation_packets_leave_untouched():
    monitor = DeliveryMonitor(HeaderExtensionsMap())
    data = media_packet(1)
    assert monitor.stamp(data) is data


def delivery(acked: float, queue_s: float = 0.0, loss: float = 0.0, messages: int = 1, probe: Probe | None = None,
             probes: int = 0, sent: float = 0.0) -> Feedback:
    return Feedback(delivery=Delivery(acked_bps=acked, sent_bps=sent, queue_delay_s=queue_s, loss=loss,
                                      messages=messages, probe=probe, probes=probes))


def test_a_queue_sets_the_path_rate_and_the_show_gets_its_share():
    controller = DeliveryController(start_bps=2_000_000, reserved_bps=90_000)
    controller.update(delivery(1_000_000, queue_s=0.08), 2_000_000, 10.0)
    assert controller.target_bps == pytest.approx(SHARE * 1_090_000 - 90_000, rel=1e-3)  # the audio has its part
    assert controller.path_bps == 1_000_000 and controller.reason.startswith("queue")
    # the queue takes a while to drain: no second decrease while it shrinks
    target = controller.target_bps
    controller.update(delivery(1_000_000, queue_s=0.06, messages=2), target, 10.5)
    assert controller.target_bps == target
    # a queue that still stands a second later means the encoder overshoots: 10% less
    controller.update(delivery(1_000_000, queue_s=0.06, messages=3), target, 11.2)
    assert controller.target_bps == pytest.approx(0.9 * target, rel=1e-3)


def test_an_encoder_that_overshoots_gets_a_lower_target_for_the_same_path():
    exact, overshooting = DeliveryController(start_bps=1_000_000), DeliveryController(start_bps=1_000_000)
    for i in range(30):  # three seconds: the encoder (with headers) sends 1.2× its target
        overshooting.update(delivery(1_000_000, messages=i + 1, sent=1.2 * overshooting.target_bps), 0, i / 10)
        exact.update(delivery(1_000_000, messages=i + 1, sent=exact.target_bps), 0, i / 10)
    for controller in (exact, overshooting):
        controller.update(delivery(1_000_000, queue_s=0.08, messages=99), 0, 5.0)
    assert exact.target_bps == pytest.approx(SHARE * 1_000_000, rel=1e-3)
    assert overshooting.target_bps == pytest.approx(SHARE * 1_000_000 / 1.2, rel=0.02)


def test_near_a_known_path_rate_it_holds_and_probes_every_two_seconds():
    controller = DeliveryController(start_bps=2_000_000)
    controller.update(delivery(1_000_000, queue_s=0.08), 2_000_000, 0.0)
    target = controller.target_bps
    probes = []
    for i in range(1, 48):  # feedback every 1/8 s (exact in binary)
        controller.update(delivery(target, messages=i + 1), target, i / 8)
        if (rate := controller.take_probe()) is not None:
            probes.append((i / 8, rate))
    assert controller.target_bps == target  # no blind growth above a known path rate
    assert [t for t, _ in probes] == [0.375, 2.375, 4.375]  # 2 s apart (the first once the hold is over)
    assert probes[1][1] == pytest.approx(1.25 * 1_000_000)  # above the path rate, and at least 1.5× the target
    # the queue a probe makes is its own: no back-off for it until the probe is judged
    assert controller.take_probe() is None
    controller.update(delivery(target, messages=100), target, 6.375)
    assert controller.take_probe() is not None
    controller.update(delivery(target, queue_s=0.08, messages=101), target, 6.5)
    assert controller.target_bps == target


def test_a_probe_that_got_through_starts_a_climb_and_the_target_moves_once_at_its_end():
    controller = DeliveryController(start_bps=500_000, max_bps=6_000_000)
    controller.update(delivery(500_000, queue_s=0.08), 500_000, 0.0)
    start = controller.target_bps
    won = Probe(sent_bps=1_100_000, delivered=True, queued=False, received_bps=1_000_000)
    controller.update(delivery(400_000, messages=2, probe=won, probes=1), 400_000, 1.0)
    assert controller.target_bps == start and controller.path_bps is None  # the encoder waits for the climb
    assert controller.take_probe() is None  # the next one, at twice what got through, a quarter second later
    controller.update(delivery(400_000, messages=3), 400_000, 1.3)
    assert controller.take_probe() == pytest.approx(2_000_000)
    higher = Probe(sent_bps=2_000_000, delivered=True, queued=False, received_bps=1_900_000)
    controller.update(delivery(400_000, messages=4, probe=higher, probes=2), 400_000, 1.5)
    assert controller.target_bps == start
    controller.update(delivery(400_000, messages=5), 400_000, 1.8)
    assert controller.take_probe() == pytest.approx(3_800_000)
    queued = Probe(sent_bps=3_800_000, delivered=False, queued=True, received_bps=2_400_000)
    controller.update(delivery(400_000, messages=6, probe=queued, probes=3), 400_000, 2.1)
    assert controller.path_bps == 2_400_000
    assert controller.target_bps == pytest.approx(SHARE * 2_400_000, rel=1e-3)
    # a climb whose next probe is lost ends at the share of what the last one got through
    lost_climb = DeliveryController(start_bps=500_000, max_bps=3_000_000)
    lost_climb.update(delivery(500_000, queue_s=0.08), 500_000, 0.0)
    lost_climb.update(delivery(400_000, messages=2, probe=won, probes=1), 400_000, 1.0)
    lost = Probe(sent_bps=2_000_000, delivered=False, queued=False, received_bps=0)
    lost_climb.update(delivery(400_000, messages=3, probe=lost, probes=2), 400_000, 1.6)
    assert lost_climb.target_bps == pytest.approx(SHARE * 1_000_000, abs=1) and lost_climb.reason.endswith("lost")
    # near the maximum the climb stops: the target takes the share of what got through
    lost_climb.update(delivery(700_000, messages=4, probe=Probe(2_000_000, True, False, 1_900_000), probes=3),
                      700_000, 4.0)
    assert lost_climb.target_bps == pytest.approx(SHARE * 1_900_000, abs=1)


def test_probes_near_a_known_path_rate():
    controller = DeliveryController(start_bps=500_000, max_bps=3_000_000)
    controller.update(delivery(500_000, queue_s=0.08), 500_000, 0.0)
    queued = Probe(sent_bps=1_600_000, delivered=False, queued=True, received_bps=900_000)
    controller.update(delivery(400_000, messages=2, probe=queued, probes=1), 400_000, 1.0)
    assert controller.path_bps == 900_000
    assert controller.target_bps == pytest.approx(SHARE * 900_000, rel=1e-3)
    # a probe the sender could not push above the target proves nothing
    slow = Probe(sent_bps=700_000, delivered=True, queued=False, received_bps=700_000)
    controller.update(delivery(760_000, messages=5, probe=slow, probes=2), 760_000, 5.0)
    assert controller.path_bps == 900_000 and controller.reason.endswith("lost")
    # one that got through at about the known path rate lifts the target to its share, but is no
    # sign that the path grew
    near = Probe(sent_bps=1_600_000, delivered=True, queued=False, received_bps=1_000_000)
    controller.update(delivery(760_000, messages=6, probe=near, probes=3), 760_000, 6.0)
    assert controller.path_bps == 900_000 and controller.reason.endswith("held")
    assert controller.target_bps == pytest.approx(SHARE * 1_000_000, abs=1)
    # one that queued above a known path rate moves the target up to its share
    queued_higher = Probe(sent_bps=2_000_000, delivered=False, queued=True, received_bps=1_500_000)
    controller.update(delivery(760_000, messages=7, probe=queued_higher, probes=4), 760_000, 8.0)
    assert controller.target_bps == pytest.approx(SHARE * 1_500_000, rel=1e-3) and controller.path_bps == 1_500_000


def test_random_loss_under_ten_percent_costs_nothing_and_heavy_loss_halves_its_share():
    controller = DeliveryController(start_bps=1_000_000)
    controller.update(delivery(1_000_000, queue_s=0.08), 1_000_000, 0.0)
    target = controller.target_bps
    for i in range(1, 30):
        controller.update(delivery(target, loss=0.05, messages=i + 1), target, i * 0.1)
    assert controller.target_bps == target
    controller.update(delivery(target, loss=0.3, messages=40), target, 5.0)
    assert controller.target_bps == pytest.approx(target * 0.85, rel=1e-3)  # 30% loss: down 15%


def test_the_reporter_waits_for_late_packets_before_calling_them_lost(monkeypatch):
    clock = [10.0]
    monkeypatch.setattr("studio.twcc.time.perf_counter", lambda: clock[0])
    reporter = TransportFeedbackReporter()
    for sequence in (65533, 65534, 0, 1):  # 65535 is missing (and the numbers wrap)
        reporter._note(sequence, 42)
        clock[0] += 0.005
    (first,) = transport_feedback_in(reporter.take_report() or b"")
    assert [s for s, _ in first.arrivals] == [65533, 65534]  # the hole may be reordering: not yet
    reporter._note(65535, 42)  # it was: here it is, 20 ms late
    clock[0] += 0.01
    (second,) = transport_feedback_in(reporter.take_report() or b"")
    assert [(s, t is not None) for s, t in second.arrivals] == [(65535, True), (0, True), (1, True)]
    reporter._note(3, 42)  # 2 is missing, and stays missing
    assert reporter.take_report() is None
    clock[0] += TransportFeedbackReporter.REORDER_S + 0.01
    (third,) = transport_feedback_in(reporter.take_report() or b"")
    assert [(s, t is not None) for s, t in third.arrivals] == [(2, False), (3, True)]
    reporter._note(2, 42)  # too late: it was reported lost
    assert reporter.take_report() is None and third.count == 2
