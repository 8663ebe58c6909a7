// Live facilitation: small enhancements of the presentation screen and the guest page.
// Everything works without this file: the screen's content then scrolls inside its region, and
// the guest link stays a selectable text field.
(function () {
  "use strict";

  // What has been recorded shrinks (to 70%) before it scrolls: a room cannot scroll the beamer.
  var FIT = ["fit-90", "fit-80", "fit-70"];
  function fit() {
    var body = document.querySelector(".screen-body");
    if (!body) { return; }
    FIT.forEach(function (name) { body.classList.remove(name); });
    for (var i = 0; i < FIT.length && body.scrollHeight > body.clientHeight + 1; i++) {
      if (i > 0) { body.classList.remove(FIT[i - 1]); }
      body.classList.add(FIT[i]);
    }
  }
  // After a swap and before it is painted: the new screen appears at its final size.
  document.addEventListener("htmx:afterSwap", fit);
  window.addEventListener("resize", fit);
  fit();

  // The guest link: a button copies it (the Clipboard API, or the older copy command).
  function copied(button, ok) {
    var state = document.getElementById(button.getAttribute("data-copy-state"));
    if (state) { state.textContent = button.getAttribute(ok ? "data-copied" : "data-copy-failed"); }
  }
  function copyBySelection(field) {
    field.focus();
    field.select();
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { copied(button, true); },
        function () { copied(button, copyBySelection(field)); }
      );
    } else {
      copied(button, copyBySelection(field));
    }
  });
  document.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
    button.hidden = false;
  });
})();
