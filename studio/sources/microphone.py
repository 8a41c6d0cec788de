"""Microphone capture through sounddevice (PortAudio)."""

from __future__ import annotations

import time

import numpy as np

from ..frames import AudioChunk
from .base import AudioSource, SourceUnavailable
from .devices import backend_for, input_settings, pick_microphones


def _sounddevice():
    try:
        import sounddevice
    except OSError as exc:  # PortAudio library missing
        raise SourceUnavailable(f"audio system unavailable: {exc}") from exc
    return sounddevice


def list_microphones(rescan: bool = False) -> list[dict]:
    """Input devices PortAudio reports, from the platform's preferred host API; empty when there is
    no audio system. Each is ``{"index", "name", "channels", "hostapi"}``.

    PortAudio fixes its device list when it starts, so ``rescan`` restarts it to see a newly
    plugged microphone. Do not rescan while a microphone is being captured.
    """
    try:
        sd = _sounddevice()
        if rescan:
            sd._terminate()  # sounddevice has no public rescan
            sd._initialize()
        return pick_microphones(sd.query_devices(), sd.query_hostapis(), backend_for().mic_hostapi)
    except (SourceUnavailable, Exception):  # noqa: BLE001 - a broken audio stack means "no microphones"
        return []


class MicrophoneSource(AudioSource):
    name = "microphone"
    chunk_seconds = 0.02

    def __init__(self, device: int | str | None = None, sample_rate: int = 48000) -> None:
        self.device, self.sample_rate = device, sample_rate
        self._stream = None

    def open(self) -> None:
        sd = _sounddevice()
        try:
            self._stream = sd.InputStream(device=self.device, channels=1, samplerate=self.sample_rate,
                                          dtype="int16", blocksize=int(self.sample_rate * self.chunk_seconds),
                                          extra_settings=input_settings(sd, self.device))
            self._stream.start()
        except Exception as exc:  # PortAudioError or ValueError for an unknown device
            self._stream = None
            raise SourceUnavailable(f"microphone {self.device!r} unavailable: {exc}") from exc

    def describe(self) -> dict:
        return {"device": self.device, "sample_rate": self.sample_rate, "channels": 1}

    def read(self) -> AudioChunk:
        if self._stream is None:
            raise SourceUnavailable("microphone is not open")
        try:
            data, _overflowed = self._stream.read(int(self.sample_rate * self.chunk_seconds))
        except Exception as exc:
            raise SourceUnavailable(f"microphone stopped: {exc}") from exc
        return AudioChunk(np.asarray(data, np.int16).reshape(-1, 1), self.sample_rate, time.time())

    def close(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close()
            finally:
                self._stream = None
