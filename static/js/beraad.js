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

// A field that saves itself is replaced by the server's answer. If the person typed on while the save
// was under way, that answer would throw the newer text away: keep the field as it is, take over only the
// new base token and the status, and let the next change save the newer text.
(function () {
  "use strict";
  function values(holder) {
    return Array.prototype.map.call(
      holder.querySelectorAll("textarea, input:not([type=hidden]), select"),
      function (field) { return field.type === "checkbox" || field.type === "radio" ? String(field.checked) : field.value; }
    ).join("\u0000");
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var holder = event.detail.elt;
    if (holder.classList && holder.classList.contains("autosave")) { holder.setAttribute("data-sent", values(holder)); }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var holder = event.detail.target;
    if (!holder.classList || !holder.classList.contains("autosave")) { return; }
    if (event.detail.isError || holder.getAttribute("data-sent") === values(holder)) { return; }
    var answer = document.createElement("template");
    answer.innerHTML = event.detail.serverResponse;
    if (answer.content.querySelector(".conflict, .error")) { return; }
    Array.prototype.forEach.call(answer.content.querySelectorAll("input[type=hidden][name^=_base_]"), function (fresh) {
      var mine = holder.querySelector("input[type=hidden][name='" + fresh.name + "']");
      if (mine) { mine.value = fresh.value; }
    });
    var state = holder.querySelector(".save-state");
    var freshState = answer.content.querySelector(".save-state");
    if (state && freshState) { state.textContent = freshState.textContent; }
    event.detail.shouldSwap = false;
  });
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
