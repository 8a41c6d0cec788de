"""The program preview, where the host places the overlays. Click one to select it (a frame with
handles shows where it is), drag it to move it, drag a handle to resize it (its shape kept),
right-click to hide it or show another. While the preview has the focus: the arrows nudge the
selected overlay (with Shift, further), Delete hides it, Esc lets go of it, Ctrl+Z undoes the last
change. Every change goes through the core (``Studio.place_overlay``, ``Studio.set_overlay_enabled``),
so the program, and every viewer and platform with it, shows it on the next frame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QMenu

from studio.registry import RegistryError
from studio.settings_schema import localized
from studio.show import Studio

from .i18n import ui_language
from .layout import Retranslated
from .worded import worded

HANDLE_PX = 8  # a handle's side on screen
NUDGE, BIG_NUDGE = 0.5, 5.0  # % of the canvas an arrow key moves the selected overlay (with Shift)
UNDO_DEPTH = 50
SELECTED = QColor("#ffd666")
# Each handle: which of the box's edges it moves (left, top, right, bottom).
HANDLES = {"tl": "lt", "t": "t", "tr": "rt", "r": "r", "br": "rb", "b": "b", "bl": "lb", "l": "l"}
CURSORS = {"tl": Qt.CursorShape.SizeFDiagCursor, "br": Qt.CursorShape.SizeFDiagCursor,
           "tr": Qt.CursorShape.SizeBDiagCursor, "bl": Qt.CursorShape.SizeBDiagCursor,
           "l": Qt.CursorShape.SizeHorCursor, "r": Qt.CursorShape.SizeHorCursor,
           "t": Qt.CursorShape.SizeVerCursor, "b": Qt.CursorShape.SizeVerCursor,
           "move": Qt.CursorShape.SizeAllCursor}


@dataclass(frozen=True)
class Placement:
    """An overlay as it was, for Ctrl+Z: on or off, and where (None if it cannot be placed)."""

    name: str
    enabled: bool
    box: tuple[float, float, float, float] | None
    size: float | None


@dataclass(frozen=True)
class Drag:
    handle: str  # "move" or a key of HANDLES
    start: tuple[float, float]  # the mouse when pressed, % of the canvas
    before: Placement


class OverlayPreview(Retranslated, QLabel):
    """The preview picture (set by ``ui.layout.show_picture``) with the overlays' frames on top."""

    message = Signal(str)  # a refusal to show the host

    def __init__(self, studio: Studio) -> None:
        super().__init__(objectName="preview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.studio = studio
        self.selected: str | None = None
        self._drag: Drag | None = None
        self._undo: list[Placement] = []
        self.setMouseTracking(True)  # the cursor says what a press would grab
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setToolTip(self.tr("Click an overlay to select it, drag it to move it, drag a handle to resize it, "
                                "right-click to hide or show overlays. Arrows nudge (Shift: further), Delete hides, "
                                "Esc deselects, Ctrl+Z undoes."))

    # -- what is where ----------------------------------------------------------------------------
    def overlays(self) -> dict[str, dict[str, Any]]:
        return {overlay["name"]: overlay for overlay in self.studio.overlays()}

    def title(self, overlay: dict[str, Any]) -> str:
        return localized(overlay["title"], overlay["titles"], ui_language())

    def picture_rect(self) -> QRectF | None:
        """Where the program's picture is drawn in the preview (centred, its shape kept)."""
        pixmap = self.pixmap()
        if pixmap.isNull():
            return None
        size, area = pixmap.deviceIndependentSize(), QRectF(self.contentsRect())
        return QRectF(area.x() + (area.width() - size.width()) / 2, area.y() + (area.height() - size.height()) / 2,
                      size.width(), size.height())

    def on_screen(self, box: tuple[float, float, float, float]) -> QRectF:
        """An overlay's box (% of the canvas) in the preview's pixels."""
        picture = self.picture_rect() or QRectF(self.contentsRect())
        x, y, width, height = box
        return QRectF(picture.x() + picture.width() * x / 100, picture.y() + picture.height() * y / 100,
                      picture.width() * width / 100, picture.height() * height / 100)

    def in_canvas(self, point: QPointF) -> tuple[float, float]:
        """A point of the preview in % of the canvas."""
        picture = self.picture_rect() or QRectF(self.contentsRect())
        return (100 * (point.x() - picture.x()) / max(1.0, picture.width()),
                100 * (point.y() - picture.y()) / max(1.0, picture.height()))

    def handles(self, box: tuple[float, float, float, float]) -> dict[str, QRectF]:
        rect = self.on_screen(box)
        xs = {"l": rect.left(), "c": rect.center().x(), "r": rect.right()}
        ys = {"t": rect.top(), "c": rect.center().y(), "b": rect.bottom()}
        where = {"tl": ("l", "t"), "t": ("c", "t"), "tr": ("r", "t"), "r": ("r", "c"), "br": ("r", "b"),
                 "b": ("c", "b"), "bl": ("l", "b"), "l": ("l", "c")}
        return {name: QRectF(xs[x] - HANDLE_PX / 2, ys[y] - HANDLE_PX / 2, HANDLE_PX, HANDLE_PX)
                for name, (x, y) in where.items()}

    def grab_at(self, point: QPointF) -> tuple[str, str] | None:
        """What a press at ``point`` takes: (overlay, handle or "move"). The selected overlay's
        handles first, then the overlay drawn on top."""
        overlays = self.overlays()
        selected = overlays.get(self.selected or "")
        if selected is not None and selected["box"] is not None:
            for handle, rect in self.handles(selected["box"]).items():
                if rect.adjusted(-2, -2, 2, 2).contains(point):
                    return selected["name"], handle
        for overlay in reversed(list(overlays.values())):
            if overlay["box"] is not None and self.on_screen(overlay["box"]).contains(point):
                return overlay["name"], "move"
        return None

    # -- changes, each one undoable -----------------------------------------------------------------
    def placement(self, name: str) -> Placement:
        overlay = self.overlays()[name]
        return Placement(name, overlay["enabled"], overlay["box"], overlay["size"])

    def _remember(self, before: Placement) -> None:
        if before != self.placement(before.name):
            self._undo = [*self._undo[-(UNDO_DEPTH - 1):], before]

    def place(self, name: str, x: float, y: float, size: float | None = None) -> None:
        try:
            self.studio.place_overlay(name, x, y, size)
        except RegistryError as exc:
            self.message.emit(worded(exc))
        self.update()

    def set_enabled(self, name: str, enabled: bool) -> None:
        before = self.placement(name)
        try:
            self.studio.set_overlay_enabled(name, enabled)
        except RegistryError as exc:
            self.message.emit(worded(exc))
        if not enabled and self.selected == name:
            self.selected = None
        self._remember(before)
        self.update()

    def nudge(self, dx: float, dy: float) -> None:
        overlay = self.overlays().get(self.selected or "")
        if overlay is None or overlay["box"] is None:
            return
        before = self.placement(overlay["name"])
        self.place(overlay["name"], overlay["box"][0] + dx, overlay["box"][1] + dy)
        self._remember(before)

    def undo(self) -> None:
        if not self._undo:
            return
        before = self._undo.pop()
        try:
            self.studio.set_overlay_enabled(before.name, before.enabled)
            if before.box is not None:
                self.studio.place_overlay(before.name, before.box[0], before.box[1], before.size)
        except RegistryError as exc:
            self.message.emit(worded(exc))
        self.selected = before.name if before.enabled else None
        self.update()

    def _dragged(self, drag: Drag, to: tuple[float, float]) -> None:
        x, y, width, height = drag.before.box or (0.0, 0.0, 1.0, 1.0)
        dx, dy = to[0] - drag.start[0], to[1] - drag.start[1]
        if drag.handle == "move":
            self.place(drag.before.name, x + dx, y + dy)
            return
        edges = HANDLES[drag.handle]
        # The side dragged follows the mouse, the opposite one stays; its shape is kept, so the
        # dragged corner's farther-moved edge sets the scale.
        grow = []
        if "l" in edges or "r" in edges:
            grow.append((-dx if "l" in edges else dx) / max(width, 1e-6))
        if "t" in edges or "b" in edges:
            grow.append((-dy if "t" in edges else dy) / max(height, 1e-6))
        factor = max(0.05, 1 + max(grow, key=abs))
        new_x = x + width - width * factor if "l" in edges else x
        new_y = y + height - height * factor if "t" in edges else y
        self.place(drag.before.name, new_x, new_y, (drag.before.size or 100.0) * factor)

    # -- mouse and keys -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        grabbed = self.grab_at(event.position())
        self.selected = grabbed[0] if grabbed else None
        self._drag = Drag(grabbed[1], self.in_canvas(event.position()), self.placement(grabbed[0])) \
            if grabbed else None
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._dragged(self._drag, self.in_canvas(event.position()))
            return
        grabbed = self.grab_at(event.position())
        if grabbed is None:
            self.unsetCursor()
        else:
            self.setCursor(CURSORS[grabbed[1]])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._dragged(self._drag, self.in_canvas(event.position()))
            self._remember(self._drag.before)
            self._drag = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = BIG_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
        arrows = {Qt.Key.Key_Left: (-step, 0.0), Qt.Key.Key_Right: (step, 0.0), Qt.Key.Key_Up: (0.0, -step),
                  Qt.Key.Key_Down: (0.0, step)}
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif self.selected is None:
            super().keyPressEvent(event)
        elif event.key() in arrows:
            self.nudge(*arrows[event.key()])
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_enabled(self.selected, False)
        elif event.key() == Qt.Key.Key_Escape:
            self.selected = None
            self.update()
        else:
            super().keyPressEvent(event)

    # -- menus ------------------------------------------------------------------------------------------
    def fill_overlay_menu(self, menu: QMenu) -> None:
        """One checkable entry per overlay (its name as the action's data), to show or hide it."""
        menu.clear()
        for overlay in self.overlays().values():
            action = menu.addAction(self.title(overlay))
            action.setData(overlay["name"])
            action.setCheckable(True)
            action.setChecked(overlay["enabled"])
            action.toggled.connect(lambda on, name=overlay["name"]: self.set_enabled(name, on))

    def overlay_menu(self, at: QPoint) -> QMenu:
        """The right-click menu at ``at``: hide the overlay there, and every overlay to show or hide."""
        menu = QMenu(self)
        grabbed = self.grab_at(QPointF(at))
        if grabbed is not None:
            name = self.selected = grabbed[0]
            hide = menu.addAction(self.tr("Hide “{0}”").format(self.title(self.overlays()[name])))
            hide.triggered.connect(lambda: self.set_enabled(name, False))
            menu.addSeparator()
        self.fill_overlay_menu(menu.addMenu(self.tr("Overlays")))
        self.update()
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.overlay_menu(event.pos()).popup(event.globalPos())  # popup: no nested event loop

    # -- drawing ----------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.picture_rect() is None:
            return
        painter = QPainter(self)
        for overlay in self.overlays().values():
            if overlay["box"] is None:
                continue
            if overlay["name"] == self.selected:
                painter.setPen(QPen(SELECTED, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self.on_screen(overlay["box"]))
                painter.setBrush(SELECTED)
                for rect in self.handles(overlay["box"]).values():
                    painter.drawRect(rect)
            elif self.underMouse():  # where the others are, to find them
                painter.setPen(QPen(QColor(255, 255, 255, 140), 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self.on_screen(overlay["box"]))
        painter.end()
