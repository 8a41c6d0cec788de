"""Screenshot of the live window with the test card: `python -m ui.screenshot docs/screenshot.png`.

Needs a display; headless use `xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m ui.screenshot …`.
Settings go to a throw-away directory, so the picture never depends on (or changes) the host's own.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile

import qasync
from PySide6.QtCore import QSettings

from studio.config import StudioConfig
from studio.show import Studio

from .app import create_application
from .i18n import Translations
from .main_window import MainWindow


async def shoot(out: str, width: int, height: int, seconds: float) -> None:
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    try:
        window = MainWindow(studio)
        window.resize(width, height)
        window.show()
        window.live_button.click()
        await asyncio.sleep(seconds)  # encoders warm up so the status bar shows real rates
        if not studio.is_live or window.preview_updates == 0:
            raise RuntimeError("the window did not go live")
        if not window.grab().save(out, "PNG"):
            raise OSError(f"could not write {out}")
        window.close()
    finally:
        await studio.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshot")
    parser.add_argument("out", nargs="?", default="docs/screenshot.png")
    parser.add_argument("--lang", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--seconds", type=float, default=4.0, help="how long to be live before the shot")
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
            loop.run_until_complete(shoot(args.out, width, height, args.seconds))
        finally:
            loop.close()
            asyncio.set_event_loop(None)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
