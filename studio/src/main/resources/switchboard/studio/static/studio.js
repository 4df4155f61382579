// The studio's only script besides htmx (loaded from the server, never inline, as the Content-Security-Policy demands).
// It copies snippets to the clipboard and moves focus to new results so keyboard and screen-reader users find them.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var text = source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
      done();
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var result = event.detail.target && event.detail.target.querySelector && event.detail.target.querySelector("#test-output");
    if (result) {
      result.focus();
    }
  });
  // Open the import panel when the page is opened at #import.
  document.addEventListener("DOMContentLoaded", function () {
    if (location.hash === "#import") {
      var panel = document.getElementById("import");
      if (panel) {
        panel.open = true;
        var area = document.getElementById("curl");
        if (area) {
          area.focus();
        }
      }
    }
  });
})();
