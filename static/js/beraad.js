// Beraad: small progressive enhancements on top of htmx. Everything works without this file.
(function () {
  "use strict";
  // A save that fails (network down, server error, refused) is shown next to the field,
  // never swallowed. The text stays in the field, so nothing typed is lost.
  function markFailed(event) {
    var source = event.detail && event.detail.elt;
    if (!source) { return; }
    var holder = source.closest(".autosave, .grid-section, .items") || source;
    var state = holder.querySelector(".save-state");
    var text = document.body.getAttribute("data-failed-save");
    if (!state) {
      state = document.createElement("p");
      state.className = "save-state";
      state.setAttribute("role", "alert");
      holder.appendChild(state);
    }
    state.textContent = text;
    state.classList.add("failed");
  }
  document.addEventListener("htmx:responseError", markFailed);
  document.addEventListener("htmx:sendError", markFailed);
  document.addEventListener("htmx:beforeRequest", function (event) {
    var holder = event.detail.elt.closest(".autosave");
    var state = holder && holder.querySelector(".save-state");
    if (state) { state.classList.remove("failed"); }
  });
})();

// A step field saves itself while the person types: after a pause of a second, and at least every
// four seconds while the typing goes on (plus on change, as before). Until the server has confirmed
// a text, it is kept as a draft in this tab's sessionStorage (keyed by user, deliberation and field;
// never in a URL), so a reload or a crash puts it back; the draft is removed as soon as the server
// confirms the save, when the person logs out, and on any page without a signed-in person. Leaving a
// page with text the server has not confirmed asks first.
//
// A draft carries the base token it was typed on. Put back after a reload, it is sent with that
// token, so the server's guard (deliberation/guard.py) decides as for any save: if someone else
// changed the field in the meantime, nothing is overwritten and the field shows both versions.
(function () {
  "use strict";
  var PAUSE = 1000;
  var MAX_WAIT = 4000;
  var PREFIX = "beraad-draft:";
  var NOT_SAVED = "\u0001";
  var pending = {};
  var restored = {};
  var carried = {};
  var leaving = false;
  var loggingOut = false;
  var store = null;
  try { store = window.sessionStorage; } catch (error) { store = null; }

  function values(holder) {
    return Array.prototype.map.call(
      holder.querySelectorAll("textarea, input:not([type=hidden]), select"),
      function (field) { return field.type === "checkbox" || field.type === "radio" ? String(field.checked) : field.value; }
    ).join("\u0000");
  }
  function isHolder(element) {
    return !!(element && element.classList && element.classList.contains("autosave"));
  }
  function typedField(holder) {
    return holder.querySelector("textarea, input[type=text]");
  }
  function baseInput(holder) {
    return holder.querySelector("input[type=hidden][name^=_base_]");
  }
  function draftKey(holder) {
    var key = holder.getAttribute("data-draft-key");
    return key ? PREFIX + key : null;
  }
  function readDraft(holder) {
    var key = draftKey(holder);
    if (!store || !key) { return null; }
    try { return JSON.parse(store.getItem(key) || "null"); } catch (error) { return null; }
  }
  function writeDraft(holder, base) {
    var key = draftKey(holder);
    var field = typedField(holder);
    if (!store || !key || !field) { return; }
    try { store.setItem(key, JSON.stringify({ text: field.value, base: base })); } catch (error) { /* storage full or refused: the save while typing still runs */ }
  }
  function dropDraft(holder) {
    var key = draftKey(holder);
    if (store && key) { store.removeItem(key); }
  }
  function dropAllDrafts() {
    if (!store) { return; }
    for (var i = store.length - 1; i >= 0; i -= 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) { store.removeItem(key); }
    }
  }
  function say(holder, text) {
    var state = holder.querySelector(".save-state");
    if (state && state.textContent !== text) { state.textContent = text; }
  }
  function unsaved(holder) {
    return holder.classList.contains("htmx-request") || holder.getAttribute("data-saved") !== values(holder);
  }
  function anyUnsaved() {
    return Array.prototype.some.call(document.querySelectorAll(".autosave[data-draft-key]"), unsaved);
  }

  function saveNow(id) {
    if (pending[id]) { window.clearTimeout(pending[id].timer); delete pending[id]; }
    var holder = document.getElementById(id);
    if (holder && window.htmx) { window.htmx.trigger(holder, "autosave-now"); }
  }
  function schedule(holder) {
    var id = holder.id;
    var timer = pending[id] || (pending[id] = { first: Date.now(), timer: null });
    window.clearTimeout(timer.timer);
    var wait = Math.max(0, Math.min(PAUSE, timer.first + MAX_WAIT - Date.now()));
    timer.timer = window.setTimeout(function () { saveNow(id); }, wait);
  }

  // A holder as the page or a swapped answer shows it: what the server holds is what it shows,
  // unless the answer says it was not saved.
  function setUp(holder, firstLoad) {
    var typed = typedField(holder);
    if (typed && carried[holder.id] !== undefined) {
      typed.value = carried[holder.id];  // typed while the refused save was under way
    }
    delete carried[holder.id];
    holder.setAttribute("data-saved", holder.hasAttribute("data-unsaved") ? NOT_SAVED : values(holder));
    if (restored[holder.id] && !holder.hasAttribute("data-unsaved")) {
      delete restored[holder.id];
      say(holder, holder.getAttribute("data-restored-saved"));
    }
    if (!firstLoad) { return; }
    var draft = readDraft(holder);
    var field = typedField(holder);
    var base = baseInput(holder);
    if (!draft || !field || !base || typeof draft.text !== "string") { return; }
    if (draft.text === field.value) {
      if (!holder.hasAttribute("data-unsaved")) { dropDraft(holder); }
      return;
    }
    field.value = draft.text;
    base.value = String(draft.base || "");
    restored[holder.id] = true;
    say(holder, holder.getAttribute("data-restored"));
    window.setTimeout(function () { saveNow(holder.id); }, 0);  // once htmx has set the field up
  }

  if (document.body.hasAttribute("data-signed-out")) {
    dropAllDrafts();  // nobody is signed in here (logged out, or the session ended)
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".autosave[data-draft-key]"), function (holder) {
      setUp(holder, true);
    });
  });
  document.addEventListener("htmx:load", function (event) {
    var holder = event.detail && event.detail.elt;
    if (isHolder(holder) && holder.hasAttribute("data-draft-key") && holder.hasAttribute("data-saved") === false && document.readyState !== "loading") {
      setUp(holder, false);
    }
  });

  document.addEventListener("input", function (event) {
    var holder = event.target.closest && event.target.closest(".autosave[data-draft-key]");
    if (!holder || event.target !== typedField(holder)) { return; }
    var base = baseInput(holder);
    // After a conflict the draft keeps the token it was typed on, so that putting it back after a
    // reload shows the conflict again instead of overwriting the other version; and it waits for the
    // person to leave the field rather than saving over the other version while they combine the two.
    var conflict = holder.querySelector(".conflict");
    var earlier = conflict ? readDraft(holder) : null;
    writeDraft(holder, earlier ? earlier.base : (base ? base.value : ""));
    if (!conflict) {
      say(holder, "");
      schedule(holder);
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var holder = event.detail.elt;
    if (!isHolder(holder)) { return; }
    if (pending[holder.id]) { window.clearTimeout(pending[holder.id].timer); delete pending[holder.id]; }
    if (holder.getAttribute("data-saved") === values(holder)) {
      event.preventDefault();  // the server holds this already (a change event after a save while typing)
      return;
    }
    holder.setAttribute("data-sent", values(holder));
  });

  // The server's answer replaces the field. If the person typed on while the save was under way, or is
  // still in the field, that would throw newer text or the cursor away: keep the field as it is, take
  // over only the new base token and the state, and let the next pause save the newer text.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var holder = event.detail.target;
    if (!isHolder(holder) || event.detail.isError) { return; }
    var answer = document.createElement("template");
    answer.innerHTML = event.detail.serverResponse;
    var sent = holder.getAttribute("data-sent");
    var now = values(holder);
    if (answer.content.querySelector(".conflict, .error")) {  // shown as the server says
      delete restored[holder.id];  // saving after this is a choice made knowingly, not a draft put back
      var field = typedField(holder);
      if (field && sent !== now) { carried[holder.id] = field.value; }
      return;
    }
    var fresh = answer.content.querySelector("input[type=hidden][name^=_base_]");
    var base = baseInput(holder);
    holder.setAttribute("data-saved", sent);
    if (sent === now) {
      dropDraft(holder);
    } else if (fresh && holder.hasAttribute("data-draft-key")) {
      writeDraft(holder, fresh.value);
    }
    if (sent === now && !holder.contains(document.activeElement)) { return; }  // swap: nothing is lost
    if (base && fresh) { base.value = fresh.value; }
    if (holder.hasAttribute("data-unsaved")) {  // the earlier refusal is settled: its messages go
      holder.removeAttribute("data-unsaved");
      Array.prototype.forEach.call(holder.querySelectorAll(".conflict, .field > .error"), function (old) { old.remove(); });
      Array.prototype.forEach.call(holder.querySelectorAll(".has-error, .save-failed"), function (old) { old.classList.remove("has-error", "save-failed"); });
      Array.prototype.forEach.call(holder.querySelectorAll("[aria-invalid]"), function (old) { old.removeAttribute("aria-invalid"); });
    }
    if (sent === now) {
      var freshState = answer.content.querySelector(".save-state");
      if (restored[holder.id]) {
        delete restored[holder.id];
        say(holder, holder.getAttribute("data-restored-saved"));
      } else if (freshState) {
        say(holder, freshState.textContent);
      }
    }
    event.detail.shouldSwap = false;
  });

  function idle() {
    return !document.querySelector(".autosave.htmx-request") && !Object.keys(pending).length;
  }
  // Go on once every save under way has been answered, or after ten seconds at most.
  function whenIdle(then) {
    var started = Date.now();
    (function check() {
      if (idle() || Date.now() - started >= 10000) { then(); } else { window.setTimeout(check, 50); }
    })();
  }

  // A link to another page while a text is unsaved: save it first and follow the link once the server
  // has it. If it was not saved (refused, a conflict, no connection), the browser asks as for any leaving.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    if (link.target || link.hasAttribute("download") || link.origin !== window.location.origin || link.getAttribute("href").charAt(0) === "#") { return; }
    if (link.hasAttribute("hx-get") || link.hasAttribute("hx-post") || !anyUnsaved()) { return; }
    event.preventDefault();
    Array.prototype.forEach.call(document.querySelectorAll(".autosave[data-draft-key]"), function (holder) {
      if (!holder.classList.contains("htmx-request") && unsaved(holder) && !holder.querySelector(".conflict")) { saveNow(holder.id); }
    });
    whenIdle(function () {
      leaving = !anyUnsaved();
      window.location.assign(link.href);
    });
  });

  // The step form's own buttons send every field (the way that also works without JavaScript): wait
  // for a save under way, so the form is sent with the newest base tokens.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute && form.hasAttribute("data-clears-drafts")) { loggingOut = true; return; }
    if (!form.classList || !form.classList.contains("step-form") || event.defaultPrevented) { return; }
    if (!idle()) {
      event.preventDefault();
      var submitter = event.submitter;
      Object.keys(pending).forEach(function (id) { window.clearTimeout(pending[id].timer); delete pending[id]; });
      whenIdle(function () { form.requestSubmit(submitter && submitter.form === form ? submitter : undefined); });
      return;
    }
    leaving = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !anyUnsaved()) { return; }
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own question; the text cannot be chosen
  });
  // Back in the page from the browser's cache after all: warn again.
  window.addEventListener("pageshow", function () { leaving = false; loggingOut = false; });
  // Logging out forgets every draft of this tab (the page after it, without anyone signed in, does
  // too), unless the person chose to stay on the page after all.
  window.addEventListener("pagehide", function () { if (loggingOut) { dropAllDrafts(); } });
})();

