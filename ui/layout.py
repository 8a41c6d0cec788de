"""Small layout helpers shared by the window and its docks."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDockWidget, QHBoxLayout, QLineEdit, QSlider, QWidget


def row(*widgets: QWidget) -> QWidget:
    """Widgets side by side; fields stretch, buttons and read-outs keep their size."""
    container = QWidget()
    layout = QHBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, (QComboBox, QLineEdit, QSlider)) else 0)
    return container


class TranslatedDock(QDockWidget):
    """A dock that sets its texts again when the window's language changes (``retranslateUi``)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        raise NotImplementedError
