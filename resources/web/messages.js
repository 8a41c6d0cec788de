// The studio's messages (refusals, errors) worded in this page's language. A message is
// {reason, code, params}; the wording comes from the studio's one table (/messages.json, served
// from studio/messages.py). Fields are {name}, {name:.Nf} (N decimals) and {name:time} (hours and
// minutes, on this device's clock); a parameter may itself be a message. Without a code (a
// plugin's plain error), the reason is shown as given.
"use strict";

const zh = (navigator.language || "").toLowerCase().startsWith("zh");
const messages = {
  language: zh ? "zh_CN" : "en",
  table: {},
  async load() {
    const response = await fetch("/messages.json");
    if (response.ok) messages.table = await response.json();
  },
  word(message) {
    const templates = message && messages.table[message.code];
    const params = (message && message.params) || {};
    // Never coded (a plugin's plain error), or not as this studio words it: the text as it came.
    if (!templates || !messages.names(templates.en).every((name) => name in params)) {
      return message ? String(message.reason ?? "") : "";
    }
    return (templates[messages.language] || templates.en).replace(
      /\{\{|\}\}|\{(\w+)(?::([^}]*))?\}/g,
      (match, name, spec) => (match.length === 2 ? match[0] : messages.field(params[name], spec)));
  },
  names(template) { return [...template.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((match) => match[1]); },
  field(value, spec) {
    if (value && typeof value === "object") return messages.word(value);
    if (spec === "time") {
      const at = new Date(value * 1000);
      return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
    }
    const decimals = /^\.(\d+)f$/.exec(spec || "");
    return decimals && typeof value === "number" ? messages.fixed(value, Number(decimals[1])) : String(value);
  },
  // toFixed, but a tie goes to the even digit, as the studio's Python rounds (2.5 → "2").
  fixed(value, digits) {
    const scaled = value * 10 ** digits;
    const floor = Math.floor(scaled);
    return scaled - floor === 0.5 && floor % 2 === 0 ? (floor / 10 ** digits).toFixed(digits) : value.toFixed(digits);
  },
  // An Error for a refusal: its message worded here, its code kept for pages that act on it.
  error(message) {
    return Object.assign(new Error(messages.word(message)), { code: message.code, params: message.params });
  },
};
