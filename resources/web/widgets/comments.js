// Comments: post under a nickname, see the chat, the pinned comment, the host's replies, and
// whether your question was answered. Everything a viewer typed goes in as textContent.
(() => {
  const { studio } = window;
  const t = studio.t;
  const box = studio.widget("comments-widget", t("评论", "Comments"));
  const pinned = studio.el("p", { id: "pinned-comment", className: "pinned", hidden: true });
  const list = studio.el("ol", { id: "comment-list", className: "comments" });
  // Everyone has a name to comment under from the start; they may change it.
  const guestName = t("观众", "Guest ") + String(Math.floor(1000 + Math.random() * 9000));
  const nickname = studio.el("input", { id: "nickname", maxLength: 24, placeholder: t("昵称", "Nickname"),
                                        value: localStorage.getItem("host-studio-nickname") || guestName });
  const text = studio.el("input", { id: "comment-text", maxLength: 200, placeholder: t("说点什么…", "Say something…") });
  const send = studio.el("button", { id: "comment-send", type: "button", textContent: t("发送", "Send") });
  const status = studio.el("p", { id: "comment-status", className: "status" });
  const form = studio.el("div", { className: "row" }, nickname, text, send);
  box.append(pinned, list, form, status);
  const mine = new Set();  // ids of this viewer's questions

  function line(who, what, className = "") {
    const item = studio.el("li", { className }, studio.el("b", { textContent: who + "：" }), studio.el("span", { textContent: what }));
    list.appendChild(item);
    while (list.children.length > 100) list.firstChild.remove();
    list.scrollTop = list.scrollHeight;
    return item;
  }
  function showPinned(data) {
    pinned.hidden = !data;
    pinned.textContent = data ? `📌 ${data.nickname}：${data.text}` : "";
  }
  send.onclick = async () => {
    localStorage.setItem("host-studio-nickname", nickname.value);
    try {
      await studio.send("comment", { nickname: nickname.value, text: text.value });
      text.value = "";
      status.textContent = "";
    } catch (err) {
      status.textContent = err.message;  // the server says why (too fast, a banned word, muted…)
    }
  };
  text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.isComposing && ev.keyCode !== 229) send.onclick();  // not while an IME composes
  });
  studio.onState("comments", (state) => {
    list.replaceChildren();
    state.recent.forEach((c) => line(c.nickname, c.text));
    showPinned(state.pinned);
  });
  studio.on("comment", (ev) => line(ev.data.nickname, ev.data.text));
  studio.on("comment.pin", (ev) => showPinned(ev.data));
  studio.on("comment.unpin", () => showPinned(null));
  studio.on("comment.reply", (ev) => line(t("主播回复 ", "Host to ") + ev.data.to, ev.data.text, "reply"));
  studio.on("question.asked", (ev) => { if (ev.data.viewer === studio.viewer) mine.add(ev.data.question); });
  studio.on("question.answer", (ev) => {
    if (ev.data.viewer === studio.viewer) status.textContent = t("主播已回答你的问题", "The host answered your question");
  });
})();
