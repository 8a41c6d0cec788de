"""The question queue: comments that ask something ("适合油皮吗?", "how much?") wait in a queue
for the host, who marks them answered; the asker's page shows it."""

from __future__ import annotations

import re
from typing import Any

from ..eventlog import Event
from ..interactions.base import Interaction, ShowContext
from ..messages import StudioError

# Chinese asks with particles and question words more often than with a question mark.
ZH_QUESTION = re.compile(r"(吗|呢|么|嘛)[\s!！~～.。]*$|多少|怎么|什么|几[个天号件岁码]|哪|能不能|可不可以"
                         r"|有没有|是不是|适合|会不会|要不要|咋|如何|为啥|为什么|请问")
EN_QUESTION = re.compile(r"^(how|what|when|where|which|who|why|is|are|can|could|does|do|will|would|should|any)\b"
                         r"|\bhow (much|many|long)\b", re.IGNORECASE)


def is_question(text: str) -> bool:
    text = text.strip()
    return text.endswith(("?", "？")) or bool(ZH_QUESTION.search(text) or EN_QUESTION.search(text))


class Questions(Interaction):
    name = "questions"
    accepts = ("question.answer",)

    def __init__(self) -> None:
        self.queue: dict[int, dict[str, Any]] = {}  # question (comment id) → asked, in order
        self.answered: dict[int, dict[str, Any]] = {}

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if actor != "host":
            raise StudioError("question.host_only")
        question = data.get("question")
        if not isinstance(question, int) or question not in self.queue:
            raise StudioError("question.not_found")
        return {"question": question, "viewer": self.queue[question]["viewer"]}

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "comment" and not show.replaying and is_question(event.data.get("text", "")):
            show.emit("question.asked", {"question": event.id, "viewer": event.actor,
                                         "nickname": event.data.get("nickname", ""), "text": event.data["text"]})
        elif event.type == "question.asked":
            self.queue[event.data["question"]] = {**event.data, "ts": event.ts}
        elif event.type == "question.answer":
            asked = self.queue.pop(event.data["question"], None)
            if asked is not None:
                self.answered[event.data["question"]] = asked

    def public_state(self) -> dict[str, Any]:
        return {"open": list(self.queue), "answered": list(self.answered)[-200:]}
