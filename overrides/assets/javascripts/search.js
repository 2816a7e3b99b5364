/* The search page: Pagefind's UI, started with the query the header form sent (?q=...). */
(function () {
  "use strict";

  var root = document.getElementById("kb-search");
  if (!root || typeof PagefindUI === "undefined") return;

  var bundle = new URL(root.getAttribute("data-bundle"), location.href);
  var ui = new PagefindUI({
    element: "#kb-search",
    bundlePath: bundle.pathname,
    // Result links are relative to the site's root, which may be a sub-path (a project's Pages site).
    baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),
    showSubResults: true,
    showImages: false,
    autofocus: true,
    translations: { placeholder: root.getAttribute("data-placeholder") }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
