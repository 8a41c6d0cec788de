"""The one table of what the studio tells people: every code worded in English and Chinese with the
same parameters; every refusal in the core carries a code; the wire carries code and parameters,
and the pages word them from the same table as the studio."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path

import aiohttp
import pytest

from studio import messages
from studio.commerce.catalog import parse_csv
from studio.messages import LANGUAGES, StudioError, as_message, catalogue, describe, fields, word

from .events_client import EventsPage

ROOT = Path(__file__).resolve().parent.parent
# Where a host, a guest or a viewer reads what the core raises: every refusal there has a code.
CODED = ["studio/commerce", "studio/comments", "studio/interactions", "studio/guests", "studio/outputs",
         "studio/guard.py", "studio/degrade.py", "studio/pipeline.py", "studio/settings_schema.py",
         "studio/config.py", "studio/events.py", "studio/server.py", "studio/cli.py", "studio/registry.py",
         "studio/show.py"]
# Raises there with text of their own, and why no person reads them.
ALLOWED = {
    ("studio/interactions/base.py", "an interaction emitted an event while the log was replayed"):
        "a plugin's bug: the interaction is switched off and the host sees its error in the plugin list",
    ("studio/interactions/base.py", "this show keeps no secrets"): "a plugin's bug, as above",
    ("studio/commerce/lottery_round.py", "the seed of lottery "): "a damaged event log, for the log file",
    ("studio/commerce/lottery.py", "the record is incomplete or malformed ("):
        "the verifier's report on the command line (studio verify-lottery); the page verifies on its own",
    ("studio/commerce/lottery.py", "the revealed seed does not match the commitment published at the start"):
        "the verifier's report, as above",
    ("studio/commerce/lottery.py", "the entrant list is not the frozen one: it must be sorted, each entrant once"):
        "the verifier's report, as above",
    ("studio/commerce/lottery.py", "the entrant list does not match the hash published at close"):
        "the verifier's report, as above",
    ("studio/commerce/lottery.py", "the winners are not the entrants with the lowest HMAC(seed, entrant): "):
        "the verifier's report, as above",
}


def sample(name: str, spec: str) -> object:
    if spec == "time":
        return 1_700_000_000 + 3600 * 5 + 60 * 7
    if spec:
        return 12.345
    return f"<{name}>"


def test_every_code_has_english_and_chinese_with_the_same_parameters():
    table = catalogue()
    assert len(table) > 150
    for code, wording in table.items():
        assert set(wording) == set(LANGUAGES), code
        assert all(text.strip() for text in wording.values()), code
        en, zh = fields(wording["en"]), fields(wording["zh_CN"])
        assert {n for n, _ in en} == {n for n, _ in zh}, code
        assert dict(en) == dict(zh), f"{code}: a parameter is formatted differently in en and zh_CN"
        params = {name: sample(name, spec) for name, spec in en}
        error = StudioError(code, **params)
        assert str(error) == word(as_message(error), "en")
        for language in LANGUAGES:
            text = describe(error, language)
            assert "{" not in text.replace('{"products"', ""), (code, text)
            for name, spec in en:
                shown = time.strftime("%H:%M", time.localtime(params[name])) if spec == "time" else \
                    format(params[name], spec) if spec else f"<{name}>"
                assert shown in text, (code, language, text)
        assert describe(error, "zh_CN") != str(error), f"{code} is not translated"


def test_a_code_takes_exactly_its_parameters():
    with pytest.raises(TypeError, match="limit"):
        StudioError("sale.limit_per_viewer")
    with pytest.raises(TypeError, match="extra"):
        StudioError("sale.sold_out", extra=1)
    with pytest.raises(KeyError):
        StudioError("sale.no_such_code")


def test_words_numbers_times_and_messages_inside_messages_per_language():
    muted = StudioError("moderation.muted_until", until=time.mktime((2026, 12, 6, 23, 22, 0, 0, 0, -1)),
                        reason="刷屏")
    assert str(muted) == "you are muted until 23:22: 刷屏"
    assert describe(muted, "zh_CN") == "你已被禁言至 23:22：刷屏"
    assert describe(StudioError("sale.starts_in", seconds=3.04), "zh_CN") == "秒杀将在 3.0 秒后开始"
    # A catalog's line: its reason, itself a message, naming a field, also a message.
    (row,) = parse_csv("name,price,sku\n,9.9,A-1\n").errors
    assert str(row) == "line 2: name is empty"
    assert describe(row.error, "zh_CN") == "第 2 行：名称不能为空"
    assert json.loads(json.dumps(as_message(row.error))) == as_message(row.error)  # plain JSON on the wire
    # A plain ValueError (a plugin's) has no code: its text, in every language.
    assert as_message(ValueError("nope")) == {"reason": "nope"}
    assert describe(ValueError("nope"), "zh_CN") == "nope"
    # From another host's studio: a code or parameters this one does not know read as the text sent.
    assert word({"reason": "later", "code": "sale.next_year", "params": {}}, "zh_CN") == "later"
    assert word({"reason": "only 3", "code": "sale.only_left", "params": {"count": 3}}, "zh_CN") == "only 3"
    assert word({"reason": "3.0 s", "code": "sale.starts_in", "params": {"seconds": "soon"}}, "zh_CN") == \
        "秒杀将在 soon 秒后开始"


def test_a_plugin_registers_its_own_codes_but_never_rewords_the_studios():
    messages.register({"test_plugin.too_early": {"en": "wait {seconds:.0f} s", "zh_CN": "请等待 {seconds:.0f} 秒"}})
    messages.register({"test_plugin.too_early": {"en": "wait {seconds:.0f} s", "zh_CN": "请等待 {seconds:.0f} 秒"}})
    assert describe(StudioError("test_plugin.too_early", seconds=4), "zh_CN") == "请等待 4 秒"
    assert "test_plugin.too_early" in catalogue()
    with pytest.raises(ValueError, match="taken"):
        messages.register({"sale.sold_out": {"en": "gone", "zh_CN": "没了"}})
    with pytest.raises(ValueError, match="different parameters"):
        messages.register({"test_plugin.bad": {"en": "{a}", "zh_CN": "{b}"}})
    with pytest.raises(ValueError, match="exactly"):
        messages.register({"test_plugin.english_only": {"en": "hello"}})
    with pytest.raises(ValueError, match="name:time"):
        messages.register({"test_plugin.spec": {"en": "{a!r}", "zh_CN": "{a!r}"}})


def _literal_raises(path: Path) -> list[tuple[int, str]]:
    """Each ``raise Something("text…")`` (text or an f-string) in a module: its line and its text's start."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise | ast.Return) and isinstance(node.value if isinstance(node, ast.Return)
                                                                    else node.exc, ast.Call):
            call = node.value if isinstance(node, ast.Return) else node.exc
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            if not call.args or not (name.endswith(("Error", "Refused")) or name == "Exception"):
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and " " in first.value:
                found.append((node.lineno, first.value))
            elif isinstance(first, ast.JoinedStr):
                found.append((node.lineno, "".join(v.value for v in first.values
                                                   if isinstance(v, ast.Constant)) if first.values else ""))
    return found


