"""Chromium viewers read the studio's refusals in their own language: the page words the code and
parameters the studio sends, from the studio's own table, exactly as the studio would."""

from __future__ import annotations

import time

from studio.messages import LANGUAGES, catalogue, fields, word

from .browser import chromium, chromium_browser


def _samples() -> dict[str, dict]:
    """Every code with a parameter of each kind its fields take (a message inside, for plain fields)."""
    inner = {"code": "field.nickname", "params": {}, "reason": "nickname"}
    samples = {}
    for code, wording in catalogue().items():
        params = {}
        for index, (name, spec) in enumerate(fields(wording["en"])):
            if spec == "time":
                params[name] = 1_700_000_000 + 3600 * 7 + 60 * 9
            elif spec:
                params[name] = 2.5 + index
            else:
                params[name] = inner if index % 2 else f"“{name}”"
        samples[code] = {"code": code, "params": params, "reason": ""}
    return samples


async def test_a_refusal_reads_in_each_viewers_language(start_show):
    studio = await start_show(audio_source="none")
    samples = _samples()
    for locale, language in (("zh-CN", "zh_CN"), ("en-US", "en")):
        async with chromium_browser(locale=locale) as viewers:
            page = await viewers.new_page()
            await page.goto(studio.viewer_url)
            await page.wait_for_selector("#comment-send")
            await page.wait_for_function("window.studio.viewer !== null && Object.keys(messages.table).length > 0")
            # The page words every message as the studio does (one table, the same fields).
            worded = await page.evaluate("(samples) => Object.fromEntries(Object.entries(samples).map("
                                         "([code, message]) => [code, messages.word(message)]))", samples)
            assert worded == {code: word(message, language) for code, message in samples.items()}
            assert language in LANGUAGES

            # The host mutes this viewer; the viewer's next comment is refused, in the page's language.
            viewer = await page.evaluate("window.studio.viewer")
            studio.submit("moderation.mute", {"viewer": viewer, "reason": "刷屏", "minutes": 10})
            until = time.strftime("%H:%M", time.localtime(time.time() + 600))
            await page.fill("#nickname", "小王")
            await page.fill("#comment-text", "还在吗")
            await page.click("#comment-send")
            await page.wait_for_function("document.querySelector('#comment-status').textContent !== ''")
            status = await page.eval_on_selector("#comment-status", "el => el.textContent")
            wanted = (f"你已被禁言至 {until}：刷屏" if language == "zh_CN" else f"you are muted until {until}: 刷屏")
            assert status == wanted


async def test_a_guest_whose_link_was_withdrawn_reads_why_in_their_language(start_show):
    studio = await start_show(audio_source="none")
    withdrawn = {"zh-CN": "主播已撤回这个邀请链接", "en-US": "this invite link was withdrawn by the host"}
    for locale, wanted in withdrawn.items():
        link, invite = studio.call.create_invite()
        async with chromium(fake_media=True, locale=locale) as browser:
            page = await browser.new_page()
            await page.goto(link)
            await page.wait_for_function("window.guest.stream !== null")
            studio.call.invites.revoke(invite.id)  # while the guest's page is open
            await page.click("#join")
            await page.wait_for_function("(w) => document.querySelector('#guest-status').textContent === w", arg=wanted)
            assert not studio.call.guests.guests
