"""`run_window`: the Qt application around a Studio, sharing one asyncio loop through qasync."""

from __future__ import annotations

import asyncio
import errno
import signal
import sys

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from studio.config import StudioConfig
from studio.desktop_entry import APP_ID
from studio.guests.join import JoinedCall, JoinError, LinkError, parse_link
from studio.resources import resource_path
from studio.show import Studio

from .i18n import Translations
from .main_window import MainWindow
from .return_view import ReturnView
from .settings import APPLICATION, ORGANISATION, open_settings, restore_config
from .theme import apply_theme
from .worded import worded

ICON = resource_path("icons", "host_studio.svg")


def create_application() -> QApplication:
    """The QApplication with name, icon, theme and the remembered (or system) language."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(ICON)))
    app.setDesktopFileName(APP_ID)  # the shell matches the window to its menu entry
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


def place_beside(view: QWidget, window: QWidget) -> None:
    """``view`` to the right of ``window``, kept on the window's screen."""
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    x = min(frame.right() + 8, screen.right() - view.frameGeometry().width())
    view.move(max(screen.left(), x), max(screen.top(), frame.top()))


async def _join(call: JoinedCall) -> None:
    try:
        await call.join()
    except JoinError as exc:  # the return view says why; the terminal too
        print(f"studio: {exc}", file=sys.stderr)


async def run_show(config: StudioConfig, join: str | None = None, name: str = "") -> str | None:
    """Start the show, run the window until it closes, shut down. Returns an error message or None.
    With ``join`` (an invite link) the show is a guest on that host's show instead of going live:
    the return view opens beside the window."""
    if join:
        try:
            parse_link(join)
        except LinkError as exc:
            return QCoreApplication.translate("app", "This is not an invite link: {0}").format(worded(exc))
    studio = Studio(config)
    call = JoinedCall(studio, join, name) if join else None
    try:
        await studio.start()
    except OSError as exc:
        await studio.close()
        return server_error_message(config, exc)
    window = MainWindow(studio)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    # Ctrl+C in the terminal closes the window (settings saved, a clean quit) without asking: the
    # host asked for it there.
    previous = signal.signal(signal.SIGINT, lambda *_: window.close_without_asking())
    window.show()
    view, joining = None, None
    if call is not None:
        view = ReturnView(call)
        view.show()
        place_beside(view, window)
        joining = asyncio.ensure_future(_join(call))
    try:
        await closed.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
        if call is not None and joining is not None and view is not None:
            joining.cancel()
            await asyncio.gather(joining, return_exceptions=True)
            await call.leave()
            view.close()
        await studio.close()
    return None


def run_window(config: StudioConfig, join: str | None = None, name: str = "") -> int:
    app = create_application()
    if join and not config.event_log:
        config.event_log = ":memory:"  # a guest keeps no show of its own (nor shares the host's log file)
    restore_config(config, open_settings())
    app.setQuitOnLastWindowClosed(False)  # the loop ends when run_show returns, after studio.close()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        error = loop.run_until_complete(run_show(config, join, name))
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
