"""The one interface every video filter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class VideoFilter(ABC):
    """Frame in, frame out. ``apply`` must not modify its input: sources may share buffers.

    Filters run on the pipeline's video thread; heavy work should use numpy or OpenCV, which
    release the GIL. ``set_options`` may be called from another thread between frames.
    """

    name = "filter"
    enabled = True

    @abstractmethod
    def apply(self, image: np.ndarray) -> np.ndarray:
        """Return the filtered RGB image (H×W×3 uint8)."""

    def set_options(self, **options: object) -> None:
        """Change options live (from the host window); an unknown option is a ValueError."""
        for key, value in options.items():
            if not hasattr(self, key):
                raise ValueError(f"{self.name} has no option {key!r}")
            setattr(self, key, value)
