// Beacon counting: the release page, the same for every reader and kept by caches,
// reports this visit itself, then shows the count the site answers (which includes
// it). Without this script the page's <noscript> image reports the visit instead.
"use strict";

(function () {
  var counter = document.querySelector("[data-visit-url]");
  if (!counter) {
    return;
  }
  var url = counter.dataset.visitUrl;

  function show(answer) {
    var shown = counter.querySelector(".views");
    if (answer && typeof answer.text === "string" && shown) {
      shown.textContent = answer.text;
    }
  }

  function keepsAlive() {
    try {
      return new Request(url, { method: "POST", keepalive: true }).keepalive === true;
    } catch (error) {
      return false;
    }
  }

  // keepalive lets the report finish if the reader leaves at once; where fetch cannot
  // keep it alive, sendBeacon can (it reports, but gives no answer to show).
  if (window.fetch && keepsAlive()) {
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* The count shown stays the page's own. */ });
  } else if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  }
})();
