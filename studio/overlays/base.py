"""The one interface every overlay implements: draw onto the program canvas from the show's state."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..filters.base import VideoFilter
from ..options import LiveOptions


class Overlay(LiveOptions, ABC):
    """Draws on the composed canvas, after filters and layout, from a read-only snapshot of show
    state (``live``, ``viewers``, ``time``; later features add products, polls and lotteries)."""

    name = "overlay"
    enabled = True

    @abstractmethod
    def draw(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        """Draw onto ``canvas`` (H×W×3 RGB uint8) in place; it belongs to the overlay stage."""


class OverlayStage(VideoFilter):
    """Runs one overlay as a step of the program, so it gets the same guard as every filter."""

    def __init__(self, overlay: Overlay, state: Callable[[], Mapping[str, Any]]) -> None:
        self.overlay, self._state = overlay, state
        self.name = overlay.name

    @property
    def enabled(self) -> bool:  # type: ignore[override]
        return self.overlay.enabled

    def set_options(self, **options: object) -> None:
        self.overlay.set_options(**options)

    def apply(self, image: np.ndarray) -> np.ndarray:
        self.overlay.draw(image, self._state())
        return image
