"""Moderation on a live show, over the real events channel: banned words refused with a reason,
complaints shown to everyone and flagged to the host, per-viewer flood and duplicate limits,
mutes and bans that hold across reloads and restarts; and the word lists themselves."""

from __future__ import annotations

import asyncio

from studio.comments.wordlists import AD_LAW, COMPLAINTS, WordList, shipped
from studio.config import StudioConfig
from studio.show import Studio

from .events_client import EventsPage


def test_word_lists_find_terms_with_their_places_longest_first():
    marks = shipped(AD_LAW).find("全网最低价！销量第一的ＮＯ．１面霜，最近很火")
    assert [(m.term, m.start, m.end) for m in marks] == [
        ("全网最低价", 0, 5), ("销量第一", 6, 10), ("NO.1", 11, 15), ("最", 18, 19)]
    complaints = shipped(COMPLAINTS)
    assert complaints.words_in("这是假货，我要退款! It's a SCAM") == ["假货", "退款", "scam"]
    assert complaints.words_in("scampi and refunded") == []  # Latin terms only as whole words
    assert WordList(["Ｖ信"]).words_in("加v信") == ["Ｖ信"]  # full width and case folded


async def _collect_host_events(studio: Studio) -> list:
    seen: list = []
    studio.event_listeners.append(seen.append)
    return seen


async def test_banned_words_are_refused_with_a_reason_and_the_host_sees_them(live_studio):
    host_events = await _collect_host_events(live_studio)
    async with EventsPage(live_studio.viewer_url) as sender, EventsPage(live_studio.viewer_url) as other:
        reply = await sender.send("comment", {"nickname": "路人", "text": "加微信领优惠"})
        assert reply["type"] == "error" and reply["reason"].endswith("加微信")
        ok = await sender.send("comment", {"nickname": "路人", "text": "主播好"})
        assert ok["type"] == "ack"
        await other.wait_for("comment")
        await asyncio.sleep(0.2)
        # The other page saw the accepted comment only; the refusal went to the host alone.
        assert [e["data"]["text"] for e in other.events] == ["主播好"]
    refused = [e for e in host_events if e.type == "comment.refused"]
    assert len(refused) == 1 and refused[0].actor == sender.viewer and refused[0].data["words"] == ["加微信"]
    assert live_studio.eventlog.count("comment.refused") == 1


async def test_a_complaint_is_shown_to_everyone_and_flagged_to_the_host(live_studio):
    host_events = await _collect_host_events(live_studio)
    async with EventsPage(live_studio.viewer_url) as sender, EventsPage(live_studio.viewer_url) as other:
        reply = await sender.send("comment", {"nickname": "买家", "text": "上次买的是假货，我要退款"})
        assert reply["type"] == "ack"
        (seen,) = await other.wait_for("comment")
        assert seen["data"]["text"] == "上次买的是假货，我要退款"
        await asyncio.sleep(0.2)
        assert not other.of_type("comment.flagged")  # the flag is for the host
    (flag,) = [e for e in host_events if e.type == "comment.flagged"]
    assert flag.data["comment"] == reply["id"] and flag.data["words"] == ["假货", "退款"]
    # even a complaint with a banned word is not hidden from the host
    async with EventsPage(live_studio.viewer_url) as angry:
        reply = await angry.send("comment", {"nickname": "买家", "text": "傻逼商家卖假货"})
        assert reply["type"] == "error"
    refused = [e for e in host_events if e.type == "comment.refused"][-1]
    assert refused.data["complaint"] == ["假货"] and refused.data["text"] == "傻逼商家卖假货"


async def test_each_viewer_is_held_to_a_comment_rate_and_no_repeats(live_studio):
    async with EventsPage(live_studio.viewer_url) as page:
        replies = [await page.send("comment", {"nickname": "刷屏", "text": f"第{i}条"}) for i in range(10)]
        assert [r["type"] for r in replies[:3]] == ["ack"] * 3  # a burst of three…
        assert "too fast" in replies[3]["reason"]  # …then one every two seconds
        await asyncio.sleep(2.1)
        assert (await page.send("comment", {"nickname": "刷屏", "text": "第0条"}))["reason"] == \
            "you sent the same comment a moment ago"
        assert (await page.send("comment", {"nickname": "刷屏", "text": "新的一条"}))["type"] == "ack"
    async with EventsPage(live_studio.viewer_url) as another:  # another viewer has a budget of their own
        assert (await another.send("comment", {"nickname": "b", "text": "第0条"}))["type"] == "ack"
    assert live_studio.eventlog.count("comment") == 5


