// Viewer page: plays the show over WHEP and follows the events channel.
"use strict";

// zh and messages: messages.js, loaded before this script.
const TEXT = {
  offline: zh ? "未开播" : "Offline",
  live: zh ? "直播中" : "LIVE",
  viewers: zh ? "观看" : "Watching",
  connecting: zh ? "连接中…" : "Connecting…",
  waiting: zh ? "主播还未开播，稍后自动连接" : "The show has not started; retrying…",
  reconnecting: zh ? "连接中断，正在重连…" : "Connection lost, reconnecting…",
  unmute: zh ? "点击开启声音" : "Tap to unmute",
};
document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = TEXT[el.dataset.i18n]; });
document.documentElement.lang = zh ? "zh-CN" : "en";

const video = document.getElementById("video");
const statusLine = document.getElementById("status");
const listeners = {};  // event type → callbacks registered by widgets
let nextRef = 1;
const pendingSends = {};
const studio = {
  pc: null, resource: null, clockOffset: 0, events: null, viewer: null, lastEvent: 0, state: {},
  // For viewer-page widgets of interactions: send an event, and hear events of a type.
  send(type, data) {
    const ref = nextRef++;
    studio.events.send(JSON.stringify({ type: "send", event: type, data, ref }));
    return new Promise((resolve, reject) => { pendingSends[ref] = { resolve, reject }; });
  },
  on(type, callback) { (listeners[type] = listeners[type] || []).push(callback); },
  // The server's clock now, by this page's offset estimate (flash sales start on it).
  serverNow() { return Date.now() / 1000 + studio.clockOffset; },
  // An interaction's state from the snapshot: now if it came, and again at every snapshot.
  onState(name, callback) {
    if (studio.state[name]) callback(studio.state[name]);
    studio.on("snapshot", (state) => { if (state[name]) callback(state[name]); });
  },
  // Helpers for widgets. Text always goes in as textContent, never as HTML.
  zh,
  t(zhText, enText) { return zh ? zhText : enText; },
  // A message from the studio ({reason, code, params}) in the page's language.
  word: messages.word,
  el(tag, props = {}, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  },
  widget(id, title) {
    const box = studio.el("section", { id, className: "widget" }, studio.el("h3", { textContent: title }));
    document.getElementById("widgets").appendChild(box);
    return box;
  },
  money(amount) { return "¥" + Number(amount).toFixed(2).replace(/\.00$/, ""); },
};
const VIEWER_KEY = "host-studio-viewer";
window.studio = studio;  // for diagnostics and tests

function setStatus(key) { statusLine.textContent = key ? TEXT[key] : ""; }

function setLive(live) {
  const badge = document.getElementById("live-badge");
  badge.textContent = live ? TEXT.live : TEXT.offline;
  badge.className = "badge " + (live ? "on" : "off");
}

async function waitForIceGathering(pc) {
  if (pc.iceGatheringState === "complete") return;
  await new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === "complete") resolve(); };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 2000);  // host candidates suffice on a LAN
  });
}

async function play() {
  const ice = await fetch("/ice").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  const pc = new RTCPeerConnection({ iceServers: ice.iceServers || [] });
  studio.pc = pc;
  pc.addTransceiver("video", { direction: "recvonly" });
  pc.addTransceiver("audio", { direction: "recvonly" });
  const stream = new MediaStream();
  pc.ontrack = (ev) => {
    stream.addTrack(ev.track);
    video.srcObject = stream;
  };
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === "connected") setStatus(null);
    if (pc.connectionState === "failed" || pc.connectionState === "disconnected") retry("reconnecting");
  };
  await pc.setLocalDescription(await pc.createOffer());
  await waitForIceGathering(pc);
  const response = await fetch("/whep", {
    method: "POST", headers: { "Content-Type": "application/sdp" }, body: pc.localDescription.sdp,
  });
  if (response.status !== 201) {
    pc.close();
    retry(response.status === 503 ? "waiting" : "reconnecting");
    return;
  }
  studio.resource = response.headers.get("Location");
  await pc.setRemoteDescription({ type: "answer", sdp: await response.text() });
}

