"""The guests dock (连麦) over a real Studio with two aiortc guests who join through an invite link:
the lobby with live thumbnails, admit and reject, on air, volume, layout, invites, kick, a refusal
shown in the dock, and the dock in Chinese."""

from __future__ import annotations

import asyncio
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads; no display needed

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from studio.loopwatch import LoopWatch

from .test_guests import _join
from .test_ui import loop, open_show, run, settings_dir, translations, wait_for  # noqa: F401 (fixtures)


async def _live_with_guests(studio, names: tuple[str, ...], peers: list) -> None:
    """The show live, and guests (aiortc) joining through one invite link into the lobby."""
    await studio.go_live()
    link, _ = studio.call.create_invite(uses=len(names))
    for name in names:
        status, _, pc = await _join(studio, link, name)
        assert status == 201
        peers.append(pc)


async def _hang_up(studio, peers) -> None:
    # The studio's side first, in the same run: under qasync, a studio session whose guest hung up
    # in an earlier run_until_complete does not close (the fixture's Studio.close would hang).
    await asyncio.wait_for(studio.ingest.end_all(), 30)
    if peers:  # the guests' side is the test's own: a close that stalls must not hang the suite
        await asyncio.wait([asyncio.ensure_future(pc.close()) for pc in peers], timeout=10)


def test_guest_dock_drives_the_call(loop, open_show, translations):  # noqa: F811 (the fixtures)
    studio, window = open_show(guest_limit=1)
    dock = window.guest_dock
    assert not dock.isVisible()  # hidden until the host opens it
    dock.toggleViewAction().trigger()
    assert dock.isVisible()
    call, mixer = studio.call, studio.pipeline.mixer
    peers = []

    async def scenario() -> None:
        await _live_with_guests(studio, ("品牌方小李", "二号"), peers)
        await wait_for(lambda: len(dock.rows) == 2 and all(not r.thumbnail.pixmap().isNull()
                                                          for r in dock.rows.values()), "lobby thumbnails", 15)
        rows = {r.name.text(): r for r in dock.rows.values()}
        assert set(rows) == {"品牌方小李", "二号"} and all(r.lobby for r in rows.values())
        assert dock.windowTitle() == "Guests (2 waiting)" and "waiting 0:" in rows["二号"].info.text()
        assert rows["二号"].thumbnail.pixmap().width() == 96  # 640 × 480 scaled into 128 × 72
        first, second = rows["品牌方小李"].guest_id, rows["二号"].guest_id

        rows["品牌方小李"].admit_button.click()
        assert call.guests.guests[first].state == "on_call" and not dock.status.text()
        rows["二号"].admit_button.click()  # past the limit of one: refused, said, and nothing breaks
        assert "at most 1 guests" in dock.status.text() and call.guests.guests[second].state == "lobby"
        assert window.isVisible() and second in dock.rows
        dock.rows[second].reject_button.click()
        await wait_for(lambda: second not in dock.rows and call.guests.guests[second].state == "rejected",
                       "the rejected guest to go")
        assert dock.nobody_waiting.isVisibleTo(dock)

        on_call = dock.rows[first]
        assert not on_call.lobby and on_call.show_button.text() == "Show" and on_call.mute_button.text() == "Unmute"
        on_call.show_button.click()
        on_call.mute_button.click()
        guest = call.guests.guests[first]
        assert guest.visible and guest.audible and mixer.inputs[first].on_air
        assert on_call.show_button.text() == "Hide" and on_call.mute_button.text() == "Mute"
        on_call.show_button.click()
        assert not guest.visible and guest.audible
        on_call.fader.slider.setValue(150)
        assert mixer.inputs[first].volume == 1.5
        await wait_for(lambda: "Round trip" in on_call.light.toolTip(), "the quality light", 10)
        assert "fps" in on_call.light.toolTip() and "640×480" in on_call.light.toolTip()

        dock.layout_combo.setCurrentIndex(dock.layout_combo.findData("pip"))
        assert studio.pipeline.layout.layout == "pip" and dock.corner_combo.isEnabled()
        dock.corner_combo.setCurrentIndex(dock.corner_combo.findData("top-left"))
        assert studio.pipeline.layout.corner == "top-left"
        dock.layout_combo.setCurrentIndex(dock.layout_combo.findData("grid"))
        assert studio.pipeline.layout.layout == "grid" and not dock.corner_combo.isEnabled()

        dock.host_fader.slider.setValue(50)
        dock.host_mute.setChecked(True)
        assert mixer.inputs["host"].volume == 0.5 and mixer.inputs["host"].muted
        dock.denoise_check.setChecked(True)
        assert mixer.inputs["host"].denoise is not None
        dock.denoise_check.setChecked(False)

        dock.invite_name.setText("品牌方")
        dock.uses_spin.setValue(3)
        dock.create_button.click()
        made = dock.link_edit.text()
        assert made.startswith(studio.viewer_url + "join/") and QGuiApplication.clipboard().text() == made
        (item,) = [dock.invites.item(i) for i in range(dock.invites.count())
                   if dock.invites.item(i).text().startswith("品牌方 · used 0 of 3")]
        dock.invites.setCurrentItem(item)
        invite_id = item.data(Qt.ItemDataRole.UserRole)
        dock.revoke_button.click()
        assert next(i for i in call.invites.all() if i.id == invite_id).revoked
        assert all("品牌方 ·" not in dock.invites.item(i).text() for i in range(dock.invites.count()))

        session = guest.session
        assert session in studio.ingest.sessions
        on_call.kick_button.click()
        await wait_for(lambda: session not in studio.ingest.sessions, "the kicked guest's session to end")
        await wait_for(lambda: not dock.rows, "the kicked guest's row to go")
        assert call.guests.guests[first].state == "kicked" and dock.nobody_on_call.isVisibleTo(dock)

    try:
        run(loop, scenario())
    finally:
        run(loop, _hang_up(studio, peers))

    async def in_chinese() -> None:
        window.language_actions["zh_CN"].trigger()  # the dock retranslates on the posted LanguageChange
        await wait_for(lambda: dock.lobby_box.title() == "等候室", "the Chinese lobby title")
        assert dock.windowTitle() == "连麦嘉宾" and dock.layout_combo.itemText(2) == "画中画"

    run(loop, in_chinese())
    window.save_settings()
    assert window.settings.value("window/guest_dock", False, type=bool)  # left open, comes back open


