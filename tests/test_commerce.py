"""Live commerce on a real show over the real events channel: the catalog, pinned product cards
and their Advertising Law marks, flash sales with concurrent buyers, polls, questions, pinned
comments and replies, followers-only lotteries, and the show's export."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.commerce.sales import MIN_COUNTDOWN_S

from .events_client import EventsPage

CATALOG = """商品名称,价格,划线价,库存,货号,链接,卖点
玻尿酸保湿精华,129,199,50,SKU-1,https://shop.example/1,全网最低价|补水
<b>口红</b>,89,,3,SKU-2,https://shop.example/2,显白
坏的一行,abc,,,SKU-3,,
"""


def _interaction(studio, name):
    return next(r.interaction for r in studio.interactions.running if r.name == name)


async def test_a_catalog_is_imported_pinned_and_its_extreme_words_marked_for_the_host(start_show, tmp_path):
    studio = await start_show(audio_source="none")
    host_events: list = []
    studio.event_listeners.append(host_events.append)
    path = tmp_path / "商品.csv"
    path.write_text(CATALOG, encoding="utf-8")
    async with EventsPage(studio.viewer_url) as page:
        catalog = studio.import_catalog(path)
        assert [p.sku for p in catalog.products] == ["SKU-1", "SKU-2"]
        assert [str(e) for e in catalog.errors] == ["line 4: price must be a number, not 'abc'"]
        (flag,) = [e for e in host_events if e.type == "product.flagged"]
        assert flag.data["product"] == "SKU-1"
        assert flag.data["marks"] == [{"field": "selling_point", "text": "全网最低价",
                                       "terms": [{"term": "全网最低价", "start": 0, "end": 5}]}]
        studio.submit("product.pin", {"product": "SKU-2"})
        (pin,) = await page.wait_for("product.pin")
        assert pin["data"]["name"] == "<b>口红</b>" and pin["data"]["link"] == "https://shop.example/2"
        assert "stock" not in pin["data"]  # the card, not the stock count
        await asyncio.sleep(0.2)
        assert not page.of_type("product.catalog") and not page.of_type("product.flagged")  # the host's
    async with EventsPage(studio.viewer_url) as late:  # a page that joins later sees the card at once
        assert late.snapshot["interactions"]["products"]["pinned"]["id"] == "SKU-2"
    with pytest.raises(ValueError, match="no product 'SKU-9'"):
        studio.submit("product.pin", {"product": "SKU-9"})
    with pytest.raises(ValueError, match="product 1: price is missing"):
        studio.submit("product.catalog", {"products": [{"name": "x", "sku": "a"}]})


async def test_a_flash_sale_opens_on_the_server_clock_and_concurrent_buyers_never_oversell(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("product.catalog", {"products": [
        {"name": "秒杀面膜", "price": 99, "stock": 100, "sku": "M-1", "link": "https://shop.example/m"}]})
    with pytest.raises(ValueError, match="the catalog has only 100 in stock"):
        studio.submit("sale.start", {"product": "M-1", "price": 9.9, "stock": 101, "limit": 1,
                                     "countdown_s": MIN_COUNTDOWN_S})
    pages = [EventsPage(studio.viewer_url) for _ in range(30)]
    await asyncio.gather(*(p.__aenter__() for p in pages))
    try:
        start = studio.submit("sale.start", {"product": "M-1", "price": 9.9, "stock": 7, "limit": 2,
                                             "countdown_s": MIN_COUNTDOWN_S})
        starts_at = start.data["starts_at"]
        early = await pages[0].send("sale.order", {"sale": start.id, "quantity": 1})
        assert early["reason"].startswith("the sale starts in")
        await asyncio.sleep(starts_at - time.time() + 0.01)
        # Thirty buyers at once, each asking for 1 or 2: exactly the stock is sold, never more.
        replies = await asyncio.gather(*(p.send("sale.order", {"sale": start.id, "quantity": 1 + i % 2})
                                         for i, p in enumerate(pages)))
        sold = sum(1 + i % 2 for i, r in enumerate(replies) if r["type"] == "ack")
        assert sold == 7
        refusals = {r["reason"] for r in replies if r["type"] == "error"}
        assert refusals <= {"sold out", "only 1 left"} and "sold out" in refusals
        assert (await pages[0].send("sale.order", {"sale": start.id, "quantity": 3}))["type"] == "error"
        (sold_out,) = await pages[5].wait_for("sale.sold_out")
        assert sold_out["data"]["sale"] == start.id
        orders = [e for e in studio.eventlog.replay() if e.type == "sale.order"]
        assert sum(e.data["quantity"] for e in orders) == 7
        assert all(e.data["checkout"] == "https://shop.example/m" for e in orders)
        state = _interaction(studio, "sales").public_state()
        assert state["remaining"] == 0 and state["sale"]["sold_out"] is True
    finally:
        await asyncio.gather(*(p.__aexit__() for p in pages))


async def test_polls_take_one_vote_per_viewer_and_show_live_and_final_results(start_show):
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as a, EventsPage(studio.viewer_url) as b:
        for bad, reason in (({"question": "?", "options": ["一"]}, "2 to 6 options"),
                            ({"question": "?", "options": ["a", "a"]}, "the same")):
            with pytest.raises(ValueError, match=reason):
                studio.submit("poll.start", bad)
        poll = studio.submit("poll.start", {"question": "下一个讲哪款?", "options": ["面膜", "口红", "精华"]})
        assert (await a.send("poll.vote", {"poll": poll.id, "option": 1}))["type"] == "ack"
        assert (await a.send("poll.vote", {"poll": poll.id, "option": 2}))["reason"] == "you have voted already"
        assert (await b.send("poll.vote", {"poll": poll.id, "option": 7}))["reason"] == "choose one of the options"
        assert (await b.send("poll.vote", {"poll": poll.id, "option": 1}))["type"] == "ack"
        await a.wait_for("poll.vote", 2)  # every page sees the votes as they come
        async with EventsPage(studio.viewer_url) as late:
            assert late.snapshot["interactions"]["polls"]["tallies"] == [0, 2, 0]
        studio.submit("poll.close", {})
        (closed,) = await b.wait_for("poll.closed")
        assert closed["data"]["tallies"] == [0, 2, 0] and closed["data"]["leading"] == [1]
        assert (await a.send("poll.vote", {"poll": poll.id, "option": 0}))["reason"] == "this poll is not open"


async def test_questions_queue_up_and_the_asker_sees_the_answer(start_show):
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as asker, EventsPage(studio.viewer_url) as other:
        texts = ["适合油皮吗", "how much?", "主播好美", "这个多少钱", "Is it waterproof", "好看"]
        for i, text in enumerate(texts):
            page = asker if i % 2 == 0 else other
            assert (await page.send("comment", {"nickname": "v", "text": text}))["type"] == "ack"
            await asyncio.sleep(0.6 if i % 2 else 0)  # inside each viewer's comment rate
        asked = await other.wait_for("question.asked", 4)
        assert [e["data"]["text"] for e in asked] == ["适合油皮吗", "how much?", "这个多少钱", "Is it waterproof"]
        questions = _interaction(studio, "questions")
        assert list(questions.queue) == [e["data"]["question"] for e in asked]
        studio.submit("question.answer", {"question": asked[0]["data"]["question"]})
        (answer,) = await asker.wait_for("question.answer")
        assert answer["data"]["viewer"] == asker.viewer  # the asker's page knows it is theirs
        assert len(questions.queue) == 3
        with pytest.raises(ValueError, match="no such open question"):
            studio.submit("question.answer", {"question": asked[0]["data"]["question"]})


async def test_the_host_pins_a_comment_and_replies(start_show):
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as page:
        sent = await page.send("comment", {"nickname": "小美", "text": "<script>alert(1)</script>有赠品吗"})
        studio.submit("comment.pin", {"comment": sent["id"]})
        studio.submit("comment.reply", {"comment": sent["id"], "text": "买一送一"})
        (pin,) = await page.wait_for("comment.pin")
        (reply,) = await page.wait_for("comment.reply")
        assert pin["data"]["text"] == "<script>alert(1)</script>有赠品吗"
        assert reply["data"] == {"comment": sent["id"], "to": "小美", "question": pin["data"]["text"],
                                 "text": "买一送一"}
        assert (await page.send("comment.pin", {"comment": sent["id"]}))["reason"] == "only the host pins and replies"
    async with EventsPage(studio.viewer_url) as late:
        assert late.snapshot["interactions"]["comments"]["pinned"]["comment"] == sent["id"]
        assert late.snapshot["interactions"]["comments"]["recent"][-1]["id"] == sent["id"]


async def test_a_followers_only_lottery_takes_followers_alone(start_show):
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as fan, EventsPage(studio.viewer_url) as passerby:
        assert (await fan.send("follow", {}))["type"] == "ack"
        assert (await fan.send("follow", {}))["reason"] == "you follow already"
        studio.submit("lottery.start", {"prize": "口红", "winners": 1, "entry": "click", "countdown_s": 10,
                                        "followers_only": True})
        assert (await passerby.send("lottery.enter", {}))["reason"].startswith("this lottery is for followers")
        assert (await fan.send("lottery.enter", {}))["type"] == "ack"
        lottery = _interaction(studio, "lottery")
        assert lottery.entrants == {fan.viewer}


async def test_lottery_winners_are_shown_by_the_names_they_go_by(start_show):
    """Viewers see winners by nickname (the one they entered with, or last commented under), never
    by the viewer id the fair draw is computed on."""
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as named, EventsPage(studio.viewer_url) as chatty, \
            EventsPage(studio.viewer_url) as silent:
        studio.submit("lottery.start", {"prize": "口红", "winners": 3, "entry": "click", "countdown_s": 10})
        assert (await named.send("lottery.enter", {"nickname": "小美"}))["type"] == "ack"
        assert (await chatty.send("comment", {"nickname": "阿强", "text": "来了"}))["type"] == "ack"
        assert (await chatty.send("lottery.enter", {}))["type"] == "ack"
        assert (await silent.send("lottery.enter", {}))["type"] == "ack"
        assert (await silent.send("lottery.enter", {"nickname": "x" * 30}))["reason"] == "you have entered already"
        studio.submit("lottery.close", {})
        (drawn,) = await named.wait_for("lottery.drawn")
    assert sorted(drawn["data"]["winners"]) == sorted([named.viewer, chatty.viewer, silent.viewer])
    assert drawn["data"]["names"] == {named.viewer: "小美", chatty.viewer: "阿强"}  # the silent one: masked by the page
    assert _interaction(studio, "lottery").public_state()["last"]["names"] == drawn["data"]["names"]


def test_a_show_exports_as_json_and_csv(tmp_path):
    from studio.eventlog import EventLog
    path = tmp_path / "show.sqlite"
    log = EventLog(path)
    log.append("comment", "viewer:a", {"nickname": "阿花", "text": "好看, \"真的\""})
    log.append("poll.start", "host", {"question": "?", "options": ["a", "b"]})
    log.keep_secret("lottery:1", "00" * 32)
    log.close()
    run = [sys.executable, "-m", "studio.cli", "export-show", str(path)]
    exported = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert [e["type"] for e in exported["events"]] == ["comment", "poll.start"]
    assert exported["events"][0]["data"]["nickname"] == "阿花"
    out = tmp_path / "show.csv"
    done = subprocess.run([*run, "--format", "csv", "--out", str(out)], capture_output=True, text=True, check=True)
    assert "exported 2 events" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff") and "00" * 32 not in text  # a BOM for Excel; secrets stay behind
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["id", "time", "type", "actor", "data"]
    assert json.loads(rows[1][4]) == {"nickname": "阿花", "text": "好看, \"真的\""}
    missing = subprocess.run([*run[:-1], str(tmp_path / "none.sqlite")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no event log" in missing.stderr


async def test_sales_count_against_the_catalog_across_sales_and_cards_keep_the_hosts_paths(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("product.catalog", {"products": [
        {"name": "面膜", "price": 99, "stock": 5, "sku": "M", "link": "https://shop.example/m",
         "image": "/home/host/私人/面膜.jpg"}]})
    first = studio.submit("sale.start", {"product": "M", "price": 9.9, "stock": 3, "limit": 3, "countdown_s": 10})
    assert first.data["product"]["image"] == "/products/M/image"  # never the path on the host's disk
    sales = _interaction(studio, "sales")
    sales.sale["starts_at"] = 0  # opened (the countdown itself is tested above)
    studio.submit("sale.order", {"sale": first.id, "quantity": 3}, actor="viewer:a")
    studio.submit("sale.start", {"product": "M", "price": 9.9, "stock": 2, "limit": 1, "countdown_s": 10})  # sold out
    studio.submit("sale.end", {})
    with pytest.raises(ValueError, match="the catalog has only 2 in stock"):
        studio.submit("sale.start", {"product": "M", "price": 9.9, "stock": 3, "limit": 1, "countdown_s": 10})


async def test_the_host_and_plugins_never_enter_and_late_entries_are_refused(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("lottery.start", {"prize": "口红", "winners": 1, "entry": "keyword", "keyword": "想要",
                                    "countdown_s": 10})
    lottery = _interaction(studio, "lottery")
    studio.submit("comment", {"nickname": "任意名字", "text": "想要"}, actor="host")
    studio.submit("comment", {"nickname": "阿花", "text": "想要"}, actor="viewer:a")
    assert lottery.entrants == {"viewer:a"}
    lottery.open["closes_at"] = time.time() - 0.1  # the countdown ran out; its timer has not fired yet
    studio.submit("comment", {"nickname": "小王", "text": "想要"}, actor="viewer:b")
    assert lottery.entrants == {"viewer:a"}


CRASH_MID_DISPATCH = """
import os, signal, sys
from studio.comments.base import Comments
from studio.comments.moderation import Moderation
from studio.eventlog import EventLog
from studio.interactions.base import Interaction
from studio.interactions.runtime import InteractionHost

