"""What face-aware filters share within one frame: the faces (found once, by the first filter that
asks) and whether true-colour product mode is on."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .. import i420
from .faces import Face, FaceTracker
from .models import INSTALL_HINT, ModelMissing
from .regions import FaceRegions, regions_for

log = logging.getLogger(__name__)


class FaceAnalysis:
    """One face tracker per show; it keeps tracks from frame to frame. Loads its models on first use."""

    def __init__(self, max_faces: int = 4) -> None:
        self.max_faces = max_faces
        self._tracker: FaceTracker | None = None
        self.error = ""
        self.face_count = 0  # in the last analysed frame
        self.analysis_ms = 0.0
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None

    def start(self, image: np.ndarray, timestamp: float,
              later: Callable[[Callable[[], object]], None] | None = None,
              ) -> Future[tuple[list[Face], list[FaceRegions]]]:
        """Analyse ``image`` on the analysis thread, while the program thread runs other filters:
        its faces, and their region masks. Detection is handed to ``later`` (the end of the chain),
        so it does not take a core from the chain; faces it finds are followed from the next frame."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="face-analysis")
        worker = self._worker
        answer = worker.submit(self._faces_and_regions, image, timestamp)
        detect = lambda: worker.submit(self.search, image)  # noqa: E731
        detect() if later is None else later(detect)
        return answer

    def _faces_and_regions(self, image: np.ndarray, timestamp: float) -> tuple[list[Face], list[FaceRegions]]:
        faces = self.faces(image, timestamp, search=False)
        return faces, regions_for(faces, image.shape)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None

    def _ready(self) -> FaceTracker | None:
        if self._tracker is None and not self.error:
            try:
                self._tracker = FaceTracker(self.max_faces)
            except ModelMissing as exc:
                self.error = str(exc)
            except Exception as exc:  # a damaged model file: OpenCV raises cv2.error
                self.error = f"the face models cannot be loaded ({type(exc).__name__}: {exc}); {INSTALL_HINT}"
            if self.error:
                log.error("face analysis off: %s", self.error)
        return self._tracker

    def faces(self, image: np.ndarray, timestamp: float, search: bool = True) -> list[Face]:
        """Faces in ``image``; with ``search`` False, only the faces already tracked (detection
        is left to ``search``)."""
        with self._lock:
            tracker = self._ready()
            if tracker is None:
                return []
            started = time.perf_counter()
            if search:
                tracker.search(image)
            faces = tracker.track(image, timestamp)
            self.analysis_ms = (time.perf_counter() - started) * 1000
            self.face_count = len(faces)
            return faces

    def search(self, image: np.ndarray) -> None:
        with self._lock:
            tracker = self._ready()
            if tracker is None:
                return
            try:
                tracker.search(image)
            except Exception:  # on the analysis thread nobody waits for it: say it here
                log.exception("face detection failed; tracked faces carry on")


class FrameContext:
    """Per-frame facts for ``VideoFilter.process``. Face-only effects with no face do nothing."""

    def __init__(self, analysis: FaceAnalysis | None, timestamp: float, true_colour: bool = False) -> None:
        self.analysis = analysis
        self.timestamp = timestamp
        self.true_colour = true_colour
        self._faces: list[Face] | None = None
        self._regions: list[FaceRegions] | None = None
        self._pending: Future[tuple[list[Face], list[FaceRegions]]] | None = None
        self._owned: list[np.ndarray] = []  # images made by this frame's filters
        self._after: list[Callable[[], object]] | None = None  # a list while a chain runs

    def after(self, work: Callable[[], object]) -> None:
        """Run ``work`` when the chain has finished this frame (at once outside a chain). Filters
        hand background jobs over here, so on two cores they start when the program thread is idle
        instead of taking a core from the rest of the chain."""
        if self._after is None:
            work()
        else:
            self._after.append(work)

    def begin(self) -> None:
        self._after = []

    def finish(self) -> None:
        work, self._after = self._after or [], None
        for job in work:
            job()

    def moved(self) -> None:
        """A filter moved the picture's pixels (mirror, upscaler, a warp): faces found before no
        longer fit, so later filters see none this frame rather than the wrong ones."""
        if self._faces is not None or self._pending is not None:
            self._faces, self._regions, self._pending = [], [], None

    def own(self, image: np.ndarray) -> None:
        self._owned.append(image)

    def owns(self, image: np.ndarray) -> bool:
        """True if an earlier filter of this frame made ``image``: then no source or other consumer
        shares it, and a filter may draw into it rather than copy it."""
        return any(image is owned for owned in self._owned)

    def prefetch(self, image: np.ndarray) -> None:
        """Start finding faces in ``image`` now; filters that ask later get the answer. Only for an
        image whose geometry the filters in between keep."""
        if self.analysis is not None and self._faces is None and self._pending is None:
            self._pending = self.analysis.start(image, self.timestamp, self.after)

    def faces(self, image: np.ndarray) -> list[Face]:
        """Faces in this frame: prefetched, or found on the image (RGB or I420) of the first filter
        that asks."""
        if self._faces is None:
            if self._pending is not None:
                self._faces, self._regions = self._pending.result()
            elif self.analysis is None:
                self._faces = []
            else:  # the models read RGB; normally the faces were prefetched from it
                self._faces = self.analysis.faces(i420.to_rgb(image) if image.ndim == 2 else image, self.timestamp)
        return self._faces

    def regions(self, image: np.ndarray) -> list[FaceRegions]:
        if self._regions is None:
            self._regions = regions_for(self.faces(image), i420.rgb_shape(image) if image.ndim == 2 else image.shape)
        return self._regions
