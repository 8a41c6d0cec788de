"""The host's guests dock for co-host calls (连麦), like StreamYard's or vMix Call's guest panel:
invite links, the lobby, the guests on the call with their picture, quality light and sound, the
host's microphone and the program's level, and the layout they share the picture in. A thin view
over ``Studio.call``; every refusal of the core (the guest limit, a missing noise suppressor) is
shown in the dock's status line."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import cv2
from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from studio.audio.denoise import DenoiseUnavailable
from studio.frames import DecodedPicture
from studio.guests.layout import CORNERS, LAYOUTS
from studio.show import Studio

from .layout import TranslatedDock, row
from .worded import WordedLabel, said

TICK_MS = 250  # thumbnails, meters and lights four times a second, while the dock is in view
THUMB_W, THUMB_H = 128, 72
METER_FLOOR_DB = -60
EXPIRIES_S = (600, 3600, 86400, 7 * 86400)
LIGHTS = {"grey": "#7d8594", "green": "#2e9d47", "amber": "#e0a800", "red": "#e53935"}


def _duration(seconds: float) -> str:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _set_quietly(widget: QWidget, setter: Callable[[Any], None], value: Any) -> None:
    """Show the core's state in a control without it acting again."""
    widget.blockSignals(True)
    setter(value)
    widget.blockSignals(False)


class LevelMeter(QProgressBar):
    """A voice's level in dB, coloured like the window's meter (ok, hot, clipping)."""

    def __init__(self) -> None:
        super().__init__(minimum=METER_FLOOR_DB, maximum=0, value=METER_FLOOR_DB)

    def set_level(self, rms_db: float, peak_db: float) -> None:
        self.setValue(int(min(0, max(METER_FLOOR_DB, rms_db))))
        self.setFormat(self.tr("{0} dB").format(f"{max(rms_db, METER_FLOOR_DB):.0f}"))
        zone = "clip" if peak_db > -1 else "hot" if peak_db > -9 else "ok"
        if self.property("level") != zone:
            self.setProperty("level", zone)
            self.style().polish(self)


class Fader(QWidget):
    """A voice's volume (0–400 %, +12 dB at the top) over its level meter."""

    def __init__(self, on_volume: Callable[[float], None]) -> None:
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=400, value=100)
        self.meter = LevelMeter()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider)
        layout.addWidget(self.meter)
        self.slider.valueChanged.connect(lambda value: on_volume(value / 100))

    def set_voice(self, voice: dict[str, Any] | None) -> None:
        if voice is None:
            self.meter.set_level(-120, -120)
            return
        if not self.slider.isSliderDown():  # the host's drag wins over the read-out
            _set_quietly(self.slider, self.slider.setValue, round(voice["volume"] * 100))
        self.slider.setToolTip(f"{voice['volume'] * 100:.0f} %")
        self.meter.set_level(voice["rms_db"], voice["peak_db"])


