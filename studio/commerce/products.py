"""Products on air: the host pins the product being explained. (The catalog, flash sales and
product cards build on these events.)"""

from __future__ import annotations

from typing import Any

from ..comments.base import clean_text
from ..eventlog import Event
from ..interactions.base import Interaction, ShowContext
from .catalog import money


class Products(Interaction):
    name = "products"
    accepts = ("product.pin", "product.unpin")

    def __init__(self) -> None:
        self.pinned: dict[str, Any] | None = None

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if actor != "host":
            raise ValueError("only the host pins products")
        if type_ == "product.unpin":
            return {}
        price = money(data.get("price"), "price")
        if price is None:
            raise ValueError("price is missing")
        return {"name": clean_text(data.get("name"), "product name", 60), "price": price}

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "product.pin":
            self.pinned = dict(event.data)
        elif event.type == "product.unpin":
            self.pinned = None
