"""The plugin manager: every plugin with its state; third-party ones switch on and off live."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QScrollArea, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studio.registry import RegistryError
from studio.settings_schema import localized
from studio.show import Studio

from .i18n import ui_language
from .layout import TranslatedDock
from .settings_form import SettingsForm
from .worded import worded

NAME, VERSION, STATE = range(3)


class PluginDock(TranslatedDock):
    def __init__(self, studio: Studio) -> None:
        super().__init__()
        self.setObjectName("pluginDock")  # saveState needs a name
        self.studio = studio
        self.tree = QTreeWidget(rootIsDecorated=False, uniformRowHeights=True)
        self.tree.setColumnCount(3)
        self.tree.itemChanged.connect(self._toggled)
        self.tree.currentItemChanged.connect(lambda *_: self.show_settings())
        self.settings_area = QScrollArea(widgetResizable=True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 2)
        layout.addWidget(self.settings_area, 3)
        self.setWidget(body)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.forms: dict[str, SettingsForm] = {}  # contribution name → its form, for the selected plugin
        self.retranslateUi()
        self.refresh()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Plugins"))
        self.tree.setHeaderLabels([self.tr("Plugin"), self.tr("Version"), self.tr("State")])
        self.refresh()

    def refresh(self, stats: dict[str, Any] | None = None) -> None:
        """Update the list from the studio; the window's status timer passes the stats it already has."""
        stats = stats or self.studio.stats()
        states = stats.get("filter_states") or self.studio.pipeline.filter_states()
        self.tree.blockSignals(True)
        for plugin in self.studio.plugins():
            item = self.items.get(plugin["name"])
            if item is None:
                item = self.items[plugin["name"]] = QTreeWidgetItem(self.tree)
                flags = item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
                if not plugin["builtin"]:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
            notes = [self._filter_note(state) for state in states if state["provider"] == plugin["name"]]
            notes = [note for note in notes if note]
            title = localized(plugin["title"], plugin["titles"], ui_language())
            item.setText(NAME, title if plugin["builtin"] else plugin["name"])
            item.setText(VERSION, plugin["version"])
            item.setText(STATE, "; ".join([self._state(plugin), *notes]))
            if not plugin["builtin"]:
                item.setCheckState(NAME, Qt.CheckState.Checked if plugin["enabled"] else Qt.CheckState.Unchecked)
            item.setToolTip(NAME, "\n".join([plugin["description"], plugin["origin"], *plugin["contributions"],
                                             *plugin["errors"], *notes]).strip())
        self.tree.blockSignals(False)

    def _state(self, plugin: dict[str, Any]) -> str:
        if plugin["builtin"]:
            return self.tr("Built in")
        if plugin["errors"]:
            return self.tr("Not loaded: {0}").format(plugin["errors"][0])
        return self.tr("On") if plugin["enabled"] else self.tr("Off")

    def _filter_note(self, state: dict[str, Any]) -> str:
        """What the studio does with one of the plugin's filters or overlays, if not simply running it."""
        name = state["name"]
        if state["state"] == "off":
            reason = worded(state["reason_message"]) if state.get("reason_message") else state["reason"]
            if state["retry_in_s"] is None:
                return self.tr("{0} switched off: {1}; tried again once it responds").format(name, reason)
            return self.tr("{0} switched off: {1}; trying again in {2} s").format(
                name, reason, math.ceil(state["retry_in_s"]))
        if state["over_budget"]:
            return self.tr("{0} too slow: {1} ms a frame for a budget of {2} ms").format(
                name, f"{state['ms']:.0f}", f"{state['budget_ms']:.0f}")
        if state["state"] == "degraded":
            return self.tr("{0} at reduced quality (level {1} of {2}) to keep the frame rate").format(
                name, state["level"], state["levels"])
        return ""

    def show_settings(self) -> None:
        """Forms for the selected plugin's filters in this show, built from their settings schemas."""
        item = self.tree.currentItem()
        plugin = next((n for n, i in self.items.items() if i is item), None)
        box = QWidget()
        layout = QVBoxLayout(box)
        self.forms = {}
        for kind in ("video_filter", "overlay", "interaction"):
            for spec in self.studio.configured(kind):
                contribution = self.studio.registry.get(kind, spec["name"])
                if contribution.provider != plugin or contribution.settings is None:
                    continue
                group = QGroupBox(localized(contribution.title or spec["name"], contribution.titles, ui_language()))
                form = self.forms[spec["name"]] = SettingsForm(
                    contribution.settings, spec, lambda key, value, k=kind, n=spec["name"]: self._set(k, n, key, value))
                QVBoxLayout(group).addWidget(form)
                layout.addWidget(group)
        layout.addStretch(1)
        self.settings_area.setWidget(box)

    def _set(self, kind: str, name: str, key: str, value: Any) -> None:
        try:
            self.studio.set_options(kind, name, **{key: value})
        except RegistryError as exc:
            self.window().statusBar().showMessage(worded(exc), 10000)

    def _toggled(self, item: QTreeWidgetItem, column: int) -> None:
        if column != NAME:
            return
        name = next(n for n, i in self.items.items() if i is item)
        try:
            self.studio.set_plugin_enabled(name, item.checkState(NAME) == Qt.CheckState.Checked)
        except RegistryError as exc:
            self.window().statusBar().showMessage(worded(exc), 10000)
        self.refresh()
