"""The publishing side of tests/netsim.py: a studio (test card with time stamps, test tone) that
sends its show over WHIP, and prints its output's state as a JSON line every second.

    python -m tests.netsim_publisher URL TOKEN CONTROLLER MAX_BPS
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time

from studio.config import StudioConfig
from studio.show import Studio


def count_stock_keyframes() -> list[int]:
    """aiortc's own encoder (the stock controller) sends a keyframe when asked and each time it
    rebuilds itself for a new bitrate: count both, as the adaptive encoder counts its own."""
    from aiortc.codecs.vpx import Vp8Encoder

    count = [0]
    encode = Vp8Encoder.encode

    def counted(self, frame, force_keyframe=False):  # type: ignore[no-untyped-def]
        codec = self.codec
        result = encode(self, frame, force_keyframe)
        count[0] += force_keyframe or self.codec is not codec
        return result

    Vp8Encoder.encode = counted  # type: ignore[method-assign]
    return count


async def main(url: str, token: str, controller: str, max_bps: int) -> None:
    stock_keyframes = count_stock_keyframes() if controller == "stock" else None
    # Camera-like grain: the encoder spends what it is given, as on a real camera.
    studio = Studio(StudioConfig(port=0, video_bitrate=max_bps, video_options={"grain": 4.0}))
    await studio.start()
    await studio.go_live()
    output = studio.add_output({"kind": "whip", "name": "uplink", "url": url, "token": token,
                                "controller": controller})
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    while not stop.is_set():
        status = output.status()
        if stock_keyframes is not None:
            status["keyframes"] = stock_keyframes[0]
        print(json.dumps({"time": time.time(), **status}, default=str), flush=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), float(os.environ.get("NETSIM_REPORT_S", "1.0")))
    await studio.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
