"""A desktop guest's view of the host's show (``studio --join``): the program as the host sends it
back, where the guest stands (lobby, on the call, seen and heard on air), the show's sound, and
Leave. It sits beside the main window, where the guest's own camera, beauty and HD controls stay.
A thin view over ``studio.guests.join.JoinedCall``; closing it leaves the call."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget
from qasync import asyncSlot

from studio.guests.join import JoinedCall

from .layout import Retranslated, row, show_picture
from .worded import worded

TICK_MS = 40  # the return picture runs at the host's frame rate (at most 30 fps)
METER_FLOOR_DB = -60


class ReturnView(Retranslated, QWidget):
    def __init__(self, call: JoinedCall) -> None:
        super().__init__()
        self.call = call
        self.pictures_shown = 0  # frames actually drawn (tests read it)
        self._shown: object | None = None  # the picture drawn last
        self._placeholder: str | None = None  # for which state the text was drawn
        self._leaving: asyncio.Future | None = None
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.picture.setMinimumSize(320, 180)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture.setStyleSheet("background: #000; color: #aaa;")
        self.state_label = QLabel(wordWrap=True)
        self.state_label.setObjectName("guest-state")
        self.on_air_label = QLabel()
        self.sound_label = QLabel(wordWrap=True)
        self.meter = QProgressBar(minimum=METER_FLOOR_DB, maximum=0, value=METER_FLOOR_DB)
        self.leave_button = QPushButton()
        self.leave_button.clicked.connect(self.leave)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.on_air_label)
        layout.addWidget(row(self.meter, self.leave_button))
        layout.addWidget(self.sound_label)
        self.resize(660, 520)
        self._timer = QTimer(self, interval=TICK_MS, timeout=self.refresh)
        self._timer.start()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("The host's show"))
        self.leave_button.setText(self.tr("Leave"))
        self._placeholder = None  # drawn again in the new language
        self.refresh()

    # -- read-outs --------------------------------------------------------------------------------
    def refresh(self) -> None:
        call = self.call
        self._show_picture()
        self.state_label.setText(self.state_text())
        on_call = call.state == "on_call"
        self.on_air_label.setVisible(on_call)
        if on_call:
            seen = self.tr("Viewers see you") if call.visible else self.tr("Viewers do not see you")
            heard = self.tr("viewers hear you") if call.audible else self.tr("viewers do not hear you")
            self.on_air_label.setText(f"{seen} · {heard}")
        level = call.audio.level_db()
        self.meter.setValue(int(min(0, max(METER_FLOOR_DB, level))))
        self.meter.setFormat(self.tr("Show's sound {0} dB").format(f"{max(level, METER_FLOOR_DB):.0f}"))
        speaker = call.audio.speaker
        if speaker.playing:
            self.sound_label.setText(self.tr("Playing on {0}").format(speaker.device))
        elif speaker.error:
            self.sound_label.setText(self.tr("No audio output device: the show's sound is not played"))
        else:
            self.sound_label.setText("")
        self.leave_button.setEnabled(call.state != "ended" and self._leaving is None)

    def state_text(self) -> str:
        state = self.call.state
        if state == "connecting":
            return self.tr("Connecting to the host…")
        if self.call.reconnecting:
            return self.tr("The connection dropped: reconnecting…")
        if state == "lobby":
            return self.tr("In the lobby: the host will let you in")
        if state == "on_call":
            return self.tr("On the call: you see and hear the show")
        return self.tr("The call ended: {0}").format(self.ending_text())

    def ending_text(self) -> str:
        call = self.call
        endings = {
            "left": self.tr("you left"),
            "kicked": self.tr("the host removed you from the call"),
            "rejected": self.tr("the host did not let you in"),
            "lost": self.tr("the connection to the host was lost"),
            # the host's reason and the core's errors in the window's language (a plain text as it came)
            "refused": self.tr("the host's studio refused the link: {0}").format(worded(call.detail_message)),
            "failed": self.tr("could not join: {0}").format(worded(call.detail_message)),
        }
        return endings.get(call.ended_by, call.reason)

    def _show_picture(self) -> None:
        frame = self.call.video.latest
        if frame is None or self.call.state == "ended":
            if self._placeholder != self.call.state:  # the text once, not every tick
                self._placeholder, self._shown = self.call.state, None
                self.picture.setPixmap(QPixmap())
                self.picture.setText(self.tr("The host's picture appears here once you are let in")
                                     if self.call.state != "ended" else "")
            return
        if frame is self._shown:
            return
        self._shown, self._placeholder = frame, None
        show_picture(self.picture, self.call.video.picture())
        self.pictures_shown += 1

    # -- leaving ----------------------------------------------------------------------------------
    @asyncSlot()
    async def leave(self) -> None:
        if self._leaving is None:
            self._leaving = asyncio.ensure_future(self.call.leave())
        self.refresh()
        await self._leaving
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the show's window hangs up; the guest's own studio window stays open.
        if self.call.state != "ended" and self._leaving is None:
            self._leaving = asyncio.ensure_future(self.call.leave())
        self._timer.stop()
        super().closeEvent(event)