def test_every_refusal_a_person_reads_carries_a_code():
    files = [p for entry in CODED for p in ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir()
                                            else [ROOT / entry])]
    assert len(files) > 30
    uncoded, allowed_seen = [], set()
    for path in files:
        relative = path.relative_to(ROOT).as_posix()
        for line, text in _literal_raises(path):
            allowed = next((key for key in ALLOWED if key[0] == relative and text.startswith(key[1])), None)
            if allowed is None:
                uncoded.append(f"{relative}:{line}: {text!r}")
            else:
                allowed_seen.add(allowed)
    assert not uncoded, "raise a StudioError with a code instead:\n" + "\n".join(uncoded)
    assert allowed_seen == set(ALLOWED), "the allowlist names raises that are gone"


async def test_the_wire_carries_code_params_and_english(start_show):
    studio = await start_show(audio_source="none", control_token="test-token")
    studio.submit("product.catalog", {"products": [{"name": "口红", "price": 89, "stock": 5, "sku": "L-1",
                                                    "link": "https://shop.example/l1"}]})
    # A viewer's page: the refusal's code and parameters, and the English for old pages.
    async with EventsPage(studio.viewer_url) as page:
        studio.submit("lottery.start", {"prize": "口红", "entry": "keyword", "keyword": "想要", "countdown_s": 60})
        refused = await page.send("lottery.enter", {})
        assert refused == {"type": "error", "reason": "enter this lottery by commenting '想要'",
                           "code": "lottery.enter_by_keyword", "params": {"keyword": "想要"}, "ref": refused["ref"]}
    base = studio.viewer_url.rstrip("/")
    async with aiohttp.ClientSession() as http:
        # The host's API: the same message in the JSON body.
        token = studio.config.control_token
        async with http.post(f"{base}/api/host/events", json={"type": "sale.start", "data": {"product": "L-1"}},
                             headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 400
            assert await response.json() == {"reason": "the sale price is missing", "code": "sale.price_missing",
                                             "params": {}}
        # The pages' wording: the same table the studio words with.
        async with http.get(f"{base}/messages.json") as response:
            assert await response.json() == catalogue()
        # A guest's refused link: English in the body, the message in a header, the page in their language.
        link, invite = studio.call.create_invite()
        studio.call.invites.revoke(invite.id)
        token_part = link.rsplit("/", 1)[1]
        async with http.get(f"{base}/guest/{token_part}/ice") as response:
            assert response.status == 403
            assert (await response.text()).strip() == "this invite link was withdrawn by the host"
            assert json.loads(response.headers[messages.HEADER]) == {
                "reason": "this invite link was withdrawn by the host", "code": "invite.withdrawn", "params": {}}
        for language, wanted in (("zh-CN,zh;q=0.9", "主播已撤回这个邀请链接"), ("en-US", "withdrawn by the host")):
            async with http.get(link, headers={"Accept-Language": language}) as response:
                assert response.status == 403 and wanted in await response.text()
