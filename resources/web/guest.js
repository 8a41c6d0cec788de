// The guest page: choose a camera and a microphone, see yourself and your level, join the show
// through the invite link (a WHIP offer to /guest/<token>/whip), wait in the lobby, leave.
// The same connection brings the show back once the host admits the guest: the program's
// picture and a mix of everyone on the call but the guest (so nobody hears their own echo).
"use strict";

// zh and messages: messages.js, loaded before this script.
const wording = messages.load().catch(() => {});
const TEXT = {
  title: zh ? "连麦嘉宾" : "Guest", ready: zh ? "准备好后点击加入" : "Join when you are ready",
  join: zh ? "加入" : "Join", leave: zh ? "离开" : "Leave", camera: zh ? "摄像头" : "Camera",
  microphone: zh ? "麦克风" : "Microphone", name: zh ? "你的名字" : "Your name",
  lobby: zh ? "已进入等候室，等待主播同意" : "In the lobby: the host will let you in",
  left: zh ? "已离开" : "You left", ended: zh ? "通话已结束" : "The call ended",
  noDevice: zh ? "无法打开摄像头或麦克风" : "The camera or microphone cannot be opened",
  onCall: zh ? "已连麦：你能看到并听到直播" : "On the call: you see and hear the show",
  reconnecting: zh ? "网络中断，正在重新连接…" : "Connection lost: reconnecting…",
  seen: zh ? "观众能看到你" : "Viewers see you", unseen: zh ? "观众看不到你" : "Viewers do not see you",
  heard: zh ? "观众能听到你" : "viewers hear you", unheard: zh ? "观众听不到你" : "viewers do not hear you",
};
document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = TEXT[el.dataset.i18n]; });
document.documentElement.lang = zh ? "zh-CN" : "en";

const token = location.pathname.split("/").pop();
const status = document.getElementById("guest-status");
const selfView = document.getElementById("self-view");
const cameraSelect = document.getElementById("camera");
const micSelect = document.getElementById("microphone");
const nameInput = document.getElementById("guest-name");
const joinButton = document.getElementById("join");
const leaveButton = document.getElementById("leave");
const level = document.getElementById("level");
const program = document.getElementById("program");
const onAir = document.getElementById("on-air");
nameInput.placeholder = TEXT.name;
const guest = { pc: null, resource: null, rejoinKey: "", stream: null, state: "ready", reconnects: 0 };
window.guest = guest;  // for diagnostics and tests

async function openDevices() {
  if (guest.stream) guest.stream.getTracks().forEach((t) => t.stop());
  const video = cameraSelect.value ? { deviceId: { exact: cameraSelect.value } } : true;
  const audio = micSelect.value ? { deviceId: { exact: micSelect.value } } : true;
  // Echo cancellation matters here: the show plays from the same speakers the microphone hears.
  guest.stream = await navigator.mediaDevices.getUserMedia({
    video, audio: { ...(audio === true ? {} : audio), echoCancellation: true, noiseSuppression: true },
  });
  selfView.srcObject = guest.stream;
  meter(guest.stream);
}

let meterContext = null;
function meter(stream) {
  if (meterContext) meterContext.close();
  meterContext = new AudioContext();
  const analyser = meterContext.createAnalyser();
  meterContext.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const tick = () => {
    if (meterContext.state === "closed") return;
    analyser.getFloatTimeDomainData(samples);
    level.value = Math.min(1, Math.sqrt(samples.reduce((a, s) => a + s * s, 0) / samples.length) * 4);
    requestAnimationFrame(tick);
  };
  tick();
}

