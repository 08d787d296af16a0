// Nashra: small enhancements only; every feature works without this file.
(function () {
  "use strict";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Back to top: scroll smoothly and move keyboard focus to the top of the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".back-to-top");
    if (!link) return;
    event.preventDefault();
    window.scrollTo({ top: 0, behavior: reduceMotion ? "auto" : "smooth" });
    var skip = document.querySelector(".skip-link");
    if (skip) skip.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
  });

  // Copy link: copy the canonical URL instead of following it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".share-copy");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      var done = link.getAttribute("data-copied") || link.textContent;
      link.setAttribute("aria-live", "polite");
      var original = link.textContent;
      link.textContent = done;
      setTimeout(function () { link.textContent = original; }, 2000);
    });
  });
})();
