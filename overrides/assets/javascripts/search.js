/* The search page: Pagefind's UI, started with the query the header form sent (?q=...). */
(function () {
  "use strict";

  var root = document.getElementById("kb-search");
  if (!root || typeof PagefindUI === "undefined") return;

  // A page's heading has an anchor, so Pagefind makes its first words a sub-result that repeats the page's
  // title. Those words are the page's own: shown as its excerpt, under its title, like a page without anchors.
  function withoutTitleSubResult(result) {
    var first = result.sub_results && result.sub_results[0];
    if (first && first.anchor && first.anchor.element === "h1") {
      first.url = result.meta.url || result.url;
    }
    return result;
  }

  var bundle = new URL(root.getAttribute("data-bundle"), location.href);
  var ui = new PagefindUI({
    element: "#kb-search",
    bundlePath: bundle.pathname,
    // Result links are relative to the site's root, which may be a sub-path (a project's Pages site).
    baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),
    showSubResults: true,
    showImages: false,
    processResult: withoutTitleSubResult,
    autofocus: true,
    translations: { placeholder: root.getAttribute("data-placeholder") }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
