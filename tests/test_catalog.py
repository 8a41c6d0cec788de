"""Catalog import: good rows load, each bad row says its line and what is wrong, and files saved by
Excel on a Chinese Windows (GBK, or UTF-8 with a BOM) read the same as plain UTF-8."""

from __future__ import annotations

import json

import pytest

from studio.commerce.catalog import CatalogError, load_catalog, parse_csv, parse_json, with_files_checked

CSV = """name,price,list_price,stock,image,sku,link,selling_points
玻尿酸面膜,39.9,69,500,https://shop.example/m.jpg,MASK-01,,补水|温和；敏感肌可用
<script>alert(1)</script>口红,￥129,199,,,,https://shop.example/lip,显白
没有价格的商品,,99,10,,X-2,,
负库存,10,,-5,,X-3,,
,10,,1,,X-4,,

划线价低于售价,100,50,1,,X-5,,
价格是字,abc,,1,,X-6,,
没有链接,5,,1,,,,
链接不对,5,,1,,,ftp://x,
"""


def test_good_rows_load_and_each_bad_row_names_its_line_and_reason():
    catalog = parse_csv(CSV)
    names = [p.name for p in catalog.products]
    assert names == ["玻尿酸面膜", "<script>alert(1)</script>口红"]  # markup stays text, shown as text
    mask, lipstick = catalog.products
    assert (mask.price, mask.list_price, mask.stock, mask.sku) == (39.9, 69.0, 500, "MASK-01")
    assert mask.selling_points == ("补水", "温和", "敏感肌可用")
    assert (lipstick.price, lipstick.stock, lipstick.link) == (129.0, None, "https://shop.example/lip")
    errors = {e.line: e.message for e in catalog.errors}
    assert errors == {
        4: "price is missing",
        5: "stock cannot be negative",
        6: "name is empty",
        8: "list_price 50.0 is below the price 100.0",
        9: "price must be a number, not 'abc'",
        10: "a product needs a sku or a link (where its buy button goes)",
        11: "link must start with https:// (got 'ftp://x')",
    }
    assert str(catalog.errors[0]) == "line 4: price is missing"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_excel_encodings_read_alike(tmp_path, encoding):
    path = tmp_path / "catalog.csv"
    path.write_bytes(CSV.encode(encoding))
    catalog = load_catalog(path)
    assert [p.name for p in catalog.products] == ["玻尿酸面膜", "<script>alert(1)</script>口红"]
    assert len(catalog.errors) == 7


def test_json_catalogs_report_where_each_bad_product_starts(tmp_path):
    text = json.dumps({"products": [
        {"name": "保温杯", "price": 59, "sku": "CUP", "selling_points": ["316不锈钢", "12小时保温"]},
        {"name": "坏的", "price": -1, "sku": "BAD"},
        "not a product",
        {"name": "耳机", "price": "199.00", "link": "https://shop.example/ear", "stock": 3},
    ]}, ensure_ascii=False, indent=2)
    path = tmp_path / "catalog.json"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path)
    assert [(p.name, p.price) for p in catalog.products] == [("保温杯", 59.0), ("耳机", 199.0)]
    assert catalog.products[0].selling_points == ("316不锈钢", "12小时保温")
    bad_line = text.splitlines().index('    {', 9) + 1  # the second object's opening line
    assert [(e.line, e.message) for e in catalog.errors] == [
        (bad_line, "price must be above 0 and below 1,000,000"), (0, "item 3 is not an object with name, price, …")]


def test_files_that_cannot_be_a_catalog_say_why(tmp_path):
    with pytest.raises(CatalogError, match="missing: name"):
        parse_csv("名字,价格\n面膜,39\n")
    chinese = parse_csv("商品名称,价格,划线价,库存,货号,卖点\n面膜,39,69,5,M1,补水|保湿\n")
    assert chinese.products[0].list_price == 69.0 and chinese.products[0].selling_points == ("补水", "保湿")
    with pytest.raises(CatalogError, match="not valid JSON"):
        parse_json("[{")
    with pytest.raises(CatalogError, match="list of products"):
        parse_json('{"items": []}')
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(CatalogError, match="neither UTF-8 nor GBK"):
        load_catalog(binary)
    assert parse_csv("name,price,sku\n").products == []  # a header alone is an empty catalog


