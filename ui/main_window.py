"""The host's window: a thin view/controller over `studio.show.Studio`, on the same asyncio loop (qasync)."""

from __future__ import annotations

import json
import logging
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from studio.show import Studio
from studio.sources.camera import list_cameras
from studio.sources.microphone import list_microphones

from .beauty_dock import MANAGED, BeautyDock
from .commerce_docks import add_commerce_docks, remember_docks
from .guest_dock import GuestDock
from .hotkeys import ShowMenu
from .i18n import Translations
from .keychain import open_secrets
from .layout import ending_question, row, show_picture
from .outputs_dock import OutputsDock
from .overlay_editor import OverlayPreview
from .plugin_dock import PluginDock
from .plugin_docks import add_plugin_docks
from .resume_banner import ResumeBanner
from .session import SessionMarker, SessionState
from .settings import config_folder, open_settings, read_json, remember_config
from .stats_dock import StatsDock
from .worded import worded

VIDEO_SOURCES = ("testcard", "camera", "file", "image")
AUDIO_SOURCES = ("tone", "microphone", "none")
RESOLUTIONS = ("1280x720", "1920x1080", "640x480")
CAMERA_FPS = (30.0, 25.0, 15.0, 60.0)
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language, never translated
METER_FLOOR_DB = -60
PREVIEW_INTERVAL_MS = 33
log = logging.getLogger(__name__)
STATUS_INTERVAL_MS = 500
SAVE_DELAY_MS = 500  # a change is on disk this soon after it happens, however many follow it


