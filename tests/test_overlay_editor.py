"""Overlays placed in the real window: dragged, resized, hidden and shown in the program preview
with the mouse, the keys and the menus, checked in the program's pixels (what every viewer and
platform gets), saved within half a second and back after a restart; and the show's hotkeys."""

from __future__ import annotations

import asyncio
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads; no display needed

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from studio.config import StudioConfig
from studio.show import Studio
from ui.main_window import MainWindow
from ui.overlay_editor import SELECTED
from ui.settings import open_settings, restore_config

from .plugin_kit import write_folder_plugin
from .test_docs import guide_code
from .test_ui import loop, open_show, run, settings_dir, translations, wait_for  # noqa: F401 (fixtures)

GREY = 120
CATALOG = {"products": [
    {"name": "玻尿酸保湿精华", "price": 129, "list_price": 199, "stock": 500, "sku": "S-1", "link": "https://shop.example/s1",
     "selling_points": ["补水", "温和"]},
    {"name": "水光面膜", "price": 59, "stock": 300, "sku": "S-2", "link": "https://shop.example/s2"}]}


@pytest.fixture
def grey_picture(tmp_path) -> dict:
    """An even grey picture as the source: whatever differs from it in the program is an overlay."""
    path = tmp_path / "grey.png"
    cv2.imwrite(str(path), np.full((720, 1280, 3), GREY, np.uint8))
    return {"video_source": "image", "video_options": {"path": str(path)}}


def drawn(studio: Studio) -> tuple[float, float, float, float] | None:
    """Where the program's latest frame differs from the grey source: left, top, width, height in %."""
    if studio.pipeline.last_program is None:
        return None
    image = studio.pipeline.last_program.image
    ys, xs = np.nonzero(np.abs(image.astype(np.int16) - GREY).max(axis=2) > 30)
    if len(xs) == 0:
        return None
    height, width = image.shape[:2]
    return (100 * xs.min() / width, 100 * ys.min() / height, 100 * (xs.max() + 1 - xs.min()) / width,
            100 * (ys.max() + 1 - ys.min()) / height)


def near(box: tuple[float, ...] | None, expected: tuple[float, ...], tolerance: float = 0.5) -> bool:
    return box is not None and all(abs(a - b) <= tolerance for a, b in zip(box, expected, strict=False))


def card(studio: Studio) -> dict:
    return next(o for o in studio.overlays() if o["name"] == "product_card")


def saved_overlays(folder) -> list:
    """The overlays as the settings file on disk has them (not QSettings' cache)."""
    path = folder / "HostStudio" / "Host Studio.ini"
    if not path.exists():
        return []
    line = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("overlays=")), "")
    value = line.removeprefix("overlays=")
    if value.startswith('"'):
        value = value[1:-1].replace('\\"', '"')
    return json.loads(value) if value else []


def drag(widget, start: QPointF, end: QPointF) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start.toPoint())
    middle = (start + end) / 2
    QTest.mouseMove(widget, middle.toPoint())
    QTest.mouseMove(widget, end.toPoint())
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end.toPoint())


def framed(preview, box: tuple[float, float, float, float]) -> bool:
    """Whether the preview shows the selection frame on the left edge of ``box``."""
    image = preview.grab().toImage()
    rect = preview.on_screen(box)
    y = int(rect.center().y())
    return any(image.pixelColor(x, y) == SELECTED for x in range(int(rect.left()) - 1, int(rect.left()) + 2))


def menu_action(menu, name: str):
    return next(a for a in menu.actions() if a.data() == name)


