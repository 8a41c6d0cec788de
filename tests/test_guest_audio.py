"""The call's sound: guests' voices in the program when the host puts them on air, each guest's
return feed carrying everyone but themselves (mix-minus), the mixer's volume, mute and meters.
Guests here are aiortc peers sending pure tones through real sockets and real Opus, so each voice
can be told apart in what comes back by correlating with its tone."""

from __future__ import annotations

import asyncio
import fractions
import time

import aiohttp
import av
import numpy as np
import pytest
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import VideoStreamTrack

from studio.audio.mixer import CHUNK, RATE, AudioMixer
from studio.encoder import _AudioQueue
from studio.frames import AudioChunk

HOST_HZ = 440.0  # the test tone source (its 1 kHz beeps aside)
GUEST_HZ = {"甲": 620.0, "乙": 1500.0}


class ToneTrack(MediaStreamTrack):
    """A guest's microphone: a sine at -20 dBFS in 20 ms frames, paced in real time."""

    kind = "audio"

    def __init__(self, hz: float) -> None:
        super().__init__()
        self.hz, self._sent, self._start = hz, 0, None

    async def recv(self) -> av.AudioFrame:
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._sent / RATE
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        t = (self._sent + np.arange(CHUNK)) / RATE
        samples = (0.1 * 32767 * np.sin(2 * np.pi * self.hz * t)).astype(np.int16)
        # Stereo: aiortc's Opus encoder would upmix mono with FFmpeg's -3 dB pan law.
        stereo = np.repeat(samples.reshape(-1, 1), 2, axis=1).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = RATE, self._sent, fractions.Fraction(1, RATE)
        self._sent += CHUNK
        return frame


def tone_level(samples: np.ndarray, hz: float, window: int = 4800, percentile: float = 50) -> float:
    """How strongly ``hz`` is present: the amplitude of its best-fitting sine relative to full
    scale, the median over 100 ms Hann windows (a lost packet's phase jump spoils one window, not
    all; the window keeps the other tones from leaking in). A higher ``percentile`` reads the level
    where the voice played without a gap: on a busy machine a guest's queue may run dry now and
    then, and the silence it plays pulls the median under the gain the mixer applied."""
    t = np.arange(window) / RATE
    hann = np.hanning(window)
    sin, cos = hann * np.sin(2 * np.pi * hz * t), hann * np.cos(2 * np.pi * hz * t)
    x = samples[: samples.size // window * window].astype(np.float64).reshape(-1, window) / 32768.0
    return float(np.percentile(2 * np.hypot(x @ sin, x @ cos) / hann.sum(), percentile)) if x.size else 0.0


class Guest:
    """An aiortc guest: sends a tone and a picture, keeps what comes back."""

    def __init__(self, name: str) -> None:
        self.name, self.pc = name, RTCPeerConnection()
        self.heard: list[np.ndarray] = []
        self.frames_seen = 0
        self.pc.addTrack(ToneTrack(GUEST_HZ[name]))
        self.pc.addTrack(VideoStreamTrack())
        self._readers: list[asyncio.Task] = []

        @self.pc.on("track")
        def _on_track(track: MediaStreamTrack) -> None:
            self._readers.append(asyncio.ensure_future(self._read(track)))

    async def _read(self, track: MediaStreamTrack) -> None:
        while True:
            frame = await track.recv()
            if isinstance(frame, av.AudioFrame):
                self.heard.append(frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0].copy())
            else:
                self.frames_seen += 1

    async def join(self, studio, link: str) -> str:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        token = link.rsplit("/", 1)[1]
        async with aiohttp.ClientSession() as http, http.post(
                f"{studio.viewer_url}guest/{token}/whip?name={self.name}", data=self.pc.localDescription.sdp,
                headers={"Content-Type": "application/sdp"}) as response:
            assert response.status == 201, await response.text()
            await self.pc.setRemoteDescription(RTCSessionDescription(await response.text(), "answer"))
        for _ in range(200):
            found = [g for g in studio.call.guests.guests.values() if g.name == self.name and g.present]
            session = studio.ingest.sessions.get(found[0].session) if found else None  # set once answered
            if session is not None and session.frames["audio"] > 10:
                return found[0].id
            await asyncio.sleep(0.05)
        raise AssertionError(f"{self.name}'s sound did not reach the studio")

    def recent(self, seconds: float) -> np.ndarray:
        data = np.concatenate(self.heard) if self.heard else np.zeros(0, np.int16)
        return data[-int(seconds * RATE):]

    async def close(self) -> None:
        for reader in self._readers:
            reader.cancel()
        await self.pc.close()


