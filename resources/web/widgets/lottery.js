// The lottery (福袋): rules and the seed's commitment at the start, entry by click or keyword, the
// frozen entrant list's hash at close, the winners and the revealed seed; and a "verify" view that
// recomputes the draw here, from the published data alone (pure JS SHA-256, so it works on a plain
// http page on the LAN too, where WebCrypto is not available).
(() => {
  const { studio } = window;
  const t = studio.t;

  // -- SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104) on byte arrays ---------------------------
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function sha256(bytes) {
    const length = bytes.length;
    const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, length * 8);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let block = 0; block < padded.length; block += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + 4 * i);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, k] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        [k, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
      }
      [a, b, c, d, e, f, g, k].forEach((v, i) => { h[i] = (h[i] + v) >>> 0; });
    }
    const out = new Uint8Array(32);
    h.forEach((v, i) => new DataView(out.buffer).setUint32(4 * i, v));
    return out;
  }
  function hmacSha256(key, message) {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? sha256(key) : key);
    const inner = new Uint8Array(64 + message.length);
    const outer = new Uint8Array(64 + 32);
    for (let i = 0; i < 64; i++) { inner[i] = block[i] ^ 0x36; outer[i] = block[i] ^ 0x5c; }
    inner.set(message, 64);
    outer.set(sha256(inner), 64);
    return sha256(outer);
  }
  const utf8 = (s) => new TextEncoder().encode(s);
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const fromHex = (s) => new Uint8Array((s.match(/../g) || []).map((b) => parseInt(b, 16)));
  // Python sorts strings by code point; JavaScript's default sort by UTF-16 unit differs for emoji.
  function byCodePoint(a, b) {
    const x = Array.from(a, (c) => c.codePointAt(0));
    const y = Array.from(b, (c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  // The same checks as `studio verify-lottery`, against what this page saw published.
  function verify(record, seen) {
    const checks = [];
    const seed = fromHex(String(record.seed));
    const commitment = hex(sha256(seed));
    checks.push([t("种子与开始时公布的承诺一致", "The seed matches the commitment published at the start"),
                 commitment === record.commitment && (!seen.commitment || seen.commitment === commitment)]);
    const frozen = [...new Set(record.entrants)].sort(byCodePoint);
    checks.push([t("参与名单已排序且无重复", "The entrant list is sorted, each entrant once"),
                 JSON.stringify(frozen) === JSON.stringify(record.entrants)]);
    const listHash = hex(sha256(utf8(record.entrants.join("\n"))));
    checks.push([t("名单与截止时公布的哈希一致", "The list matches the hash published at close"),
                 listHash === record.entrants_hash && (!seen.entrantsHash || seen.entrantsHash === listHash)]);
    const ranked = record.entrants.map((e) => [hex(hmacSha256(seed, utf8(e))), e])
      .sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : byCodePoint(p[1], q[1])));
    const expected = ranked.slice(0, record.entrants.length ? record.rules.winners : 0).map((p) => p[1]);
    checks.push([t("中奖者是 HMAC(种子, 参与者) 最小的参与者", "The winners have the lowest HMAC(seed, entrant)"),
                 JSON.stringify(expected) === JSON.stringify(record.winners)]);
    return checks;
  }
  studio.verifyLottery = verify;  // for tests and curious viewers' consoles

  // -- the widget --------------------------------------------------------------------------------
  const box = studio.widget("lottery-widget", t("福袋", "Lottery"));
  const rules = studio.el("p", { id: "lottery-rules", className: "name" });
  const commitment = studio.el("p", { id: "lottery-commitment", className: "fine" });
  const enter = studio.el("button", { id: "lottery-enter", type: "button", textContent: t("参与", "Enter") });
  const countdown = studio.el("p", { id: "lottery-countdown", className: "countdown" });
  const status = studio.el("p", { id: "lottery-status", className: "status" });
  const winners = studio.el("p", { id: "lottery-winners", className: "name" });
  const verifyButton = studio.el("button", { id: "lottery-verify", type: "button", hidden: true, textContent: t("验证", "Verify") });
  const report = studio.el("ul", { id: "lottery-report", className: "checks" });
  box.append(rules, commitment, countdown, enter, status, winners, verifyButton, report);
  box.hidden = true;
  const seen = {};  // what this page saw published: the commitment at the start, the hash at close
  let lastRecord = null;

  function opened(data) {
    if (seen.commitment === data.commitment) return;  // the same round again (a reconnect's snapshot)
    box.hidden = false;
    seen.commitment = data.commitment;
    seen.entrantsHash = null;
    const r = data.rules;
    const how = r.entry === "keyword" ? t(`评论“${r.keyword}”参与`, `comment "${r.keyword}" to enter`) : t("点击参与", "click to enter");
    rules.textContent = `${r.prize} × ${r.winners} · ${how}` + (r.followers_only ? t(" · 仅限粉丝", " · followers only") : "");
    commitment.textContent = t("种子承诺 SHA-256：", "Seed commitment SHA-256: ") + data.commitment;
    enter.hidden = r.entry !== "click";
    enter.disabled = false;
    winners.textContent = "";
    status.textContent = "";
    report.replaceChildren();
    verifyButton.hidden = true;
    const tick = () => {
      const left = data.closes_at - studio.serverNow();
      if (seen.commitment !== data.commitment || seen.entrantsHash) return;
      countdown.textContent = left > 0 ? t(`${Math.ceil(left)} 秒后开奖`, `Draw in ${Math.ceil(left)} s`) : t("开奖中…", "Drawing…");
      if (left > 0) setTimeout(tick, 500);
    };
    tick();
  }
  // A winner by the nickname they go by, else as "viewer …x7Qa": never a raw id.
  const shown = (id, names) => names[id] || t("观众…", "viewer …") + id.slice(-4);
  function drawn(record, winnerIds, names) {
    box.hidden = false;
    lastRecord = record;
    countdown.textContent = "";
    const mine = winnerIds.includes(studio.viewer);
    winners.textContent = t("中奖：", "Winners: ") +
      (winnerIds.map((id) => shown(id, names || {})).join("、") || t("无人参与", "nobody entered")) +
      (mine ? t("（恭喜你中奖！）", " (that's you!)") : "");
    verifyButton.hidden = false;
  }
  enter.onclick = async () => {
    try {
      const nickname = localStorage.getItem("host-studio-nickname");
      await studio.send("lottery.enter", nickname ? { nickname } : {});
      status.textContent = t("已参与", "You are in");
      enter.disabled = true;
    } catch (err) { status.textContent = err.message; }
  };
  verifyButton.onclick = () => {
    const checks = verify(lastRecord, seen);
    report.replaceChildren(...checks.map(([what, ok]) => studio.el("li", { className: ok ? "ok" : "bad",
                                                                            textContent: (ok ? "✓ " : "✗ ") + what })));
    report.dataset.verified = String(checks.every(([, ok]) => ok));
  };
  studio.onState("lottery", (state) => {
    if (state.open) opened(state.open);
    else if (state.last && state.last.record && !lastRecord) drawn(state.last.record, state.last.winners, state.last.names);
  });
  studio.on("lottery.opened", (ev) => opened(ev.data));
  studio.on("lottery.entered", (ev) => { if (ev.data.entrant === studio.viewer) { status.textContent = t("已参与", "You are in"); } });
  studio.on("lottery.closed", (ev) => {
    seen.entrantsHash = ev.data.entrants_hash;
    enter.disabled = true;
    countdown.textContent = t(`已截止，${ev.data.entrants.length} 人参与`, `Closed: ${ev.data.entrants.length} entrants`);
  });
  studio.on("lottery.drawn", (ev) => drawn(ev.data.record, ev.data.winners, ev.data.names));
})();
