// The product on air and the flash sale: the card with its buy button, and the sale's countdown
// on the server's clock, so every page opens the sale at the same moment whatever its video delay.
(() => {
  const { studio } = window;
  const t = studio.t;
  const box = studio.widget("product-widget", t("讲解中的商品", "On air"));
  const card = studio.el("div", { id: "product-card", className: "card", hidden: true });
  const image = studio.el("img", { id: "product-image", alt: "" });
  const name = studio.el("p", { id: "product-name", className: "name" });
  const price = studio.el("p", { id: "product-price", className: "price" });
  const points = studio.el("ul", { id: "product-points" });
  const buy = studio.el("a", { id: "product-buy", className: "button", target: "_blank", rel: "noopener",
                               textContent: t("去购买", "Buy") });
  card.append(image, name, price, points, buy);
  const sale = studio.el("div", { id: "sale", className: "sale", hidden: true });
  const saleTitle = studio.el("p", { id: "sale-title", className: "name" });
  const countdown = studio.el("p", { id: "sale-countdown", className: "countdown" });
  const saleBuy = studio.el("button", { id: "sale-buy", type: "button", disabled: true, textContent: t("立即抢购", "Buy now") });
  const saleStatus = studio.el("p", { id: "sale-status", className: "status" });
  sale.append(saleTitle, countdown, saleBuy, saleStatus);
  box.append(card, sale);
  let running = null;  // the sale
  let timer = null;
  studio.saleOpenedAt = null;  // when this page opened the sale, on its own clock (tests read it)

  function safeLink(url) { return /^https?:\/\//.test(url || "") ? url : "#"; }
  function showCard(data) {
    card.hidden = !data;
    if (!data) return;
    name.textContent = data.name;
    price.textContent = studio.money(data.price) + (data.list_price ? "  " : "");
    if (data.list_price) price.appendChild(studio.el("s", { textContent: studio.money(data.list_price) }));
    points.replaceChildren(...(data.selling_points || []).map((p) => studio.el("li", { textContent: p })));
    image.hidden = !data.image;
    image.src = data.image ? `/products/${encodeURIComponent(data.id)}/image` : "";
    buy.hidden = !data.link;
    buy.href = safeLink(data.link);
  }
  function tick() {
    if (!running) return;
    const left = running.starts_at - studio.serverNow();
    if (running.sold_out) {
      countdown.textContent = t("已抢光", "Sold out");
      saleBuy.disabled = true;
    } else if (left > 0) {
      countdown.textContent = t(`${Math.ceil(left)} 秒后开抢`, `Starts in ${Math.ceil(left)} s`);
      saleBuy.disabled = true;
      // Wake exactly when it is due, not on the next whole tick: pages open within ms of each other.
      clearTimeout(timer);
      timer = setTimeout(tick, Math.min(1000, left * 1000));
      return;
    } else {
      if (studio.saleOpenedAt === null) studio.saleOpenedAt = Date.now() / 1000;
      countdown.textContent = t(`抢购中 · 剩余 ${running.remaining}`, `On now · ${running.remaining} left`);
      saleBuy.disabled = false;
    }
  }
  function showSale(data, remaining) {
    running = data ? { ...data, remaining } : null;
    sale.hidden = !running;
    if (!running) { clearTimeout(timer); return; }
    saleTitle.textContent = `${t("秒杀", "Flash sale")} · ${data.product.name} · ${studio.money(data.price)}` +
      ` · ${t("每人限购", "limit")} ${data.limit}`;
    studio.saleOpenedAt = null;
    tick();
  }
  saleBuy.onclick = async () => {
    try {
      const reply = await studio.send("sale.order", { sale: running.sale, quantity: 1 });
      saleStatus.textContent = t("抢到了！", "Got it!");
      if (running.product.link) saleStatus.appendChild(studio.el("a", {
        href: safeLink(running.product.link), target: "_blank", rel: "noopener", textContent: t(" 去结算", " Checkout") }));
      studio.lastOrder = reply.id;
    } catch (err) {
      saleStatus.textContent = err.message;
    }
  };
  studio.onState("products", (state) => showCard(state.pinned));
  studio.onState("sales", (state) => showSale(state.sale, state.remaining));
  studio.on("product.pin", (ev) => showCard(ev.data));
  studio.on("product.unpin", () => showCard(null));
  studio.on("sale.start", (ev) => showSale({ sale: ev.id, ...ev.data }, ev.data.stock));
  studio.on("sale.order", (ev) => { if (running) { running.remaining -= ev.data.quantity; tick(); } });
  studio.on("sale.sold_out", () => { if (running) { running.sold_out = true; tick(); } });
  studio.on("sale.end", () => showSale(null));
})();
