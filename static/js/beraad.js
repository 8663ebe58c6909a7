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
