/*
 * Case explorer: filters the server-rendered case list by facets and text, keeps the state in the
 * URL (?area=open-data&sdg=16&text=bogota) and exports the visible cases as CSV. Without this script the
 * full list stays on the page.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-explorer]");
  if (!root) return;

  var form = root.querySelector("form");
  var text = form.querySelector("input[type=search]");
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-list] > li"));
  var status = root.querySelector("[data-status]");
  var FACETS = ["area", "sdg", "region", "country", "city"];

  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function chosen() {
    var state = {};
    FACETS.forEach(function (name) {
      state[name] = Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked"))
        .map(function (box) { return box.value; });
    });
    return state;
  }

  function matchesFacet(item, name, values) {
    if (!values.length) return true;
    var own = (item.getAttribute("data-" + name) || "").split(" ");
    return values.some(function (value) { return own.indexOf(value) !== -1; });
  }

  function matchesText(item, words) {
    var haystack = item.getAttribute("data-text");
    return words.every(function (word) { return haystack.indexOf(word) !== -1; });
  }

  function matches(item, state, words, except) {
    return matchesText(item, words) && FACETS.every(function (name) {
      return name === except || matchesFacet(item, name, state[name]);
    });
  }

  function update(pushUrl) {
    var state = chosen();
    var words = fold(text.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, state, words, null);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // A facet value counts the cases it would show, given every other filter.
    FACETS.forEach(function (name) {
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        var count = items.filter(function (item) {
          return matches(item, state, words, name) && matchesFacet(item, name, [box.value]);
        }).length;
        box.parentNode.querySelector("[data-facet-count]").textContent = "(" + count + ")";
      });
    });
    status.textContent = shown === items.length
      ? items.length + " cases."
      : shown + " of " + items.length + " cases match.";
    if (pushUrl) writeUrl(state);
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (name) {
      state[name].forEach(function (value) { params.append(name, value); });
    });
    if (text.value.trim()) params.set("text", text.value.trim());
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (name) {
      var wanted = params.getAll(name);
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    text.value = params.get("text") || "";
  }

  function csvCell(value) {
    return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function exportCsv() {
    var rows = [["slug", "title", "cities", "countries", "regions", "areas", "sdgs", "summary", "url"]];
    items.filter(function (item) { return !item.hidden; }).forEach(function (item) {
      var link = item.querySelector("a");
      rows.push([
        item.getAttribute("data-slug"), link.textContent, item.getAttribute("data-city"),
        item.getAttribute("data-country"), item.getAttribute("data-region"), item.getAttribute("data-area"),
        item.getAttribute("data-sdg"), item.querySelector(".kb-explorer__summary").textContent, link.href
      ]);
    });
    var csv = rows.map(function (row) { return row.map(csvCell).join(","); }).join("\n") + "\n";
    var url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = "smart-governance-cases.csv";
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  form.hidden = false;
  readUrl();
  update(false);
  form.addEventListener("change", function () { update(true); });
  text.addEventListener("input", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
  root.querySelector("[data-export]").addEventListener("click", exportCsv);
})();
