"""Screenshot of the live window with the test card: `python -m ui.screenshot docs/screenshot.png`.

Needs a display; headless use `xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m ui.screenshot …`.
Settings go to a throw-away directory, so the picture never depends on (or changes) the host's own.
"""

from __future__ import annotations

import argparse
import asyncio
import fractions
import sys
import tempfile

import aiohttp
import av
import qasync
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from PySide6.QtCore import QSettings

from studio.config import StudioConfig
from studio.show import Studio
from studio.sources.testcard import TestCardSource

from .app import create_application
from .i18n import Translations
from .main_window import MainWindow


class _TestCardTrack(MediaStreamTrack):
    """A guest's camera for the picture: the test card at 640×480, as aiortc frames."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self._card = TestCardSource(640, 480, 30)
        self._card.open()

    async def recv(self) -> av.VideoFrame:
        frame = await asyncio.to_thread(self._card.read)
        video = av.VideoFrame.from_ndarray(frame.image, format="rgb24")
        video.pts, video.time_base = self._card._seq * 3000, fractions.Fraction(1, 90000)
        return video


async def _guests_join(studio: Studio, names: list[str]) -> list[RTCPeerConnection]:
    """Guests on aiortc, through an invite link, as a browser's guest page would join."""
    link, _ = studio.call.create_invite(uses=len(names))
    token = link.rsplit("/", 1)[1]
    peers = []
    async with aiohttp.ClientSession() as http:
        for name in names:
            pc = RTCPeerConnection()
            pc.addTrack(_TestCardTrack())
            await pc.setLocalDescription(await pc.createOffer())
            async with http.post(f"{studio.viewer_url}guest/{token}/whip?name={name}", data=pc.localDescription.sdp,
                                 headers={"Content-Type": "application/sdp"}) as response:
                await pc.setRemoteDescription(RTCSessionDescription(await response.text(), "answer"))
            peers.append(pc)
    return peers


CATALOG = [{"name": "玻尿酸保湿精华液", "price": 129, "list_price": 199, "stock": 500, "sku": "S-1",
            "link": "https://shop.example/s1", "selling_points": ["深层补水", "温和不刺激"]},
           {"name": "丝绒哑光口红", "price": 89, "stock": 300, "sku": "L-1", "link": "https://shop.example/l1"}]


def _selling(studio: Studio) -> None:
    """A show selling: a product on air with its flash sale, a poll, comments flying as danmaku."""
    studio.submit("product.catalog", {"products": CATALOG})
    studio.submit("product.pin", {"product": "S-1"})
    studio.submit("sale.start", {"product": "S-1", "price": 99, "stock": 200, "limit": 1, "countdown_s": 10})
    studio.submit("poll.start", {"question": "下一个讲哪款？", "options": ["口红", "面膜", "防晒"]})
    for index, (name, text) in enumerate([("小王", "有优惠吗"), ("Lily", "干皮能用吗？"), ("阿花", "已下单！"),
                                          ("老张", "口红什么色号"), ("Mia", "666")]):
        studio.submit("comment", {"nickname": name, "text": text}, actor=f"viewer:shot{index}")


async def shoot(out: str, width: int, height: int, seconds: float, picture: str = "", beauty: bool = False,
                guests: bool = False, commerce: bool = False) -> None:
    config = StudioConfig(port=0)
    if commerce:
        config.overlays = [{"name": "product_card"}, {"name": "comments_overlay", "mode": "danmaku"},
                           {"name": "poll_overlay"}]
    if picture:
        config.video_source, config.video_options = "image", {"path": picture}
    studio = Studio(config)
    await studio.start()
    try:
        window = MainWindow(studio)
        window.resize(width, height)
        window.show()
        if beauty:  # the beauty panel open, beauty and HD on, before/after split
            window.beauty_button.click()
            window.beauty_dock.hd_box.setChecked(True)
            window.beauty_dock.beauty_box.setChecked(True)
            window.beauty_dock.preset_combo.setCurrentIndex(window.beauty_dock.preset_combo.findData("glam"))
            window.beauty_dock.preset_combo.activated.emit(window.beauty_dock.preset_combo.currentIndex())
            window.beauty_dock.split_check.setChecked(True)
        window.live_button.click()
        if commerce:  # selling, with the product card selected in the preview for placing
            _selling(studio)
            for name in ("products", "comments"):
                window.commerce_docks[name].show()
            window.commerce_docks["products"].raise_()
            window.preview.selected = "product_card"
        peers = []
        if guests:  # the Guests dock: one guest on air side by side, one waiting in the lobby
            window.guest_dock.show()
            peers = await _guests_join(studio, ["品牌方小李", "Anna"])
            await asyncio.sleep(1.5)
            on_air = next(g for g in studio.call.guests.waiting() if g.name == "品牌方小李")
            studio.call.admit(on_air.id)
            studio.call.set_on_air(on_air.id, visible=True, audible=True)
            studio.call.set_layout("side_by_side")
        await asyncio.sleep(seconds)  # encoders warm up so the status bar shows real rates
        if not studio.is_live or window.preview_updates == 0:
            raise RuntimeError("the window did not go live")
        if not window.grab().save(out, "PNG"):
            raise OSError(f"could not write {out}")
        await studio.ingest.end_all()
        for pc in peers:
            await pc.close()
        window.close_without_asking()
    finally:
        await studio.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshot")
    parser.add_argument("out", nargs="?", default="docs/screenshot.png")
    parser.add_argument("--lang", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--seconds", type=float, default=4.0, help="how long to be live before the shot")
    parser.add_argument("--picture", default="", help="show this picture instead of the test card")
    parser.add_argument("--beauty", action="store_true", help="open the beauty panel, with a before/after split")
    parser.add_argument("--guests", action="store_true", help="two co-host guests: one on air, one in the lobby")
    parser.add_argument("--commerce", action="store_true",
                        help="selling: product card, flash sale, poll and danmaku on air, the card selected")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as settings_dir:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        app = create_application()
        app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop before the studio
        Translations.for_app().apply(args.lang)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(shoot(args.out, width, height, args.seconds, args.picture, args.beauty,
                                          args.guests, args.commerce))
        finally:
            loop.close()
            asyncio.set_event_loop(None)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
