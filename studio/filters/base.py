"""The one interface every video filter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ..options import LiveOptions


class VideoFilter(LiveOptions, ABC):
    """Frame in, frame out. ``apply`` must not modify its input: sources may share buffers.

    Filters run on the pipeline's video thread; heavy work should use numpy or OpenCV, which
    release the GIL. ``set_options`` may be called from another thread between frames.
    """

    name = "filter"
    enabled = True

    @abstractmethod
    def apply(self, image: np.ndarray) -> np.ndarray:
        """Return the filtered RGB image (H×W×3 uint8)."""
