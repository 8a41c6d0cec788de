// Polls: one vote, live results as bars.
(() => {
  const { studio } = window;
  const t = studio.t;
  const box = studio.widget("poll-widget", t("投票", "Poll"));
  const question = studio.el("p", { id: "poll-question", className: "name" });
  const options = studio.el("ol", { id: "poll-options", className: "poll" });
  const status = studio.el("p", { id: "poll-status", className: "status" });
  box.append(question, options, status);
  box.hidden = true;
  let poll = null;
  let tallies = [];
  let voted = false;
  let closed = false;

  function render() {
    const total = tallies.reduce((a, b) => a + b, 0) || 1;
    options.replaceChildren(...poll.options.map((text, i) => {
      const button = studio.el("button", { type: "button", className: "option", disabled: voted || closed,
                                           textContent: text });
      button.dataset.option = i;
      button.onclick = async () => {
        try {
          await studio.send("poll.vote", { poll: poll.poll, option: i });
          voted = true;
          status.textContent = t("已投票", "Voted");
        } catch (err) { status.textContent = err.message; }
        render();
      };
      const bar = studio.el("span", { className: "bar" });
      bar.style.width = `${(100 * tallies[i]) / total}%`;
      return studio.el("li", {}, button, bar, studio.el("span", { className: "count", textContent: String(tallies[i]) }));
    }));
  }
  function show(data, counts, isClosed = false) {
    if (!poll || !data || poll.poll !== data.poll) voted = false;  // a new poll: a new vote
    poll = data;
    closed = isClosed;
    box.hidden = !poll;
    if (!poll) return;
    question.textContent = poll.question;
    tallies = counts || poll.options.map(() => 0);
    render();
  }
  studio.onState("polls", (state) => {
    if (state.poll) show(state.poll, state.tallies);
    else if (state.last_result) show({ ...state.last_result }, state.last_result.tallies, true);
  });
  studio.on("poll.start", (ev) => { voted = false; status.textContent = ""; show({ poll: ev.id, ...ev.data }); });
  studio.on("poll.vote", (ev) => {
    if (!poll || ev.data.poll !== poll.poll) return;
    tallies[ev.data.option] += 1;
    if (ev.actor === studio.viewer) voted = true;
    render();
  });
  studio.on("poll.closed", (ev) => {
    show({ poll: ev.data.poll, question: ev.data.question, options: ev.data.options }, ev.data.tallies, true);
    status.textContent = t("投票结束", "Poll closed");
  });
})();
