"""Noise suppression (studio/audio/denoise.py) on real signals: RNNoise runs on a synthesized voice
mixed with stationary noise, and the tests measure what comes out.

No speech recording ships with any package here, so the voice is synthesized: harmonics of a pitch
gliding between 120 and 220 Hz, shaped by vowel formants that change every syllable, under a
syllable envelope (about 4.5 syllables a second). RNNoise takes it for speech (it keeps it) and
takes the noises for noise (it removes them), which is what the bounds below check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from studio.audio.denoise import FRAME, LATENCY_SAMPLES, SAMPLE_RATE, NoiseSuppressor, available

RATE = SAMPLE_RATE
SPEECH_RMS = 3000.0  # about -21 dBFS, a normal talking level on a microphone
SNR_DB = 10.0  # a noisy room, not a hopeless one
# (kind, seconds): noise alone, then speech over the noise, twice.
LAYOUT = [("noise", 1.5), ("speech", 2.5), ("noise", 1.5), ("speech", 2.5), ("noise", 1.0)]
SETTLE = RATE // 2  # noise measured from 0.5 s into a pause: past the last syllable's tail

# Bounds, with their margins, measured over 20 noise seeds x (white, pink, fan) at 10 dB SNR: the
# noise drops by 29.5 dB at worst (a fan), 40-70 dB typically, up to 150 dB (digital silence out);
# the speech segments lose 0.2-1.2 dB of the clean voice's energy.
MIN_NOISE_DROP_DB = 20.0
MAX_SPEECH_LOSS_DB = 3.0

# Vowel formants (F1, F2, F3) in Hz: a, i, e, o, u.
VOWELS = np.array([(730, 1090, 2440), (270, 2290, 3010), (530, 1840, 2480), (570, 840, 2410), (300, 870, 2240)])


def voice(seconds: float) -> np.ndarray:
    """A voiced, speech-like signal with unit RMS."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    # Pitch glides 120 -> 220 -> 120 Hz over the phrase, with a slight 5 Hz vibrato.
    f0 = 120 + 100 * (0.5 - 0.5 * np.cos(2 * np.pi * t / seconds)) + 3 * np.sin(2 * np.pi * 5.3 * t)
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    syllable = 0.22
    formants = VOWELS[(t // syllable).astype(int) % len(VOWELS)]  # (n, 3)
    out = np.zeros(n)
    for k in range(1, 40):
        fk = k * f0
        # Resonances of the vocal tract at the formants, over the glottal source's 1/k roll-off.
        gain = sum(g / (1 + ((fk - formants[:, i]) / (0.08 * formants[:, i] + 60)) ** 2)
                   for i, g in enumerate((1.0, 0.5, 0.25)))
        out += np.where(fk < 5000, gain / k, 0.0) * np.sin(k * phase)
    # Each syllable swells and fades; the formants switch while it is silent.
    out *= np.clip(1.3 * np.sin(np.pi * (t % syllable) / syllable), 0, 1) ** 1.5
    return out / np.sqrt(np.mean(out**2))


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.sqrt(np.mean(x**2))


def noise(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """Stationary noise with unit RMS: white, pink (1/f), or a fan (motor hum and air whoosh)."""
    if kind == "white":
        return unit(rng.standard_normal(n))
    if kind == "pink":
        spectrum = np.fft.rfft(rng.standard_normal(n))
        spectrum[1:] /= np.sqrt(np.fft.rfftfreq(n, 1 / RATE)[1:])
        spectrum[0] = 0
        return unit(np.fft.irfft(spectrum, n))
    t = np.arange(n) / RATE
    hum = sum(np.sin(2 * np.pi * 100 * k * t + k) / k for k in range(1, 6))
    whoosh = np.convolve(rng.standard_normal(n), np.ones(48) / 48, mode="same")  # low-passed, ~1 kHz
    return unit(unit(hum) + 2 * unit(whoosh))


def spans(kind: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for what, seconds in LAYOUT:
        end = start + int(seconds * RATE)
        if what == kind:
            out.append((start, end))
        start = end
    return out


def mixture(noise_kind: str, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(clean voice as float, noisy int16 (n, 1) input) laid out as LAYOUT."""
    total = spans("noise")[-1][1]
    clean = np.zeros(total)
    for start, end in spans("speech"):
        clean[start:end] = voice((end - start) / RATE) * SPEECH_RMS
    noisy = clean + noise(noise_kind, total, np.random.default_rng(seed)) * SPEECH_RMS / 10 ** (SNR_DB / 20)
    return clean, np.clip(np.rint(noisy), -32768, 32767).astype(np.int16).reshape(-1, 1)


def in_chunks(ns: NoiseSuppressor, samples: np.ndarray, size: int) -> np.ndarray:
    return np.concatenate([ns.process(samples[i:i + size]) for i in range(0, len(samples), size)])


def energy_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.asarray(x, np.float64) ** 2) + 1e-9))


def aligned(output: np.ndarray) -> np.ndarray:
    """The output moved back by the stated latency, as float, so index i matches input sample i."""
    return np.concatenate([output[LATENCY_SAMPLES:, 0], np.zeros(LATENCY_SAMPLES)]).astype(np.float64)


def test_available_here() -> None:
    assert available() is None, available()
    ns = NoiseSuppressor()
    assert ns.name == "rnnoise"
    assert ns.latency_ms == pytest.approx(20.0)


@pytest.mark.parametrize("noise_kind", ["white", "pink", "fan"])
def test_removes_noise_and_keeps_speech(noise_kind: str) -> None:
    clean, noisy = mixture(noise_kind)
    out = in_chunks(NoiseSuppressor(), noisy, 960)
    assert out.shape == noisy.shape and out.dtype == np.int16
    y, x = aligned(out), noisy[:, 0].astype(np.float64)
    for start, end in spans("noise"):
        drop = energy_db(x[start + SETTLE:end - LATENCY_SAMPLES]) - energy_db(y[start + SETTLE:end - LATENCY_SAMPLES])
        assert drop >= MIN_NOISE_DROP_DB, f"{noise_kind} noise at {start / RATE:.1f} s dropped only {drop:.1f} dB"
    for start, end in spans("speech"):
        loss = energy_db(clean[start:end]) - energy_db(y[start:end])
        assert loss <= MAX_SPEECH_LOSS_DB, f"speech at {start / RATE:.1f} s lost {loss:.1f} dB under {noise_kind} noise"


def test_latency_is_what_it_states() -> None:
    clean, noisy = mixture("pink")
    out = NoiseSuppressor().process(noisy)[:, 0].astype(np.float64)
    # Cross-correlate the output with the clean voice; the peak is the delay the filter adds.
    size = 2 * len(clean)
    corr = np.fft.irfft(np.fft.rfft(out, size) * np.conj(np.fft.rfft(clean, size)), size)[:4 * FRAME]
    lag = int(np.argmax(corr))
    # RNNoise's DC-blocking high-pass shifts the low end by a sample or so.
    assert abs(lag - LATENCY_SAMPLES) <= 2, lag
    assert NoiseSuppressor.latency_ms == pytest.approx(LATENCY_SAMPLES * 1000 / RATE)
    assert LATENCY_SAMPLES == 960


def test_chunk_size_does_not_change_the_output() -> None:
    _, noisy = mixture("fan")
    noisy = noisy[: 3 * RATE]
    whole = NoiseSuppressor().process(noisy)
    assert np.array_equal(in_chunks(NoiseSuppressor(), noisy, 480), whole)
    assert np.array_equal(in_chunks(NoiseSuppressor(), noisy, 960), whole)
    # Two instances fed in turn (two sources on one thread) keep their own state.
    a, b = NoiseSuppressor(), NoiseSuppressor()
    outs_a, outs_b = [], []
    for i in range(0, len(noisy), 960):
        outs_a.append(a.process(noisy[i:i + 960]))
        outs_b.append(b.process(np.zeros((960, 1), np.int16)))
    assert np.array_equal(np.concatenate(outs_a), whole)
    assert not np.concatenate(outs_b).any()  # silence in, silence out


def test_output_is_a_new_array_and_input_untouched() -> None:
    _, noisy = mixture("white")
    chunk = noisy[RATE * 2:RATE * 2 + 960].copy()
    before = chunk.copy()
    out = NoiseSuppressor().process(chunk)
    assert out.shape == (960, 1) and out.dtype == np.int16
    assert np.array_equal(chunk, before)
    assert NoiseSuppressor().process(np.zeros((0, 1), np.int16)).shape == (0, 1)


@pytest.mark.parametrize("bad, message", [
    (np.zeros((960, 1), np.float32), "int16"),
    (np.zeros((960, 1), np.int32), "int16"),
    ([0] * 960, "int16"),
    (np.zeros(960, np.int16), r"shape \(n, 1\)"),
    (np.zeros((960, 2), np.int16), r"shape \(n, 1\)"),
    (np.zeros((1000, 1), np.int16), "multiple of 480"),
    (np.zeros((1, 960), np.int16), r"got \(1, 960\)"),
])
def test_wrong_input_is_refused(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        NoiseSuppressor().process(bad)  # type: ignore[arg-type]


def test_closed_instance_refuses() -> None:
    ns = NoiseSuppressor()
    ns.close()
    ns.close()  # twice is harmless
    with pytest.raises(RuntimeError, match="close"):
        ns.process(np.zeros((480, 1), np.int16))


def test_missing_package_is_reported() -> None:
    # A fresh interpreter where importing pyrnnoise fails, as if it were not installed.
    code = (
        "import sys; sys.modules['pyrnnoise'] = None\n"
        "from studio.audio.denoise import DenoiseUnavailable, NoiseSuppressor, available\n"
        "print(available())\n"
        "try:\n"
        "    NoiseSuppressor()\n"
        "except DenoiseUnavailable as error:\n"
        "    print('raised:', error)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    reason, raised = result.stdout.strip().splitlines()
    assert "pyrnnoise" in reason and "pip install pyrnnoise" in reason
    assert raised.startswith("raised: noise suppression is unavailable:") and "pyrnnoise" in raised