def test_overlays_dragged_resized_toggled_in_the_preview_and_restored(
        loop, open_show, grey_picture, settings_dir, qtbot):  # noqa: F811 (the fixtures)
    studio, window = open_show(overlays=[{"name": "product_card", "x": 10, "y": 10}], **grey_picture)
    window.resize(1280, 800)
    preview = window.preview
    final: list[tuple[float, float, float, float]] = []  # where the card ends up

    async def scenario() -> None:
        studio.submit("product.catalog", CATALOG)
        studio.submit("product.pin", {"product": "S-1"})
        await wait_for(lambda: near(drawn(studio), (10, 10)), "the card where the settings put it")
        await wait_for(lambda: window.preview_updates > 0 and preview.picture_rect() is not None, "the preview")
        first = drawn(studio)
        assert near(card(studio)["box"], first)  # the frame the window draws is where the card is

        # Drag it by its middle: the program has it at the new place a frame or two later.
        picture = preview.picture_rect()
        start = preview.on_screen(card(studio)["box"]).center()
        drag(preview, start, start + QPointF(picture.width() * 0.40, picture.height() * 0.30))
        assert preview.selected == "product_card" and framed(preview, card(studio)["box"])
        frames = studio.pipeline.program_frames
        await wait_for(lambda: near(drawn(studio), (50, 40, first[2], first[3]), 0.8), "the card moved")
        assert studio.pipeline.program_frames - frames <= 10  # the next frames (margin: a busy machine)
        spec = studio.config.overlays[0]
        assert spec["x"] == pytest.approx(50, abs=0.5) and spec["y"] == pytest.approx(40, abs=0.5)

        # Resize by the bottom-right handle: half as wide again, the top-left corner stays, the shape too.
        box = card(studio)["box"]
        corner = preview.on_screen(box).bottomRight()
        drag(preview, corner, corner + QPointF(preview.on_screen(box).width() * 0.5, 0))
        await wait_for(lambda: near(drawn(studio)[:2], box[:2], 0.8) and drawn(studio)[2] > first[2] * 1.4,
                       "the card bigger")
        bigger = drawn(studio)
        assert bigger[2] / first[2] == pytest.approx(1.5, abs=0.08)
        assert bigger[3] / first[3] == pytest.approx(1.5, abs=0.08)
        assert studio.config.overlays[0]["size"] == pytest.approx(150, abs=2)

        # Dragged past the edge: kept inside the canvas.
        box = card(studio)["box"]
        start = preview.on_screen(box).center()
        drag(preview, start, start + QPointF(picture.width(), picture.height()))
        await wait_for(lambda: near(drawn(studio), (100 - box[2], 100 - box[3], box[2], box[3]), 0.8),
                       "the card in the bottom-right corner")

        # Off from View → Overlays, on again from the preview's right-click menu: same place.
        placed = drawn(studio)
        window.overlays_menu.aboutToShow.emit()
        action = menu_action(window.overlays_menu, "product_card")
        assert action.isChecked()
        action.trigger()
        await wait_for(lambda: drawn(studio) is None, "the card gone from the program")
        assert not card(studio)["enabled"] and studio.config.overlays[0]["enabled"] is False
        menu = preview.overlay_menu(QPoint(5, 5))
        overlays = next(a.menu() for a in menu.actions() if a.menu() is not None)
        assert not menu_action(overlays, "product_card").isChecked()
        menu_action(overlays, "product_card").trigger()
        await wait_for(lambda: near(drawn(studio), placed, 0.3), "the card back where it was")
        menu = preview.overlay_menu(preview.on_screen(card(studio)["box"]).center().toPoint())
        assert menu.actions()[0].text() == "Hide “Product card”"
        menu.actions()[0].trigger()
        await wait_for(lambda: drawn(studio) is None, "the card hidden from its own menu")
        QTest.keyClick(preview, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await wait_for(lambda: near(drawn(studio), placed, 0.3), "the card back by Ctrl+Z")

        # Keys: select by a click, Shift+Left moves it 5 %, Up 0.5 %, Delete hides it, Ctrl+Z brings it back.
        box = card(studio)["box"]
        QTest.mouseClick(preview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         preview.on_screen(box).center().toPoint())
        QTest.keyClick(preview, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(preview, Qt.Key.Key_Up)
        await wait_for(lambda: near(drawn(studio), (box[0] - 5, box[1] - 0.5), 0.3), "the card nudged")
        QTest.keyClick(preview, Qt.Key.Key_Delete)
        await wait_for(lambda: drawn(studio) is None, "the card hidden by Delete")
        QTest.keyClick(preview, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await wait_for(lambda: near(drawn(studio), (box[0] - 5, box[1] - 0.5), 0.3), "the card back by Ctrl+Z")
        QTest.keyClick(preview, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and the nudge up undone
        await wait_for(lambda: near(drawn(studio), (box[0] - 5, box[1]), 0.3), "the nudge undone")
        assert framed(preview, card(studio)["box"])
        QTest.keyClick(preview, Qt.Key.Key_Escape)
        assert preview.selected is None and not framed(preview, card(studio)["box"])
        QTest.keyClick(preview, Qt.Key.Key_Delete)  # nothing selected: nothing hidden
        await asyncio.sleep(0.1)
        assert card(studio)["enabled"]

        # On disk within half a second (margin for a busy machine), as the program has it.
        final.append(drawn(studio))
        await wait_for(lambda: saved_overlays(settings_dir) == studio.config.overlays, "the save", 1.5)
        assert saved_overlays(settings_dir)[0]["size"] == pytest.approx(150, abs=2)

    run(loop, scenario())
    window.close_without_asking()

    # A restart from the same settings: the card is where the host left it, as big.
    config = StudioConfig(port=0, audio_source="none", **grey_picture)
    restore_config(config, open_settings())
    assert config.overlays == saved_overlays(settings_dir)
    again = Studio(config)
    run(loop, again.start())
    try:
        window = MainWindow(again)
        qtbot.addWidget(window)
        window.show()

        async def restarted() -> None:
            again.submit("product.catalog", CATALOG)
            again.submit("product.pin", {"product": "S-1"})
            await wait_for(lambda: near(drawn(again), final[0], 0.3), "the card where it was before the restart")
            window.overlays_menu.aboutToShow.emit()
            assert menu_action(window.overlays_menu, "product_card").isChecked()

        run(loop, restarted())
        window.close_without_asking()
    finally:
        run(loop, again.close())


async def _card_on(studio: Studio) -> tuple[float, float, float, float]:
    await studio.start()
    try:
        studio.submit("product.catalog", CATALOG)
        studio.submit("product.pin", {"product": "S-1"})
        await wait_for(lambda: drawn(studio) is not None, "the card")
        box = drawn(studio)
        assert card(studio)["box"] == pytest.approx(box, abs=0.3)  # the window's frame would be there
        return box
    finally:
        await studio.close()


def test_a_placement_is_the_same_share_of_the_canvas_in_either_orientation(loop, tmp_path):  # noqa: F811
    """The same settings on a landscape and a portrait canvas: the card at the same share of each,
    moved in to stay inside, and as big on either (sizes follow the canvas's short side)."""
    widths = {}
    for orientation, (width, height) in (("landscape", (1280, 720)), ("portrait", (720, 1280))):
        path = tmp_path / f"{orientation}.png"
        cv2.imwrite(str(path), np.full((height, width, 3), GREY, np.uint8))
        box = run(loop, _card_on(Studio(StudioConfig(
            port=0, audio_source="none", orientation=orientation, video_source="image",
            video_options={"path": str(path)}, overlays=[{"name": "product_card", "x": 90, "y": 30}]))))
        assert box[0] + box[2] == pytest.approx(100, abs=0.2)  # pushed in from 90 %: inside
        assert box[1] == pytest.approx(30, abs=0.2)
        widths[orientation] = box[2] * width / 100
    assert widths["portrait"] == pytest.approx(widths["landscape"], abs=2)


def test_hotkeys_go_live_pin_the_next_product_and_start_a_sale(loop, open_show, translations, qtbot):  # noqa: F811
    studio, window = open_show()
    comments, products = window.commerce_docks["comments"], window.commerce_docks["products"]
    comments.toggleViewAction().trigger()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reply = comments.reply_edit
    reply.setFocus()

    def press(key: Qt.Key) -> None:
        # Into the reply box, as when the host is typing: the F-keys type nothing and reach the show.
        QTest.keyClick(reply, key)

    def sale() -> dict | None:
        return next(r.interaction for r in studio.interactions.running if r.name == "sales").sale

    async def scenario() -> None:
        assert window.show_menu.live_action.shortcut().toString() == "F5"
        assert "F5" in window.live_button.toolTip()
        press(Qt.Key.Key_F5)
        await wait_for(lambda: studio.is_live, "F5 to go live")
        await wait_for(lambda: window.show_menu.live_action.text() == "End the show", "the menu to offer the end")

        press(Qt.Key.Key_F6)  # no catalog yet
        assert window.statusBar().currentMessage() == "Import a catalog first: there is no next product to pin."
        assert studio.pinned_product() is None
        press(Qt.Key.Key_F7)  # nothing pinned: refused, and said why
        assert window.statusBar().currentMessage() == "No sale started: pin a product from the catalog first."
        assert sale() is None
        translations.apply("zh_CN")
        press(Qt.Key.Key_F7)
        assert window.statusBar().currentMessage() == "未开始秒杀：请先从商品库中置顶一件商品。"
        assert sale() is None
        translations.apply("en")

        studio.submit("product.catalog", CATALOG)
        press(Qt.Key.Key_F6)
        assert studio.pinned_product()["id"] == "S-1"
        assert window.statusBar().currentMessage() == "On air: 玻尿酸保湿精华"
        press(Qt.Key.Key_F6)
        assert studio.pinned_product()["id"] == "S-2"
        press(Qt.Key.Key_F6)  # after the last, the first again
        assert studio.pinned_product()["id"] == "S-1"
        assert reply.text() == ""  # the keys typed nothing

        products.sale_price.setValue(19.9)  # the sale settings as last used in the dock
        products.sale_stock.setValue(50)
        press(Qt.Key.Key_F7)
        assert sale()["product"]["id"] == "S-1" and sale()["price"] == 19.9 and sale()["stock"] == 50
        assert window.statusBar().currentMessage() == "Flash sale of 玻尿酸保湿精华 started"
        press(Qt.Key.Key_F7)  # one is running: the show's own refusal
        assert window.statusBar().currentMessage() == "a sale is running: end it first"

        # Ending is confirmed: F5 asks; "Keep streaming" keeps the show on, "End the show" ends it.
        press(Qt.Key.Key_F5)
        assert window.show_menu.end_box.isVisible() and studio.is_live
        window.show_menu.keep_button.click()
        await asyncio.sleep(0.2)
        assert studio.is_live
        window.live_button.click()  # the window's own button asks too
        assert window.show_menu.end_box.isVisible() and studio.is_live
        window.show_menu.end_confirm_button.click()
        await wait_for(lambda: not studio.is_live and window.live_button.isEnabled(), "the show to end")
        assert window.show_menu.live_action.text() == "Go Live"

    run(loop, scenario())


def test_hotkeys_are_changed_in_their_dialog_and_remembered(loop, open_show, settings_dir, qtbot):  # noqa: F811
    studio, window = open_show()
    window.show_menu.hotkeys_action.trigger()
    dialog = window.show_menu.dialog
    assert dialog.isVisible() and dialog.edits["next_product"].keySequence().toString() == "F6"
    dialog.edits["next_product"].setKeySequence(QKeySequence("F5"))  # the same as Go Live: refused
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.problem.text() == "Two actions have the same hotkey: give each its own."
    dialog.edits["next_product"].setKeySequence(QKeySequence("Ctrl+Shift+N"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert window.show_menu.next_product_action.shortcut().toString() == "Ctrl+Shift+N"
    window.close_without_asking()  # saves

    second = MainWindow(studio)
    qtbot.addWidget(second)
    assert second.show_menu.next_product_action.shortcut().toString() == "Ctrl+Shift+N"
    assert second.show_menu.live_action.shortcut().toString() == "F5"
    second.close_without_asking()


def test_an_older_versions_overlay_options_do_not_stop_the_show(loop, settings_dir):  # noqa: F811
    settings = open_settings()
    settings.setValue("overlays", json.dumps([{"name": "live_badge", "corner": "top-right", "live_text": "直播"}]))
    config = StudioConfig(port=0, audio_source="none")
    restore_config(config, settings)
    assert config.overlays == [{"name": "live_badge", "live_text": "直播"}]  # the corner it no longer has: gone
    studio = Studio(config)
    run(loop, studio.start())
    try:
        badge = next(o for o in studio.overlays() if o["name"] == "live_badge")
        assert badge["enabled"] and badge["box"][:2] == (2.0, 11.0)  # where it is by default
    finally:
        run(loop, studio.close())


def test_a_plugins_placed_overlay_is_dragged_like_the_built_ins(loop, open_show, grey_picture, tmp_path):  # noqa: F811
    """The plugin guide's example overlay, as a folder plugin: dragged in the preview, it moves in
    the program."""
    write_folder_plugin(tmp_path / "plugins", "sale-banner", guide_code("Overlays the host places"),
                        [{"kind": "overlay", "name": "sale_banner", "factory": "SaleBanner"}], api="1.4")
    studio, window = open_show(plugin_dirs=[str(tmp_path / "plugins")], overlays=[{"name": "sale_banner"}],
                               **grey_picture)
    preview = window.preview

    async def scenario() -> None:
        await wait_for(lambda: near(drawn(studio), (70, 5), 1.0) and preview.picture_rect() is not None,
                       "the banner where it starts")
        first = drawn(studio)
        banner = next(o for o in studio.overlays() if o["name"] == "sale_banner")
        assert near(banner["box"], first, 1.0)
        picture = preview.picture_rect()
        start = preview.on_screen(banner["box"]).center()
        drag(preview, start, start + QPointF(-picture.width() * 0.5, picture.height() * 0.6))
        await wait_for(lambda: near(drawn(studio), (first[0] - 50, first[1] + 60, first[2], first[3]), 0.8),
                       "the banner moved")
        assert studio.config.overlays == [{"name": "sale_banner", "x": pytest.approx(20, abs=0.5),
                                           "y": pytest.approx(65, abs=0.5), "size": 100.0}]

    run(loop, scenario())
