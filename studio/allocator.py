"""Keep freed image buffers in the heap. glibc hands every buffer over 128 KiB back to the kernel
on free, so each new 720p array page-faults afresh; in a VM that costs up to a millisecond per
buffer, and a filter chain makes dozens per frame."""

from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
_tuned = False


def keep_buffers() -> bool:
    """Tune glibc's malloc once per process; False where there is no glibc."""
    global _tuned
    if _tuned:
        return True
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    # 32 MiB is the largest mmap threshold 64-bit glibc accepts; a 720p frame is 2.7 MB.
    results = [mallopt(option, value) == 1 for option, value in (
        (M_MMAP_THRESHOLD, 32 << 20), (M_TRIM_THRESHOLD, 256 << 20), (M_TOP_PAD, 64 << 20))]
    _tuned = all(results)
    return _tuned
