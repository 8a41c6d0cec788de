"""Face regions from the 468 landmarks: the face oval, the parts smoothing must leave sharp (eyes,
brows, lips), and the region a face effect may touch at all."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .faces import Face

# Ordered outlines in MediaPipe face-mesh numbering.
FACE_OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
             148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]
RIGHT_EYE = [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7]
LEFT_EYE = [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249]
RIGHT_BROW = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46]
LEFT_BROW = [300, 293, 334, 296, 336, 285, 295, 282, 283, 276]
LIPS = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146]
# The jaw from ear to ear, for slimming; the chin point stays put.
JAW = [234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454]
CHIN, NOSE_TIP = 152, 1

SKIN_WIDTH = 96  # the feathered skin mask is drawn at this face width, then enlarged
REGION_MARGIN = 0.15  # of the face width: how far outside the oval an effect may reach


@dataclass
class FaceRegions:
    """Masks of one face, cut to the face's box (``window`` slices the image)."""

    face: Face
    window: tuple[slice, slice]
    region: np.ndarray  # uint8 0/255: where any face effect may change pixels
    skin: np.ndarray  # float32 0…1: oval minus eyes, brows and lips, feathered inside the oval
    oval: np.ndarray  # float32 0…1: the whole oval, feathered inside it (for colour grading)

    @property
    def origin(self) -> tuple[int, int]:
        return self.window[1].start, self.window[0].start

    @classmethod
    def build(cls, face: Face, shape: tuple[int, ...]) -> FaceRegions | None:
        h, w = shape[:2]
        width = max(face.width, 1.0)
        margin = int(np.ceil(REGION_MARGIN * width))
        x0, y0, x1, y1 = face.box
        x0, y0 = max(x0 - margin, 0), max(y0 - margin, 0)
        x1, y1 = min(x1 + margin + 1, w), min(y1 + margin + 1, h)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return None
        local = face.landmarks - np.array([x0, y0], np.float32)
        size = (y1 - y0, x1 - x0)
        feather = max(width * 0.04, 1.0)

        def polygon(indices: list[int], grow: float, scale: float, shape: tuple[int, int]) -> np.ndarray:
            mask = np.zeros(shape, np.uint8)
            points = _offset(local[indices], grow) * scale
            cv2.fillPoly(mask, [np.round(points * 16).astype(np.int32)], 255, cv2.LINE_AA, shift=4)
            return mask

        # Outlines are grown or shrunk by moving their points, not by morphology: fillPoly is cheap
        # at any size, a 50-pixel dilation is not.
        # Anti-aliased, then cut at half: a hard edge, exactly the polygon.
        _, region = cv2.threshold(polygon(FACE_OVAL, margin, 1.0, size), 127, 255, cv2.THRESH_BINARY)
        # The feathered skin mask is drawn where the face is about SKIN_WIDTH wide, then enlarged.
        scale = min(1.0, SKIN_WIDTH / width)
        small = (max(round(size[0] * scale), 1), max(round(size[1] * scale), 1))
        keep_sharp = np.zeros(small, np.uint8)
        for part in (RIGHT_EYE, LEFT_EYE, RIGHT_BROW, LEFT_BROW, LIPS):
            keep_sharp |= polygon(part, 2 * feather, scale, small)
        inner = polygon(FACE_OVAL, -2 * feather, scale, small)

        def feathered(mask: np.ndarray) -> np.ndarray:
            # The blur spreads about one feather: it stays inside the oval and off the grown holes.
            soft = cv2.GaussianBlur(mask, (0, 0), max(feather * scale / 2, 0.5))
            return cv2.resize(soft, (size[1], size[0]), interpolation=cv2.INTER_LINEAR).astype(np.float32) * (1 / 255)

        return cls(face, (slice(y0, y1), slice(x0, x1)), region, feathered(cv2.subtract(inner, keep_sharp)),
                   feathered(inner))


def _offset(points: np.ndarray, distance: float) -> np.ndarray:
    """Move each outline point ``distance`` pixels away from the outline's centre (inwards if < 0)."""
    if not distance:
        return points
    centre = points.mean(axis=0)
    away = points - centre
    length = np.maximum(np.linalg.norm(away, axis=1, keepdims=True), 1e-3)
    return centre + away * np.maximum(length + distance, 0) / length


def regions_for(faces: list[Face], shape: tuple[int, ...]) -> list[FaceRegions]:
    return [r for r in (FaceRegions.build(face, shape) for face in faces) if r is not None]


def face_weights(regions: list[FaceRegions], shape: tuple[int, ...]) -> np.ndarray:
    """Full-frame float32 weights, 1 inside the faces' ovals fading to 0 at their edge."""
    weights = np.zeros(shape[:2], np.float32)
    for r in regions:
        np.maximum(weights[r.window], r.oval, out=weights[r.window])
    return weights


def region_mask(regions: list[FaceRegions], shape: tuple[int, ...]) -> np.ndarray:
    """Full-frame uint8 mask, 255 where some face effect may act."""
    mask = np.zeros(shape[:2], np.uint8)
    for r in regions:
        np.maximum(mask[r.window], r.region, out=mask[r.window])
    return mask
