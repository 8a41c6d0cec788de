// Follow the host (关注): followers-only lotteries take followers alone.
(() => {
  const { studio } = window;
  const t = studio.t;
  const follow = studio.el("button", { id: "follow", type: "button", textContent: t("+ 关注", "+ Follow") });
  document.querySelector("header").appendChild(follow);
  follow.onclick = async () => {
    try {
      await studio.send("follow", {});
      follow.textContent = t("已关注", "Following");
      follow.disabled = true;
    } catch (err) {
      if (err.code === "follow.already") { follow.textContent = t("已关注", "Following"); follow.disabled = true; }
    }
  };
})();
