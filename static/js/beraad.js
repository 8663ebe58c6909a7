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

// One-click replacement of detected personal data by its pseudonym, in the field itself.
// Without JavaScript the same button submits the form and the server replaces it.
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