def program_listener(studio) -> _AudioQueue:
    queue = _AudioQueue(limit=500)
    studio.pipeline.add_audio_consumer(queue)
    return queue


def drain(queue: _AudioQueue) -> np.ndarray:
    chunks = []
    while (chunk := queue.get(timeout=0)) is not None:
        chunks.append(chunk.samples.reshape(-1))
    return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


async def test_each_guest_hears_everyone_but_themselves_and_the_program_only_who_is_on_air(start_show):
    studio = await start_show()  # the host speaks: a 440 Hz tone
    link, _ = studio.call.create_invite(uses=2)
    guests = {name: Guest(name) for name in GUEST_HZ}
    try:
        ids = {name: await guest.join(studio, link) for name, guest in guests.items()}
        await asyncio.sleep(1.0)
        assert all(not g.heard for g in guests.values())  # in the lobby nothing of the show comes back
        program = program_listener(studio)
        for guest_id in ids.values():
            studio.call.admit(guest_id)
        await asyncio.sleep(2.5)
        drain(program)
        for guest in guests.values():
            guest.heard.clear()
        await asyncio.sleep(2.0)
        heard_program = drain(program)
        # Admitted: on the call, not on air. Viewers hear the host alone.
        assert tone_level(heard_program, HOST_HZ, percentile=90) > 0.05
        # A voice that is there measures near 0.1; what is not, below 0.005 (-26 dB under it).
        assert max(tone_level(heard_program, hz) for hz in GUEST_HZ.values()) < 0.005
        for name, guest in guests.items():
            heard, other = guest.recent(1.5), next(n for n in GUEST_HZ if n != name)
            assert heard.size > RATE  # the return feed flows
            own, theirs, host = (tone_level(heard, hz, percentile=90) for hz in (GUEST_HZ[name], GUEST_HZ[other],
                                                                                  HOST_HZ))
            # Each tone is sent at 0.1 (-20 dBFS) and comes back near it through Opus; one's own
            # is not there.
            assert host > 0.08 and theirs > 0.08, (name, host, theirs)
            assert own < 0.005, (name, own, theirs)
            assert guest.frames_seen > 20  # and the program's picture comes back too

        studio.call.set_on_air(ids["甲"], audible=True)  # 甲 on air: viewers hear the host and 甲
        studio.call.set_volume(ids["甲"], 0.5)
        await asyncio.sleep(0.5)
        drain(program)
        await asyncio.sleep(1.5)
        heard_program = drain(program)
        assert tone_level(heard_program, GUEST_HZ["甲"], percentile=90) == pytest.approx(0.05, rel=0.3)  # -6 dB
        assert tone_level(heard_program, GUEST_HZ["乙"]) < 0.005
        # The meter after the volume (-20 dBFS peak, -6 dB, RMS -3), read over a few chunks: the
        # newest one may be an underrun's silence on a busy machine.
        readings = []
        for _ in range(25):
            readings.append(next(v["rms_db"] for v in studio.pipeline.mixer.state()["inputs"] if v["key"] == ids["甲"]))
            await asyncio.sleep(0.02)
        assert -30 < max(readings) < -28, readings
        mix = {v["key"]: v for v in studio.pipeline.mixer.state()["inputs"]}
        assert mix[ids["乙"]]["on_air"] is False and mix[ids["乙"]]["on_call"] is True
    finally:
        for guest in guests.values():
            await guest.close()
    for _ in range(100):  # gone from the mix with their connection
        if set(v["key"] for v in studio.pipeline.mixer.state()["inputs"]) == {"host"}:
            break
        await asyncio.sleep(0.05)
    assert [v["key"] for v in studio.pipeline.mixer.state()["inputs"]] == ["host"]