def test_thumbnails_and_the_program_share_guests_pictures_without_a_stall(loop, open_show, translations):  # noqa: F811
    """Two guests on air with the dock open for a minute of frames: the program composes their
    pictures on its thread while the dock scales the same pictures on the loop. Before each picture
    was converted once and shared, the two converted one PyAV frame at once and the app froze
    within a minute or two."""
    studio, window = open_show()
    dock = window.guest_dock
    dock.toggleViewAction().trigger()
    call, peers = studio.call, []
    watch = LoopWatch()

    async def scenario() -> None:
        await _live_with_guests(studio, ("甲", "乙"), peers)
        await wait_for(lambda: len(dock.rows) == 2, "both guests in the lobby", 15)
        for guest_id in list(dock.rows):
            call.admit(guest_id)
            call.set_on_air(guest_id, visible=True, audible=True)
        call.set_layout("grid")
        watch.start()
        progress = []
        for _ in range(60):
            before = studio.pipeline.program_frames
            await asyncio.sleep(1.0)
            progress.append(studio.pipeline.program_frames - before)
        watch.stop()
        # A stall would be the end of the show: frames every second, the loop never held for long.
        assert min(progress) > 0 and sum(progress) > 60 * 15, progress
        assert watch.max_lag_ms < 1000, watch.max_lag_ms
        assert all(row.pictures_shown > 60 for row in dock.rows.values()), [
            row.pictures_shown for row in dock.rows.values()]

    try:
        run(loop, scenario())
    finally:
        run(loop, _hang_up(studio, peers))