async def test_pinning_a_product_reads_its_price_as_the_catalog_does(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("product.pin", {"name": "口红", "price": "￥1,299"})
    products = next(r.interaction for r in studio.interactions.running if r.name == "products")
    assert products.pinned == {"name": "口红", "price": 1299.0}
    with pytest.raises(ValueError, match="price must be a number, not 'abc'"):
        studio.submit("product.pin", {"name": "口红", "price": "abc"})
    with pytest.raises(ValueError, match="price is missing"):
        studio.submit("product.pin", {"name": "口红"})


def test_pictures_are_found_beside_the_catalog_and_what_is_missing_is_named(tmp_path, monkeypatch):
    """A host keeps the sheet and its pictures in one folder and imports it from anywhere: the
    pictures are found there, and each missing picture or link is named at import."""
    shop = tmp_path / "店铺"
    (shop / "图").mkdir(parents=True)
    (shop / "图" / "面膜.jpg").write_bytes(b"\xff\xd8\xff")
    elsewhere = tmp_path / "b.png"
    elsewhere.write_bytes(b"\x89PNG")
    (shop / "catalog.csv").write_text(
        "商品名称,价格,主图,货号,链接\n"
        "面膜,39.9,图/面膜.jpg,M1,https://shop.example/m\n"
        f"口红,129,{elsewhere},L1,https://shop.example/l\n"
        "杯子,59,图/没有这张.jpg,C1,https://shop.example/c\n"
        "围巾,88,说明.txt,S1,https://shop.example/s\n"
        "发夹,9.9,https://shop.example/h.jpg,H1,\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the working directory is not the catalog's folder
    catalog = load_catalog("店铺/catalog.csv")
    images = {p.name: p.image for p in catalog.products}
    assert images == {"面膜": str(shop / "图" / "面膜.jpg"), "口红": str(elsewhere), "杯子": "", "围巾": "",
                      "发夹": "https://shop.example/h.jpg"}
    assert catalog.errors == []
    assert [str(w) for w in catalog.warnings] == [
        f"line 4: 杯子: picture 图/没有这张.jpg not found in {shop}",
        "line 5: 围巾: picture 说明.txt is not a jpg/jpeg/png/webp/gif file",
        "line 6: 发夹: no link, so viewers get no buy button",
    ]


async def test_an_imported_picture_is_served_to_viewers(start_show, tmp_path):
    import aiohttp

    (tmp_path / "p.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "c.csv").write_text("name,price,image,sku,link\n杯,59,p.png,C,https://shop.example/c\n")
    studio = await start_show()
    studio.import_catalog(tmp_path / "c.csv")
    async with aiohttp.ClientSession() as http, http.get(f"{studio.viewer_url}products/C/image") as response:
        assert response.status == 200 and await response.read() == b"\x89PNG\r\n\x1a\n"


def test_the_examples_in_the_hosts_guide_load_as_it_says():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "commerce.md").read_text(encoding="utf-8")
    sheet = re.search(r"```csv\n(.*?)```", text, flags=re.S).group(1)
    catalog = parse_csv(sheet)
    assert [p.sku for p in catalog.products] == ["MASK-01", "LIP-02", "CUP-03"] and catalog.errors == []
    assert catalog.products[0].selling_points == ("补水", "温和", "敏感肌可用")
    assert [w.message for w in with_files_checked(catalog, Path("/nonexistent")).warnings if "link" in w.message] == [
        "保温杯: no link, so viewers get no buy button"]
    listed = parse_json(re.search(r"```json\n(.*?)```", text, flags=re.S).group(1))
    assert [p.name for p in listed.products] == ["玻尿酸补水面膜"] and listed.errors == []
