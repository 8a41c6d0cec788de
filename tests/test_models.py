"""The three models load with the OpenCV the venv has, and with the other OpenCV line (4.x beside
the venv, installed by the set-up), and answer a real photo with outputs of the shapes the code
reads: a host's beauty panel must not go dark because pip resolved a new OpenCV."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

from studio.vision import models
from studio.vision.faces import FaceDetector
from tests.photos import head_and_shoulders, no_face_frame

ROOT = Path(__file__).resolve().parents[1]
OTHER_LINE = Path(sys.prefix) / "opencv4"  # scripts/setup.sh --test puts OpenCV 4.x there


def forward(relative: str, image: np.ndarray, scale: float, mean: float = 0.0) -> dict[str, np.ndarray]:
    net = models.load_net(relative)
    net.setInput(cv2.dnn.blobFromImage(image, scale, mean=(mean, mean, mean)))
    names = list(net.getUnconnectedOutLayersNames())
    return dict(zip(names, net.forward(names), strict=True))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x, -80, 80)))


def test_the_engine_is_chosen_for_the_opencv_line() -> None:
    if cv2.__version__.startswith("5."):
        assert models.dnn_engine() == cv2.dnn.ENGINE_OPENCV
    else:  # 4.10-4.12 offer a choice, later 4.x releases have the classic engine alone
        assert models.dnn_engine() == getattr(cv2.dnn, "ENGINE_CLASSIC", None)
    if want := os.environ.get("EXPECT_OPENCV_MAJOR"):  # set by the other-line run below
        assert cv2.__version__.split(".")[0] == want, cv2.__version__


def test_face_detector_finds_the_face_and_not_in_an_empty_room() -> None:
    face = cv2.resize(head_and_shoulders(256), (128, 128), interpolation=cv2.INTER_AREA)
    room = cv2.resize(no_face_frame(), (128, 128), interpolation=cv2.INTER_AREA)
    out = forward(models.FACE_DETECTOR, face, 1 / 127.5, 127.5)
    assert out["regressors"].shape == (1, 896, 16) and out["classificators"].shape == (1, 896, 1)
    assert sigmoid(out["classificators"]).max() > 0.8
    empty = forward(models.FACE_DETECTOR, room, 1 / 127.5, 127.5)
    assert sigmoid(empty["classificators"]).max() < 0.5


def test_face_mesh_gives_468_points_and_presence() -> None:
    image = head_and_shoulders(320)
    ((_, roi),) = FaceDetector().detect(image)[:1]  # the crop the tracker gives the mesh
    crop = cv2.warpAffine(image, roi.crop_to_image(192), (192, 192), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
    out = forward(models.FACE_LANDMARKS, crop, 1 / 255.0)
    assert out["conv2d_21"].size == 468 * 3 and out["conv2d_31"].size == 1
    points = out["conv2d_21"].reshape(468, 3)[:, :2]
    assert float(sigmoid(out["conv2d_31"]).ravel()[0]) > 0.9
    assert 20 < points[:, 0].min() < points[:, 0].max() < 172  # the points sit on the crop's face
    assert 20 < points[:, 1].min() < points[:, 1].max() < 180


def test_person_segmenter_marks_the_person() -> None:
    picture = head_and_shoulders(144)
    frame = np.zeros((144, 256, 3), np.uint8)
    frame[:, 56:200] = picture
    out = forward(models.PERSON_SEGMENTER, frame, 1 / 255.0)
    (mask,) = out.values()
    assert mask.shape == (1, 1, 144, 256)
    person, sides = mask[0, 0, 30:, 100:156], np.concatenate([mask[0, 0, :, :30], mask[0, 0, :, -30:]], axis=1)
    assert person.mean() > 0.7 and sides.mean() < 0.3


def test_the_vision_code_runs_on_the_other_opencv_line() -> None:
    """These models and every face, beauty and HD test, again with OpenCV 4.x."""
    assert (OTHER_LINE / "cv2").is_dir(), f"{OTHER_LINE} is missing: run scripts/setup.sh --test"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(OTHER_LINE), str(ROOT)]), "EXPECT_OPENCV_MAJOR": "4"}
    tests = [__file__, *(str(ROOT / "tests" / name) for name in ("test_faces.py", "test_beauty.py", "test_enhance.py"))]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests,
                          "-k", "not other_opencv_line"], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=170)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    passed = re.search(r"(\d+) passed", run.stdout)
    assert passed and int(passed.group(1)) >= 50 and "skipped" not in run.stdout, run.stdout[-500:]