class GuestRow(QFrame):
    """One guest: live thumbnail and name; in the lobby the waiting time with Admit and Reject, on
    the call the quality light, Show/Hide, Mute/Unmute on air, the volume with its meter, Kick.
    A guest who is admitted gets a new row in the call's list."""

    def __init__(self, dock: GuestDock, guest_id: str, lobby: bool) -> None:
        super().__init__(frameShape=QFrame.Shape.StyledPanel)
        self.guest_id, self.lobby = guest_id, lobby
        self.visible_on_air = self.audible_on_air = False
        self._frame: DecodedPicture | None = None
        self.pictures_shown = 0
        call = dock.studio.call
        self.thumbnail = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, styleSheet="background: #000;")
        self.thumbnail.setFixedSize(THUMB_W, THUMB_H)
        self.light, self.name, self.info = QLabel("●"), QLabel(), QLabel(objectName="hint")
        self.admit_button, self.reject_button = QPushButton(), QPushButton()
        self.show_button, self.mute_button = QPushButton(checkable=True), QPushButton(checkable=True)
        self.kick_button = QPushButton()
        self.fader = Fader(lambda volume: dock.act(call.set_volume, guest_id, volume))
        details = QVBoxLayout()
        details.addWidget(row(self.light, self.name, self.info))
        details.addWidget(row(self.admit_button, self.reject_button, self.show_button, self.mute_button,
                              self.kick_button))
        details.addWidget(self.fader)
        for widget in (self.light, self.show_button, self.mute_button, self.kick_button, self.fader) if lobby \
                else (self.admit_button, self.reject_button):
            widget.hide()  # one row class for both lists: each shows its own controls
        layout = QHBoxLayout(self)
        layout.addWidget(self.thumbnail)
        layout.addLayout(details, 1)
        self.admit_button.clicked.connect(lambda: dock.act(call.admit, guest_id))
        self.reject_button.clicked.connect(lambda: dock.remove(guest_id, False))
        self.kick_button.clicked.connect(lambda: dock.remove(guest_id, True))
        self.show_button.clicked.connect(
            lambda: dock.act(call.set_on_air, guest_id, visible=not self.visible_on_air))
        self.mute_button.clicked.connect(
            lambda: dock.act(call.set_on_air, guest_id, audible=not self.audible_on_air))

    def update_from(self, state: dict[str, Any], joined_at: float, picture: Any) -> None:
        self.name.setText(state["name"])
        self.admit_button.setText(self.tr("Admit"))
        self.reject_button.setText(self.tr("Reject"))
        self.kick_button.setText(self.tr("Kick"))
        self.kick_button.setToolTip(self.tr("End their call; their invite link stops working"))
        if self.lobby:
            self.info.setText(self.tr("waiting {0}").format(_duration(time.time() - joined_at)))
        else:
            self.visible_on_air, self.audible_on_air = state["visible"], state["audible"]
            self.show_button.setChecked(self.visible_on_air)
            self.show_button.setText(self.tr("Hide") if self.visible_on_air else self.tr("Show"))
            self.show_button.setToolTip(self.tr("Their picture in the program"))
            self.mute_button.setChecked(self.audible_on_air)
            self.mute_button.setText(self.tr("Mute") if self.audible_on_air else self.tr("Unmute"))
            self.mute_button.setToolTip(self.tr("Their voice in the program (they always hear the show)"))
            self.info.setText(self.tr("on air") if self.visible_on_air or self.audible_on_air else "")
            self.fader.set_voice(state["audio"])
            self._show_quality(state["quality"])
        self._show_picture(picture)

    def _show_quality(self, quality: dict[str, Any]) -> None:
        self.light.setStyleSheet(f"color: {LIGHTS.get(quality['light'], LIGHTS['grey'])};")
        if quality["light"] == "grey":
            self.light.setToolTip(self.tr("Connection not measured yet"))
            return
        rtt = "—" if quality["rtt_ms"] is None else str(quality["rtt_ms"])
        lines = [self.tr("Round trip {0} ms").format(rtt), self.tr("Loss {0} %").format(quality["loss_pct"]),
                 self.tr("{0} fps").format(quality["fps"]),
                 self.tr("Resolution {0}×{1}").format(quality["width"], quality["height"])]
        worded = {"rtt": self.tr("the round trip is long"), "loss": self.tr("packets are being lost"),
                  "fps": self.tr("few frames arrive"), "height": self.tr("the picture is small")}
        self.light.setToolTip("\n".join(lines + [f"⚠ {worded.get(reason, reason)}" for reason in quality["reasons"]]))

    def _show_picture(self, picture: DecodedPicture | None) -> None:
        if picture is None or picture is self._frame:  # each decoded picture is scaled once
            return
        self._frame = picture
        self.pictures_shown += 1
        scale = min(THUMB_W / picture.width, THUMB_H / picture.height)
        width, height = max(2, round(picture.width * scale) & ~1), max(2, round(picture.height * scale) & ~1)
        # The RGB the program shares (never the frame itself: its scaler is not for two threads).
        rgb = cv2.resize(picture.rgb(), (width, height), interpolation=cv2.INTER_AREA)
        image = QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888)
        self.thumbnail.setPixmap(QPixmap.fromImage(image))  # fromImage copies: rgb may go


