"""Answers price questions in the chat from the product the host has pinned."""

from __future__ import annotations

from studio.plugin_api import Event, Interaction, ShowContext


class KeywordReply(Interaction):
    name = "keyword_reply"

    def __init__(self, keywords: str = "多少钱,价格,几块,how much,price", template: str = "{product} 现价 ¥{price}",
                 no_product: str = "主播马上介绍价格，请稍等～") -> None:
        self.keywords, self.template, self.no_product = keywords, template, no_product
        self.pinned: dict | None = None

    def _asks_price(self, text: str) -> bool:
        lowered = text.lower()
        return any(k.strip().lower() in lowered for k in self.keywords.split(",") if k.strip())

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "product.pin":
            self.pinned = event.data
        elif event.type == "product.unpin":
            self.pinned = None
        elif event.type == "comment" and self._asks_price(event.data["text"]):
            if self.pinned is None:
                text = self.no_product
            else:
                text = self.template.format(product=self.pinned["name"], price=f"{self.pinned['price']:g}")
            show.emit("reply", {"to": event.actor, "nickname": event.data["nickname"], "text": text,
                                "comment_id": event.id})
