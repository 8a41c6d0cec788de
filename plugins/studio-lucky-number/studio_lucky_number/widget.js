// Viewer-page widget of the lucky-number game. Text goes in with textContent only, never as HTML.
(() => {
  const zh = (navigator.language || "").toLowerCase().startsWith("zh");
  const t = zh
    ? { title: "幸运数字", idle: "等待主播开始", open: (n, s) => `猜 1–${n} 之间的数字，${s} 秒内有效`, send: "提交",
        sent: "已提交，等待开奖", result: (n, c) => `幸运数字是 ${n}（共 ${c} 人参与）`, won: "恭喜，你猜中了！" }
    : { title: "Lucky number", idle: "Waiting for the host", open: (n, s) => `Guess 1–${n} within ${s} s`,
        send: "Send", sent: "Sent. Waiting for the draw", result: (n, c) => `The lucky number is ${n} (${c} guesses)`,
        won: "You won!" };
  const box = document.createElement("div");
  box.id = "lucky-number";
  box.className = "widget";
  const title = document.createElement("h3");
  title.textContent = t.title;
  const status = document.createElement("p");
  status.id = "lucky-status";
  status.textContent = t.idle;
  const input = document.createElement("input");
  input.id = "lucky-guess";
  input.type = "number";
  input.disabled = true;
  const button = document.createElement("button");
  button.id = "lucky-send";
  button.textContent = t.send;
  button.disabled = true;
  box.append(title, status, input, button);
  (document.getElementById("widgets") || document.body).appendChild(box);

  let myActor = null;
  button.onclick = async () => {
    try {
      myActor = (await window.studio.send("lucky.guess", { number: Number(input.value) })).actor;
      status.textContent = t.sent;
      input.disabled = button.disabled = true;
    } catch (err) {
      status.textContent = err.message;
    }
  };
  window.studio.on("lucky.round", (ev) => {
    myActor = null;
    status.textContent = t.open(ev.data.highest, ev.data.seconds);
    input.max = ev.data.highest;
    input.disabled = button.disabled = false;
  });
  window.studio.on("lucky.result", (ev) => {
    input.disabled = button.disabled = true;
    status.textContent = t.result(ev.data.number, ev.data.guesses);
    if (myActor && ev.data.winners.includes(myActor)) status.textContent += " " + t.won;
  });
})();
