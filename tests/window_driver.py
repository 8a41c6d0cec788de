"""The real window in a process of its own, for tests that kill it: ``ui.app.run_window`` as
``studio`` runs it (its settings, secrets, session marker and show log in SETTINGS_DIR), driven by
JSON commands on stdin, one a line, each answered by one JSON line on stdout. Commands work the
window's own widgets, as the host's clicks would; ``state`` reports what the window shows.

    python -m tests.window_driver SETTINGS_DIR
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget

from studio.config import StudioConfig
from ui.app import create_application, run_window
from ui.main_window import MainWindow

AREAS = {"left": Qt.DockWidgetArea.LeftDockWidgetArea, "right": Qt.DockWidgetArea.RightDockWidgetArea,
         "top": Qt.DockWidgetArea.TopDockWidgetArea, "bottom": Qt.DockWidgetArea.BottomDockWidgetArea}


def the_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def state(window: MainWindow) -> dict[str, Any]:
    studio, beauty = window.studio, window.beauty_dock
    banner = window.resume_banner
    docks = {dock.objectName(): {"open": dock.isVisible(),
                                 "area": next((k for k, v in AREAS.items() if window.dockWidgetArea(dock) == v), "")}
             for dock in window.findChildren(QDockWidget)}
    return {"live": studio.is_live, "outputs": studio.config.outputs,
            "output_states": {name: output.state.value for name, output in studio.outputs.items()},
            "recording": studio.recorder is not None and studio.recorder.running,
            "beauty_on": beauty.beauty_box.isChecked(), "beauty": beauty.values["beauty"],
            "docks": docks, "size": [window.width(), window.height()],
            "poll": studio.interactions.public_state().get("polls", {}).get("poll"),
            "resume_offer": banner.text.text() if banner is not None and banner.isVisible() else None,
            "quit_asked": window.quit_box.isVisible()}


def perform(window: MainWindow, command: dict[str, Any]) -> dict[str, Any]:
    do = command["do"]
    if do == "state":
        return state(window)
    if do == "add_rtmp":
        dock = window.outputs_dock
        dock.kind_combo.setCurrentIndex(dock.kind_combo.findData("rtmp"))
        dock.name_edit.setText(command["name"])
        dock.url_edit.setText(command["url"])
        dock.secret_edit.setText(command["key"])
        dock.add_button.click()
    elif do == "beauty":
        window.beauty_dock.beauty_box.setChecked(True)
        for key, value in command["values"].items():
            window.beauty_dock.sliders[("beauty", key)].setValue(value)
    elif do == "dock":  # opened from the View menu, then dragged to another side
        dock = window.findChild(QDockWidget, command["name"])
        if not dock.isVisible():
            dock.toggleViewAction().trigger()
        window.addDockWidget(AREAS[command["area"]], dock)
    elif do == "resize":
        window.resize(*command["size"])
    elif do == "live":
        window.live_button.click()
    elif do == "record":
        window.outputs_dock.folder_edit.setText(command["folder"])
        window.outputs_dock.record_button.click()
    elif do == "poll":
        dock = window.commerce_docks["poll_lottery"]
        dock.question.setText(command["question"])
        dock.options.setPlainText("\n".join(command["options"]))
        dock.poll_start.click()
    elif do == "resume":
        assert window.resume_banner is not None and window.resume_banner.isVisible()
        window.resume_banner.resume_button.click()
    elif do == "quit":  # Ctrl+Q
        window.quit_action.trigger()
    elif do == "confirm_quit":
        window.quit_confirm_button.click()
    else:
        return {"error": f"no command {do!r}"}
    return {"ok": True}


def answer(line: str) -> None:
    try:
        reply = perform(the_window(), json.loads(line))
    except Exception as exc:  # said to the test, which fails with it
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(reply, ensure_ascii=False), flush=True)


def read_commands(loop: asyncio.AbstractEventLoop) -> None:
    # A daemon thread: blocked in readline, it must not keep the process from ending.
    for line in sys.stdin:
        loop.call_soon_threadsafe(answer, line)


async def serve_commands() -> None:
    while not any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()):
        await asyncio.sleep(0.05)
    print(json.dumps({"ready": True}), flush=True)
    threading.Thread(target=read_commands, args=(asyncio.get_running_loop(),), daemon=True).start()


def main(settings_dir: str) -> int:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    create_application()  # run_window takes this one; the timer below needs it to exist
    QTimer.singleShot(0, lambda: asyncio.ensure_future(serve_commands()))
    return run_window(StudioConfig(port=0, audio_source="none"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
