"""Noise suppression for microphone audio (the host's mic, co-host guests), with RNNoise.

RNNoise is a small recurrent network whose weights are compiled into the library: nothing is
downloaded, at install or at run time. It works natively at 48 kHz on 480-sample (10 ms) frames,
which is the studio's audio format, so there is no resampling.

The library comes from the `pyrnnoise` wheel (`librnnoise.so` in the package folder), but we call
its C API (`rnnoise.h`) through ctypes ourselves rather than the package's Python wrapper:
importing `pyrnnoise` runs its `__init__`, which pulls in audiolab (PyAV filter graphs, requests;
about 0.2 s) for file helpers we do not use, and its frame helper casts the float output to int16
without rounding or clipping, so a loud peak wraps around instead of saturating.

Usage: one `NoiseSuppressor` per audio source, fed from that source's thread::

    if available() is None:
        ns = NoiseSuppressor()
        chunk.samples = ns.process(chunk.samples)  # (n, 1) int16, n a multiple of 480
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import sys
import weakref
from pathlib import Path

import numpy as np

SAMPLE_RATE = 48_000
FRAME = 480  # RNNoise's frame: 10 ms at 48 kHz
# RNNoise 0.2 applies the gains computed from frame n to frame n - 1 (one frame of look-ahead),
# then overlap-adds 20 ms windows (one more frame): the output is two frames late. Checked in
# tests/test_denoise.py by cross-correlation.
LATENCY_SAMPLES = 2 * FRAME


class DenoiseUnavailable(Exception):
    """The noise suppressor cannot run here; the message says why and how to fix it."""


def _library_name() -> str:
    # The names the pyrnnoise wheels use on each platform.
    if sys.platform == "darwin":
        return "librnnoise.dylib"
    if sys.platform == "win32":
        return "rnnoise.dll"
    return "librnnoise.so"


@functools.cache
def _load() -> ctypes.CDLL | str:
    """The RNNoise library with its signatures set, or the reason it cannot be loaded."""
    # find_spec locates the package without running its __init__ (see the module docstring).
    try:
        spec = importlib.util.find_spec("pyrnnoise")
    except (ImportError, ValueError) as error:
        spec, reason = None, f"pyrnnoise cannot be located: {error}"
    else:
        reason = "the pyrnnoise package is not installed (pip install pyrnnoise)"
    if spec is None or not spec.submodule_search_locations:
        return reason
    path = Path(next(iter(spec.submodule_search_locations))) / _library_name()
    if not path.is_file():
        return f"pyrnnoise is installed but has no RNNoise library for this platform ({path} is missing)"
    try:
        lib = ctypes.CDLL(str(path))
        lib.rnnoise_create.argtypes = [ctypes.c_void_p]  # model; NULL = the built-in one
        lib.rnnoise_create.restype = ctypes.c_void_p
        lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
        lib.rnnoise_destroy.restype = None
        # (state, out, in) -> speech probability; buffers are passed as addresses so a long
        # chunk is walked frame by frame without making a ctypes object per frame.
        lib.rnnoise_process_frame.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        lib.rnnoise_process_frame.restype = ctypes.c_float
        lib.rnnoise_get_frame_size.argtypes = []
        lib.rnnoise_get_frame_size.restype = ctypes.c_int
    except (OSError, AttributeError) as error:
        return f"the RNNoise library in pyrnnoise cannot be loaded ({path}): {error}"
    if lib.rnnoise_get_frame_size() != FRAME:
        return f"the RNNoise library uses {lib.rnnoise_get_frame_size()}-sample frames, expected {FRAME}"
    return lib


def available() -> str | None:
    """None if noise suppression can run here, else the reason it cannot."""
    loaded = _load()
    return loaded if isinstance(loaded, str) else None


class NoiseSuppressor:
    """RNNoise on one mono 48 kHz int16 stream.

    Keeps the network's state between calls, so use one instance per audio source and call it
    from one thread. The output is the input denoised and delayed by `latency_ms` (two frames, 20 ms).
    """

    name: str = "rnnoise"
    latency_ms: float = LATENCY_SAMPLES * 1000 / SAMPLE_RATE

    def __init__(self) -> None:
        loaded = _load()
        if isinstance(loaded, str):
            raise DenoiseUnavailable(f"noise suppression is unavailable: {loaded}")
        self._lib = loaded
        state = loaded.rnnoise_create(None)
        if not state:
            raise MemoryError("rnnoise_create failed")
        self._state: int | None = state
        # Frees the C state when the instance goes away, or at close().
        self._release = weakref.finalize(self, loaded.rnnoise_destroy, state)
        self.speech_probability = 0.0  # RNNoise's voice activity estimate for the last frame

    def process(self, samples: np.ndarray) -> np.ndarray:
        """Denoise int16 samples of shape (n, 1), n a multiple of 480; returns the same shape and dtype."""
        if not isinstance(samples, np.ndarray) or samples.dtype != np.int16:
            kind = samples.dtype if isinstance(samples, np.ndarray) else type(samples).__name__
            raise ValueError(f"NoiseSuppressor.process needs an int16 numpy array, got {kind}")
        if samples.ndim != 2 or samples.shape[1] != 1 or samples.shape[0] % FRAME:
            raise ValueError(f"NoiseSuppressor.process needs shape (n, 1) with n a multiple of {FRAME} "
                             f"(10 ms at 48 kHz, mono), got {samples.shape}")
        if self._state is None:
            raise RuntimeError("NoiseSuppressor.process called after close()")
        # RNNoise takes floats on the int16 scale; it may work in place (out == in).
        buffer = samples[:, 0].astype(np.float32)
        address = buffer.ctypes.data
        step = FRAME * buffer.itemsize
        process_frame, state = self._lib.rnnoise_process_frame, self._state
        probability = self.speech_probability
        for offset in range(0, buffer.nbytes, step):
            probability = process_frame(state, address + offset, address + offset)
        self.speech_probability = float(probability)
        # Round and saturate: the network may overshoot full scale on loud input.
        np.rint(buffer, out=buffer)
        np.clip(buffer, -32768, 32767, out=buffer)
        return buffer.astype(np.int16).reshape(-1, 1)

    def close(self) -> None:
        """Free the C state now; the instance cannot process after this."""
        self._state = None
        self._release()
