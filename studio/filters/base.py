"""The one interface every video filter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ..options import LiveOptions
from ..vision.context import FrameContext


class VideoFilter(LiveOptions, ABC):
    """Frame in, frame out. ``apply`` must not modify its input: sources may share buffers.

    Filters run on the pipeline's video thread; heavy work should use numpy or OpenCV, which
    release the GIL. ``set_options`` may be called from another thread between frames.
    """

    name = "filter"
    enabled = True
    # True if the filter changes no pixel outside face regions except by denoising or sharpening;
    # filters that are not are bypassed while true-colour product mode is on.
    true_colour_safe = False
    changes_size = False  # True for filters that may return another size (the upscaler)
    # True if every pixel stays where it was (colour and detail filters; not mirror or warps): faces
    # found on the input then still fit the output, so face analysis can start before it.
    keeps_geometry = False
    uses_faces = False  # reads FrameContext.faces

    @abstractmethod
    def apply(self, image: np.ndarray) -> np.ndarray:
        """Return the filtered RGB image (H×W×3 uint8)."""

    def needs_faces(self, true_colour: bool) -> bool:
        """Whether this frame's ``process`` will ask for faces."""
        return self.uses_faces

    # Face-aware filters override this to read the frame's shared facts (faces, true-colour mode).
    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        return self.apply(image)
