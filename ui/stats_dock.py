"""Stats: the last minutes of frame rate, bitrate, encoder time, and per output its bitrate,
round-trip time and loss, each as a graph; and frames dropped by cause (capture, filters,
encoder, network). Unlike OBS, network drops of WHIP outputs are shown too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from studio.show import Studio
from studio.stats_history import CAUSES

from .layout import TranslatedDock

COLOURS = ["#4fc3f7", "#ffb74d", "#81c784", "#e57373", "#ba68c8", "#fff176"]


class Graph(QWidget):
    """Lines over the kept samples, each scaled to the largest value shown; the newest on the right."""

    def __init__(self) -> None:
        super().__init__(minimumHeight=56)
        self.lines: list[tuple[str, list[float]]] = []

    def set_lines(self, lines: list[tuple[str, list[float]]]) -> None:
        self.lines = lines
        self.update()

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#1e1e1e"))
        top = max((max(values, default=0.0) for _, values in self.lines), default=0.0) or 1.0
        width, height = self.width() - 2, self.height() - 4
        for index, (_, values) in enumerate(self.lines):
            if len(values) < 2:
                continue
            step = width / (len(values) - 1)
            points = [QPointF(1 + i * step, 2 + height * (1 - v / top)) for i, v in enumerate(values)]
            painter.setPen(QPen(QColor(COLOURS[index % len(COLOURS)]), 1.5))
            painter.drawPolyline(QPolygonF(points))
        painter.end()


class StatsDock(TranslatedDock):
    def __init__(self, studio: Studio) -> None:
        super().__init__(objectName="statsDock")
        self.studio = studio
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.graphs: dict[str, tuple[QLabel, Graph]] = {}
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Stats"))
        self.refresh()

    def _graph(self, key: str) -> tuple[QLabel, Graph]:
        if key not in self.graphs:
            label, graph = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText), Graph()
            self.layout_.addWidget(label)
            self.layout_.addWidget(graph)
            self.graphs[key] = (label, graph)
        return self.graphs[key]

    def _show(self, key: str, title: str, unit: str, lines: list[tuple[str, list[float]]]) -> None:
        label, graph = self._graph(key)
        latest = "  ".join(f'<span style="color:{COLOURS[i % len(COLOURS)]}">{name} {values[-1]:.1f}{unit}</span>'
                           if values else name for i, (name, values) in enumerate(lines))
        label.setText(f"<b>{title}</b>  {latest}")
        graph.set_lines(lines)

    def refresh(self, stats: dict | None = None) -> None:
        history = self.studio.history
        names = history.names()
        outputs = sorted({n.split(":", 1)[0] for n in names if ":" in n})
        self._show("fps", self.tr("Frame rate"), "", [(self.tr("program"), history.series("program_fps"))])
        self._show("bitrate", self.tr("Bitrate"), " kbit/s",
                   [(self.tr("viewers' encode"), history.series("bitrate_kbps"))]
                   + [(name, history.series(f"{name}:bitrate_kbps")) for name in outputs])
        self._show("encode", self.tr("Encoder time"), " ms", [(self.tr("per frame"), history.series("encode_ms"))])
        with_rtt = [name for name in outputs if f"{name}:rtt_ms" in names]
        if with_rtt:
            self._show("rtt", self.tr("Round-trip time"), " ms",
                       [(name, history.series(f"{name}:rtt_ms")) for name in with_rtt])
            self._show("loss", self.tr("Loss"), "%", [(name, history.series(f"{name}:loss_pct")) for name in with_rtt])
        names_by_cause = {"capture": self.tr("capture"), "filters": self.tr("filters"),
                          "encoder": self.tr("encoder"), "network": self.tr("network")}
        self._show("dropped", self.tr("Dropped per second (total: {0})").format(
                       ", ".join(f"{names_by_cause[c]} {history.dropped_total(c)}" for c in CAUSES)), "",
                   [(names_by_cause[c], history.series(f"dropped_{c}")) for c in CAUSES])
        outputs_now = (stats if stats is not None else self.studio.stats()).get("outputs", [])
        sizes = [f"{o['name']} {o['size']} @ {o.get('fps', 0):g} fps" for o in outputs_now if o.get("size")]
        label, graph = self._graph("sizes")
        graph.hide()
        label.setText(self.tr("Sending: {0}").format("; ".join(sizes)) if sizes else "")
