/* The search page: Pagefind's UI, started with the query the header form sent (?q=...). */
(function () {
  "use strict";

  var root = document.getElementById("kb-search");
  if (!root || typeof PagefindUI === "undefined") return;

  var ui = new PagefindUI({
    element: "#kb-search",
    bundlePath: root.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    autofocus: true,
    translations: { placeholder: "Search cases, cities, goals and figures" }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
