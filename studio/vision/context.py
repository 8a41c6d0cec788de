"""What face-aware filters share within one frame: the faces (found once, by the first filter that
asks) and whether true-colour product mode is on."""

from __future__ import annotations

import logging
import threading

import numpy as np

from .faces import Face, FaceTracker
from .models import ModelMissing
from .regions import FaceRegions, regions_for

log = logging.getLogger(__name__)


class FaceAnalysis:
    """One face tracker per show; it keeps tracks from frame to frame. Loads its models on first use."""

    def __init__(self, max_faces: int = 4) -> None:
        self.max_faces = max_faces
        self._tracker: FaceTracker | None = None
        self.error = ""
        self._lock = threading.Lock()

    def faces(self, image: np.ndarray, timestamp: float) -> list[Face]:
        with self._lock:
            if self._tracker is None and not self.error:
                try:
                    self._tracker = FaceTracker(self.max_faces)
                except ModelMissing as exc:
                    self.error = str(exc)
                    log.error("face analysis off: %s", exc)
            if self._tracker is None:
                return []
            return self._tracker.update(image, timestamp)


class FrameContext:
    """Per-frame facts for ``VideoFilter.process``. Face-only effects with no face do nothing."""

    def __init__(self, analysis: FaceAnalysis | None, timestamp: float, true_colour: bool = False) -> None:
        self.analysis = analysis
        self.timestamp = timestamp
        self.true_colour = true_colour
        self._faces: list[Face] | None = None
        self._regions: list[FaceRegions] | None = None

    def faces(self, image: np.ndarray) -> list[Face]:
        """Faces in this frame, found on the image of the first filter that asks."""
        if self._faces is None:
            self._faces = self.analysis.faces(image, self.timestamp) if self.analysis else []
        return self._faces

    def regions(self, image: np.ndarray) -> list[FaceRegions]:
        if self._regions is None:
            self._regions = regions_for(self.faces(image), image.shape)
        return self._regions