class MainWindow(QMainWindow):
    closed = Signal()

    def __init__(self, studio: Studio, translations: Translations | None = None) -> None:
        super().__init__()
        self.studio = studio
        self.translations = translations or Translations.for_app()
        self.settings = open_settings()
        self.secrets = open_secrets(config_folder(self.settings))
        # Saved as things change, not on quit: a crash or a kill loses nothing older than SAVE_DELAY_MS.
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS, timeout=self.save_settings)
        self._closed = False
        self._quit_confirmed = False
        self.session = SessionMarker(config_folder(self.settings))
        crashed = self.session.unclean_end()  # read before this session's marker replaces it
        self.preview_updates = 0  # frames actually drawn; tests and the screenshot script read it
        self.last_stats: dict[str, Any] = {}
        self._shown_frame: object | None = None
        self._build(crashed if crashed is not None and crashed.worth_resuming else None)
        self._populate()
        self._connect()
        self.retranslateUi()
        state = self.settings.value("window/state")  # where each dock is: side, tabs, floating
        if isinstance(state, QByteArray):
            self.restoreState(state)
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1280, 800)
        self.save_settings()  # marks this session as running
        self.studio.setup_listeners.append(self.schedule_save)
        self._preview_timer = QTimer(self, interval=PREVIEW_INTERVAL_MS, timeout=self._refresh_preview)
        self._status_timer = QTimer(self, interval=STATUS_INTERVAL_MS, timeout=self._refresh_status)
        self._preview_timer.start()
        self._status_timer.start()
        self._refresh_status()

    # -- construction -------------------------------------------------------------------------
    def _build(self, crashed: SessionState | None) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.file_menu.addAction(self.quit_action)
        self.language_menu = self.menuBar().addMenu("")
        self.plugin_dock = PluginDock(self.studio)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.plugin_dock)
        self.plugin_dock.hide()  # opened from the View menu
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addAction(self.plugin_dock.toggleViewAction())
        # Opened from the View menu (the beauty dock also from the filter box); each stays as the
        # host left it (``window/<name>`` in the settings).
        self.beauty_dock = BeautyDock(self.studio, self._apply_filters)
        self.outputs_dock = OutputsDock(self.studio)
        self.stats_dock = StatsDock(self.studio)
        self.guest_dock = GuestDock(self.studio)
        self.right_docks = {"beauty_dock": self.beauty_dock, "outputs_dock": self.outputs_dock,
                            "stats_dock": self.stats_dock, "guest_dock": self.guest_dock}
        for key, dock in self.right_docks.items():
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.setVisible(self.settings.value(f"window/{key}", False, type=bool))
            self.view_menu.addAction(dock.toggleViewAction())
        self.beauty_dock.split_check.toggled.connect(self._split_preview)
        self.commerce_docks = add_commerce_docks(self, self.studio)
        self.overlays_menu = self.view_menu.addMenu("")  # every overlay, checked while on the program
        self.show_menu = ShowMenu(self, self.studio, self.settings, self.commerce_docks["products"], self.set_live,
                                  self.say)
        self.menuBar().insertMenu(self.language_menu.menuAction(), self.show_menu)
        self.plugin_docks = add_plugin_docks(self, self.studio)
        for dock in self.plugin_docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        group = QActionGroup(self, exclusive=True)
        self.language_actions: dict[str, QAction] = {}
        for code in ("system", "en", "zh_CN"):
            action = QAction(LANGUAGE_NAMES.get(code, ""), self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        # The canvas, switched live: one click for a phone platform's portrait or a close-up's fill.
        self.canvas_toolbar = QToolBar(objectName="canvas_toolbar", movable=False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.canvas_toolbar)
        self.canvas_label = QLabel(objectName="hint")
        self.canvas_label.setContentsMargins(8, 0, 4, 0)
        self.canvas_toolbar.addWidget(self.canvas_label)
        self.canvas_actions: dict[str, QAction] = {}
        for setting, values in (("orientation", ("landscape", "portrait")), ("scale_mode", ("fit", "fill"))):
            choices = QActionGroup(self, exclusive=True)
            for value in values:
                action = QAction(self, checkable=True, objectName=f"canvas_{value}")
                action.triggered.connect(lambda _checked=False, k=setting, v=value: self.set_canvas(**{k: v}))
                choices.addAction(action)
                self.canvas_toolbar.addAction(action)
                self.canvas_actions[value] = action
            self.canvas_toolbar.addSeparator()

        self.banner = QLabel(objectName="banner", wordWrap=True, visible=False)
        self.preview = OverlayPreview(self.studio)  # the host places the overlays here
        # Ignored: the pixmap must never drive the layout, or each rescale would grow the window.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(384, 216)
        self.link_label = QLabel()
        self.url_edit = QLineEdit(readOnly=True)
        self.copy_button = QPushButton()
        link_row = QHBoxLayout()
        for widget in (self.link_label, self.url_edit, self.copy_button):
            link_row.addWidget(widget)
        left = QVBoxLayout()
        self.resume_banner: ResumeBanner | None = None  # offered after a crash while live or recording
        if crashed is not None:
            self.resume_banner = ResumeBanner(crashed)
            self.resume_banner.resume.connect(self.resume_show)
            left.addWidget(self.resume_banner)
        left.addWidget(self.banner)
        left.addWidget(self.preview, 1)
        left.addLayout(link_row)

        self.video_box = QGroupBox()
        self.video_form = QFormLayout(self.video_box)
        self.video_combo = QComboBox()
        self.camera_combo = QComboBox()
        self.refresh_button = QPushButton("⟳", maximumWidth=32)
        self.resolution_combo = QComboBox()
        self.fps_combo = QComboBox()
        self.path_edit = QLineEdit(readOnly=True)
        self.browse_button = QPushButton()
        self.video_labels = [QLabel() for _ in range(5)]
        rows = (self.video_combo, row(self.camera_combo, self.refresh_button), self.resolution_combo,
                self.fps_combo, row(self.path_edit, self.browse_button))
        for label, field in zip(self.video_labels, rows, strict=True):
            self.video_form.addRow(label, field)

        self.audio_box = QGroupBox()
        audio_form = QFormLayout(self.audio_box)
        self.audio_combo = QComboBox()
        self.mic_combo = QComboBox()
        self.meter = QProgressBar()
        self.meter.setRange(METER_FLOOR_DB, 0)
        self.audio_labels = [QLabel() for _ in range(3)]
        for label, field in zip(self.audio_labels, (self.audio_combo, self.mic_combo, self.meter),
                                strict=True):
            audio_form.addRow(label, field)

        self.filter_box = QGroupBox()
        filter_form = QFormLayout(self.filter_box)
        self.mirror_check = QCheckBox()
        self.brightness_slider = QSlider(Qt.Orientation.Horizontal)
        self.brightness_slider.setRange(-100, 100)
        self.contrast_slider = QSlider(Qt.Orientation.Horizontal)
        self.contrast_slider.setRange(50, 200)  # contrast × 100
        self.contrast_slider.setValue(100)
        self.brightness_value = QLabel(minimumWidth=36)
        self.contrast_value = QLabel(minimumWidth=36)
        self.reset_button = QPushButton()
        self.beauty_button = QPushButton(checkable=True)
        self.filter_labels = [QLabel() for _ in range(2)]
        filter_form.addRow(self.mirror_check)
        filter_form.addRow(self.filter_labels[0], row(self.brightness_slider, self.brightness_value))
        filter_form.addRow(self.filter_labels[1], row(self.contrast_slider, self.contrast_value))
        filter_form.addRow(row(self.reset_button, self.beauty_button))

        self.live_button = QPushButton(objectName="liveButton")
        self.live_button.setMinimumHeight(52)
        right = QVBoxLayout()
        for box in (self.video_box, self.audio_box, self.filter_box):
            right.addWidget(box)
        right.addStretch(1)
        right.addWidget(self.live_button)
        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(360)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addLayout(left, 1)
        layout.addWidget(panel)
        self.setCentralWidget(central)

        self.on_air_label = QLabel(objectName="onAir")
        self.fps_label, self.bitrate_label, self.viewers_label = QLabel(), QLabel(), QLabel()
        self.source_label = QLabel()  # what the device really delivers, which may differ from what was asked
        self.dropped_label, self.lag_label = QLabel(), QLabel()
        self.statusBar().addWidget(self.on_air_label)
        for label in (self.source_label, self.fps_label, self.bitrate_label, self.viewers_label,
                      self.dropped_label, self.lag_label):
            self.statusBar().addPermanentWidget(label)

        # Asks before quitting a live show.
        self.quit_box, self.quit_confirm_button, self.keep_live_button = ending_question(self, self._quit_answered)

    def _populate(self) -> None:
        """Set every control from the running config, and from settings for what the config lacks."""
        config, settings = self.studio.config, self.settings
        for name in VIDEO_SOURCES:
            self.video_combo.addItem("", name)
        self.video_combo.setCurrentIndex(max(0, self.video_combo.findData(config.video_source)))
        camera = config.video_options if config.video_source == "camera" else {}
        self._fill_cameras(int(camera.get("index", settings.value("video/camera", 0, type=int))))
        for size in RESOLUTIONS:
            self.resolution_combo.addItem(size.replace("x", " × "), size)
        size = f"{camera['width']}x{camera['height']}" if "width" in camera and "height" in camera \
            else str(settings.value("video/resolution", RESOLUTIONS[0]))
        self.resolution_combo.setCurrentIndex(max(0, self.resolution_combo.findData(size)))
        for fps in CAMERA_FPS:
            self.fps_combo.addItem(f"{fps:g}", fps)
        fps = float(camera.get("fps", settings.value("video/camera_fps", CAMERA_FPS[0], type=float)))
        self.fps_combo.setCurrentIndex(max(0, self.fps_combo.findData(fps)))
        path = config.video_options.get("path") if config.video_source in ("file", "image") else None
        self.path_edit.setText(str(path or settings.value("video/path", "")))
        self._refresh_canvas()

        for name in AUDIO_SOURCES:
            self.audio_combo.addItem("", name)
        self.audio_combo.setCurrentIndex(max(0, self.audio_combo.findData(config.audio_source)))
        device = config.audio_options.get("device") if config.audio_source == "microphone" \
            else read_json(settings, "audio/mic", None, (int, str))
        self._fill_microphones(device)

        mine = ("mirror", "brightness_contrast", *MANAGED)
        self._other_filters = [spec for spec in config.filters if spec.get("name") not in mine]
        for spec in config.filters:
            if spec.get("name") == "mirror":
                self.mirror_check.setChecked(True)
            elif spec.get("name") == "brightness_contrast":
                self.brightness_slider.setValue(round(float(spec.get("brightness", 0))))
                self.contrast_slider.setValue(round(float(spec.get("contrast", 1)) * 100))
        self._update_rows()
        self._update_filter_values()

    def _fill_cameras(self, preferred: int) -> None:
        self.camera_combo.clear()
        labels = {}
        for camera in list_cameras():
            name = camera["name"] or self.tr("Camera {0}").format(camera["index"])
            labels[camera["index"]] = f"{name} ({camera['path']})" if "path" in camera else name
        for index in sorted({*labels, preferred}):  # keep the remembered camera even while unplugged
            self.camera_combo.addItem(labels.get(index, f"#{index}"), index)
        self.camera_combo.setCurrentIndex(max(0, self.camera_combo.findData(preferred)))

    def _fill_microphones(self, device: Any, rescan: bool = False) -> None:
        self.mic_combo.clear()
        self.mic_combo.addItem("", "")  # the system default input; text set in retranslateUi
        for mic in list_microphones(rescan):
            self.mic_combo.addItem(str(mic["name"]), mic["index"])
        if device not in (None, ""):
            found = self.mic_combo.findData(device)
            if found < 0:
                found = self.mic_combo.findText(str(device))
            if found < 0:
                self.mic_combo.addItem(str(device), device)
                found = self.mic_combo.count() - 1
            self.mic_combo.setCurrentIndex(found)
        self.mic_combo.setItemText(0, self.tr("System default"))

    def _connect(self) -> None:
        self.video_combo.currentIndexChanged.connect(self._apply_video)
        for combo in (self.camera_combo, self.resolution_combo, self.fps_combo):
            combo.currentIndexChanged.connect(self._apply_camera)
        self.browse_button.clicked.connect(self._browse)
        self.refresh_button.clicked.connect(self._refresh_devices)
        self.audio_combo.currentIndexChanged.connect(self._apply_audio)
        self.mic_combo.currentIndexChanged.connect(self._apply_audio)
        self.mirror_check.toggled.connect(self._apply_filters)
        self.brightness_slider.valueChanged.connect(self._apply_filters)
        self.contrast_slider.valueChanged.connect(self._apply_filters)
        self.reset_button.clicked.connect(self._reset_filters)
        self.beauty_button.setChecked(self.beauty_dock.isVisibleTo(self))
        self.beauty_button.toggled.connect(self.beauty_dock.setVisible)
        self.beauty_dock.toggleViewAction().toggled.connect(self.beauty_button.setChecked)
        self.copy_button.clicked.connect(self.copy_link)
        self.live_button.clicked.connect(self.show_menu.live_pressed)  # ending asks first, as the hotkey does
        self.overlays_menu.aboutToShow.connect(lambda: self.preview.fill_overlay_menu(self.overlays_menu))
        self.preview.message.connect(self.say)
        self.show_menu.hotkeys_changed.connect(self.schedule_save)
        self.show_menu.hotkeys_changed.connect(self._refresh_live)
        # What the studio does not hold (it saves through setup_listeners): choices that wait for
        # their source, and the layout of the docks.
        for changed in (self.camera_combo.currentIndexChanged, self.resolution_combo.currentIndexChanged,
                        self.fps_combo.currentIndexChanged,
                        self.mic_combo.currentIndexChanged, self.path_edit.textChanged):
            changed.connect(self.schedule_save)
        for dock in self.findChildren(QDockWidget):
            for changed in (dock.visibilityChanged, dock.dockLocationChanged, dock.topLevelChanged):
                changed.connect(self.schedule_save)

    # -- translation --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif event.type() == QEvent.Type.WindowStateChange:  # maximised, full screen
            self.schedule_save()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Host Studio"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.view_menu.setTitle(self.tr("&View"))
        self.overlays_menu.setTitle(self.tr("&Overlays"))
        self.language_actions["system"].setText(self.tr("System"))
        self.language_actions[self.translations.language].setChecked(True)
        self.link_label.setText(self.tr("Viewer link"))
        self.copy_button.setText(self.tr("Copy"))
        self.video_box.setTitle(self.tr("Video"))
        video_labels = (self.tr("Source"), self.tr("Camera"), self.tr("Resolution"), self.tr("Frame rate"),
                        self.tr("File"))
        for label, text in zip(self.video_labels, video_labels, strict=True):
            label.setText(text)
        for i, text in enumerate((self.tr("Test card"), self.tr("Camera"), self.tr("Media file"),
                                  self.tr("Image"))):
            self.video_combo.setItemText(i, text)
        self.refresh_button.setToolTip(self.tr("Look for cameras and microphones again"))
        self.browse_button.setText(self.tr("Browse…"))
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.canvas_toolbar.setWindowTitle(self.tr("Canvas"))
        self.canvas_label.setText(self.tr("Canvas"))
        canvas_texts = {
            "landscape": (self.tr("Landscape 16:9"), self.tr("A 1280×720 picture, for computers and TVs; "
                                                            "viewers keep watching through the switch")),
            "portrait": (self.tr("Portrait 9:16"), self.tr("A 720×1280 picture, for phone platforms; "
                                                          "viewers keep watching through the switch")),
            "fit": (self.tr("Fit"), self.tr("The whole picture, with bars where its shape differs")),
            "fill": (self.tr("Fill"), self.tr("The canvas filled, the picture's edges cropped (close-ups)")),
        }
        for value, (text, tip) in canvas_texts.items():
            self.canvas_actions[value].setText(text)
            self.canvas_actions[value].setToolTip(tip)
        self.audio_box.setTitle(self.tr("Audio"))
        audio_labels = (self.tr("Source"), self.tr("Microphone"), self.tr("Level"))
        for label, text in zip(self.audio_labels, audio_labels, strict=True):
            label.setText(text)
        for i, text in enumerate((self.tr("Test tone"), self.tr("Microphone"), self.tr("None"))):
            self.audio_combo.setItemText(i, text)
        self.mic_combo.setItemText(0, self.tr("System default"))
        self.filter_box.setTitle(self.tr("Filters"))
        self.mirror_check.setText(self.tr("Mirror (flip left-right)"))
        self.filter_labels[0].setText(self.tr("Brightness"))
        self.filter_labels[1].setText(self.tr("Contrast"))
        self.reset_button.setText(self.tr("Reset brightness and contrast"))
        self.beauty_button.setText(self.tr("Beauty and HD…"))
        self.quit_box.setWindowTitle(self.tr("End the show?"))
        self.quit_box.setText(self.tr("You are live. Quitting ends the show for every viewer and stops every output."))
        self.quit_confirm_button.setText(self.tr("End the show and quit"))
        self.keep_live_button.setText(self.tr("Keep streaming"))
        self._refresh_live()
        self._refresh_status()

    def set_language(self, code: str) -> None:
        self.translations.apply(code)  # every widget then gets a LanguageChange event
        self.settings.setValue("language", self.translations.language)
        self.schedule_save()

    # -- sources and filters ------------------------------------------------------------------
    def _update_rows(self) -> None:
        source = self.video_combo.currentData()
        for field, visible in ((1, source == "camera"), (2, source == "camera"), (3, source == "camera"),
                               (4, source in ("file", "image"))):
            self.video_form.setRowVisible(field, visible)
        self.mic_combo.setEnabled(self.audio_combo.currentData() == "microphone")

    def set_canvas(self, **canvas: str) -> None:
        """Landscape or portrait, fit or fill, switched at once, live or not."""
        self.studio.set_canvas(**canvas)
        self._refresh_canvas()

    def _refresh_canvas(self) -> None:
        """The toolbar as the show's canvas is (it may also switch from a script)."""
        config = self.studio.config
        for value in (config.orientation, config.scale_mode):
            if not self.canvas_actions[value].isChecked():
                self.canvas_actions[value].setChecked(True)

    def _apply_video(self) -> None:
        name = self.video_combo.currentData()
        options: dict[str, Any] = {}
        if name == "camera":
            width, height = (int(n) for n in self.resolution_combo.currentData().split("x"))
            options = {"index": self.camera_combo.currentData(), "width": width, "height": height,
                       "fps": self.fps_combo.currentData()}
        elif name in ("file", "image"):
            if not self.path_edit.text() and not self.choose_file(name):
                self.video_combo.blockSignals(True)  # cancelled: back to what is actually on air
                self.video_combo.setCurrentIndex(self.video_combo.findData(self.studio.config.video_source))
                self.video_combo.blockSignals(False)
                self._update_rows()
                return
            options = {"path": self.path_edit.text()}
        self._update_rows()
        self.studio.set_video_source(name, **options)
        self._refresh_status()

    def _apply_camera(self) -> None:
        if self.video_combo.currentData() == "camera":
            self._apply_video()

    def choose_file(self, kind: str) -> bool:
        """Ask for a media file or image; True if one was chosen."""
        if kind == "image":
            filters = self.tr("Images (*.png *.jpg *.jpeg *.bmp *.webp)")
        else:
            filters = self.tr("Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file to show"), self.path_edit.text(),
                                              filters + ";;" + self.tr("All files (*)"))
        if path:
            self.path_edit.setText(path)
        return bool(path)

    def _browse(self) -> None:
        if self.choose_file(self.video_combo.currentData()):
            self._apply_video()

    def _refresh_devices(self) -> None:
        for combo in (self.camera_combo, self.mic_combo):
            combo.blockSignals(True)
        self._fill_cameras(self.camera_combo.currentData() or 0)
        # Restarting PortAudio to find new devices would cut a microphone that is on air.
        self._fill_microphones(self.mic_combo.currentData(), rescan=self.studio.config.audio_source != "microphone")
        for combo in (self.camera_combo, self.mic_combo):
            combo.blockSignals(False)

    def _apply_audio(self) -> None:
        name = self.audio_combo.currentData()
        self._update_rows()
        if name == "microphone":
            device = self.mic_combo.currentData()
            self.studio.set_audio_source(name, **({} if device in (None, "") else {"device": device}))
        else:
            self.studio.set_audio_source(name)

    def filter_specs(self) -> list[dict[str, Any]]:
        """Colour first, then beauty and enhancement, plugins, and the mirror last: filters that
        keep every pixel in place come before the first that needs faces, so the faces are found
        beside them."""
        specs: list[dict[str, Any]] = []
        brightness, contrast = self.brightness_slider.value(), self.contrast_slider.value() / 100
        if brightness != 0 or contrast != 1:
            specs.append({"name": "brightness_contrast", "brightness": brightness, "contrast": contrast})
        specs += self.beauty_dock.specs() + self._other_filters
        return specs + ([{"name": "mirror"}] if self.mirror_check.isChecked() else [])

    def _split_preview(self, on: bool) -> None:
        self.studio.pipeline.keep_before = on
        self._shown_frame = None

    def _apply_filters(self) -> None:
        self._update_filter_values()
        self.studio.set_filters(self.filter_specs())

    def _update_filter_values(self) -> None:
        self.brightness_value.setText(f"{self.brightness_slider.value():+d}")
        self.contrast_value.setText(f"{self.contrast_slider.value() / 100:.2f}×")

    def _reset_filters(self) -> None:
        self.brightness_slider.setValue(0)
        self.contrast_slider.setValue(100)

    # -- going live ---------------------------------------------------------------------------
    @asyncSlot()
    async def resume_show(self) -> None:
        """The resume offer's one click: the recording and the show with its outputs, as they were
        when the last session ended without a clean quit."""
        assert self.resume_banner is not None
        if self.resume_banner.state.recording:
            self.studio.start_recording()
        if self.resume_banner.state.live:
            await self.set_live(True)

    async def set_live(self, live: bool) -> None:
        self.live_button.setEnabled(False)
        try:
            if live:
                await self.studio.go_live()
            else:
                await self.studio.stop_live()
        except Exception as exc:  # e.g. no encoder for the codec: say so and stay usable
            log.exception("going live / stopping failed")
            self.statusBar().showMessage(self.tr("Could not change live state: {0}").format(worded(exc)), 15000)
        finally:
            self.live_button.setEnabled(True)
            self._refresh_live()
            self._refresh_status()

    def say(self, text: str) -> None:
        """A passing word to the host in the status bar (what a hotkey did, or why not)."""
        self.statusBar().showMessage(text, 8000)

    def copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self.studio.viewer_url)
        self.statusBar().showMessage(self.tr("Viewer link copied"), 3000)

    def _refresh_live(self) -> None:
        live = self.studio.is_live
        self.live_button.setText(self.tr("Stop") if live else self.tr("Go Live"))
        self.live_button.setToolTip(self.tr("Go Live or end the show (hotkey {0})").format(
            self.show_menu.live_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        self.show_menu.refresh_live()
        self.on_air_label.setText(self.tr("● LIVE") if live else self.tr("○ Preview only"))
        self.url_edit.setText(self.studio.viewer_url)
        for widget in (self.live_button, self.on_air_label):
            widget.setProperty("live", live)
            widget.style().unpolish(widget)  # re-evaluate the [live="true"] style rules
            widget.style().polish(widget)

    # -- read-outs ----------------------------------------------------------------------------
    def _refresh_preview(self) -> None:
        frame = self.studio.pipeline.last_program
        if frame is not None and frame is not self._shown_frame:
            self._shown_frame = frame
            image = frame.image
            before = self.studio.pipeline.last_before
            if self.beauty_dock.split_check.isChecked() and before is not None and before.shape == image.shape:
                image = split_view(before, image)
            show_picture(self.preview, image)
            self.preview_updates += 1
        if self.studio.pipeline.audio_runner is None:
            self.meter.setValue(METER_FLOOR_DB)
            self.meter.setFormat(self.tr("No audio"))
        else:
            level = self.studio.pipeline.audio_level
            self.meter.setValue(int(min(0, max(METER_FLOOR_DB, level.rms_db))))
            zone = "clip" if level.peak_db > -1 else "hot" if level.peak_db > -9 else "ok"
            if self.meter.property("level") != zone:
                self.meter.setProperty("level", zone)
                self.meter.style().polish(self.meter)
            self.meter.setFormat(self.tr("{0} dB (peak {1} dB)").format(f"{level.rms_db:.0f}",
                                                                         f"{level.peak_db:.0f}"))

    def _refresh_status(self) -> None:
        stats = self.last_stats = self.studio.stats()
        bitrate = stats.get("bitrate_bps")
        self.fps_label.setText(self.tr("FPS {0}").format(f"{stats['program_fps']:.1f}"))
        self.bitrate_label.setText(self.tr("Bitrate {0}").format(
            "—" if bitrate is None else self.tr("{0} Mbit/s").format(f"{bitrate / 1e6:.2f}")))
        self.viewers_label.setText(self.tr("Viewers {0}").format(stats["viewers"]))
        self.dropped_label.setText(self.tr("Dropped {0}").format(stats["dropped_total"]))
        self.lag_label.setText(self.tr("Loop lag {0} ms").format(f"{stats['loop_max_lag_ms']:.0f}"))
        info = stats.get("source_info") or {}
        self.source_label.setText(self.tr("Source {0}×{1} @ {2} fps").format(
            info["width"], info["height"], f"{info['fps']:g}") if info.get("width") and info.get("fps") else "")
        problems = []
        if stats.get("on_slate") and not stats.get("source_error"):
            problems.append(self.tr("The video source stopped sending frames — showing placeholder"))
        if stats.get("source_error"):
            template = self.tr("Camera unavailable: {0} — showing placeholder, will resume automatically") \
                if self.studio.config.video_source == "camera" else \
                self.tr("Video source unavailable: {0} — showing placeholder, will retry automatically")
            problems.append(template.format(stats["source_error"]))
        for name, message in stats.get("filter_error_messages", {}).items():
            problems.append(self.tr("Filter {0} was switched off: {1} — the show goes on without it").format(
                name, worded(message)))
        if stats.get("face_analysis_error"):
            problems.append(self.tr("Face effects are off: {0}").format(stats["face_analysis_error"]))
        if stats.get("audio_error"):
            problems.append(self.tr("Audio unavailable: {0} — will retry automatically").format(
                stats["audio_error"]))
        for output in [*stats.get("outputs", []), stats.get("recording") or {}]:
            if output.get("state") == "reconnecting":
                problems.append(self.tr("{0}: reconnecting ({1}) — {2}").format(
                    output["name"], output["reconnects"], worded(output["error_message"])))
            elif output.get("state") == "failed":
                problems.append(self.tr("{0} stopped: {1}").format(output["name"], worded(output["error_message"])))
        if self.plugin_dock.isVisible():
            self.plugin_dock.refresh(stats)
        if self.outputs_dock.isVisible():
            self.outputs_dock.refresh(stats)
        if self.stats_dock.isVisible():
            self.stats_dock.refresh(stats)
        self.banner.setText("\n".join(problems))
        self.banner.setVisible(bool(problems))
        self._refresh_canvas()
        if self.studio.is_live != (self.live_button.property("live") is True):
            self._refresh_live()  # went live or stopped from elsewhere (e.g. a future remote control)

    # -- saving and closing ---------------------------------------------------------------------
    def schedule_save(self, *_: object) -> None:
        """Save soon: at most SAVE_DELAY_MS after the first change not yet saved (a slider dragged for
        a minute is saved every half second, not once it stops)."""
        if not self._closed and not self._save_timer.isActive():
            self._save_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.schedule_save()
        super().resizeEvent(event)

    def moveEvent(self, event: QMoveEvent) -> None:
        self.schedule_save()
        super().moveEvent(event)

    def session_state(self) -> SessionState:
        """What a crash now would offer to resume."""
        recorder = self.studio.recorder
        return SessionState(self.studio.is_live, list(self.studio.outputs) if self.studio.is_live else [],
                            recorder is not None and recorder.running)

    def save_settings(self) -> None:
        """The set-up, the window and what runs, in one go. QSettings writes its file whole and renames
        it over the old one, the secrets and the session marker are written the same way: a kill
        mid-save leaves the old file or the new one."""
        try:
            self._write_settings()
        except OSError as exc:  # a full disk, a folder the host cannot write: say so, the show goes on
            log.exception("saving the settings failed")
            self.statusBar().showMessage(self.tr("The settings could not be saved: {0}").format(exc), 15000)

    def _write_settings(self) -> None:
        settings = self.settings
        remember_config(self.studio.config, settings, self.secrets)
        settings.setValue("video/camera", self.camera_combo.currentData())
        settings.setValue("video/resolution", self.resolution_combo.currentData())
        settings.setValue("video/camera_fps", self.fps_combo.currentData())
        settings.setValue("video/path", self.path_edit.text())
        settings.setValue("audio/mic", json.dumps(self.mic_combo.currentData() or None))
        settings.setValue("language", self.translations.language)
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        for key, dock in self.right_docks.items():
            settings.setValue(f"window/{key}", dock.isVisibleTo(self))
        remember_docks(self.commerce_docks, self)
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            raise OSError(f"cannot write {settings.fileName()}")
        self.session.write(self.session_state())

    def _quit_answered(self, button: QAbstractButton) -> None:
        if button is self.quit_confirm_button:
            self.close_without_asking()

    def close_without_asking(self) -> None:
        """Close even while live: the host has said so (the quit box, or Ctrl+C in the terminal)."""
        self._quit_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.studio.is_live and not self._quit_confirmed:
            event.ignore()
            self.quit_box.open()
            return
        self._preview_timer.stop()
        self._status_timer.stop()
        self._save_timer.stop()
        if not self._closed:
            self._closed = True  # nothing is saved after this, not even the docks hiding with the window
            self.studio.setup_listeners.remove(self.schedule_save)
            self.save_settings()
            self.session.clear()  # a clean quit: no resume offer next time
        super().closeEvent(event)
        self.closed.emit()



def split_view(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Left half before the filters, right half after, with a white divider."""
    middle = before.shape[1] // 2
    view = after.copy()
    view[:, :middle] = before[:, :middle]
    view[:, middle - 1:middle + 1] = 255
    return view