// One-click replacement of detected personal data by its pseudonym, in the field itself.
// Without JavaScript the same button submits the form and the server replaces it.
// Pressing the button must not take the focus from the field first: that would save the old text.
document.addEventListener("mousedown", function (event) {
  if (event.target.closest("button[data-replacement]")) { event.preventDefault(); }
});
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-replacement]");
  if (!button) { return; }
  var input = document.getElementById(button.getAttribute("data-target"));
  if (!input) { return; }
  event.preventDefault();
  var value = input.value;
  var find = button.getAttribute("data-find");
  var start = parseInt(button.getAttribute("data-start"), 10);
  var end = parseInt(button.getAttribute("data-end"), 10);
  if (value.slice(start, end) !== find) {
    start = value.indexOf(find);
    if (start < 0) { return; }
    end = start + find.length;
  }
  input.value = value.slice(0, start) + button.getAttribute("data-replacement") + value.slice(end);
  input.dispatchEvent(new Event("change", { bubbles: true }));
  if (window.htmx) { window.htmx.trigger(input, "keyup"); }
  input.focus();
});

// Presentation mode: the time box counts down between the screen's polls (the server sends the
// deadline; without JavaScript the screen shows the time left when it was last loaded).
window.setInterval(function () {
  document.querySelectorAll("[data-deadline]").forEach(function (timer) {
    var left = Math.round((parseInt(timer.getAttribute("data-deadline"), 10) - Date.now()) / 1000);
    var minutes = Math.floor(Math.abs(left) / 60);
    var seconds = Math.abs(left) % 60;
    var value = timer.querySelector(".timer-value");
    if (value) {
      value.textContent = (left < 0 ? "−" : "") + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    }
    timer.classList.toggle("over", left < 0);
  });
}, 1000);

