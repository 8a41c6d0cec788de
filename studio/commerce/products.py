"""Products on air: the host imports a catalog, pins the product being explained (its card shows
on stream and on every viewer's page, with a buy button), and checks the catalog's texts against
the Advertising Law's extreme terms (the offending words are marked for the host)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..comments.base import clean_text
from ..comments.wordlists import AD_LAW, shipped
from ..eventlog import Event
from ..interactions.base import BUILTIN_WIDGETS, Interaction, ShowContext
from ..messages import StudioError
from .catalog import MAX_PRODUCTS, Product, catalog_row, money, product_from_row


def product_id(product: Product, index: int) -> str:
    return product.sku or f"#{index + 1}"


def card(product: dict[str, Any]) -> dict[str, Any]:
    """What viewers see of a product: no stock count, and its picture as the studio serves it (the
    catalog's path on the host's disk stays on the host's machine)."""
    shown = {k: product[k] for k in ("id", "name", "price", "list_price", "link", "selling_points")}
    shown["image"] = f"/products/{quote(product['id'], safe='')}/image" if product.get("image") else ""
    return shown


def ad_law_marks(product: dict[str, Any]) -> list[dict[str, Any]]:
    """Extreme terms in the host's own product texts: field, text and the marked terms with places."""
    marks = []
    words = shipped(AD_LAW)
    for field, text in [("name", product["name"]), *(("selling_point", p) for p in product["selling_points"])]:
        found = words.find(text)
        if found:
            marks.append({"field": field, "text": text,
                          "terms": [{"term": f.term, "start": f.start, "end": f.end} for f in found]})
    return marks


class Products(Interaction):
    name = "products"
    widget = str(BUILTIN_WIDGETS / "products.js")
    accepts = ("product.catalog", "product.pin", "product.unpin")
    host_only = ("product.catalog", "product.flagged")  # the whole catalog, stock and all, is the host's

    def __init__(self) -> None:
        self.catalog: dict[str, dict[str, Any]] = {}  # product id → product
        self.pinned: dict[str, Any] | None = None  # the card on air

    def check(self, type_: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        if actor != "host":
            raise StudioError("product.host_only")
        if type_ == "product.unpin":
            return {}
        if type_ == "product.catalog":
            return {"products": self._catalog(data.get("products"))}
        if "product" in data:
            if not isinstance(data["product"], str) or data["product"] not in self.catalog:
                raise StudioError("product.not_found", product=str(data['product'])[:40])
            return card(self.catalog[data["product"]])
        # A product that is not in the catalog: pinned by name and price alone.
        price = money(data.get("price"), "price")
        if price is None:
            raise StudioError("product.price_missing")
        return {"name": clean_text(data.get("name"), "product name", 60), "price": price}

    @staticmethod
    def _catalog(rows: Any) -> list[dict[str, Any]]:
        if not isinstance(rows, list) or len(rows) > MAX_PRODUCTS:
            raise StudioError("product.too_many", max=MAX_PRODUCTS)
        products = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise StudioError("product.not_object", number=index + 1)
            try:
                product = product_from_row(row)
            except ValueError as exc:
                raise StudioError("product.row", number=index + 1, problem=exc) from None
            products.append({"id": product_id(product, index), **catalog_row(product)})
        if len({p["id"] for p in products}) != len(products):
            raise StudioError("product.duplicate_sku")
        return products

    def on_event(self, event: Event, show: ShowContext) -> None:
        if event.type == "product.catalog":
            self.catalog = {p["id"]: p for p in event.data["products"]}
            if not show.replaying:
                for product in event.data["products"]:
                    marks = ad_law_marks(product)
                    if marks:
                        show.emit("product.flagged", {"product": product["id"], "reason": "ad_law", "marks": marks})
        elif event.type == "product.pin":
            self.pinned = dict(event.data)
        elif event.type == "product.unpin":
            self.pinned = None

    def public_state(self) -> dict[str, Any]:
        return {"pinned": self.pinned}
