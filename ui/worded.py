"""The studio's messages in the window's language. A line the window shows from one is kept as what
to say (its code and parameters, or a ``tr`` call), not as the words, and said again when the
language changes: a refusal shown in Chinese reads in English after a switch, not as it was."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from studio.messages import as_message, word

from .i18n import ui_language
from .layout import Retranslated

Line = Callable[[], str]  # a line, worded afresh in the window's language each time it is called
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # a list item's Line


def worded(message: Mapping[str, Any] | BaseException) -> str:
    """A studio message (``studio.messages.as_message``) or error, in the window's language."""
    return word(message if isinstance(message, Mapping) else as_message(message), ui_language())


def said(message: Mapping[str, Any] | BaseException) -> Line:
    """The line for a message: worded when shown, again after a switch."""
    kept = message if isinstance(message, Mapping) else as_message(message)
    return lambda: word(kept, ui_language())


class WordedLabel(Retranslated, QLabel):
    """A label that says its lines again when the window's language changes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines: tuple[Line, ...] = ()

    def say(self, *lines: Line) -> None:
        self._lines = lines
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setText("\n".join(line() for line in self._lines))


def say_in(item: QListWidgetItem, line: Line) -> None:
    """``item`` says ``line`` now, and again at each ``reword`` of its list."""
    item.setData(LINE_ROLE, line)
    item.setText(line())


def reword(widget: QListWidget) -> None:
    """Say every item of ``widget`` that keeps a Line (``LINE_ROLE``) again."""
    for index in range(widget.count()):
        line = widget.item(index).data(LINE_ROLE)
        if line is not None:
            widget.item(index).setText(line())
