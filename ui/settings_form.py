"""A form built from a contribution's settings schema: no plugin writes its own settings UI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from studio.settings_schema import SettingSpec, localized

from .i18n import ui_language


class SettingsForm(QWidget):
    """One editor per setting; ``on_change(name, value)`` fires when the host finishes an edit."""

    def __init__(self, specs: tuple[SettingSpec, ...], values: dict[str, Any],
                 on_change: Callable[[str, Any], None]) -> None:
        super().__init__()
        self.editors: dict[str, QWidget] = {}
        self._on_change = on_change
        layout = QFormLayout(self)
        language = ui_language()
        for spec in specs:
            editor = self._editor(spec, values.get(spec.name, spec.default))
            self.editors[spec.name] = editor
            layout.addRow(localized(spec.title, spec.titles, language), editor)

    def _editor(self, spec: SettingSpec, value: Any) -> QWidget:
        changed = self._on_change
        if spec.type == "bool":
            box = QCheckBox(checked=bool(value))
            box.toggled.connect(lambda on, n=spec.name: changed(n, on))
            return box
        if spec.type in ("int", "float"):
            box = QSpinBox() if spec.type == "int" else QDoubleSpinBox(decimals=2, singleStep=0.05)
            box.setRange(spec.minimum if spec.minimum is not None else -1e6,
                         spec.maximum if spec.maximum is not None else 1e6)
            box.setValue(value)
            box.editingFinished.connect(lambda b=box, n=spec.name: changed(n, b.value()))
            return box
        if spec.type == "choice":
            box = QComboBox()
            box.addItems(list(spec.choices))
            box.setCurrentText(str(value))
            box.currentTextChanged.connect(lambda text, n=spec.name: changed(n, text))
            return box
        edit = QLineEdit(str(value))
        edit.editingFinished.connect(lambda e=edit, n=spec.name: changed(n, e.text()))
        if spec.type != "path":
            return edit
        row = QWidget()
        browse = QPushButton("…", maximumWidth=32)
        browse.clicked.connect(lambda: self._browse(edit))
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(browse)
        row.line_edit = edit  # tests and callers reach the text through the row
        return row

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), edit.text())
        if path:
            edit.setText(path)
            edit.editingFinished.emit()
