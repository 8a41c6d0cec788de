"""A moving test card and a tone, both stamped with wall-clock time so receivers can measure delay.

Every frame carries its number and capture time as a `timecode` stamp. Once a second a white
square flashes for 100 ms while the tone switches from 440 Hz to a 1 kHz beep; comparing the two at
a receiver measures audio/video sync.
"""

from __future__ import annotations

import time

import cv2
import numpy as np

from ..frames import AudioChunk, VideoFrame
from ..timecode import Stamp, band_height, draw_stamp
from .base import AudioSource, VideoSource, pace

FLASH_SECONDS = 0.1
_BARS = [(235, 235, 235), (235, 235, 16), (16, 235, 235), (16, 235, 16),
         (235, 16, 235), (235, 16, 16), (16, 16, 235), (16, 16, 16)]


def in_flash(t: float) -> bool:
    """True during the first 100 ms of each wall-clock second."""
    return (t % 1.0) < FLASH_SECONDS


def _flash_box(height: int) -> int:
    return max(16, height // 8)


def flash_shown(image: np.ndarray) -> bool:
    """Read back, from a received frame (RGB or luma), whether the sync square is lit."""
    h, w = image.shape[:2]
    box = _flash_box(h)
    return float(image[h - box * 2 + 4:h - box - 4, w - box * 2 + 4:w - box - 4].mean()) > 128


def beep_heard(samples: np.ndarray, sample_rate: int) -> bool:
    """Read back, from received audio (mono), whether the 1 kHz sync beep is playing."""
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float32)))
    freqs = np.fft.rfftfreq(len(samples), 1 / sample_rate)
    return bool(spectrum[np.abs(freqs - 1000) < 60].sum() > spectrum[np.abs(freqs - 440) < 60].sum())


class TestCardSource(VideoSource):
    name = "test card"
    __test__ = False  # not a pytest class, despite the name

    def __init__(self, width: int = 1280, height: int = 720, fps: float = 30.0, grain: float = 0.0) -> None:
        self.width, self.height, self.fps = width, height, fps
        self._background = self._draw_background()
        # Camera-like sensor noise (σ in grey levels): it costs an encoder bits as a real camera
        # does, so rate control can be tested on a card. A few patterns, used in turn.
        rng = np.random.default_rng(7)
        self._grain: list[tuple[np.ndarray, np.ndarray]] = []  # (to add, to subtract), saturating
        for _ in range(4 if grain > 0 else 0):
            noise = np.repeat(rng.normal(0, grain, (height, width, 1)).round().clip(-64, 64), 3, axis=2)
            self._grain.append((noise.clip(0, None).astype(np.uint8), (-noise).clip(0, None).astype(np.uint8)))
        self._seq = 0
        self._next_due = 0.0

    def _draw_background(self) -> np.ndarray:
        image = np.zeros((self.height, self.width, 3), np.uint8)
        top = band_height(self.width)
        bar_w = self.width / len(_BARS)
        for i, colour in enumerate(_BARS):
            image[top:self.height * 2 // 3, int(i * bar_w):int((i + 1) * bar_w)] = colour
        ramp = np.linspace(16, 235, self.width).astype(np.uint8)
        image[self.height * 2 // 3:] = ramp[None, :, None]
        return image

    def open(self) -> None:
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"width": self.width, "height": self.height, "fps": self.fps}

    def read(self) -> VideoFrame:
        self._next_due = pace(self._next_due, 1.0 / self.fps)
        now = time.time()
        image = self._background.copy()
        h, w = self.height, self.width
        # A box that sweeps across the bars shows motion and judders visibly on dropped frames.
        box = _flash_box(h)
        x = int((self._seq * 8) % (w - box))
        cv2.rectangle(image, (x, h // 3), (x + box, h // 3 + box), (250, 250, 250), -1)
        image[h - box * 2:h - box, w - box * 2:w - box] = 255 if in_flash(now) else 0
        if self._grain:
            brighter, darker = self._grain[self._seq % len(self._grain)]
            image = cv2.subtract(cv2.add(image, brighter), darker)
        label = f"Host Studio  #{self._seq}  {time.strftime('%H:%M:%S')}.{int(now * 1000) % 1000:03d}"
        cv2.putText(image, label, (box // 2, h - box // 2), cv2.FONT_HERSHEY_SIMPLEX, h / 720,
                    (255, 255, 255), max(1, h // 360), cv2.LINE_AA)
        draw_stamp(image, Stamp(self._seq, int(now * 1000)))
        frame = VideoFrame(image, now, self._seq)
        self._seq += 1
        return frame


class ToneSource(AudioSource):
    """440 Hz at -20 dBFS with a 1 kHz beep during each flash; 20 ms chunks at 48 kHz mono."""

    name = "test tone"
    chunk_seconds = 0.02

    def __init__(self, sample_rate: int = 48000) -> None:
        self.sample_rate = sample_rate
        self._next_due = 0.0
        self._phase = 0.0  # carried across chunks: a phase that restarts each chunk clicks every 20 ms

    def open(self) -> None:
        self._next_due = time.monotonic()

    def describe(self) -> dict:
        return {"sample_rate": self.sample_rate, "channels": 1}

    def read(self) -> AudioChunk:
        self._next_due = pace(self._next_due, self.chunk_seconds)
        now = time.time()
        n = int(self.sample_rate * self.chunk_seconds)
        t = now + np.arange(n) / self.sample_rate
        freq = np.where((t % 1.0) < FLASH_SECONDS, 1000.0, 440.0)
        phase = self._phase + 2 * np.pi * np.cumsum(freq) / self.sample_rate
        self._phase = float(phase[-1] % (2 * np.pi))
        samples = (0.1 * np.sin(phase) * 32767).astype(np.int16)[:, None]
        return AudioChunk(samples, self.sample_rate, now)
