// "Copy citation" buttons: shown only where this script runs; the citation stays selectable
// text either way. No inline code, so the Content-Security-Policy stays strict.
"use strict";

document.querySelectorAll("[data-copy]").forEach(function (button) {
  var wrapper = button.parentElement;
  var status = wrapper.querySelector("[role=status]");
  var source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) {
    return;
  }
  wrapper.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.textContent.trim()).then(
      function () { status.textContent = button.dataset.copied; },
      function () { status.textContent = button.dataset.failed; }
    );
  });
});
