// The batch page's progress bar: polls the batch's JSON status until the step ends, then
// reloads the page to show the result. No inline script or style (CSP), no library: the
// bar's width is set here, from data-percent, not by a style attribute.
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box) return;
  var bar = document.getElementById("batch-progress-bar");
  var url = box.getAttribute("data-status-url");
  bar.style.width = bar.getAttribute("data-percent") + "%";
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        bar.style.width = status.percent + "%";
        bar.textContent = status.percent + "%";
        box.querySelector("[role=progressbar]").setAttribute("aria-valuenow", status.percent);
        var counts = document.getElementById("batch-progress-counts");
        if (counts) counts.textContent = status.progress_text;
        if (status.running) {
          window.setTimeout(poll, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
