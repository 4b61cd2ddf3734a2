// The share box of a release: "Copy link" and the system share sheet. Without this
// script the box still shows the link (to select by hand) and the QR code; its
// buttons stay hidden, since they would do nothing.
"use strict";

(function () {
  function say(box, message) {
    box.querySelector(".share-status").textContent = message;
  }

  function selectLink(box, field) {
    field.focus();
    field.select();
    say(box, box.dataset.select);
  }

  function copyLink(box, field) {
    // The Clipboard API exists only on secure origins (HTTPS, localhost) and may be
    // refused; selecting the text then leaves the copying to the reader.
    if (!navigator.clipboard || !window.isSecureContext) {
      selectLink(box, field);
      return;
    }
    navigator.clipboard.writeText(field.value).then(
      function () { say(box, box.dataset.copied); },
      function () { selectLink(box, field); }
    );
  }

  function setUp(box) {
    var field = box.querySelector("input[readonly]");
    var copy = box.querySelector("[data-share-copy]");
    var share = box.querySelector("[data-share-native]");
    copy.hidden = false;
    copy.addEventListener("click", function () { copyLink(box, field); });
    field.addEventListener("focus", function () { field.select(); });
    if (typeof navigator.share === "function") {
      share.hidden = false;
      share.addEventListener("click", function () {
        // A dismissed share sheet rejects the promise: nothing to report.
        navigator.share({ title: share.dataset.shareTitle, url: field.value }).catch(function () {});
      });
    }
  }

  document.querySelectorAll(".share").forEach(setUp);
})();