let retryTimer = null;
function retry(key) {
  setStatus(key);
  if (retryTimer) return;
  if (studio.pc) { studio.pc.close(); studio.pc = null; }
  retryTimer = setTimeout(() => { retryTimer = null; play().catch(() => retry("reconnecting")); }, 2000);
}

// One widget's failure must not cost the others their events.
function deliver(type, payload) {
  for (const callback of listeners[type] || []) {
    try { callback(payload); } catch (err) { console.error(`widget failed on ${type}`, err); }
  }
}

let bestRoundTrip = Infinity;
let pings = 0;
function ping(ws) {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "ping", t: Date.now() / 1000 }));
}

function connectEvents() {
  bestRoundTrip = Infinity;
  pings = 0;
  // The page comes back as the same viewer (its signed id), so its vote and entries stay its own.
  const token = localStorage.getItem(VIEWER_KEY);
  const query = token ? `?viewer=${encodeURIComponent(token)}` : "";
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/events${query}`);
  studio.events = ws;
  ws.onopen = () => ping(ws);
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.type === "hello") {
      studio.viewer = msg.viewer;
      localStorage.setItem(VIEWER_KEY, msg.token);
    }
    if (msg.type === "viewers") document.getElementById("viewer-count").textContent = String(msg.count);
    if (msg.type === "live") { setLive(msg.live); if (msg.live && !studio.pc) retry("connecting"); }
    if (msg.type === "snapshot") {
      studio.state = msg.state.interactions;
      studio.lastEvent = msg.state.last_event;
      deliver("snapshot", studio.state);
    }
    if (msg.type === "events") {
      for (const event of msg.events) {
        if (event.id <= studio.lastEvent) continue;  // the snapshot already has it
        studio.lastEvent = event.id;
        deliver(event.type, event);
      }
    }
    if ((msg.type === "ack" || msg.type === "error") && pendingSends[msg.ref]) {
      const pending = pendingSends[msg.ref];
      delete pendingSends[msg.ref];
      if (msg.type === "ack") pending.resolve({ id: msg.id, actor: msg.actor });
      else pending.reject(messages.error(msg));  // worded in the page's language; err.code kept
    }
    if (msg.type === "pong") {
      // NTP-style offset estimate: server clock minus the midpoint of the round trip; of a few
      // pings, the one with the shortest round trip is the most trustworthy.
      const now = Date.now() / 1000;
      const roundTrip = now - msg.t;
      if (roundTrip <= bestRoundTrip) {
        bestRoundTrip = roundTrip;
        studio.clockOffset = msg.server_time - (msg.t + now) / 2;
      }
      if (++pings < 5) setTimeout(() => ping(ws), 100);
    }
  };
  ws.onclose = () => {
    // Whatever was in flight gets an answer: the page says the connection dropped, not nothing.
    for (const ref of Object.keys(pendingSends)) {
      pendingSends[ref].reject(new Error(TEXT.reconnecting));
      delete pendingSends[ref];
    }
    setTimeout(connectEvents, 2000);
  };
}

window.addEventListener("pagehide", () => {
  if (studio.resource) fetch(studio.resource, { method: "DELETE", keepalive: true });
});

document.getElementById("unmute").onclick = (ev) => { video.muted = false; ev.target.remove(); video.play(); };
// "resize" too: the show may switch between landscape and portrait while it plays.
for (const event of ["loadedmetadata", "resize"]) {
  video.addEventListener(event, () => {
    document.getElementById("stage").classList.toggle("portrait", video.videoHeight > video.videoWidth);
  });
}
async function loadWidgets() {
  const response = await fetch("/plugins/widgets.json");
  const { widgets } = await response.json();
  await Promise.all(widgets.map((widget) => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = widget.url;
    script.onload = script.onerror = resolve;  // a broken widget must not hold the page up
    document.body.appendChild(script);
  })));
}

// Widgets and the wording first, so every event after the snapshot finds its listeners and every
// refusal its words.
Promise.all([loadWidgets().catch(() => {}), messages.load().catch(() => {})]).finally(connectEvents);
play().catch(() => retry("reconnecting"));
