"""The show's audio mixer: the host's microphone and the co-host guests, each with a volume, a mute
and a level meter. It makes the program mix (what viewers hear) and, for every guest on the call,
a mix-minus (everyone on the call but that guest), so nobody hears their own voice come back late.

The host's microphone is the clock: each of its chunks is mixed the moment it arrives, with what
the guests have queued, so the host's voice gains no delay and the guests' streams follow the
microphone's clock instead of drifting against it. Without a microphone (or if it stalls) a 20 ms
timer takes over.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..frames import AudioChunk

log = logging.getLogger(__name__)

RATE = 48000
CHUNK = 960  # 20 ms
HOST = "host"
HOST_STALL_S = 0.06  # this long without a microphone chunk and the timer drives the mix
PREBUFFER = 2 * CHUNK  # a guest's stream starts (and restarts after running dry) with 40 ms queued
MAX_QUEUE = 8 * CHUNK  # more than 160 ms queued: the oldest is dropped, latency never builds up
# A burst leaves a queue longer than it needs to be; when even its shortest in a second was above
# the prebuffer, the excess is shaved off 2 ms per chunk (inaudible, unlike a 20 ms cut).
SETTLE_TAKES = 50
SHAVE = 96
MAX_GAIN = 4.0  # +12 dB


def db(value: float) -> float:
    return 20 * math.log10(max(value, 1e-6))


@dataclass
class MixerInput:
    """One voice in the mix. ``volume`` is linear (1.0 = as captured); ``muted`` silences it
    everywhere; ``on_air`` puts it in the program (guests start off air); ``on_call`` puts it in
    the guests' return feeds."""

    key: str
    name: str
    volume: float = 1.0
    muted: bool = False
    on_air: bool = True
    on_call: bool = True
    rms_db: float = -120.0  # the latest chunk as it enters the mix (after the volume)
    peak_db: float = -120.0
    underruns: int = 0  # chunks the stream had nothing for (silence went in)
    dropped_samples: int = 0  # thrown away because too much was queued
    denoise: object | None = None  # a NoiseSuppressor, when the host switched it on
    _queue: deque = field(default_factory=deque)
    _queued: int = 0
    _primed: bool = False
    _takes: int = 0
    _lowest: int = MAX_QUEUE  # the shortest the queue was since the last look
    _excess: int = 0  # samples still to shave off
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, samples: np.ndarray) -> None:
        """Queue int16 mono samples (shape (n,) or (n, 1)) at 48 kHz; any thread."""
        flat = np.asarray(samples, np.int16).reshape(-1)
        with self._lock:
            self._queue.append(flat)
            self._queued += flat.size
            if self._queued > MAX_QUEUE:
                self._drop(self._queued - MAX_QUEUE // 2)

    def take(self, count: int) -> np.ndarray | None:
        """The next ``count`` samples as float32, or None while the stream is (re)filling."""
        with self._lock:
            if not self._primed:
                if self._queued < min(PREBUFFER, MAX_QUEUE):
                    return None
                self._primed = True
            if self._queued < count:
                self._primed = False
                self.underruns += 1
                return None
            self._settle(count)
            return self._pop(count).astype(np.float32)

    def _pop(self, count: int) -> np.ndarray:
        """The oldest ``count`` queued samples, out of the queue (under the lock)."""
        out = np.empty(count, np.int16)
        filled = 0
        while filled < count:
            head = self._queue[0]
            part = min(count - filled, head.size)
            out[filled:filled + part] = head[:part]
            if part == head.size:
                self._queue.popleft()
            else:
                self._queue[0] = head[part:]
            filled += part
        self._queued -= count
        return out

    def _settle(self, count: int) -> None:
        """Keep the queue near the prebuffer once a burst has passed (under the lock)."""
        self._lowest = min(self._lowest, self._queued - count)
        self._takes += 1
        if self._takes >= SETTLE_TAKES:
            self._excess = max(0, self._lowest - PREBUFFER)
            self._takes, self._lowest = 0, MAX_QUEUE
        shave = min(SHAVE, self._excess, self._queued - count)
        if shave > 0:
            self._drop(shave)
            self._excess -= shave

    def _drop(self, count: int) -> None:
        self.dropped_samples += count
        self._pop(count)

    def meter(self, signal: np.ndarray | None) -> None:
        if signal is None or not signal.size:
            self.rms_db = self.peak_db = -120.0
            return
        scaled = signal / 32768.0
        self.rms_db = db(float(np.sqrt(np.mean(scaled * scaled))))
        self.peak_db = db(float(np.max(np.abs(scaled))))

    def state(self) -> dict:
        return {"key": self.key, "name": self.name, "volume": round(self.volume, 3), "muted": self.muted,
                "on_air": self.on_air, "on_call": self.on_call, "rms_db": round(self.rms_db, 1),
                "peak_db": round(self.peak_db, 1), "underruns": self.underruns,
                "dropped_ms": round(self.dropped_samples / RATE * 1000), "denoise": self.denoise is not None}


ReturnListener = Callable[[np.ndarray, float], None]  # (int16 mono samples, capture time)


class AudioMixer:
    """Mixes on its own thread; ``on_program`` receives each program chunk (an AudioChunk)."""

    def __init__(self, on_program: Callable[[AudioChunk], None]) -> None:
        self._on_program = on_program
        self.inputs: dict[str, MixerInput] = {HOST: MixerInput(HOST, "host", on_call=True)}
        self.returns: dict[str, ReturnListener] = {}  # a guest's key → where its mix-minus goes
        self.program = MixerInput("program", "program")  # the program's meter
        self.chunks = 0
        self._host_chunks: deque[AudioChunk] = deque(maxlen=10)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audio-mixer", daemon=True)

    # -- the host's controls --------------------------------------------------------------------
    def add_input(self, key: str, name: str, on_air: bool = False) -> MixerInput:
        voice = MixerInput(key, name, on_air=on_air)
        self.inputs[key] = voice
        return voice

    def remove_input(self, key: str) -> None:
        if key != HOST:
            self.inputs.pop(key, None)
            self.returns.pop(key, None)

    def set_input(self, key: str, *, volume: float | None = None, muted: bool | None = None,
                  on_air: bool | None = None, on_call: bool | None = None, denoise: bool | None = None) -> MixerInput:
        voice = self.inputs.get(key)
        if voice is None:
            raise ValueError(f"no audio source {key!r} in the mix")
        if volume is not None:
            if not (0.0 <= volume <= MAX_GAIN) or math.isnan(volume):
                raise ValueError(f"volume must be between 0 and {MAX_GAIN:g} (+12 dB)")
            voice.volume = float(volume)
        if denoise is not None and denoise != (voice.denoise is not None):
            if denoise:
                from .denoise import NoiseSuppressor  # the model loads only when someone wants it
                voice.denoise = NoiseSuppressor()
            else:
                voice.denoise = None
        for name, value in (("muted", muted), ("on_air", on_air), ("on_call", on_call)):
            if value is not None:
                setattr(voice, name, bool(value))
        return voice

    # -- feeding --------------------------------------------------------------------------------
    def push_host(self, chunk: AudioChunk) -> None:
        """A chunk from the host's microphone (any thread); it is mixed at once."""
        if chunk.sample_rate != RATE:
            raise ValueError(f"audio must be {RATE} Hz, got {chunk.sample_rate}")
        self._host_chunks.append(chunk)
        self._wake.set()

    def push(self, key: str, samples: np.ndarray) -> None:
        voice = self.inputs.get(key)
        if voice is not None:
            voice.push(samples)

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def _run(self) -> None:
        last_host = 0.0
        next_tick = time.monotonic()
        while not self._stop.is_set():
            self._wake.wait(max(0.0, next_tick - time.monotonic()))
            self._wake.clear()
            now = time.monotonic()
            try:
                while self._host_chunks:
                    chunk = self._host_chunks.popleft()
                    samples = chunk.samples[:, 0] if chunk.samples.ndim == 2 else chunk.samples
                    self.mix(samples.astype(np.float32), chunk.capture_time)
                    last_host = now
                if now - last_host > HOST_STALL_S and now >= next_tick:
                    self.mix(None, time.time())
                    next_tick = max(next_tick + CHUNK / RATE, now - CHUNK / RATE)
                elif now - last_host <= HOST_STALL_S:
                    next_tick = last_host + HOST_STALL_S
            except Exception:  # a bad chunk must not end the show's sound
                log.exception("audio mixer error")

    def mix(self, host: np.ndarray | None, capture_time: float) -> np.ndarray:
        """One chunk: the program goes to ``on_program``, each guest's mix-minus to its listener.
        ``host`` is the microphone's float32 samples, or None for silence (timer-driven)."""
        count = CHUNK if host is None else host.size
        signals: dict[str, np.ndarray | None] = {}
        for voice in list(self.inputs.values()):
            raw = host if voice.key == HOST else voice.take(count)
            denoise = voice.denoise  # read once: the host may switch it off meanwhile
            if raw is not None and denoise is not None:
                raw = denoise.process(raw.astype(np.int16).reshape(-1, 1)).reshape(-1).astype(np.float32)
            signal = None if raw is None else raw * voice.volume
            voice.meter(signal)
            signals[voice.key] = None if voice.muted else signal
        program = np.zeros(count, np.float32)
        call = np.zeros(count, np.float32)
        for voice in list(self.inputs.values()):
            signal = signals.get(voice.key)
            if signal is None:
                continue
            if voice.on_air:
                program += signal
            if voice.on_call:
                call += signal
        out = _to_int16(program)
        self.program.meter(program)
        self.chunks += 1
        self._on_program(AudioChunk(out.reshape(-1, 1), RATE, capture_time))
        for key, listener in list(self.returns.items()):
            own = signals.get(key)
            voice = self.inputs.get(key)
            minus = call - own if own is not None and voice is not None and voice.on_call else call
            listener(_to_int16(minus), capture_time)
        return out

    def state(self) -> dict:
        return {"inputs": [v.state() for v in list(self.inputs.values())], "program": self.program.state()}


def _to_int16(signal: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(signal), -32768, 32767).astype(np.int16)
