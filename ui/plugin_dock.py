"""The plugin manager: every plugin with its state; third-party ones switch on and off live."""

from __future__ import annotations

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
        switched_off = {name: worded(message) for name, message in stats.get("filter_error_messages", {}).items()}
        providers = {g.name: g.provider for g in self.studio.pipeline.filters}
        self.tree.blockSignals(True)
        for plugin in self.studio.plugins():
            item = self.items.get(plugin["name"])
            if item is None:
                item = self.items[plugin["name"]] = QTreeWidgetItem(self.tree)
                flags = item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
                if not plugin["builtin"]:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
            problems = list(plugin["errors"]) + [f"{name}: {error}" for name, error in switched_off.items()
                                                 if providers.get(name) == plugin["name"]]
            title = localized(plugin["title"], plugin["titles"], ui_language())
            item.setText(NAME, title if plugin["builtin"] else plugin["name"])
            item.setText(VERSION, plugin["version"])
            item.setText(STATE, self._state(plugin, problems))
            if not plugin["builtin"]:
                item.setCheckState(NAME, Qt.CheckState.Checked if plugin["enabled"] else Qt.CheckState.Unchecked)
            item.setToolTip(NAME, "\n".join([plugin["description"], plugin["origin"], *plugin["contributions"],
                                             *problems]).strip())
        self.tree.blockSignals(False)

    def _state(self, plugin: dict[str, Any], problems: list[str]) -> str:
        if plugin["builtin"]:
            return self.tr("Built in")
        if plugin["errors"]:
            return self.tr("Not loaded: {0}").format(plugin["errors"][0])
        if not plugin["enabled"]:
            return self.tr("Off")
        if problems:
            return self.tr("Switched off by the studio: {0}").format(problems[0])
        return self.tr("On")

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
