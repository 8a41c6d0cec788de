"""How many threads OpenCV may use inside one call. The pipeline already keeps every core busy with
its own stages (source, program, face analysis, segmenter, encoders); OpenCV's workers only
compete with them. On 2 cores with the full beauty chain live (bench/beauty_bench.py,
--cv-threads 2 against the default): 131% of a core with OpenCV's 2 threads, 120% with 1, at the
same frame rate."""

from __future__ import annotations

import os

import cv2

ENV = "STUDIO_OPENCV_THREADS"  # overrides the choice, for measuring


def share_cores() -> int:
    """Set and return OpenCV's thread count: the cores beyond two, at least one."""
    wanted = os.environ.get(ENV, "")
    threads = int(wanted) if wanted.isdigit() else max(1, (os.cpu_count() or 1) - 2)
    cv2.setNumThreads(threads)
    return threads
