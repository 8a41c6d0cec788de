"""The one interface every video filter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import cv2
import numpy as np

from .. import i420
from ..options import LiveOptions
from ..vision.context import FrameContext


class VideoFilter(LiveOptions, ABC):
    """Frame in, frame out. ``apply`` must not modify its input: sources may share buffers.

    Filters run on the pipeline's video thread; heavy work should use numpy or OpenCV, which
    release the GIL. ``set_options`` may be called from another thread between frames.

    Over budget (API 1.3): a filter that declares ``degrade_levels = N`` offers N lighter ways of
    doing the same effect (a lower internal resolution, a coarser grid, a step done every other
    frame), each cheaper than the one before. When most of its recent calls overrun its budget,
    the guard sets ``degrade`` one higher (0 is full quality, N the lightest) before the next call,
    and back down one at a time once its calls have had room for a few seconds; the filter reads
    ``self.degrade`` in each call. A filter that declares ``alternate_frames_safe = True`` may
    also be run on every other frame only (the frames between pass through unchanged) when its
    lightest level still overruns. Overruns never switch a filter off: one with nothing lighter
    keeps running, and its overrun is reported. Errors do switch it off (an exception, a wrong
    output, a call that hangs); it is started afresh after a back-off.
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
    # "i420": the filter works on YUV 4:2:0 (``process_i420``), and the chain hands it the frame in
    # that layout: neighbouring I420 filters then share one conversion each way.
    pixel_format = "rgb"
    degrade_levels: int = 0  # lighter levels the guard may step down to when the filter overruns
    degrade: int = 0  # the level to work at, set by the guard between calls (0: full quality)
    alternate_frames_safe: bool = False  # True if running on every other frame only still looks right

    @abstractmethod
    def apply(self, image: np.ndarray) -> np.ndarray:
        """Return the filtered RGB image (H×W×3 uint8)."""

    def acts_on(self, image: np.ndarray, context: FrameContext) -> bool:
        """False if this frame (RGB, or I420 for I420 filters) would pass through unchanged (sliders
        at zero, a mode off): the chain then skips the call, and any conversion for it."""
        return True

    def needs_faces(self, true_colour: bool) -> bool:
        """Whether this frame's ``process`` will ask for faces."""
        return self.uses_faces

    # Face-aware filters override this to read the frame's shared facts (faces, true-colour mode).
    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        return self.apply(image)


class I420Filter(VideoFilter):
    """A filter that works on I420 pictures; RGB callers get one conversion each way."""

    pixel_format = "i420"

    @abstractmethod
    def process_i420(self, yuv: np.ndarray, context: FrameContext) -> np.ndarray:
        """I420 in, I420 of the same size out. ``yuv`` is the chain's own buffer: the filter may
        draw into it, but must not return a buffer it keeps."""

    def apply(self, image: np.ndarray) -> np.ndarray:
        return self.process(image, FrameContext(None, 0.0))

    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        if not self.acts_on(image, context):
            return image
        if not i420.fits(image.shape):  # 4:2:0 needs even sides: work on a padded copy
            h, w = image.shape[:2]
            padded = cv2.copyMakeBorder(image, 0, h % 2, 0, w % 2, cv2.BORDER_REPLICATE)
            return self.process(padded, context)[:h, :w]
        return i420.to_rgb(self.process_i420(i420.to_i420(image), context))
