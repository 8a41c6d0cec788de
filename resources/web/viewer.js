// Viewer page: plays the show over WHEP and follows the events channel.
"use strict";

const zh = (navigator.language || "").toLowerCase().startsWith("zh");
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
  pc: null, resource: null, clockOffset: 0, events: null,
  // For viewer-page widgets of interactions: send an event, and hear events of a type.
  send(type, data) {
    const ref = nextRef++;
    studio.events.send(JSON.stringify({ type: "send", event: type, data, ref }));
    return new Promise((resolve, reject) => { pendingSends[ref] = { resolve, reject }; });
  },
  on(type, callback) { (listeners[type] = listeners[type] || []).push(callback); },
};
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
  const pc = new RTCPeerConnection();
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

function connectEvents() {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/events`);
  studio.events = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: "ping", t: Date.now() / 1000 }));
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.type === "viewers") document.getElementById("viewer-count").textContent = String(msg.count);
    if (msg.type === "live") { setLive(msg.live); if (msg.live && !studio.pc) retry("connecting"); }
    if (msg.type === "event") (listeners[msg.event.type] || []).forEach((cb) => cb(msg.event));
    if ((msg.type === "ack" || msg.type === "error") && pendingSends[msg.ref]) {
      const pending = pendingSends[msg.ref];
      delete pendingSends[msg.ref];
      if (msg.type === "ack") pending.resolve({ id: msg.id, actor: msg.actor });
      else pending.reject(new Error(msg.reason));
    }
    if (msg.type === "pong") {
      // NTP-style offset estimate: server clock minus the midpoint of the round trip.
      const now = Date.now() / 1000;
      studio.clockOffset = msg.server_time - (msg.t + now) / 2;
    }
  };
  ws.onclose = () => setTimeout(connectEvents, 2000);
}

window.addEventListener("pagehide", () => {
  if (studio.resource) fetch(studio.resource, { method: "DELETE", keepalive: true });
});

document.getElementById("unmute").onclick = (ev) => { video.muted = false; ev.target.remove(); video.play(); };
video.addEventListener("loadedmetadata", () => {
  document.getElementById("stage").classList.toggle("portrait", video.videoHeight > video.videoWidth);
});
async function loadWidgets() {
  const response = await fetch("/plugins/widgets.json");
  const { widgets } = await response.json();
  for (const widget of widgets) {
    const script = document.createElement("script");
    script.src = widget.url;
    document.body.appendChild(script);
  }
}

connectEvents();
loadWidgets().catch(() => {});
play().catch(() => retry("reconnecting"));