async def test_mutes_and_bans_carry_a_reason_and_hold_across_reloads_and_restarts(tmp_path):
    log_path = tmp_path / "show.sqlite"
    studio = Studio(StudioConfig(port=0, audio_source="none", event_log=str(log_path)))
    await studio.start()
    try:
        async with EventsPage(studio.viewer_url) as page:
            viewer, token = page.viewer, page.token
        studio.submit("moderation.mute", {"viewer": viewer, "minutes": 5, "reason": "刷屏"})
        async with EventsPage(studio.viewer_url, token) as again:  # a reload is the same viewer
            assert again.viewer == viewer
            reply = await again.send("comment", {"nickname": "x", "text": "hello"})
            assert "muted until" in reply["reason"] and reply["reason"].endswith("刷屏")
            assert (await again.send("lottery.enter", {}))["reason"] == "no lottery is open"  # a mute is for comments
        async with EventsPage(studio.viewer_url, token + "x") as forged:  # a forged token is a stranger
            assert forged.viewer != viewer
        studio.submit("moderation.unmute", {"viewer": viewer})
        async with EventsPage(studio.viewer_url, token) as page:
            assert (await page.send("comment", {"nickname": "x", "text": "我回来了"}))["type"] == "ack"
        studio.submit("moderation.ban", {"viewer": viewer, "reason": "辱骂他人"})
    finally:
        await studio.close()
    restarted = Studio(StudioConfig(port=0, audio_source="none", event_log=str(log_path)))
    await restarted.start()
    try:
        async with EventsPage(restarted.viewer_url, token) as page:
            assert page.viewer == viewer  # the same signed identity after a restart
            reply = await page.send("comment", {"nickname": "x", "text": "hi"})
            assert reply["reason"] == "you are banned from this show: 辱骂他人"
        moderation = [e for e in restarted.eventlog.replay() if e.type.startswith("moderation.")]
        assert [e.type for e in moderation] == ["moderation.mute", "moderation.unmute", "moderation.ban"]
        assert all(e.actor == "host" for e in moderation)
    finally:
        await restarted.close()


async def test_only_the_host_moderates_and_bad_requests_say_why(live_studio):
    async with EventsPage(live_studio.viewer_url) as page:
        reply = await page.send("moderation.ban", {"viewer": page.viewer, "reason": "x"})
        assert reply["reason"] == "only the host moderates"
    for data, reason in (({"viewer": "bob", "reason": "x"}, "name the viewer"),
                         ({"viewer": "viewer:a", "reason": ""}, "reason is empty"),
                         ({"viewer": "viewer:a", "reason": "x", "minutes": 0}, "a mute lasts 1 to 1440 minutes")):
        try:
            live_studio.submit("moderation.mute", data)
        except ValueError as exc:
            assert reason in str(exc)
        else:
            raise AssertionError(f"{data} was accepted")


async def test_the_hosts_own_banned_words_apply_at_once(start_show):
    studio = await start_show(audio_source="none", interactions=[{"name": "moderation", "extra_words": "砍价，拼单"}])
    async with EventsPage(studio.viewer_url) as page:
        assert "砍价" in (await page.send("comment", {"nickname": "a", "text": "能砍价吗"}))["reason"]
        studio.set_options("interaction", "moderation", extra_words="")
        assert (await page.send("comment", {"nickname": "a", "text": "能砍价吗"}))["type"] == "ack"


async def test_empty_oversized_and_binary_comments_are_refused_with_a_reason(live_studio):
    async with EventsPage(live_studio.viewer_url) as page:
        for text, reason in (("", "comment is empty"), ("\x00\x01\x02\ufffe\u202e", "comment is empty"),
                             ("好" * 201, "comment is longer than 200 characters"), (b"\x89PNG".hex(), None)):
            reply = await page.send("comment", {"nickname": "n", "text": text})
            assert (reply.get("reason") == reason) if reason else reply["type"] == "ack"
        reply = await page.send("comment", {"nickname": "n", "text": {"bytes": [137, 80]}})
        assert reply["reason"] == "comment must be text"
    assert live_studio.eventlog.count("comment") == 1


async def test_refusals_cannot_fill_the_log_and_bad_json_constants_are_refused(live_studio):
    async with EventsPage(live_studio.viewer_url) as page:
        replies = [await page.send("comment", {"nickname": "n", "text": f"加微信 {i}"}) for i in range(10)]
        assert sum("does not allow" in r["reason"] for r in replies) == 3  # the viewer's burst
        assert all("too fast" in r["reason"] for r in replies[3:])
        await page._ws.send_str('{"type": "send", "event": "poll.vote", "data": {"option": NaN}, "ref": 99}')
        for _ in range(100):
            if page.errors:
                break
            await asyncio.sleep(0.02)
        assert page.errors and "NaN is not a number JSON allows" in page.errors[0]
    assert live_studio.eventlog.count("comment.refused") == 3
