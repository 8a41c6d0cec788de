"""The Show menu and its hotkeys: Go Live / End, pin the catalog's next product, start the flash
sale of the product on air. F-keys by default: they type nothing, so they never clash with the
comment reply box. The host changes them in Show → Hotkeys… (kept as ``hotkeys/<name>``)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QMenu,
    QWidget,
)
from qasync import asyncSlot

from studio.show import Studio

from .commerce_docks import ProductsDock
from .layout import Retranslated, ending_question

DEFAULT_HOTKEYS = {"live": "F5", "next_product": "F6", "start_sale": "F7"}


def hotkeys(settings: QSettings) -> dict[str, QKeySequence]:
    """The host's hotkeys: as changed in the dialog, else the defaults."""
    return {name: QKeySequence(str(settings.value(f"hotkeys/{name}", default)))
            for name, default in DEFAULT_HOTKEYS.items()}


class ShowMenu(Retranslated, QMenu):
    """The show's own actions, each with its hotkey; what they did (or why not) goes to ``say``."""

    hotkeys_changed = Signal()  # the window saves its settings

    def __init__(self, parent: QWidget, studio: Studio, settings: QSettings, products: ProductsDock,
                 set_live: Callable[[bool], Coroutine[Any, Any, None]], say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.studio, self.settings, self.products = studio, settings, products
        self._set_live, self._say = set_live, say
        self.live_action = QAction(self, triggered=self.live_pressed)
        self.next_product_action = QAction(self, triggered=self.next_product)
        self.start_sale_action = QAction(self, triggered=self.start_sale)
        self.hotkeys_action = QAction(self, triggered=self.edit_hotkeys)
        self.actions_by_name = {"live": self.live_action, "next_product": self.next_product_action,
                                "start_sale": self.start_sale_action}
        for action in self.actions_by_name.values():
            self.addAction(action)
        self.addSeparator()
        self.addAction(self.hotkeys_action)
        self.apply_hotkeys()
        # Ending is never one stray key away.
        self.end_box, self.end_confirm_button, self.keep_button = ending_question(parent, self._end_answered)
        self.dialog: HotkeysDialog | None = None
        self.retranslateUi()

    def apply_hotkeys(self) -> None:
        for name, keys in hotkeys(self.settings).items():
            self.actions_by_name[name].setShortcut(keys)

    def retranslateUi(self) -> None:
        self.setTitle(self.tr("&Show"))
        self.next_product_action.setText(self.tr("Pin the next product"))
        self.start_sale_action.setText(self.tr("Start the flash sale of the pinned product"))
        self.hotkeys_action.setText(self.tr("Hotkeys…"))
        self.end_box.setWindowTitle(self.tr("End the show?"))
        self.end_box.setText(self.tr("Ending the show stops it for every viewer and stops every output."))
        self.end_confirm_button.setText(self.tr("End the show"))
        self.keep_button.setText(self.tr("Keep streaming"))
        self.refresh_live()

    def refresh_live(self) -> None:
        self.live_action.setText(self.tr("End the show") if self.studio.is_live else self.tr("Go Live"))

    def live_pressed(self) -> None:
        """Go Live at once; end only once the host says so."""
        if self.studio.is_live:
            self.end_box.open()
        else:
            self._go(True)

    def _end_answered(self, button: QAbstractButton) -> None:
        if button is self.end_confirm_button:
            self._go(False)

    @asyncSlot(bool)
    async def _go(self, live: bool) -> None:
        await self._set_live(live)

    def next_product(self) -> None:
        self._say(self.products.pin_next())

    def start_sale(self) -> None:
        self._say(self.products.start_pinned_sale())

    def edit_hotkeys(self) -> None:
        self.dialog = HotkeysDialog(self.parentWidget(), self)
        self.dialog.open()


class HotkeysDialog(Retranslated, QDialog):
    """A key field per show action; saved and in force on OK."""

    def __init__(self, parent: QWidget, menu: ShowMenu) -> None:
        super().__init__(parent)
        self.menu = menu
        self.edits = {name: QKeySequenceEdit(keys) for name, keys in hotkeys(menu.settings).items()}
        self.labels = {name: QLabel() for name in self.edits}
        self.problem = QLabel(objectName="dockStatus", wordWrap=True)
        form = QFormLayout(self)
        for name, edit in self.edits.items():
            form.addRow(self.labels[name], edit)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        form.addRow(self.buttons)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Hotkeys"))
        self.labels["live"].setText(self.tr("Go Live / End the show"))
        self.labels["next_product"].setText(self.tr("Pin the next product"))
        self.labels["start_sale"].setText(self.tr("Start the flash sale"))

    def restore_defaults(self) -> None:
        for name, keys in DEFAULT_HOTKEYS.items():
            self.edits[name].setKeySequence(QKeySequence(keys))

    def accept(self) -> None:
        chosen = [edit.keySequence() for edit in self.edits.values() if not edit.keySequence().isEmpty()]
        if len({keys.toString() for keys in chosen}) < len(chosen):
            self.problem.setText(self.tr("Two actions have the same hotkey: give each its own."))
            return
        for name, edit in self.edits.items():
            self.menu.settings.setValue(f"hotkeys/{name}", edit.keySequence().toString())
        self.menu.apply_hotkeys()
        self.menu.hotkeys_changed.emit()
        super().accept()
