"""The product catalog, imported from CSV or JSON.

Columns (CSV header, or JSON keys): ``name``, ``price``, ``list_price``, ``stock``, ``image``,
``sku``, ``link``, ``selling_points`` (in CSV separated by ``|``, ``;`` or ``；``); CSV headers
may be in Chinese (商品名称, 价格, 划线价, 库存, 主图, 货号, 链接, 卖点). A product needs a
name, a price and a SKU or a link. Each bad row is reported with its line number and the reason;
the good rows load all the same. CSV may be UTF-8 (with or without a BOM) or GBK, as Excel on a
Chinese Windows saves it. A picture is a web address or a file, relative to the catalog's own
folder; a picture that is not there, or a product with no link (no buy button), is named in the
warnings. The format for hosts: docs/commerce.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..comments.base import clean_text
from ..messages import StudioError, field_name

COLUMNS = ("name", "price", "list_price", "stock", "image", "sku", "link", "selling_points")
# The headers a Chinese shop's export or a host's own sheet uses for the same columns.
ALIASES = {"商品名称": "name", "名称": "name", "商品": "name", "价格": "price", "售价": "price",
           "直播价": "price", "划线价": "list_price", "原价": "list_price", "库存": "stock",
           "图片": "image", "主图": "image", "货号": "sku", "sku": "sku", "链接": "link",
           "购买链接": "link", "卖点": "selling_points"}
MAX_PRODUCTS = 2000
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
               ".gif": "image/gif"}
_POINT_SEPARATORS = re.compile(r"[|;；]")


@dataclass(frozen=True)
class Product:
    name: str
    price: float
    sku: str = ""
    link: str = ""
    list_price: float | None = None
    stock: int | None = None  # None: not counted
    image: str = ""
    selling_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line in the file (CSV: counting the header; JSON: where the object starts); 0: none
    problem: ValueError  # a StudioError, worded in the reader's language

    @property
    def message(self) -> str:
        return str(self.problem)

    @property
    def error(self) -> ValueError:
        """The problem with its line, as the host reads it."""
        return StudioError("catalog.line", line=self.line, problem=self.problem) if self.line else self.problem

    def __str__(self) -> str:
        return str(self.error)


@dataclass
class Catalog:
    products: list[Product] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # rows not loaded
    warnings: list[RowError] = field(default_factory=list)  # rows loaded, with something missing
    lines: list[int] = field(default_factory=list)  # where each product is in the file


class CatalogError(StudioError):
    """The file as a whole cannot be read (no header, not JSON, too big)."""


def load_catalog(path: str | Path) -> Catalog:
    path = Path(path)
    raw = path.read_bytes()
    catalog = parse_json(_decode(raw)) if path.suffix.lower() == ".json" else parse_csv(_decode(raw))
    return with_files_checked(catalog, path.resolve().parent)


def with_files_checked(catalog: Catalog, folder: Path) -> Catalog:
    """Pictures found from the catalog's folder (as the host sees them beside the file), kept as
    absolute paths; every picture that is not there, and every product with no link, warned of."""
    for index, product in enumerate(catalog.products):
        line = catalog.lines[index]
        if not product.link:
            catalog.warnings.append(RowError(line, StudioError("catalog.no_link", product=product.name)))
        if not product.image or product.image.startswith(("https://", "http://")):
            continue
        picture, found = folder / Path(product.image).expanduser(), ""  # an absolute path stays as it is
        if picture.suffix.lower() not in IMAGE_TYPES:
            catalog.warnings.append(RowError(line, StudioError(
                "catalog.picture_type", product=product.name, image=product.image,
                types="/".join(t.lstrip(".") for t in IMAGE_TYPES))))
        elif not picture.is_file():
            catalog.warnings.append(RowError(line, StudioError("catalog.picture_missing", product=product.name,
                                                               image=product.image, folder=str(folder))))
        else:
            found = str(picture)
        catalog.products[index] = replace(product, image=found)
    return catalog


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gbk")
        except UnicodeDecodeError as exc:
            raise CatalogError("catalog.encoding") from exc


def parse_csv(text: str) -> Catalog:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [ALIASES.get((name or "").strip(), (name or "").strip().lower()) for name in (reader.fieldnames or [])]
    missing = [c for c in ("name", "price") if c not in header]
    if missing:
        raise CatalogError("catalog.header", missing=", ".join(missing), known=", ".join(COLUMNS))
    reader.fieldnames = header
    catalog = Catalog()
    for row in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        _add(catalog, line, {k: v for k, v in row.items() if k in COLUMNS})
    return catalog


def parse_json(text: str) -> Catalog:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError("catalog.bad_json", line=exc.lineno, problem=exc.msg) from exc
    wrapped = isinstance(items, dict)
    if wrapped:
        items = items.get("products")
    if not isinstance(items, list):
        raise CatalogError("catalog.json_shape")
    starts = _object_lines(text, 3 if wrapped else 2)
    catalog = Catalog()
    objects = 0
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            catalog.errors.append(RowError(0, StudioError("catalog.item_not_object", number=index + 1)))
            continue
        _add(catalog, starts[objects] if objects < len(starts) else 0, item)
        objects += 1
    return catalog


def _object_lines(text: str, depth_of_items: int) -> list[int]:
    """The line each object at ``depth_of_items`` (the products) starts on."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        elif in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if ch == "{" and depth == depth_of_items:
                lines.append(line)
        elif ch in "]}":
            depth -= 1
    return lines


def _add(catalog: Catalog, line: int, row: dict[str, Any]) -> None:
    if len(catalog.products) >= MAX_PRODUCTS:
        catalog.errors.append(RowError(line, StudioError("catalog.too_many", max=MAX_PRODUCTS)))
        return
    try:
        catalog.products.append(product_from_row(row))
        catalog.lines.append(line)
    except ValueError as exc:
        catalog.errors.append(RowError(line, exc))


def product_from_row(row: dict[str, Any]) -> Product:
    def text(key: str, limit: int) -> str:
        value = row.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        return clean_text(str(value), key, limit)

    name = clean_text(row.get("name") if row.get("name") is not None else "", "name", 60)
    price = money(row.get("price"), "price")
    if price is None:
        raise StudioError("product.price_missing")
    list_price = money(row.get("list_price"), "list_price")
    if list_price is not None and list_price < price:
        raise StudioError("catalog.list_price_below", list_price=list_price, price=price)
    stock = _count(row.get("stock"))
    sku, link = text("sku", 64), text("link", 500)
    if not sku and not link:
        raise StudioError("catalog.sku_or_link")
    if link and not link.startswith(("https://", "http://")):
        raise StudioError("catalog.link_scheme", link=link[:40])
    points = row.get("selling_points") or ()
    if isinstance(points, str):
        points = _POINT_SEPARATORS.split(points)
    if not isinstance(points, list | tuple):
        raise StudioError("catalog.selling_points")
    cleaned = tuple(clean_text(str(p), "selling point", 40) for p in points if str(p).strip())
    return Product(name, price, sku, link, list_price, stock, text("image", 500), cleaned)


def catalog_row(product: Product) -> dict[str, Any]:
    """A product as the catalog's JSON has it (what ``product_from_row`` reads back)."""
    return {"name": product.name, "price": product.price, "sku": product.sku, "link": product.link,
            "list_price": product.list_price, "stock": product.stock, "image": product.image,
            "selling_points": list(product.selling_points)}


def money(value: Any, what: str) -> float | None:
    """A price as a shop writes it (39.9, \"¥129\", \"1,299\"); None if absent, ValueError if wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise StudioError("catalog.not_number", what=field_name(what))
    try:
        amount = float(str(value).strip().lstrip("¥￥").replace(",", ""))
    except ValueError:
        raise StudioError("catalog.not_number_got", what=field_name(what), value=str(value)[:20]) from None
    if not 0 < amount < 1_000_000:
        raise StudioError("catalog.number_range", what=field_name(what))
    return round(amount, 2)


def _count(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        count = int(str(value).strip())
    except ValueError:
        raise StudioError("catalog.stock_whole", value=str(value)[:20]) from None
    if count < 0:
        raise StudioError("catalog.stock_negative")
    return count
