"""Person segmentation, offline (MediaPipe's landscape selfie model through OpenCV). The model runs
on its own thread at a capped rate on the newest frame, so the program thread never waits for it;
the mask is refined against each current frame so edges follow hair and hands."""

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
        self._fitted_from: np.ndarray | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
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

    def _store(self, mask: np.ndarray) -> None:
        with self._lock:
            # A little temporal smoothing on the small mask keeps edges from shimmering.
            self._mask = mask if self._mask is None else 0.4 * self._mask + 0.6 * mask

    def coarse_mask(self, image: np.ndarray, later: Callable[[Callable[[], object]], None] | None = None,
                    ) -> np.ndarray | None:
        """Hand ``image`` over (through ``later``: at the end of the chain) and return the newest
        model-size mask (None until the first)."""
        small = cv2.resize(image, MODEL_SIZE, interpolation=cv2.INTER_AREA if image.shape[1] > MODEL_SIZE[0]
                           else cv2.INTER_LINEAR)
        if not self.threaded:
            self._store(self.infer(small))
        elif not self._closed:
            hand_over = lambda: self._hand_over(small)  # noqa: E731
            hand_over() if later is None else later(hand_over)
        with self._lock:
            return self._mask

    def _hand_over(self, small: np.ndarray) -> None:
        self._slot.put(small)
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="segmenter", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        interval = 1 / self.rate_hz
        while not self._closed:
            small = self._slot.get(timeout=IDLE_EXIT_SECONDS)
            if not isinstance(small, np.ndarray) or self._closed:
                return
            started = time.monotonic()
            self._store(self.infer(small))
            time.sleep(max(0.0, interval - (time.monotonic() - started)))

    def mask(self, image: np.ndarray, quarter: np.ndarray | None = None,
             later: Callable[[Callable[[], object]], None] | None = None) -> np.ndarray | None:
        """Full-size uint8 person mask (255 = person) for ``image``. Each new model mask is fitted
        to the frame it arrives with, at quarter size (``quarter``: the caller's own quarter-size
        copy, if it has one), so its edges follow hair and hands; between model runs the fitted
        mask is reused."""
        h, w = image.shape[:2]
        if quarter is None:
            quarter = shrink(image, 4)
        coarse = self.coarse_mask(quarter, later)
        if coarse is None:
            return None
        if coarse is not self._fitted_from or self._fitted is None or self._fitted.shape != quarter.shape[:2]:
            size = (quarter.shape[1], quarter.shape[0])
            guide = cv2.cvtColor(quarter, cv2.COLOR_RGB2GRAY).astype(np.float32) * (1 / 255)
            # The model is unsure about what a person holds up: lift its middling scores.
            sure = np.clip((coarse - UNSURE_BELOW) / (SURE_FROM - UNSURE_BELOW), 0, 1)
            rough = cv2.resize(sure, size, interpolation=cv2.INTER_LINEAR)
            fitted = guided_filter(guide, rough, max(2, size[1] // 45), 1e-3)
            # Clipped first: the guided filter overshoots a little, and negative weight is not person.
            self._fitted, self._fitted_from = np.clip(fitted * 255 + 0.5, 0, 255).astype(np.uint8), coarse
        return cv2.resize(self._fitted, (w, h), interpolation=cv2.INTER_LINEAR)
