"""Real photographs (skimage.data ships them offline) framed as a host's 720p camera would see them."""

from __future__ import annotations

import cv2
import numpy as np
import skimage.data

WIDTH, HEIGHT = 1280, 720


def photo(name: str) -> np.ndarray:
    image = getattr(skimage.data, name)()
    return np.dstack([image] * 3) if image.ndim == 2 else image[..., :3]


def head_and_shoulders(size: int) -> np.ndarray:
    """The astronaut framed as a webcam frames a host: head and shoulders, ``size`` pixels square."""
    return cv2.resize(photo("astronaut")[0:320, 60:380], (size, size), interpolation=cv2.INTER_AREA)


def host_frame(size: int = 640, dx: int = 0, dy: int = 0) -> np.ndarray:
    """The host (``size`` pixels square, face about 0.3 × size tall) at the bottom centre (+dx, dy)
    of a grey 720p frame."""
    frame = np.full((HEIGHT, WIDTH, 3), 96, np.uint8)
    _paste(frame, head_and_shoulders(size), (WIDTH - size) // 2 + dx, HEIGHT - size + dy)
    return frame


def _paste(frame: np.ndarray, picture: np.ndarray, x: int, y: int) -> None:
    h, w = picture.shape[:2]
    fx0, fy0 = max(x, 0), max(y, 0)
    fx1, fy1 = min(x + w, frame.shape[1]), min(y + h, frame.shape[0])
    frame[fy0:fy1, fx0:fx1] = picture[fy0 - y:fy1 - y, fx0 - x:fx1 - x]


def product_frame() -> np.ndarray:
    """The host on the left and a product (the coffee cup photo) held up on the right."""
    frame = host_frame(640, dx=-300)
    _paste(frame, cv2.resize(photo("coffee"), (420, 280), interpolation=cv2.INTER_AREA), 840, 380)
    return frame


def no_face_frame() -> np.ndarray:
    return cv2.resize(photo("coffee"), (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA)


def sensor_noise(frame: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, sigma, frame.shape)
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def luma(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