def test_the_mixer_sums_voices_with_volume_and_mute_and_never_lets_a_queue_grow():
    chunks: list[AudioChunk] = []
    returns: list[np.ndarray] = []
    mixer = AudioMixer(chunks.append)
    guest = mixer.add_input("g", "guest", on_air=True)
    mixer.returns["g"] = lambda samples, _t: returns.append(samples)
    host = np.full(CHUNK, 1000, np.float32)
    mixer.push("g", np.full(CHUNK, 2000, np.int16))
    mixer.mix(host, 1.0)  # the guest's stream waits for 40 ms before it plays: the host alone
    assert chunks[-1].samples[0, 0] == 1000 and guest.underruns == 0
    for _ in range(2):
        mixer.push("g", np.full(CHUNK, 2000, np.int16))
    mixer.mix(host, 1.02)
    assert chunks[-1].samples[0, 0] == 3000 and returns[-1][0] == 1000  # the guest hears the host only
    mixer.set_input("g", volume=0.5)
    mixer.mix(host, 1.04)
    assert chunks[-1].samples[0, 0] == 2000
    mixer.set_input("host", muted=True)
    mixer.push("g", np.full(CHUNK, 2000, np.int16))
    mixer.mix(host, 1.06)
    assert chunks[-1].samples[0, 0] == 1000 and returns[-1][0] == 0
    mixer.mix(host, 1.08)
    mixer.mix(host, 1.10)  # the guest's queue ran dry: silence, counted, and it refills before playing
    assert chunks[-1].samples[0, 0] == 0 and guest.underruns == 1
    for _ in range(50):  # a burst of a second: the queue is cut to 80 ms, never a second behind
        mixer.push("g", np.zeros(CHUNK, np.int16))
    assert guest._queued <= 8 * CHUNK and guest.dropped_samples >= 42 * CHUNK
    mixer.push("g", np.full(CHUNK, 32000, np.int16))
    mixer.set_input("host", muted=False, volume=4.0)
    assert mixer.mix(np.full(CHUNK, 30000, np.float32), 1.1).max() == 32767  # clipped, not wrapped
    for bad in (-1, 4.5, float("nan")):
        try:
            mixer.set_input("g", volume=bad)
        except ValueError as exc:
            assert "volume" in str(exc)
        else:
            raise AssertionError(f"volume {bad} was taken")


def test_noise_suppression_on_a_voice_in_the_mix_quiets_steady_noise():
    chunks: list[AudioChunk] = []
    mixer = AudioMixer(chunks.append)
    noise = np.random.default_rng(7).normal(0, 0.03 * 32768, 100 * CHUNK).astype(np.float32)  # a fan, 2 s
    for part in np.split(noise[: 50 * CHUNK], 50):
        mixer.mix(part, 0.0)
    plain = np.concatenate([c.samples.reshape(-1) for c in chunks[-25:]]).astype(np.float64)
    mixer.set_input("host", denoise=True)
    assert mixer.state()["inputs"][0]["denoise"] is True
    for part in np.split(noise[50 * CHUNK:], 50):
        mixer.mix(part, 0.0)
    quiet = np.concatenate([c.samples.reshape(-1) for c in chunks[-25:]]).astype(np.float64)
    reduction_db = 10 * np.log10(np.mean(plain ** 2) / max(np.mean(quiet ** 2), 1e-9))
    assert reduction_db > 20
    mixer.set_input("host", denoise=False)
    assert mixer.inputs["host"].denoise is None


