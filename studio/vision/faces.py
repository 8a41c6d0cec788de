"""Face landmarks, offline: BlazeFace finds faces, the face-mesh model places 468 points on each,
and a tracker follows them from frame to frame the way MediaPipe's face mesh graph does (detect
rarely, crop each face around last frame's points), with a One Euro filter against jitter."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .models import FACE_DETECTOR, FACE_LANDMARKS, load_net

DETECT_SIZE = 128
MESH_SIZE = 192
RIGHT_EYE_OUTER, LEFT_EYE_OUTER = 33, 263  # the image's left and right eye corners
SLOW_SPEED = 0.5  # face widths per second below which a face is measured every other frame


@dataclass(frozen=True)
class Roi:
    """A square, rotated crop: centre and side in pixels, angle of its x axis in radians."""

    cx: float
    cy: float
    size: float
    angle: float

    def crop_to_image(self, side: int) -> np.ndarray:
        """2×3 affine mapping crop pixels (0…side) to image pixels."""
        k = self.size / side
        c, s = math.cos(self.angle) * k, math.sin(self.angle) * k
        half = side / 2
        return np.array([[c, -s, self.cx - half * (c - s)], [s, c, self.cy - half * (s + c)]], np.float64)


@dataclass(frozen=True)
class Face:
    track_id: int
    landmarks: np.ndarray  # 468×2 float32, image pixels, smoothed
    presence: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        x0, y0 = np.floor(self.landmarks.min(axis=0)).astype(int)
        x1, y1 = np.ceil(self.landmarks.max(axis=0)).astype(int)
        return int(x0), int(y0), int(x1), int(y1)

    @property
    def width(self) -> float:
        return float(np.linalg.norm(self.landmarks[454] - self.landmarks[234]))  # cheek to cheek


def _anchors() -> np.ndarray:
    """BlazeFace short-range SSD anchors: 16×16 cells × 2, then 8×8 cells × 6 (centres, 0…1)."""
    rows = []
    for stride, per_cell in ((8, 2), (16, 6)):
        grid = DETECT_SIZE // stride
        ys, xs = np.mgrid[0:grid, 0:grid]
        centres = np.stack([(xs + 0.5) / grid, (ys + 0.5) / grid], axis=-1).reshape(-1, 1, 2)
        rows.append(np.repeat(centres, per_cell, axis=1).reshape(-1, 2))
    return np.concatenate(rows).astype(np.float32)


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return float(inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter))


class FaceDetector:
    """Face boxes and eye points from BlazeFace (short range: faces within about 2 m)."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.net = load_net(FACE_DETECTOR)
        self.threshold = threshold
        self.anchors = _anchors()

    def detect(self, image: np.ndarray, tile: int | None = None) -> list[tuple[np.ndarray, Roi]]:
        """(box x0,y0,x1,y1 in pixels, landmark crop) per face, best first. The model sees faces down
        to about a seventh of its input, so ``tile`` searches one of the squares (``tile_count``)
        for smaller faces."""
        if tile is None:
            return self._detect(image, 0, 0)
        x, y, side = self._tiles(image.shape)[tile % self.tile_count(image.shape)]
        return self._detect(image[y:y + side, x:x + side], x, y)

    @staticmethod
    def _tiles(shape: tuple[int, ...]) -> list[tuple[int, int, int]]:
        """Squares of the frame's short side, then of half of it, each overlapping by half."""
        h, w = shape[:2]
        tiles = []
        for side in (min(h, w), min(h, w) // 2):
            side = max(side, 1)
            step = max(side // 2, 1)
            tiles += [(x, y, side) for y in _starts(h, side, step) for x in _starts(w, side, step)]
        return tiles

    def tile_count(self, shape: tuple[int, ...]) -> int:
        return len(self._tiles(shape))

    def _detect(self, image: np.ndarray, offset_x: int, offset_y: int) -> list[tuple[np.ndarray, Roi]]:
        h, w = image.shape[:2]
        scale = DETECT_SIZE / max(h, w)
        sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
        pad_x, pad_y = (DETECT_SIZE - sw) // 2, (DETECT_SIZE - sh) // 2
        square = np.zeros((DETECT_SIZE, DETECT_SIZE, 3), np.uint8)
        square[pad_y:pad_y + sh, pad_x:pad_x + sw] = cv2.resize(image, (sw, sh), interpolation=cv2.INTER_AREA)
        self.net.setInput(cv2.dnn.blobFromImage(square, 1 / 127.5, mean=(127.5, 127.5, 127.5)))
        raw, logits = self.net.forward(["regressors", "classificators"])
        raw, scores = raw[0], 1 / (1 + np.exp(-np.clip(logits[0, :, 0], -80, 80)))
        keep = np.flatnonzero(scores >= self.threshold)
        keep = keep[np.argsort(-scores[keep])]
        offset = np.array([offset_x, offset_y], np.float64)
        faces: list[tuple[np.ndarray, Roi]] = []
        for i in keep:
            r = raw[i] / DETECT_SIZE
            ax, ay = self.anchors[i]
            cx, cy, bw, bh = r[0] + ax, r[1] + ay, r[2], r[3]
            corners = (np.array([[cx - bw / 2, cy - bh / 2], [cx + bw / 2, cy + bh / 2]]) * DETECT_SIZE
                       - [pad_x, pad_y]) / scale + offset
            box = corners.ravel()
            if any(_iou(box, kept) > 0.3 for kept, _ in faces):
                continue
            eyes = (np.array([[r[4] + ax, r[5] + ay], [r[6] + ax, r[7] + ay]]) * DETECT_SIZE
                    - [pad_x, pad_y]) / scale + offset
            (x0, y0), (x1, y1) = eyes
            centre = (box[:2] + box[2:]) / 2
            side = max(box[2] - box[0], box[3] - box[1]) * 1.5
            faces.append((box, Roi(float(centre[0]), float(centre[1]), float(side), math.atan2(y1 - y0, x1 - x0))))
        return faces


class FaceMesh:
    """468 landmarks (and a face-present score) for one face crop."""

    def __init__(self) -> None:
        self.net = load_net(FACE_LANDMARKS)

    def landmarks(self, image: np.ndarray, roi: Roi) -> tuple[np.ndarray, float]:
        to_image = roi.crop_to_image(MESH_SIZE)
        crop = cv2.warpAffine(image, to_image, (MESH_SIZE, MESH_SIZE),
                              flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE)
        self.net.setInput(cv2.dnn.blobFromImage(crop, 1 / 255.0))
        presence_logit, raw = self.net.forward(["conv2d_31", "conv2d_21"])
        points = raw.reshape(468, 3)[:, :2].astype(np.float64)
        mapped = points @ to_image[:, :2].T + to_image[:, 2]
        return mapped.astype(np.float32), float(1 / (1 + math.exp(-float(presence_logit.ravel()[0]))))


def roi_from_landmarks(points: np.ndarray) -> Roi:
    """Next frame's crop: square around the points, rotated so the eyes lie level, 1.5× as wide."""
    dx, dy = points[LEFT_EYE_OUTER] - points[RIGHT_EYE_OUTER]
    angle = math.atan2(float(dy), float(dx))
    c, s = math.cos(angle), math.sin(angle)
    level = points @ np.array([[c, -s], [s, c]])  # into the face's own axes
    low, high = level.min(axis=0), level.max(axis=0)
    centre = (low + high) / 2 @ np.array([[c, s], [-s, c]])
    return Roi(float(centre[0]), float(centre[1]), float(max(high - low)) * 1.5, angle)


class OneEuro:
    """One Euro filter (Casiez et al. 2012) on a whole point set: strong smoothing when the face is
    still, little lag when it moves. Speed is measured in face widths per second."""

    def __init__(self, min_cutoff: float = 0.4, beta: float = 4.0, d_cutoff: float = 1.0) -> None:
        self.min_cutoff, self.beta, self.d_cutoff = min_cutoff, beta, d_cutoff
        self.value: np.ndarray | None = None
        self.speed = 0.0

    @staticmethod
    def _alpha(cutoff: float, dt: float) -> float:
        tau = 1 / (2 * math.pi * cutoff)
        return 1 / (1 + tau / dt)

    def __call__(self, points: np.ndarray, dt: float, scale: float) -> np.ndarray:
        if self.value is None:
            self.value = points.copy()
            return self.value
        raw_speed = float(np.abs(points - self.value).mean()) / max(scale, 1.0) / dt
        self.speed += self._alpha(self.d_cutoff, dt) * (raw_speed - self.speed)
        cutoff = self.min_cutoff + self.beta * self.speed
        self.value = self.value + self._alpha(cutoff, dt) * (points - self.value)
        return self.value


@dataclass
class _Track:
    track_id: int
    roi: Roi
    smoother: OneEuro
    last: Face | None = None  # the last measured face
    measured_at: float = 0.0
    velocity: np.ndarray | None = None  # of the smoothed points' centre, pixels per second
    motion: float = float("inf")  # raw points between the last two measurements, face widths/s
    raw: np.ndarray | None = None  # the last measured points, unsmoothed
    skipped: bool = False  # the previous frame was not measured


class FaceTracker:
    """Faces in a video: detect every ``detect_every`` frames (every 3rd while nobody is seen),
    otherwise follow each face from its last landmarks. Up to ``max_faces``."""

    def __init__(self, max_faces: int = 4, detect_every: int = 15, presence_threshold: float = 0.5) -> None:
        self.detector = FaceDetector()
        self.mesh = FaceMesh()
        self.max_faces = max_faces
        self.detect_every = detect_every
        self.presence_threshold = presence_threshold
        self.tracks: list[_Track] = []
        self._frames = 0
        self._tile = 0
        self.measured = 0  # face-mesh runs, all tracks
        self._next_id = 1

    def update(self, image: np.ndarray, timestamp: float) -> list[Face]:
        """Look for new faces when due, then follow every face into this frame."""
        self.search(image)
        return self.track(image, timestamp)

    def search(self, image: np.ndarray) -> None:
        """Detection, when due: the whole frame every ``detect_every`` frames (every 3rd while
        nobody is seen), and one tile for smaller faces half a cycle later (every frame while
        nobody is seen, so the whole frame is searched within a second)."""
        if len(self.tracks) >= self.max_faces:
            return
        found: list[tuple[np.ndarray, Roi]] = []
        if self._frames % (self.detect_every if self.tracks else 3) == 0:
            found += self.detector.detect(image)
        if not self.tracks or self._frames % self.detect_every == self.detect_every // 2:
            found += self.detector.detect(image, tile=self._tile)
            self._tile += 1
        for box, roi in found:
            if len(self.tracks) >= self.max_faces:
                break
            if any(_iou(box, _roi_box(t.roi)) > 0.2 for t in self.tracks):
                continue
            self.tracks.append(_Track(self._next_id, roi, OneEuro()))
            self._next_id += 1

    def track(self, image: np.ndarray, timestamp: float) -> list[Face]:
        """Landmarks for every tracked face in this frame."""
        self._frames += 1
        faces: list[Face] = []
        survivors: list[_Track] = []
        for track in self.tracks:
            if track.last is not None and not track.skipped and track.motion < SLOW_SPEED:
                # A face that moves slowly is measured every other frame; in between, its smoothed
                # points carry on at their measured speed.
                velocity = track.velocity if track.velocity is not None else np.zeros(2, np.float32)
                shifted = track.last.landmarks + velocity * (timestamp - track.measured_at)
                faces.append(Face(track.track_id, shifted.astype(np.float32), track.last.presence))
                survivors.append(track)
                track.skipped = True
                continue
            track.skipped = False
            points, presence = self.mesh.landmarks(image, track.roi)
            self.measured += 1
            if presence < self.presence_threshold:
                continue
            scale = float(np.linalg.norm(points[454] - points[234]))
            # Time since this face was last measured: a skipped frame does not count.
            dt = min(max(timestamp - track.measured_at, 1e-3), 0.5) if track.last is not None else 1 / 30
            if track.raw is not None:  # how fast it moves or grows, measured now (the smoother lags)
                shift = float(np.abs(points - track.raw).mean())
                track.motion = shift / max(scale, 1.0) / dt
            track.raw = points
            smoothed = track.smoother(points, dt, scale)
            track.roi = roi_from_landmarks(points)  # crop from the raw points: smoothing must not lag tracking
            if any(_iou(_roi_box(track.roi), _roi_box(t.roi)) > 0.5 for t in survivors):
                continue  # two tracks converged on one face
            survivors.append(track)
            face = Face(track.track_id, smoothed.astype(np.float32), presence)
            if track.last is not None and timestamp > track.measured_at:
                moved = face.landmarks.mean(axis=0) - track.last.landmarks.mean(axis=0)
                track.velocity = moved / (timestamp - track.measured_at)
            track.last, track.measured_at = face, timestamp
            faces.append(face)
        self.tracks = survivors
        return faces


def _starts(length: int, side: int, step: int) -> list[int]:
    """Where squares of ``side`` start along ``length``, ``step`` apart, the last flush with the end."""
    last = max(length - side, 0)
    starts = list(range(0, last + 1, step))
    return starts if starts[-1] == last else [*starts, last]


def _roi_box(roi: Roi) -> np.ndarray:
    half = roi.size / 3  # the face itself, without the crop's 1.5× margin
    return np.array([roi.cx - half, roi.cy - half, roi.cx + half, roi.cy + half])
