"""Flash sales (秒杀): the host sets a product's sale price, stock, a per-viewer limit and a
countdown; every viewer's page opens the sale at the same server-clock moment (each page knows its
offset from the server's clock), and the server takes no order before it. Stock is counted down
atomically: a check and its order are one step on the show's loop, so concurrent buyers cannot
oversell. Orders are events; checkout is the catalog's link, no payment is taken here."""

from __future__ import annotations

import time
from typing import Any

from ..eventlog import Event
from ..interactions.base import Interaction, ShowContext
from ..messages import StudioError
from .catalog import money
from .products import card

MIN_COUNTDOWN_S, MAX_COUNTDOWN_S = 10, 300
MAX_LIMIT = 10
MAX_STOCK = 100_000


class FlashSales(Interaction):
    name = "sales"
    accepts = ("sale.start", "sale.order", "sale.end")

    def __init__(self) -> None:
        self.catalog: dict[str, dict[str, Any]] = {}  # as the products interaction has it
        self.sale: dict[str, Any] | None = None  # the running (or sold-out) sale: its start event's data
        self.remaining = 0
        self.bought: dict[str, int] = {}  # viewer → items in the running sale
        self.orders = 0
        self.sold: dict[str, int] = {}  # product → items sold in every sale of the show

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if type_ == "sale.order":
            return self._order(actor, data)
        if actor != "host":
            raise StudioError("sale.host_only")
        if type_ == "sale.end":
            if self.sale is None:
                raise StudioError("sale.none_running")
            return {"sale": self.sale["sale"]}
        if self.sale is not None and not self.sale.get("sold_out"):
            raise StudioError("sale.running")
        return self._rules(data)

    def _rules(self, data: dict[str, Any]) -> dict[str, Any]:
        key = data.get("product")
        product = self.catalog.get(key) if isinstance(key, str) else None
        if product is None:
            raise StudioError("sale.choose_product")
        price = money(data.get("price"), "sale price")
        if price is None:
            raise StudioError("sale.price_missing")
        stock, limit, countdown = data.get("stock"), data.get("limit", 1), data.get("countdown_s", 10)
        if not _whole(stock) or not 1 <= stock <= MAX_STOCK:
            raise StudioError("sale.stock_range", max=MAX_STOCK)
        if product.get("stock") is not None and stock > product["stock"] - self.sold.get(product["id"], 0):
            raise StudioError("sale.catalog_stock", left=product['stock'] - self.sold.get(product['id'], 0))
        if not _whole(limit) or not 1 <= limit <= MAX_LIMIT:
            raise StudioError("sale.limit_range", max=MAX_LIMIT)
        if isinstance(countdown, bool) or not isinstance(countdown, int | float) \
                or not MIN_COUNTDOWN_S <= countdown <= MAX_COUNTDOWN_S:
            raise StudioError("sale.countdown_range", min=MIN_COUNTDOWN_S, max=MAX_COUNTDOWN_S)
        return {"product": card(product), "price": price, "stock": stock, "limit": limit,
                "countdown_s": float(countdown), "starts_at": round(time.time() + countdown, 3)}

    def _order(self, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        sale = self.sale
        if sale is None or data.get("sale") != sale["sale"]:
            raise StudioError("sale.not_running")
        if not actor.startswith("viewer:"):
            raise StudioError("sale.viewers_only")
        now = time.time()
        if now < sale["starts_at"]:
            raise StudioError("sale.starts_in", seconds=sale['starts_at'] - now)
        quantity = data.get("quantity", 1)
        if not _whole(quantity) or quantity < 1:
            raise StudioError("sale.quantity")
        if self.remaining <= 0:
            raise StudioError("sale.sold_out")
        if self.bought.get(actor, 0) + quantity > sale["limit"]:
            raise StudioError("sale.limit_per_viewer", limit=sale['limit'])
        if quantity > self.remaining:
            raise StudioError("sale.only_left", left=self.remaining)
        return {"sale": sale["sale"], "quantity": quantity, "checkout": sale["product"].get("link", "")}

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "product.catalog":
            self.catalog = {p["id"]: p for p in event.data["products"]}
        elif event.type == "sale.start":
            self.sale = {"sale": event.id, **event.data}
            self.remaining, self.bought = event.data["stock"], {}
        elif event.type == "sale.order" and self.sale is not None:
            self.remaining -= event.data["quantity"]
            self.bought[event.actor] = self.bought.get(event.actor, 0) + event.data["quantity"]
            product = self.sale["product"]["id"]
            self.sold[product] = self.sold.get(product, 0) + event.data["quantity"]
            self.orders += 1
            if self.remaining <= 0 and not show.replaying:
                show.emit("sale.sold_out", {"sale": self.sale["sale"]})
        elif event.type == "sale.sold_out" and self.sale is not None:
            self.sale["sold_out"] = True
        elif event.type == "sale.end":
            self.sale = None

    def public_state(self) -> dict[str, Any]:
        if self.sale is None:
            return {"sale": None}
        return {"sale": self.sale, "remaining": self.remaining}


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
