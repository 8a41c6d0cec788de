"""A decoded picture read by several threads at once (the program's layout, a window's thumbnail):
each gets the same RGB, converted once, and none hangs. Converting one PyAV frame from two threads
deadlocks in its scaler, which froze the whole app with a co-host on air."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import av
import numpy as np

from studio.frames import DecodedPicture

READERS = 8


def decoded(seed: int) -> tuple[av.VideoFrame, np.ndarray]:
    """A 4:2:0 frame as a decoder hands it over, and the picture it was made from."""
    rgb = np.random.default_rng(seed).integers(0, 256, (360, 640, 3), np.uint8)
    rgb[:, :320] = (200, 40, 90)  # a flat half: no chroma subsampling error to allow for there
    return av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p"), rgb


def test_one_picture_read_by_many_threads_at_once_is_converted_once() -> None:
    barrier = threading.Barrier(READERS)

    def read(picture: DecodedPicture) -> np.ndarray:
        barrier.wait(timeout=10)  # all readers reach the conversion together
        return picture.rgb()

    with ThreadPoolExecutor(READERS) as pool:
        for seed in range(150):
            frame, source = decoded(seed)
            picture = DecodedPicture(frame)
            futures = [pool.submit(read, picture) for _ in range(READERS)]
            results = [future.result(timeout=10) for future in futures]  # a deadlock fails here
            assert all(result is results[0] for result in results)  # one conversion, shared
            assert (picture.width, picture.height) == (640, 360)
            flat = results[0][:, 8:312].astype(int) - (200, 40, 90)
            assert np.abs(flat).max() <= 3
    assert not results[0].flags.writeable  # shared: nobody may draw into it


def _tasks_started_on_this_machine() -> int:
    """The kernel's last task id: it counts every process and thread started since."""
    with open("/proc/sys/kernel/ns_last_pid", encoding="ascii") as last:
        return int(last.read())


def test_converting_pictures_starts_no_threads() -> None:
    """PyAV makes a scaler per frame and, left to choose, it starts and joins a thread per core on
    every conversion: some 120 threads a second with two guests on air."""
    frames = [decoded(seed)[0] for seed in range(40)]
    before = _tasks_started_on_this_machine()
    for frame in frames:
        DecodedPicture(frame).rgb()
    started = _tasks_started_on_this_machine() - before
    assert started < 20, started  # the machine's other work may start a few; on 2 cores the scaler's were 80