async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  for (const [select, kind] of [[cameraSelect, "videoinput"], [micSelect, "audioinput"]]) {
    select.replaceChildren(...devices.filter((d) => d.kind === kind).map((d, i) =>
      Object.assign(document.createElement("option"), { value: d.deviceId, textContent: d.label || `${kind} ${i + 1}` })));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function join() {
  joinButton.disabled = true;
  if (await connect("") !== 201) {
    joinButton.disabled = false;
    return;
  }
  guest.state = "lobby";
  status.textContent = TEXT.lobby;
  leaveButton.disabled = false;
  watchStatus();
}

// One connection to the show: the guest's camera and microphone out, the return feed back. With
// the rejoin key it comes back to where a dropped one was (no new use of the link). Returns the
// server's status (201 joined, 403 refused), or 0 if the server could not be reached.
async function connect(rejoinKey) {
  // The host's STUN/TURN servers (and whether to go through the relay only): docs/guests.md. Asked
  // afresh each time (TURN credentials may be short-lived), with the key once the link is used.
  const iceUrl = `/guest/${encodeURIComponent(token)}/ice?rejoin=${encodeURIComponent(rejoinKey)}`;
  const asked = await fetch(iceUrl, { cache: "no-store" }).catch(() => null);
  if (!asked || !asked.ok) {  // unreachable (0), or refused (403: the offer would be too)
    if (asked) status.textContent = await refusal(asked);
    return asked ? asked.status : 0;
  }
  const ice = await asked.json();
  const pc = new RTCPeerConnection({ iceServers: ice.iceServers || [], iceTransportPolicy: ice.iceTransportPolicy || "all" });
  guest.stream.getTracks().forEach((track) => pc.addTransceiver(track, { direction: "sendrecv" }));
  const returned = new MediaStream();
  pc.ontrack = (event) => {
    returned.addTrack(event.track);
    program.srcObject = returned;
  };
  pc.onconnectionstatechange = () => dropped(pc);
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => { if (pc.iceGatheringState === "complete") resolve(); });
    setTimeout(resolve, 2000);
  });
  const query = `name=${encodeURIComponent(nameInput.value)}&rejoin=${encodeURIComponent(rejoinKey)}`;
  const response = await fetch(`/guest/${encodeURIComponent(token)}/whip?${query}`, {
    method: "POST", headers: { "Content-Type": "application/sdp" }, body: pc.localDescription.sdp,
  }).catch(() => null);
  if (!response || response.status !== 201) {
    if (response) status.textContent = await refusal(response);
    pc.close();
    return response ? response.status : 0;
  }
  const location = response.headers.get("Location");
  if (guest.state === "left") {  // the guest pressed Leave while this connection was being made
    fetch(location, { method: "DELETE" });
    pc.close();
    return 0;
  }
  const previous = guest.pc;
  guest.pc = pc;
  if (previous) previous.close();
  guest.resource = location;
  guest.rejoinKey = response.headers.get("Rejoin-Key") || "";
  await pc.setRemoteDescription({ type: "answer", sdp: await response.text() });
  return 201;
}

// Why the studio refused: its message in the page's language (the body has it in English).
async function refusal(response) {
  const text = (await response.text()).trim();
  const header = response.headers.get("Studio-Message");
  await wording;
  return header ? messages.word(JSON.parse(header)) : text;
}

// A connection that fails (a dropped network) is replaced, up to ten times, before the page gives
// up; a guest the host removed is refused (403) and the call ends.
let rejoining = false;
async function dropped(pc) {
  if (pc !== guest.pc || rejoining || !["failed", "disconnected", "closed"].includes(pc.connectionState)) return;
  if (!["lobby", "on_call"].includes(guest.state)) return;
  rejoining = true;
  try {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await sleep(pc.connectionState === "disconnected" ? 3000 : 1000);  // "disconnected" often recovers
      if (pc !== guest.pc || guest.state === "left" || pc.connectionState === "connected") return;
      status.textContent = TEXT.reconnecting;
      const result = await connect(guest.rejoinKey).catch(() => 0);
      if (result === 201) {
        guest.reconnects += 1;
        status.textContent = guest.state === "on_call" ? TEXT.onCall : TEXT.lobby;
        return;
      }
      if (result === 403) break;
    }
    guest.state = "ended";
    status.textContent = TEXT.ended;
    leaveButton.disabled = true;
    program.hidden = true;
  } finally {
    rejoining = false;
  }
}

// The host admits, shows and mutes: the page says where the guest stands.
async function watchStatus() {
  while (["lobby", "on_call"].includes(guest.state) && guest.resource) {
    const response = await fetch(guest.resource, { cache: "no-store" }).catch(() => null);
    if (response && response.ok) {
      const seen = await response.json();
      guest.onAir = seen;
      if (seen.state === "on_call" && guest.state === "lobby") {
        guest.state = "on_call";
        status.textContent = TEXT.onCall;
        program.hidden = false;
        program.play().catch(() => {});
      }
      if (seen.state === "lobby" && guest.state === "on_call") {  // back after a drop, but the place was taken
        guest.state = "lobby";
        status.textContent = TEXT.lobby;
        program.hidden = true;
        onAir.textContent = "";
      }
      if (seen.state === "on_call") {
        onAir.textContent = `${seen.visible ? TEXT.seen : TEXT.unseen} · ${seen.audible ? TEXT.heard : TEXT.unheard}`;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function leave() {
  guest.state = "left";
  if (guest.resource) await fetch(guest.resource, { method: "DELETE" });
  if (guest.pc) guest.pc.close();
  status.textContent = TEXT.left;
  leaveButton.disabled = true;
}

joinButton.onclick = () => join().catch((err) => { status.textContent = err.message; joinButton.disabled = false; });
leaveButton.onclick = () => leave();
cameraSelect.onchange = micSelect.onchange = () => openDevices().catch(() => { status.textContent = TEXT.noDevice; });
window.addEventListener("pagehide", () => { if (guest.resource) fetch(guest.resource, { method: "DELETE", keepalive: true }); });
openDevices().then(listDevices).catch(() => { status.textContent = TEXT.noDevice; });
