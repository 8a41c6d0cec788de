"""A dark studio theme: Fusion with a dark palette and a few accents."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_COLOURS = {
    QPalette.ColorRole.Window: "#1e2127", QPalette.ColorRole.WindowText: "#e6e9ef",
    QPalette.ColorRole.Base: "#15171c", QPalette.ColorRole.AlternateBase: "#252932",
    QPalette.ColorRole.Text: "#e6e9ef", QPalette.ColorRole.Button: "#2b303a",
    QPalette.ColorRole.ButtonText: "#e6e9ef", QPalette.ColorRole.Highlight: "#3d7eff",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b303a",
    QPalette.ColorRole.ToolTipText: "#e6e9ef", QPalette.ColorRole.PlaceholderText: "#7d8594",
    QPalette.ColorRole.Link: "#6ea0ff",
}

STYLE = """
QGroupBox { border: 1px solid #343a46; border-radius: 6px; margin-top: 16px; padding: 10px 8px 8px 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #c3cad5; font-weight: 700; }
QCheckBox::indicator { width: 14px; height: 14px; border: 1px solid #5a6270; border-radius: 3px;
                       background: #15171c; }
QCheckBox::indicator:checked { background: #3d7eff; border-color: #6ea0ff; }
QLabel#preview { background: #15171c; border: 1px solid #2a2e36; border-radius: 4px; }
QLabel#banner { background: #8b1e1e; color: #ffffff; padding: 7px 10px; border-radius: 4px;
                font-weight: 600; }
QFrame#resumeBanner { background: #1f3a5f; border: 1px solid #3d7eff; border-radius: 4px; }
QPushButton#resumeButton { background: #2e7d32; color: #ffffff; font-weight: 700; padding: 6px 14px; }
QLabel#hint { color: #8d96a5; }
QLabel#filterStatus { color: #e0a800; }
QLabel#filterStatus[state="off"] { color: #ff6b6b; font-weight: 600; }
QLabel#onAir { color: #8d96a5; font-weight: 700; padding: 0 6px; }
QLabel#onAir[live="true"] { color: #ff5252; }
QPushButton#liveButton { font-size: 14pt; font-weight: 700; padding: 12px; border-radius: 6px;
                         background: #2e7d32; color: #ffffff; border: none; }
QPushButton#liveButton:hover { background: #388e3c; }
QPushButton#liveButton[live="true"] { background: #c62828; }
QPushButton#liveButton[live="true"]:hover { background: #d32f2f; }
QPushButton#liveButton:disabled { background: #4a4f59; color: #b0b6c0; }
QProgressBar { border: 1px solid #343a46; border-radius: 3px; background: #15171c; text-align: center;
               min-height: 14px; }
QProgressBar::chunk { background: #2e9d47; border-radius: 2px; }
QProgressBar[level="hot"]::chunk { background: #e0a800; }
QProgressBar[level="clip"]::chunk { background: #e53935; }
QStatusBar QLabel { padding: 0 8px; color: #b8c0cc; }
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in _COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7280"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE)
