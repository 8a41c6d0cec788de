"""The built-in "直播中 · N 人观看" badge: live state and the real viewer count, never inflated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..text import blend_into, render_text
from .base import Overlay


class LiveBadge(Overlay):
    name = "live_badge"

    def __init__(self, live_text: str = "直播中", viewers_text: str = "{0} 人观看", corner: str = "top-left") -> None:
        self.live_text, self.viewers_text, self.corner = live_text, viewers_text, corner

    def draw(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        if not state.get("live"):
            return
        height, width = canvas.shape[:2]
        size = max(14, height // 30)
        label = f"● {self.live_text}  {self.viewers_text.format(state.get('viewers', 0))}"
        text = render_text(label, size, outline=max(1, size // 12))  # cached while the count is unchanged
        margin = size
        x = margin if self.corner.endswith("left") else width - text.shape[1] - margin
        y = margin + height // 12 if self.corner.startswith("top") else height - text.shape[0] - margin
        pad = size // 3
        y0, y1 = max(0, y - pad), min(height, y + text.shape[0] + pad)
        x0, x1 = max(0, x - pad), min(width, x + text.shape[1] + pad)
        canvas[y0:y1, x0:x1] = (canvas[y0:y1, x0:x1] * 0.4 + np.array([200, 30, 40]) * 0.6).astype(np.uint8)
        blend_into(canvas, text, x, y)