class FlashVideo(MediaStreamTrack):
    """A guest's camera that turns white for the first 100 ms of every wall-clock second."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.count, self.start = 0, time.monotonic()

    async def recv(self) -> av.VideoFrame:
        await asyncio.sleep(max(0.0, self.start + self.count / 30 - time.monotonic()))
        from studio.sources.testcard import in_flash
        image = np.full((480, 640, 3), 235 if in_flash(time.time()) else 30, np.uint8)
        frame = av.VideoFrame.from_ndarray(image, format="rgb24")
        frame.pts, frame.time_base = self.count * 3000, fractions.Fraction(1, 90000)
        self.count += 1
        return frame


class BeepTone(ToneTrack):
    """A guest's microphone that beeps at 1 kHz with the flash, silent otherwise."""

    async def recv(self) -> av.AudioFrame:
        from studio.sources.testcard import in_flash
        frame = await super().recv()
        if in_flash(time.time()):
            return frame
        silence = av.AudioFrame.from_ndarray(np.zeros((1, 2 * CHUNK), np.int16), format="s16", layout="stereo")
        silence.sample_rate, silence.pts, silence.time_base = frame.sample_rate, frame.pts, frame.time_base
        return silence


async def test_a_guests_picture_and_voice_stay_in_sync_in_the_program(start_show):
    """The guest flashes and beeps together; a viewer of the program sees the flash in the guest's
    tile and hears the beep within the bound the host's own test card is held to."""
    from studio.sources.testcard import beep_heard
    from studio.whep_client import WhepPlayer

    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite()
    guest = Guest("甲")
    guest.pc.getTransceivers()[0].sender.replaceTrack(BeepTone(1000.0))
    guest.pc.getTransceivers()[1].sender.replaceTrack(FlashVideo())
    player = WhepPlayer(f"{studio.viewer_url}whep")
    try:
        guest_id = await guest.join(studio, link)
        studio.call.admit(guest_id)
        studio.call.set_layout("side_by_side")
        studio.call.set_on_air(guest_id, visible=True, audible=True)
        await asyncio.sleep(1.5)
        await player.connect()
        video_onsets, audio_onsets = [], []
        deadline = time.time() + 6

        async def watch_video() -> None:
            was = False
            while time.time() < deadline:
                frame = await player.tracks["video"].recv()
                lit = frame.to_ndarray(format="yuv420p")[100:600, 700:1200].mean() > 128  # the guest's tile
                if lit and not was:
                    video_onsets.append(time.time())
                was = lit

        async def watch_audio() -> None:
            was = False
            while time.time() < deadline:
                frame = await player.tracks["audio"].recv()
                samples = frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0]
                beep = bool(np.abs(samples).max() > 1000) and beep_heard(samples, frame.sample_rate)
                if beep and not was:
                    audio_onsets.append(time.time())
                was = beep

        await asyncio.gather(watch_video(), watch_audio())
    finally:
        await player.close()
        await guest.close()
    offsets = [min(audio_onsets, key=lambda a: abs(a - v)) - v for v in video_onsets[1:]]
    offsets = [o for o in offsets if abs(o) < 0.5]
    assert len(offsets) >= 3, (video_onsets, audio_onsets)
    # Typically 25-40 ms (audio later); the host's own test card is held to 120 ms in test_receiver.py.
    shown = f"A/V offsets {[round(o * 1000) for o in offsets]} ms"
    assert abs(float(np.median(offsets))) < 0.1 and max(abs(o) for o in offsets) < 0.2, shown


def test_a_queue_left_long_by_a_burst_is_shaved_back_to_the_prebuffer():
    from studio.audio.mixer import PREBUFFER, SETTLE_TAKES

    mixer = AudioMixer(lambda chunk: None)
    guest = mixer.add_input("g", "guest", on_air=True)
    for _ in range(7):  # a burst: 140 ms arrives at once
        mixer.push("g", np.ones(CHUNK, np.int16))
    host = np.zeros(CHUNK, np.float32)
    for _ in range(4 * SETTLE_TAKES):  # then it arrives steadily, a chunk a chunk
        mixer.push("g", np.ones(CHUNK, np.int16))
        mixer.mix(host, 0.0)
    assert guest.underruns == 0
    assert PREBUFFER <= guest._queued <= PREBUFFER + CHUNK  # 40-60 ms behind, not 140
    assert guest.dropped_samples == 7 * CHUNK - guest._queued  # all that went was the burst's excess
