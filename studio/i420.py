"""YUV 4:2:0 pictures in I420 layout (a Y plane, then U, then V at half size each way; video range,
as OpenCV converts): what the encoder sends. Filters that work on it let the chain convert once
for all of them instead of once each way per filter."""

from __future__ import annotations

import cv2
import numpy as np


def fits(shape: tuple[int, ...]) -> bool:
    """Whether an RGB picture of ``shape`` has an I420 form (4:2:0 needs even sides)."""
    return shape[0] % 2 == 0 and shape[1] % 2 == 0


def to_i420(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2YUV_I420)


def to_rgb(yuv: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(yuv, cv2.COLOR_YUV2RGB_I420)


def rgb_shape(yuv: np.ndarray) -> tuple[int, int, int]:
    return yuv.shape[0] * 2 // 3, yuv.shape[1], 3


def planes(yuv: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of the Y (h × w), U and V (h/2 × w/2) planes: writing into them writes the picture."""
    h, w, _ = rgb_shape(yuv)
    flat = yuv.reshape(-1)
    size = (h // 2) * (w // 2)
    return yuv[:h], flat[h * w:h * w + size].reshape(h // 2, w // 2), flat[h * w + size:].reshape(h // 2, w // 2)


def from_planes(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.concatenate([y.reshape(-1), u.reshape(-1), v.reshape(-1)]).reshape(y.shape[0] * 3 // 2, y.shape[1])


def weights(full: np.ndarray) -> np.ndarray:
    """A per-pixel map (Y size) laid out like an I420 picture: itself for Y, halved for U and V."""
    h, w = full.shape[:2]
    half = cv2.resize(full, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    return from_planes(full, half, half)


def gray_mean(luma: np.ndarray) -> float:
    """The mean of a video-range Y plane (16–235) as full-range grey (0–255)."""
    return (float(cv2.mean(luma)[0]) - 16) * 255 / 219
