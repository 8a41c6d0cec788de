"""`run_window`: the Qt application around a Studio, sharing one asyncio loop through qasync."""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.config import StudioConfig
from studio.show import Studio

from .i18n import Translations
from .main_window import MainWindow
from .settings import APPLICATION, ORGANISATION, open_settings, restore_config
from .theme import apply_theme

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "host_studio.svg"


def create_application() -> QApplication:
    """The QApplication with name, icon, theme and the remembered (or system) language."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(ICON)))
    apply_theme(app)
    Translations.for_app().apply(str(open_settings().value("language", "system")))
    return app


def server_error_message(config: StudioConfig, exc: OSError) -> str:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        text = QCoreApplication.translate(
            "app", "Port {0} is already in use, probably by another Host Studio or another program.\n\n"
                   "Close that program, or start Host Studio on another port, for example:\n"
                   "    studio --port {1}")
        return text.format(config.port, config.port + 1)
    text = QCoreApplication.translate("app", "Host Studio could not start its viewer server on {0}:{1}:\n{2}")
    return text.format(config.host, config.port, exc.strerror or exc)


async def run_show(config: StudioConfig) -> str | None:
    """Start the show, run the window until it closes, shut down. Returns an error message or None."""
    studio = Studio(config)
    try:
        await studio.start()
    except OSError as exc:
        await studio.close()
        return server_error_message(config, exc)
    window = MainWindow(studio)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    # Ctrl+C in the terminal closes the window like the close button, so settings are saved.
    previous = signal.signal(signal.SIGINT, lambda *_: window.close())
    window.show()
    try:
        await closed.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
        await studio.close()
    return None


def run_window(config: StudioConfig) -> int:
    app = create_application()
    restore_config(config, open_settings())
    app.setQuitOnLastWindowClosed(False)  # the loop ends when run_show returns, after studio.close()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        error = loop.run_until_complete(run_show(config))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    if error is None:
        return 0
    # Shown after the loop has stopped: a modal box inside a running asyncio task would re-enter it.
    title = QCoreApplication.translate("app", "Host Studio cannot start")
    box = QMessageBox(QMessageBox.Icon.Critical, title, error)
    box.exec()
    return 1
