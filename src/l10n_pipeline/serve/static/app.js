// Keyboard shortcuts and in-place actions for the catalogue page. Entries are rendered
// (and escaped) by the server; this script only moves focus, sends the forms with
// fetch and swaps in the entry the server returns.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const entries = () => Array.from(document.querySelectorAll("article.entry"));
  let current = null;

  function focus(entry) {
    if (!entry) return;
    current = entry;
    entry.focus({preventScroll: true});
    entry.scrollIntoView({block: "nearest"});
  }

  function move(step) {
    const list = entries();
    const index = list.indexOf(current);
    focus(list[Math.min(list.length - 1, Math.max(0, index + step))] || list[0]);
  }

  async function send(form, submitter) {
    const entry = form.closest("article.entry");
    const data = new URLSearchParams(new FormData(form, submitter));
    const buttons = form.querySelectorAll("button");
    buttons.forEach(b => b.disabled = true);
    let response;
    try {
      // form.getAttribute, not form.action: that is the button named "action"
      response = await fetch(form.getAttribute("action"), {method: "POST", body: data, credentials: "same-origin",
        headers: {"X-Requested-With": "fetch", "X-CSRF-Token": csrf}});
    } catch (error) {
      buttons.forEach(b => b.disabled = false);
      alert("The server did not answer; nothing was saved.");
      return;
    }
    if (![200, 409, 422].includes(response.status)) {
      buttons.forEach(b => b.disabled = false);
      alert("Not saved: " + response.status + " " + (await response.text()).slice(0, 200));
      return;
    }
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();  // server-rendered, escaped HTML
    const replacement = holder.querySelector("article.entry");
    entry.replaceWith(replacement);
    focus(replacement);
    if (response.status === 200) move(1);
  }

  document.addEventListener("submit", event => {
    const form = event.target;
    if (!form.matches("form.actions")) return;
    event.preventDefault();
    send(form, event.submitter);
  });

  document.addEventListener("focusin", event => {
    const entry = event.target.closest && event.target.closest("article.entry");
    if (entry) current = entry;
  });

  function press(value) {
    const button = current && current.querySelector(`button[value="${value}"]`);
    if (button && !button.disabled) current.querySelector("form.actions").requestSubmit(button);
  }

  document.addEventListener("keydown", event => {
    const field = event.target.closest && event.target.closest("textarea, input");
    if (field) {
      if (event.key === "Escape") { field.blur(); focus(field.closest("article.entry")); }
      else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.matches("textarea")) {
        event.preventDefault(); current = field.closest("article.entry"); press("save");
      } else if (event.key === "Enter" && field.name === "reason") {
        event.preventDefault(); current = field.closest("article.entry"); press("reject");
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!current && entries().length) current = entries()[0];
    const actions = {
      j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
      a: () => press("approve"), m: () => press("accept"),
      e: () => {
        const edit = current && current.querySelector("details.edit");
        if (!edit) return;
        edit.open = true;
        const area = edit.querySelector("textarea");
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
      },
      r: () => { const reason = current && current.querySelector('input[name="reason"]'); if (reason) reason.focus(); },
      "?": () => { document.getElementById("help").hidden = !document.getElementById("help").hidden; },
    };
    const action = actions[event.key];
    if (action && document.getElementById("entries")) { event.preventDefault(); action(); }
  });

  const toggle = document.getElementById("help-toggle");
  if (toggle) toggle.addEventListener("click", () => { const help = document.getElementById("help"); help.hidden = !help.hidden; });
  const first = location.hash ? document.getElementById(location.hash.slice(1)) : entries()[0];
  if (first) focus(first);
})();
