"""The offer after a crash or a kill: the settings are back already; one click goes live again with
the outputs and restarts the recording, as they were. Nothing starts before that click."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from .layout import Retranslated
from .session import SessionState


class ResumeBanner(Retranslated, QFrame):
    resume = Signal()

    def __init__(self, state: SessionState) -> None:
        super().__init__(objectName="resumeBanner")
        self.state = state
        self.text = QLabel(wordWrap=True)
        self.resume_button = QPushButton(objectName="resumeButton")
        self.dismiss_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.resume_button.clicked.connect(self.hide)
        self.resume_button.clicked.connect(self.resume)
        self.dismiss_button.clicked.connect(self.hide)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        lines = [self.tr("Host Studio did not close properly last time. Your settings are back, and so are "
                         "the products and any open flash sale, poll or lottery.")]
        if self.state.live and self.state.outputs:
            lines.append(self.tr("Resume the show to go live again, with {0}.").format(", ".join(self.state.outputs)))
        elif self.state.live:
            lines.append(self.tr("Resume the show to go live again."))
        if self.state.recording:
            lines.append(self.tr("The recording starts again in a new file."))
        self.text.setText("\n".join(lines))
        self.resume_button.setText(self.tr("Resume the show"))
        self.dismiss_button.setText(self.tr("Not now"))
