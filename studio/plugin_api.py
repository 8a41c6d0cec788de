"""The plugin API: everything a plugin may import from the studio, under one version number.

A plugin declares ``api_version = "MAJOR.MINOR"`` in its manifest. The studio loads it when the
major numbers match and the plugin's minor is not newer than ``API_VERSION``'s. Anything removed
from this module first warns (``deprecated``) for one minor version.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from .comments.base import Comment, CommentSource
from .eventlog import Event
from .filters.base import I420Filter, VideoFilter
from .frames import AudioChunk, VideoFrame
from .interactions.base import Interaction, ShowContext
from .messages import StudioError
from .messages import register as register_messages
from .overlays.base import Overlay
from .overlays.placement import PlacedOverlay
from .sources.base import AudioSource, SourceUnavailable, VideoSource
from .text import blend_into, render_text
from .vision.context import FrameContext
from .vision.faces import Face
from .vision.regions import FaceRegions

# 1.1: FrameContext, Face and FaceRegions for face-aware filters
# 1.2: I420Filter and VideoFilter.acts_on
# 1.3: VideoFilter.degrade_levels, degrade and alternate_frames_safe (lighter levels over budget)
# 1.4: PlacedOverlay (an overlay the host drags and resizes in the preview); StudioError and
#      register_messages (refusals worded in the reader's language)
API_VERSION = (1, 4)

__all__ = ["API_VERSION", "AudioChunk", "AudioSource", "Comment", "CommentSource", "Event", "Face", "FaceRegions",
           "FrameContext", "I420Filter", "Interaction", "Overlay", "PlacedOverlay", "ShowContext", "SourceUnavailable",
           "StudioError", "VideoFilter", "VideoFrame", "VideoSource", "blend_into", "deprecated", "register_messages",
           "render_text"]

F = TypeVar("F", bound=Callable[..., Any])


def deprecated(since: str, removed_in: str, instead: str) -> Callable[[F], F]:
    """Mark an API callable as deprecated: it keeps working and warns until ``removed_in``."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(f"{func.__qualname__} is deprecated since API {since} and will be removed in "
                          f"{removed_in}; use {instead}", DeprecationWarning, stacklevel=2)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