class GuestDock(TranslatedDock):
    """Refusals first, then the lobby and the call (what needs the host now), sound, layout, invites."""

    def __init__(self, studio: Studio) -> None:
        super().__init__(objectName="guestDock")
        self.studio = studio
        self.call = studio.call
        self.mixer = studio.pipeline.mixer
        self.rows: dict[str, GuestRow] = {}
        self._invites_shown: list[tuple[str, str]] = []
        self.status = WordedLabel(wordWrap=True, objectName="dockStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.invite_box = QGroupBox()
        invite_form = QFormLayout(self.invite_box)
        self.invite_name = QLineEdit(maxLength=40)
        self.expiry_combo = QComboBox()
        for seconds in EXPIRIES_S:
            self.expiry_combo.addItem("", seconds)
        self.expiry_combo.setCurrentIndex(1)
        self.uses_spin = QSpinBox(minimum=1, maximum=100, value=1)
        self.create_button = QPushButton()
        self.link_edit = QLineEdit(readOnly=True, objectName="inviteLink")
        self.invites = QListWidget(objectName="inviteList")
        self.invites.setMaximumHeight(100)
        self.revoke_button = QPushButton()
        self.invite_labels = [QLabel() for _ in range(3)]
        for label, field in zip(self.invite_labels, (self.invite_name, self.expiry_combo, self.uses_spin),
                                strict=True):
            invite_form.addRow(label, field)
        invite_form.addRow(self.create_button)
        invite_form.addRow(self.link_edit)
        invite_form.addRow(self.invites)
        invite_form.addRow(self.revoke_button)

        self.lobby_box, self.call_box = QGroupBox(), QGroupBox()
        self.lobby_layout, self.call_layout = QVBoxLayout(self.lobby_box), QVBoxLayout(self.call_box)
        self.nobody_waiting, self.nobody_on_call = QLabel(objectName="hint"), QLabel(objectName="hint")
        self.lobby_layout.addWidget(self.nobody_waiting)
        self.call_layout.addWidget(self.nobody_on_call)

        self.sound_box = QGroupBox()
        sound_form = QFormLayout(self.sound_box)
        self.host_fader = Fader(lambda volume: self.act(self.mixer.set_input, "host", volume=volume))
        self.host_mute, self.denoise_check = QCheckBox(), QCheckBox()
        self.program_meter = LevelMeter()
        self.sound_labels = [QLabel() for _ in range(2)]
        sound_form.addRow(self.sound_labels[0], self.host_fader)
        sound_form.addRow(row(self.host_mute, self.denoise_check))
        sound_form.addRow(self.sound_labels[1], self.program_meter)

        self.layout_box = QGroupBox()
        layout_form = QFormLayout(self.layout_box)
        self.layout_combo, self.corner_combo = QComboBox(), QComboBox()
        for name in LAYOUTS:
            self.layout_combo.addItem("", name)
        for corner in CORNERS:
            self.corner_combo.addItem("", corner)
        self.layout_labels = [QLabel() for _ in range(2)]
        layout_form.addRow(self.layout_labels[0], self.layout_combo)
        layout_form.addRow(self.layout_labels[1], self.corner_combo)

        body = QWidget()
        layout = QVBoxLayout(body)
        for widget in (self.status, self.lobby_box, self.call_box, self.sound_box, self.layout_box,
                       self.invite_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        # Scrolls up and down; never sideways, where buttons would be cut off: as wide as the rows need.
        scroll = QScrollArea(widgetResizable=True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.create_button.clicked.connect(self.create_invite)
        self.revoke_button.clicked.connect(self.revoke_invite)
        self.host_mute.toggled.connect(lambda on: self.act(self.mixer.set_input, "host", muted=on))
        self.denoise_check.toggled.connect(lambda on: self.act(self.mixer.set_input, "host", denoise=on))
        self.layout_combo.currentIndexChanged.connect(self._apply_layout)
        self.corner_combo.currentIndexChanged.connect(self._apply_layout)
        self._timer = QTimer(self, interval=TICK_MS, timeout=self.tick)
        self._timer.start()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.invite_box.setTitle(self.tr("Invite a guest"))
        for label, text in zip(self.invite_labels, (self.tr("Name"), self.tr("Expires after"), self.tr("Uses")),
                               strict=True):
            label.setText(text)
        self.invite_name.setPlaceholderText(self.tr("e.g. the brand's rep (optional)"))
        for index, text in enumerate((self.tr("10 minutes"), self.tr("1 hour"), self.tr("1 day"),
                                      self.tr("7 days"))):
            self.expiry_combo.setItemText(index, text)
        self.create_button.setText(self.tr("Create link and copy"))
        self.link_edit.setPlaceholderText(self.tr("The new link appears here"))
        self.revoke_button.setText(self.tr("Revoke selected link"))
        self.lobby_box.setTitle(self.tr("Waiting in the lobby"))
        self.call_box.setTitle(self.tr("On the call"))
        self.nobody_waiting.setText(self.tr("Nobody is waiting."))
        self.nobody_on_call.setText(self.tr("No guest on the call. Admitted guests start hidden and muted."))
        self.sound_box.setTitle(self.tr("Sound"))
        self.sound_labels[0].setText(self.tr("Your microphone"))
        self.sound_labels[1].setText(self.tr("Program"))
        self.host_mute.setText(self.tr("Mute"))
        self.denoise_check.setText(self.tr("Noise suppression"))
        self.layout_box.setTitle(self.tr("Layout"))
        self.layout_labels[0].setText(self.tr("Layout"))
        self.layout_labels[1].setText(self.tr("Corner"))
        for index, text in enumerate((self.tr("Solo"), self.tr("Side by side"), self.tr("Picture in picture"),
                                      self.tr("Grid"))):
            self.layout_combo.setItemText(index, text)
        for index, text in enumerate((self.tr("Top left"), self.tr("Top right"), self.tr("Bottom left"),
                                      self.tr("Bottom right"))):
            self.corner_combo.setItemText(index, text)
        self._invites_shown = []  # the texts changed: list the invites again
        self.tick()
        self.refresh()
        self._fit_width()

    # -- actions --------------------------------------------------------------------------------
    def act(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one of the host's actions; a refusal is shown in the dock, never raised."""
        try:
            result = action(*args, **kwargs)
        except (ValueError, DenoiseUnavailable) as exc:
            self.status.say(said(exc))
            result = None
        else:
            self.status.say()
        self.refresh()  # controls show what the core now holds, also after a refusal
        return result

    @asyncSlot()
    async def remove(self, guest_id: str, kick: bool) -> None:
        try:
            await self.call.remove(guest_id, kick=kick)
        except ValueError as exc:
            if isValid(self):
                self.status.say(said(exc))
            return
        if isValid(self):  # the window may have closed meanwhile
            self.status.say()
            self.refresh()

    def create_invite(self) -> None:
        made = self.act(self.call.create_invite, self.invite_name.text(), self.expiry_combo.currentData(),
                        self.uses_spin.value())
        if made is not None:
            link = made[0]
            self.link_edit.setText(link)
            self.link_edit.selectAll()
            QGuiApplication.clipboard().setText(link)
            self.status.say(lambda: self.tr("Link copied: send it to your guest. It is shown only now."))

    def revoke_invite(self) -> None:
        item = self.invites.currentItem()
        if item is None:
            self.status.say(lambda: self.tr("Select a link first"))
            return
        self.act(self.call.invites.revoke, item.data(Qt.ItemDataRole.UserRole))

    def _apply_layout(self) -> None:
        self.act(self.call.set_layout, self.layout_combo.currentData(), self.corner_combo.currentData())

    # -- read-outs ------------------------------------------------------------------------------
    def tick(self) -> None:
        waiting = len(self.call.guests.waiting())  # in the tab's title, so a hidden dock still says so
        self.setWindowTitle(self.tr("Guests ({0} waiting)").format(waiting) if waiting else self.tr("Guests"))
        if self.isVisible():
            self.refresh()

    def _fit_width(self) -> None:
        """As wide as the content needs (new rows, another language), so nothing is cut off."""
        scroll = self.widget()
        assert isinstance(scroll, QScrollArea)
        needed = scroll.widget().minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4
        scroll.setMinimumWidth(needed)

    def refresh(self) -> None:
        states = {state["id"]: state for state in self.call.state()}
        for guest_id in [g for g, r in self.rows.items()
                         if g not in states or r.lobby != (states[g]["state"] == "lobby")]:
            self.rows.pop(guest_id).deleteLater()
        for guest_id, state in states.items():
            guest_row = self.rows.get(guest_id)
            if guest_row is None:
                guest_row = self.rows[guest_id] = GuestRow(self, guest_id, state["state"] == "lobby")
                (self.lobby_layout if guest_row.lobby else self.call_layout).addWidget(guest_row)
                guest_row.update_from(state, state["joined_at"], None)
                self._fit_width()
            picture = self.call.latest_picture(guest_id) if self.isVisible() else None
            guest_row.update_from(state, state["joined_at"], picture)
        self.nobody_waiting.setVisible(not any(r.lobby for r in self.rows.values()))
        self.nobody_on_call.setVisible(all(r.lobby for r in self.rows.values()))

        mix = self.mixer.state()
        host = next((voice for voice in mix["inputs"] if voice["key"] == "host"), None)
        self.host_fader.set_voice(host)
        if host is not None:
            _set_quietly(self.host_mute, self.host_mute.setChecked, host["muted"])
            _set_quietly(self.denoise_check, self.denoise_check.setChecked, host["denoise"])
        self.program_meter.set_level(mix["program"]["rms_db"], mix["program"]["peak_db"])
        layout = self.studio.pipeline.layout
        _set_quietly(self.layout_combo, self.layout_combo.setCurrentIndex, self.layout_combo.findData(layout.layout))
        _set_quietly(self.corner_combo, self.corner_combo.setCurrentIndex, self.corner_combo.findData(layout.corner))
        self.corner_combo.setEnabled(layout.layout == "pip")
        self._refresh_invites()

    def _refresh_invites(self) -> None:
        """The links that still open, relisted only when one of them changed (the selection stays)."""
        locale = QLocale()  # the window's language (Translations sets the default)
        shown = [(invite.id, self.tr("{0} · used {1} of {2} · until {3}").format(
                    invite.name or self.tr("(no name)"), invite.used, invite.uses,
                    locale.toString(QDateTime.fromSecsSinceEpoch(int(invite.expires_at)),
                                    QLocale.FormatType.ShortFormat)))
                 for invite in self.call.invites.open()]
        if shown == self._invites_shown:
            return
        self._invites_shown = shown
        selected = self.invites.currentItem()
        selected_id = selected.data(Qt.ItemDataRole.UserRole) if selected is not None else None
        self.invites.clear()
        for invite_id, text in shown:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, invite_id)
            self.invites.addItem(item)
            if invite_id == selected_id:
                self.invites.setCurrentItem(item)
