"""Streaming and recording: RTMP and WHIP outputs with their live state ("reconnecting (2)"),
a reconnect-now button each, and the local recording. Outputs start with Go Live; the recording
has its own button and runs whether or not the show is live."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from studio.config import RECORDING_FORMATS
from studio.outputs.base import OutputError
from studio.show import Studio

from .layout import TranslatedDock, row
from .worded import WordedLabel, said, worded


class OutputRow(QWidget):
    """One output: its name, its state in words, and what the host can do about it."""

    def __init__(self, dock: OutputsDock, name: str) -> None:
        super().__init__()
        self.dock, self.name = dock, name
        self.title = QLabel()
        self.state = QLabel(wordWrap=True, objectName="outputState")
        self.reconnect_button = QPushButton()
        self.remove_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(row(self.reconnect_button, self.remove_button))
        self.reconnect_button.clicked.connect(lambda: dock.studio.outputs[name].reconnect_now())
        self.remove_button.clicked.connect(lambda: dock.remove_output(name))


class OutputsDock(TranslatedDock):
    def __init__(self, studio: Studio) -> None:
        super().__init__(objectName="outputsDock")
        self.studio = studio
        self.rows: dict[str, OutputRow] = {}
        body = QWidget()
        layout = QVBoxLayout(body)

        self.record_box = QGroupBox()
        record_form = QFormLayout(self.record_box)
        self.folder_edit = QLineEdit(studio.config.recording_folder)
        self.folder_button = QPushButton()
        self.format_combo = QComboBox()
        for recording_format in RECORDING_FORMATS:
            self.format_combo.addItem("", recording_format)
        self.format_combo.setCurrentIndex(self.format_combo.findData(studio.config.recording_format))
        self.format_label = QLabel()
        self.record_button = QPushButton(objectName="recordButton", checkable=True)
        self.record_state = QLabel(wordWrap=True)
        self.folder_label = QLabel()
        record_form.addRow(self.folder_label, row(self.folder_edit, self.folder_button))
        record_form.addRow(self.format_label, self.format_combo)
        record_form.addRow(self.record_button)
        record_form.addRow(self.record_state)
        layout.addWidget(self.record_box)

        self.outputs_box = QGroupBox()
        self.outputs_layout = QVBoxLayout(self.outputs_box)
        self.no_outputs = QLabel(objectName="hint", wordWrap=True)
        self.outputs_layout.addWidget(self.no_outputs)
        layout.addWidget(self.outputs_box)

        self.add_box = QGroupBox()
        add_form = QFormLayout(self.add_box)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("RTMP", "rtmp")
        self.kind_combo.addItem("WHIP", "whip")
        self.name_edit = QLineEdit()
        self.url_edit = QLineEdit()
        self.secret_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.add_button = QPushButton()
        self.add_error = WordedLabel(objectName="error", wordWrap=True, visible=False)
        self.add_labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.add_labels, (self.kind_combo, self.name_edit, self.url_edit, self.secret_edit),
                                strict=True):
            add_form.addRow(label, field)
        add_form.addRow(self.add_button)
        add_form.addRow(self.add_error)
        layout.addWidget(self.add_box)
        layout.addStretch(1)
        self.setWidget(body)

        self.folder_button.clicked.connect(self._choose_folder)
        self.record_button.clicked.connect(self.toggle_recording)
        self.kind_combo.currentIndexChanged.connect(self._retranslate_secret)
        self.add_button.clicked.connect(self.add_output)
        self.retranslateUi()
        self.refresh()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Streaming and recording"))
        self.record_box.setTitle(self.tr("Recording"))
        self.folder_label.setText(self.tr("Folder"))
        self.folder_button.setText(self.tr("Browse…"))
        self.format_label.setText(self.tr("Format"))
        names = {"mp4": self.tr("MP4 (H.264 + AAC, for editing)"),
                 "mkv": self.tr("MKV (the live encode, no extra CPU)")}
        for index in range(self.format_combo.count()):
            self.format_combo.setItemText(index, names[self.format_combo.itemData(index)])
        self.outputs_box.setTitle(self.tr("Outputs (start with Go Live)"))
        self.no_outputs.setText(self.tr("No outputs yet: viewers watch on the studio's own page."))
        self.add_box.setTitle(self.tr("Add an output"))
        for label, text in zip(self.add_labels, (self.tr("Kind"), self.tr("Name"), self.tr("Server URL"), ""),
                               strict=True):
            label.setText(text)
        self.name_edit.setPlaceholderText(self.tr("e.g. Douyin"))
        self.add_button.setText(self.tr("Add output"))
        self._retranslate_secret()
        for output_row in self.rows.values():
            output_row.reconnect_button.setText(self.tr("Reconnect now"))
            output_row.remove_button.setText(self.tr("Remove"))
        self.refresh()

    def _retranslate_secret(self) -> None:
        rtmp = self.kind_combo.currentData() == "rtmp"
        self.add_labels[3].setText(self.tr("Stream key") if rtmp else self.tr("Bearer token"))
        self.url_edit.setPlaceholderText("rtmp://…/live" if rtmp else "https://…/whip")

    # -- recording ------------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for recordings"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    @asyncSlot()
    async def toggle_recording(self) -> None:
        recorder = self.studio.recorder
        if recorder is not None and recorder.running:
            await self.studio.stop_recording()
        else:
            self.studio.start_recording(self.folder_edit.text().strip() or None, self.format_combo.currentData())
        if isValid(self):  # the window may have closed meanwhile
            self.refresh()

    # -- outputs --------------------------------------------------------------------------------
    def add_output(self) -> None:
        kind = self.kind_combo.currentData()
        spec = {"kind": kind, "name": self.name_edit.text().strip() or kind.upper(),
                "url": self.url_edit.text().strip(), ("key" if kind == "rtmp" else "token"): self.secret_edit.text()}
        try:
            self.studio.add_output(spec)
        except OutputError as exc:
            self.add_error.say(said(exc))
            self.add_error.show()
            return
        self.add_error.hide()
        for edit in (self.name_edit, self.url_edit, self.secret_edit):
            edit.clear()
        self.refresh()

    @asyncSlot()
    async def remove_output(self, name: str) -> None:
        await self.studio.remove_output(name)
        if isValid(self):  # the window may have closed meanwhile
            self.refresh()

    def state_text(self, status: dict[str, Any]) -> str:
        state = status["state"]
        if state == "live":
            return self.tr("Live, {0} kbit/s").format(status.get("bitrate_bps", 0) // 1000) \
                if "bitrate_bps" in status else self.tr("Live")
        if state == "connecting" and status.get("restarting"):  # the canvas switched: a new stream or file
            size = status.get("size", "").replace("x", "×")
            return self.tr("Starting a new file at {0}…").format(size) if status["kind"] == "recording" \
                else self.tr("Starting a new stream at {0}…").format(size)
        if state == "connecting":
            return self.tr("Connecting…")
        if state == "reconnecting":
            text = self.tr("Reconnecting ({0})").format(status["reconnects"])
            if status.get("retry_in") is not None:
                text += " " + self.tr("in {0} s").format(f"{status['retry_in']:.0f}")
            return text + (f" — {worded(status['error_message'])}" if status["error"] else "")
        if state == "failed":
            return self.tr("Stopped: {0}").format(worded(status["error_message"]))
        return self.tr("Off (starts with Go Live)")

    def refresh(self, stats: dict[str, Any] | None = None) -> None:
        statuses = {o["name"]: o for o in (stats or self.studio.stats()).get("outputs", [])}
        for name in list(self.rows):
            if name not in statuses:
                self.rows.pop(name).deleteLater()
        for name, status in statuses.items():
            if name not in self.rows:
                output_row = self.rows[name] = OutputRow(self, name)
                output_row.reconnect_button.setText(self.tr("Reconnect now"))
                output_row.remove_button.setText(self.tr("Remove"))
                self.outputs_layout.addWidget(output_row)
            output_row = self.rows[name]
            output_row.title.setText(f"<b>{name}</b> · {status['kind'].upper()}")
            output_row.state.setText(self.state_text(status))
            output_row.state.setProperty("state", status["state"])
            output_row.reconnect_button.setEnabled(status["state"] in ("reconnecting", "failed"))
        self.no_outputs.setVisible(not statuses)
        recorder = self.studio.recorder
        recording = recorder is not None and recorder.running
        self.record_button.setChecked(recording)
        self.record_button.setText(self.tr("Stop recording") if recording else self.tr("Start recording"))
        status = recorder.status() if recorder is not None else None
        if status is None:
            self.record_state.setText("")
        elif status["state"] == "live":
            self.record_state.setText(self.tr("Recording {0} s to {1}").format(f"{status['seconds']:.0f}",
                                                                                status["file"]))
        elif status["state"] == "off":
            self.record_state.setText(self.tr("Saved to {0}").format(status["file"]) if status["file"] else "")
        else:
            self.record_state.setText(self.state_text(status))
