"""A machine-readable stamp drawn into video: frame number and capture time survive lossy codecs.

Two rows of 40 square cells form 80 bits: 28 bits of frame number, 44 bits of capture time in
milliseconds since the epoch and a CRC-8. Cells are large (width/40 pixels) and pure black or white,
so VP8 or H.264 at streaming bitrates keep them readable, and a CRC rejects a damaged read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CELLS_PER_ROW = 40
ROWS = 2
FRAME_BITS = 28
TIME_BITS = 44
CRC_BITS = 8
_WHITE = 235
_BLACK = 16


@dataclass(frozen=True, slots=True)
class Stamp:
    frame_number: int
    capture_ms: int

    @property
    def capture_time(self) -> float:
        return self.capture_ms / 1000.0


def _crc8(value: int, nbits: int) -> int:
    crc = 0
    for i in range(nbits - 1, -1, -1):
        bit = (value >> i) & 1
        top = (crc >> 7) & 1
        crc = ((crc << 1) & 0xFF) ^ (0x07 if top ^ bit else 0)
    return crc


def _payload_bits(stamp: Stamp) -> list[int]:
    payload = ((stamp.frame_number % (1 << FRAME_BITS)) << TIME_BITS) | (stamp.capture_ms % (1 << TIME_BITS))
    nbits = FRAME_BITS + TIME_BITS
    word = (payload << CRC_BITS) | _crc8(payload, nbits)
    total = nbits + CRC_BITS
    return [(word >> (total - 1 - i)) & 1 for i in range(total)]


def band_height(width: int) -> int:
    """Height in pixels of the stamp band for a frame ``width`` pixels wide."""
    return ROWS * (width // CELLS_PER_ROW)


def draw_stamp(image: np.ndarray, stamp: Stamp) -> None:
    """Draw ``stamp`` across the top of ``image`` (H×W×3 uint8) in place."""
    cell = image.shape[1] // CELLS_PER_ROW
    for index, bit in enumerate(_payload_bits(stamp)):
        row, col = divmod(index, CELLS_PER_ROW)
        image[row * cell:(row + 1) * cell, col * cell:(col + 1) * cell] = _WHITE if bit else _BLACK


def read_stamp(image: np.ndarray, x: int = 0, y: int = 0, width: int | None = None) -> Stamp | None:
    """Read a stamp whose band starts at (x, y) and spans ``width`` pixels; None if the CRC fails.

    ``image`` is RGB (H×W×3) or luma (H×W). Each cell is sampled in its central half, so edge
    ringing from compression and a little scaling do not flip bits.
    """
    luma = image if image.ndim == 2 else image.mean(axis=2)
    width = luma.shape[1] - x if width is None else width
    cell = width / CELLS_PER_ROW
    bits = []
    for index in range(CELLS_PER_ROW * ROWS):
        row, col = divmod(index, CELLS_PER_ROW)
        y0, x0 = int(y + (row + 0.25) * cell), int(x + (col + 0.25) * cell)
        y1, x1 = max(y0 + 1, int(y + (row + 0.75) * cell)), max(x0 + 1, int(x + (col + 0.75) * cell))
        bits.append(1 if luma[y0:y1, x0:x1].mean() > 128 else 0)
    word = 0
    for bit in bits:
        word = (word << 1) | bit
    payload, crc = word >> CRC_BITS, word & 0xFF
    if _crc8(payload, FRAME_BITS + TIME_BITS) != crc:
        return None
    return Stamp(frame_number=payload >> TIME_BITS, capture_ms=payload & ((1 << TIME_BITS) - 1))
