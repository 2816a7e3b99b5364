/*
 * "Cite this": a copy button under each formatted citation. The buttons are hidden in the page and shown here
 * only where the browser lets a page write to the clipboard; a status line says when the text was copied.
 */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll(".kb-cite").forEach(function (block) {
    var status = block.querySelector(".kb-cite__status");
    block.querySelectorAll("[data-copy]").forEach(function (button) {
      var citation = document.getElementById(button.getAttribute("data-copy"));
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(citation.textContent.trim()).then(function () {
          status.textContent = block.getAttribute("data-copied");
        });
      });
    });
  });
})();
