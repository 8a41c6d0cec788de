"""Host-window docks contributed by plugins: each factory gets the Studio and returns a QWidget.

A dock that fails to build is reported in the status bar and left out; the window stays up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from studio.settings_schema import localized
from studio.show import Studio

from .i18n import ui_language

log = logging.getLogger(__name__)


def add_plugin_docks(window: QMainWindow, studio: Studio) -> dict[str, QDockWidget]:
    docks: dict[str, QDockWidget] = {}
    for name in studio.registry.names("dock"):
        contribution = studio.registry.get("dock", name)
        if contribution.provider in studio.registry.disabled:
            continue
        try:
            widget = studio.registry.create("dock", name, studio=studio)
        except Exception as exc:  # a plugin's bug must not keep the window from opening
            log.exception("dock %s from %s failed", name, contribution.provider)
            window.statusBar().showMessage(
                window.tr("Plugin {0} could not add its panel: {1}").format(contribution.provider, exc), 15000)
            continue
        title = localized(contribution.title or name, contribution.titles, ui_language())
        dock = QDockWidget(title, window, objectName=f"plugin-dock-{name}")
        dock.setWidget(widget)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        docks[name] = dock
    return docks
