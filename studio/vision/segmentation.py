"""Person segmentation, offline (MediaPipe's landscape selfie model through OpenCV). The model runs
on its own thread at a capped rate on the newest frame, so the program thread never waits for it,
and fits its answer to that frame there, so edges follow hair and hands."""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Callable

import cv2
import numpy as np

from ..frames import LatestSlot
from ..imaging import guided_filter, shrink
from .models import PERSON_SEGMENTER, load_net

MODEL_SIZE = (256, 144)  # width, height
# Model scores mapped to 0 and 1 before the mask is fitted: a compromise between keeping what the
# host holds up (the model scores a held object 0.3–0.6) and edges that sit on the picture's own.
UNSURE_BELOW, SURE_FROM = 0.2, 0.55
IDLE_EXIT_SECONDS = 2.0  # the worker ends when no frame came this long (the filter was removed)

_STOP = object()
_live: weakref.WeakSet[PersonSegmenter] = weakref.WeakSet()


@atexit.register
def _stop_workers() -> None:
    # A daemon thread still inside OpenCV when the interpreter exits aborts the process.
    for segmenter in list(_live):
        segmenter.close()


def _model_input(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, MODEL_SIZE, interpolation=cv2.INTER_AREA if image.shape[1] > MODEL_SIZE[0]
                      else cv2.INTER_LINEAR)


def _fit(coarse: np.ndarray, quarter: np.ndarray) -> np.ndarray:
    """The model-size mask at ``quarter``'s size (uint8), its edges snapped to the picture's."""
    size = (quarter.shape[1], quarter.shape[0])
    guide = cv2.cvtColor(quarter, cv2.COLOR_RGB2GRAY).astype(np.float32) * (1 / 255)
    # The model is unsure about what a person holds up: lift its middling scores.
    sure = np.clip((coarse - UNSURE_BELOW) / (SURE_FROM - UNSURE_BELOW), 0, 1)
    rough = cv2.resize(sure, size, interpolation=cv2.INTER_LINEAR)
    fitted = guided_filter(guide, rough, max(2, size[1] // 45), 1e-3)
    # Clipped first: the guided filter overshoots a little, and negative weight is not person.
    return np.clip(fitted * 255 + 0.5, 0, 255).astype(np.uint8)


class PersonSegmenter:
    def __init__(self, rate_hz: float = 15.0, threaded: bool = True) -> None:
        self.net = load_net(PERSON_SEGMENTER)
        self.rate_hz = rate_hz
        self.threaded = threaded
        self.runs = 0
        self.model_ms = 0.0
        self._slot = LatestSlot()
        self._mask: np.ndarray | None = None
        self._fitted: np.ndarray | None = None  # the newest model mask fitted to its frame (uint8)
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._next_due = 0.0  # monotonic time from which the worker takes another frame
        self._closed = False
        _live.add(self)

    def close(self) -> None:
        self._closed = True
        self._slot.put(_STOP)  # wakes the worker
        if self._worker is not None:
            self._worker.join(timeout=2)

    def infer(self, small: np.ndarray) -> np.ndarray:
        """Person probability (float32, model size) for a model-size RGB image."""
        started = time.perf_counter()
        self.net.setInput(cv2.dnn.blobFromImage(small, 1 / 255.0))
        mask = self.net.forward()[0, 0].astype(np.float32)
        self.model_ms = (time.perf_counter() - started) * 1000
        self.runs += 1
        return mask

    def _update(self, quarter: np.ndarray) -> None:
        """The model's answer for ``quarter``, fitted to it: fitting to the very frame the model saw
        puts the edges on that frame's hair and hands, and it happens off the program thread."""
        coarse = self.infer(_model_input(quarter))
        if self._mask is not None:  # a little temporal smoothing keeps edges from shimmering
            coarse = 0.4 * self._mask + 0.6 * coarse
        fitted = _fit(coarse, quarter)
        with self._lock:
            self._mask, self._fitted = coarse, fitted

    def _request(self, quarter: np.ndarray, later: Callable[[Callable[[], object]], None] | None) -> None:
        if not self.threaded:
            self._update(quarter)
        elif not self._closed and time.monotonic() >= self._next_due:
            hand_over = lambda: self._hand_over(quarter)  # noqa: E731
            hand_over() if later is None else later(hand_over)

    def coarse_mask(self, quarter: np.ndarray, later: Callable[[Callable[[], object]], None] | None = None,
                    ) -> np.ndarray | None:
        """Hand ``quarter`` (a quarter-size RGB copy of the frame) over (through ``later``: at the
        end of the chain) and return the newest model-size mask (None until the first)."""
        self._request(quarter, later)
        with self._lock:
            return self._mask

    def fitted(self, quarter: np.ndarray, later: Callable[[Callable[[], object]], None] | None = None,
               ) -> np.ndarray | None:
        """Like ``coarse_mask``, but the newest mask fitted to its frame: uint8, 255 = person, at
        the size of ``quarter``. Between model runs the same array comes back."""
        self._request(quarter, later)
        with self._lock:
            fitted = self._fitted
        if fitted is not None and fitted.shape != quarter.shape[:2]:  # the frame size changed
            fitted = cv2.resize(fitted, (quarter.shape[1], quarter.shape[0]), interpolation=cv2.INTER_LINEAR)
        return fitted

    def _hand_over(self, quarter: np.ndarray) -> None:
        # The frame is handed over as the chain ends, when it is due, and the worker takes it at
        # once: the model then runs in the gap before the next frame instead of beside the chain.
        self._next_due = time.monotonic() + 0.8 / self.rate_hz  # slack for frame-time jitter
        self._slot.put(quarter)
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="segmenter", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        while not self._closed:
            quarter = self._slot.get(timeout=IDLE_EXIT_SECONDS + 1 / self.rate_hz)
            if not isinstance(quarter, np.ndarray) or self._closed:
                return
            self._update(quarter)

    def mask(self, image: np.ndarray) -> np.ndarray | None:
        """The person mask for RGB ``image``, at its size."""
        fitted = self.fitted(shrink(image, 4))
        return None if fitted is None else cv2.resize(fitted, (image.shape[1], image.shape[0]),
                                                      interpolation=cv2.INTER_LINEAR)