// A participant's own device: a refused or invalid submission comes back as the panel with the
// reason and the typed text, so show it rather than treating it as a failed request.
document.addEventListener("htmx:beforeSwap", function (event) {
  var target = event.detail.target;
  if (target && target.id === "device-panel" && [400, 409].indexOf(event.detail.xhr.status) !== -1) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// The panel is replaced by a poll when the facilitator opens or closes something. Whatever the
// person typed and did not send stays visible above the new panel, to copy: never silently lost.
(function () {
  "use strict";
  var unsent = [];
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var panel = event.detail.target;
    if (!panel || panel.id !== "device-panel") { return; }
    unsent = Array.prototype.filter.call(
      panel.querySelectorAll("form textarea, form input[type=text]"),
      function (field) { return field.value.trim() !== "" && field.value !== field.defaultValue; }
    ).map(function (field) { return field.value; });
  });
  document.addEventListener("htmx:oobAfterSwap", function () {
    var panel = document.getElementById("device-panel");
    if (!panel || !unsent.length) { return; }
    var box = document.createElement("div");
    box.className = "typed";
    var label = document.createElement("p");
    label.textContent = panel.getAttribute("data-typed-label");
    box.appendChild(label);
    unsent.forEach(function (text) {
      var quote = document.createElement("blockquote");
      quote.textContent = text;
      box.appendChild(quote);
    });
    panel.insertBefore(box, panel.firstChild);
    unsent = [];
  });
})();

// A step that cannot be undone (revealing the choices) asks first. Without JavaScript it does not.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

// After an item is added its form stays open: the cursor goes to its first text field, so the
// next one is typed straight away (Enter adds it). Without JavaScript the page opens at the form.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  var form = target && target.querySelector && target.querySelector("form.focus-first");
  if (!form) { return; }
  var first = form.querySelector("input[type=text], textarea") ||
    form.querySelector("input:not([type=hidden]), select");
  if (first) { first.focus(); }
});