class PowerCut(Interaction):
    def on_event(self, event, show):
        if event.type == "comment.flagged":  # the complaint is logged and flagged, not yet committed
            os.kill(os.getpid(), signal.SIGKILL)

host = InteractionHost(EventLog(sys.argv[1]), lambda event: None, dict)
for name, interaction in (("comments", Comments()), ("moderation", Moderation()), ("power", PowerCut())):
    host.add(name, interaction, "test")
host.submit("comment", "viewer:a", {"nickname": "阿花", "text": "好看"})
print("acknowledged", flush=True)
host.submit("comment", "viewer:b", {"nickname": "买家", "text": "质量差，要退款"})
"""


def test_an_event_and_what_it_sets_off_are_kept_together_or_not_at_all(tmp_path):
    """The power goes while a complaint is being handled: after its comment and its flag were
    appended, before they were committed. Neither is in the log (the sender never got an answer),
    the comment acknowledged before is, and a restart has nothing half done to finish."""
    from studio.eventlog import EventLog
    path = tmp_path / "show.sqlite"
    done = subprocess.run([sys.executable, "-c", CRASH_MID_DISPATCH, str(path)], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == -9 and done.stdout == "acknowledged\n", done.stderr
    log = EventLog(path)
    try:
        assert [(e.type, e.data["text"]) for e in log.replay()] == [("comment", "好看")]
    finally:
        log.close()


def test_an_interaction_that_emits_what_is_not_json_is_stopped_alone(tmp_path):
    """Its emit fails inside its own handler: it is switched off, the event that set it off and the
    others' follow-ups are kept, and no id is handed out twice."""
    import numpy as np

    from studio.comments.base import Comments
    from studio.comments.questions import Questions
    from studio.eventlog import EventLog
    from studio.interactions.base import Interaction
    from studio.interactions.runtime import InteractionHost

    class Sloppy(Interaction):
        def on_event(self, event, show):
            if event.type == "comment":
                show.emit("sloppy.count", {"n": np.int64(1)})  # numpy's integer is not JSON

    log = EventLog(tmp_path / "show.sqlite")
    host = InteractionHost(log, lambda event: None, dict)
    for name, interaction in (("comments", Comments()), ("sloppy", Sloppy()), ("questions", Questions())):
        host.add(name, interaction, "test")
    first = host.submit("comment", "viewer:a", {"nickname": "阿花", "text": "适合油皮吗"})
    second = host.submit("comment", "viewer:b", {"nickname": "小王", "text": "几号发货"})
    assert "TypeError" in host.errors["sloppy"]
    assert [e.type for e in log.replay()] == ["comment", "question.asked", "comment", "question.asked"]
    assert first.id != second.id and list(host.running[2].interaction.queue) == [first.id, second.id]
    log.close()
