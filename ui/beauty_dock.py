"""The beauty and enhancement panel: sliders for every effect, presets, the virtual background,
true-colour product mode and a before/after split. Every change reaches the running filters at
once (the next frame); the values are the show's own settings, which the window remembers. Each
effect says when the studio runs it at reduced quality or has switched it off (and when it tries
again), so a checked box never hides an effect that is not running as set."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from studio.filters.beauty import MY_PRESET
from studio.settings_schema import localized
from studio.show import Studio

from .i18n import ui_language
from .layout import TranslatedDock, row
from .worded import worded

# The filters this panel owns, in the order they run: HD and the background first, so the faces
# are found while they run (beauty and the background commute: one changes faces, the other what
# is behind the person); the upscaler last, so the rest works at the camera's own (smaller) size.
MANAGED = ("hd_enhance", "virtual_background", "beauty", "hd_upscale")
SLIDERS = {"beauty": ("smoothing", "whitening", "rosy", "slimming", "eyes"),
           "hd_enhance": ("denoise", "sharpen", "low_light", "saturation", "warmth")}
STATE_INTERVAL_MS = 500  # how often the effects' states are read while the panel is open


class BeautyDock(TranslatedDock):
    def __init__(self, studio: Studio, apply_filters: Callable[[], None]) -> None:
        super().__init__(objectName="beautyDock")
        self.studio = studio
        self._apply_filters = apply_filters
        configured = {s["name"]: s for s in studio.config.filters if s.get("name") in MANAGED}
        self.values: dict[str, dict[str, Any]] = {}
        self._applying_preset = False  # preset sliders moving: the preset stays chosen
        for name in MANAGED:
            defaults = {s.name: s.default for s in studio.registry.get("video_filter", name).settings or ()}
            self.values[name] = {**defaults, **{k: v for k, v in configured.get(name, {}).items() if k != "name"}}
        self.sliders: dict[tuple[str, str], QSlider] = {}
        self.slider_labels: dict[tuple[str, str], QLabel] = {}
        # What the studio is doing with each effect, shown only when it is not running as set.
        self.status_labels = {name: QLabel(objectName="filterStatus", wordWrap=True, visible=False)
                              for name in MANAGED}
        body = QWidget()
        layout = QVBoxLayout(body)

        self.beauty_box = QGroupBox(checkable=True, checked="beauty" in configured)
        form = QFormLayout(self.beauty_box)
        self.preset_combo = QComboBox()
        self.save_preset_button = QPushButton()
        self.preset_label = QLabel()
        form.addRow(self.preset_label, row(self.preset_combo, self.save_preset_button))
        self._add_sliders(form, "beauty")
        form.addRow(self.status_labels["beauty"])
        layout.addWidget(self.beauty_box)

        self.hd_box = QGroupBox(checkable=True, checked="hd_enhance" in configured)
        form = QFormLayout(self.hd_box)
        self._add_sliders(form, "hd_enhance")
        form.addRow(self.status_labels["hd_enhance"])
        self.upscale_check = QCheckBox(checked="hd_upscale" in configured)
        form.addRow(self.upscale_check)
        form.addRow(self.status_labels["hd_upscale"])
        layout.addWidget(self.hd_box)

        self.background_box = QGroupBox()
        form = QFormLayout(self.background_box)
        self.background_combo = QComboBox()
        self.background_path = QLineEdit(str(self.values["virtual_background"].get("image", "")))
        self.background_browse = QPushButton("…", maximumWidth=32)
        self.background_labels = [QLabel(), QLabel()]
        form.addRow(self.background_labels[0], self.background_combo)
        self._add_sliders(form, "virtual_background", ("blur",))
        form.addRow(self.background_labels[1], row(self.background_path, self.background_browse))
        form.addRow(self.status_labels["virtual_background"])
        layout.addWidget(self.background_box)

        self.true_colour_check = QCheckBox(checked=studio.config.true_colour)
        self.true_colour_hint = QLabel(objectName="hint", wordWrap=True)
        self.split_check = QCheckBox()
        for widget in (self.true_colour_check, self.true_colour_hint, self.split_check):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.beauty_box.toggled.connect(self._enabled_changed)
        self.hd_box.toggled.connect(self._enabled_changed)
        self.upscale_check.toggled.connect(self._enabled_changed)
        self.background_combo.activated.connect(self._background_mode)
        self.background_path.editingFinished.connect(
            lambda: self._set("virtual_background", "image", self.background_path.text()))
        self.background_browse.clicked.connect(self._browse)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.save_preset_button.clicked.connect(self.save_preset)
        self.true_colour_check.toggled.connect(studio.set_true_colour)
        self._state_timer = QTimer(self, interval=STATE_INTERVAL_MS, timeout=self._read_states)
        self._state_timer.start()
        self.retranslateUi()

    # -- construction -------------------------------------------------------------------------
    def _add_sliders(self, form: QFormLayout, name: str, keys: tuple[str, ...] | None = None) -> None:
        specs = {s.name: s for s in self.studio.registry.get("video_filter", name).settings or ()}
        for key in keys or SLIDERS[name]:
            spec = specs[key]
            slider = QSlider(Qt.Orientation.Horizontal, objectName=f"{name}.{key}")
            slider.setRange(int(spec.minimum), int(spec.maximum))
            slider.setValue(int(self.values[name][key]))
            value = QLabel(str(slider.value()), minimumWidth=30)
            slider.valueChanged.connect(lambda v, n=name, k=key, label=value: (label.setText(str(v)),
                                                                              self._set(n, k, v)))
            self.sliders[(name, key)] = slider
            label = self.slider_labels[(name, key)] = QLabel()
            form.addRow(label, row(slider, value))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Beauty and HD"))
        self.beauty_box.setTitle(self.tr("Beauty"))
        self.hd_box.setTitle(self.tr("HD enhancement"))
        self.background_box.setTitle(self.tr("Virtual background"))
        self.preset_label.setText(self.tr("Preset"))
        self.save_preset_button.setText(self.tr("Save as my preset"))
        self.upscale_check.setText(self.tr("Upscale a low-resolution camera to HD"))
        self.background_labels[0].setText(self.tr("Background"))
        self.background_labels[1].setText(self.tr("Picture"))
        self.true_colour_check.setText(self.tr("True-colour product mode"))
        self.true_colour_hint.setText(self.tr(
            "Products keep their real colours: outside faces, the picture is only denoised and sharpened."))
        self.split_check.setText(self.tr("Before / after split preview"))
        language = ui_language()
        for (name, key), label in self.slider_labels.items():
            spec = next(s for s in self.studio.registry.get("video_filter", name).settings or () if s.name == key)
            label.setText(localized(spec.title, spec.titles, language))
        self._fill_presets()
        modes = {"off": self.tr("Off"), "blur": self.tr("Blur"), "image": self.tr("Picture")}
        self.background_combo.clear()
        for mode, text in modes.items():
            self.background_combo.addItem(text, mode)
        enabled = any(s.get("name") == "virtual_background" for s in self.studio.config.filters)
        mode = str(self.values["virtual_background"].get("mode", "blur")) if enabled else "off"
        self.background_combo.setCurrentIndex(max(0, self.background_combo.findData(mode)))
        self._read_states()  # the effects' states in the new language now, not at the next reading

    def _fill_presets(self) -> None:
        names = {"natural": self.tr("Natural"), "glam": self.tr("Glam"), MY_PRESET: self.tr("My preset")}
        current = self.preset_combo.currentData()
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("Custom"), "")
        for key in self.studio.beauty_presets():
            self.preset_combo.addItem(names.get(key, key), key)
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(current)))

    # -- the effects' states ------------------------------------------------------------------
    def _read_states(self) -> None:
        if self.isVisible():
            self.refresh(self.studio.pipeline.filter_states())

    def refresh(self, states: list[dict[str, Any]]) -> None:
        """Show, under each effect, what the studio does with it (``Pipeline.filter_states``)."""
        by_name = {state["name"]: state for state in states}
        for name, label in self.status_labels.items():
            state = by_name.get(name)
            text = self._state_text(state) if state is not None else ""
            label.setText(text)
            label.setVisible(bool(text))
            kind = "off" if state is not None and state["state"] == "off" else "reduced"
            if label.property("state") != kind:
                label.setProperty("state", kind)
                label.style().unpolish(label)  # re-evaluate the [state=…] style rules
                label.style().polish(label)

    def _state_text(self, state: dict[str, Any]) -> str:
        if state["state"] == "off":
            reason = worded(state["reason_message"])
            if state["retry_in_s"] is None:
                return self.tr("Switched off: {0}. It is tried again once it responds.").format(reason)
            return self.tr("Switched off: {0}. Trying again in {1} s.").format(reason, math.ceil(state["retry_in_s"]))
        lines = []
        if state["state"] == "degraded":
            lines.append(self.tr("Reduced quality to keep {0} fps (level {1} of {2}).").format(
                f"{self.studio.config.fps:g}", state["level"], state["levels"]))
        if state["over_budget"]:
            lines.append(self.tr("Still too slow: {0} ms a frame against a budget of {1} ms; the frame rate may "
                                 "drop.").format(f"{state['ms']:.0f}", f"{state['budget_ms']:.0f}"))
        return "\n".join(lines)

    # -- changes -----------------------------------------------------------------------------
    def enabled(self) -> list[str]:
        on = {"hd_upscale": self.hd_box.isChecked() and self.upscale_check.isChecked(),
              "hd_enhance": self.hd_box.isChecked(), "beauty": self.beauty_box.isChecked(),
              "virtual_background": self.background_combo.currentData() not in (None, "off")}
        return [name for name in MANAGED if on[name]]

    def specs(self) -> list[dict[str, Any]]:
        return [{"name": name, **self.values[name]} for name in self.enabled()]

    def _enabled_changed(self) -> None:
        self._apply_filters()  # the window rebuilds the chain from every panel's specs

    def _set(self, name: str, key: str, value: Any) -> None:
        self.values[name][key] = value
        if name == "beauty" and key in SLIDERS["beauty"] and not self._applying_preset:
            self.preset_combo.setCurrentIndex(0)  # the sliders no longer match a preset
        if name in self.enabled():
            self.studio.set_options("video_filter", name, **{key: value})

    def _preset_chosen(self) -> None:
        preset = self.preset_combo.currentData()
        if not preset:
            return
        self._applying_preset = True
        try:
            for key, value in self.studio.beauty_presets()[preset].items():
                self.sliders[("beauty", key)].setValue(int(value))
        finally:
            self._applying_preset = False

    def save_preset(self) -> None:
        self.studio.save_beauty_preset(self.values["beauty"])
        self._fill_presets()
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(MY_PRESET))

    def _background_mode(self) -> None:
        mode = self.background_combo.currentData()
        if mode != "off":
            self.values["virtual_background"]["mode"] = mode
        self._enabled_changed()  # a running background filter keeps its mask and takes the mode

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a background picture"),
                                              self.background_path.text(), self.tr("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.background_path.setText(path)
            self._set("virtual_background", "image", path)
            if self.background_combo.currentData() != "image":
                self.background_combo.setCurrentIndex(self.background_combo.findData("image"))
                self._background_mode()

