"""Small layout helpers shared by the window and its docks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSlider,
    QWidget,
)


def row(*widgets: QWidget) -> QWidget:
    """Widgets side by side; fields stretch, buttons and read-outs keep their size."""
    container = QWidget()
    layout = QHBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, (QComboBox, QLineEdit, QSlider)) else 0)
    return container


def ending_question(parent: QWidget, answered: Callable[[QAbstractButton], None],
                    ) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """A box that asks before the show ends: (box, end button, keep-streaming button, the default).
    Open it window-modal (``open()``, not ``exec()``): no nested event loop, the show runs on."""
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", parent=parent)
    end = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.buttonClicked.connect(answered)
    return box, end, keep


def show_picture(label: QLabel, image: np.ndarray) -> None:
    """An RGB picture fitted into ``label`` (aspect kept), sharp on high-DPI screens."""
    image = np.ascontiguousarray(image)  # QImage wants one buffer, rows unpadded
    height, width = image.shape[:2]
    qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_RGB888)
    ratio = label.devicePixelRatioF()
    scaled = qimage.scaled(label.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap.fromImage(scaled)  # a copy: ``image`` may go
    pixmap.setDevicePixelRatio(ratio)
    label.setPixmap(pixmap)


class Retranslated:
    """Mixed into a widget (before its Qt class): it sets its texts again when the window's language
    changes (``retranslateUi``)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslateUi(self) -> None:
        raise NotImplementedError


class TranslatedDock(Retranslated, QDockWidget):
    """A dock that sets its texts again when the window's language changes."""
