/*
 * Case explorer. The page is served as a complete, paged list of the cases. This script loads every case
 * from one JSON file, filters by facets and accent-free text, shows live counts, keeps the state in the
 * URL (?area=open-data&sdg=16&text=bogota) and exports the matching cases as CSV or JSON, each saying which
 * filters made it and which version of the dataset, under which licence, it comes from. Case data only ever
 * reaches the page as text (textContent), never as markup.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-explorer]");
  if (!root) return;

  var FACETS = ["area", "sdg", "region", "country", "city"];
  // The page's own words, in its language: {count} and {total} are filled in here.
  var MESSAGES = JSON.parse(root.getAttribute("data-messages"));
  // The dataset the cases come from: its version, build date, licence and how to cite it.
  var DATASET = JSON.parse(root.getAttribute("data-dataset"));
  var STEP = 100;
  var form = root.querySelector("form");
  var text = form.querySelector("input[type=search]");
  var status = root.querySelector("[data-status]");
  var list = document.querySelector(".kb-explorer__list");
  var pager = document.querySelector(".kb-pager");
  var cases = [];
  var matching = [];
  var shown = STEP;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button kb-explorer__more";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);

  function say(message, count, total) {
    return message.replace("{count}", count).replace("{total}", total);
  }

  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function chosen() {
    var state = {};
    FACETS.forEach(function (name) {
      state[name] = Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"),
        function (box) { return box.value; });
    });
    return state;
  }

  function inFacet(item, name, values) {
    return !values.length || values.some(function (value) { return item[name].indexOf(value) !== -1; });
  }

  function matches(item, state, words, except) {
    return words.every(function (word) { return item.text.indexOf(word) !== -1; }) &&
      FACETS.every(function (name) { return name === except || inFacet(item, name, state[name]); });
  }

  function renderItem(item) {
    var li = document.createElement("li");
    li.dataset.slug = item.slug;
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    var meta = document.createElement("span");
    meta.className = "kb-item-meta";
    meta.textContent = item.meta;
    var summary = document.createElement("span");
    summary.className = "kb-item-summary";
    summary.textContent = item.summary;
    li.append(link, meta, summary);
    return li;
  }

  function update(writeState) {
    var state = chosen();
    var words = fold(text.value).split(/\s+/).filter(Boolean);
    matching = cases.filter(function (item) { return matches(item, state, words, null); });
    // A facet value counts the cases it would show, given every other filter.
    FACETS.forEach(function (name) {
      var others = cases.filter(function (item) { return matches(item, state, words, name); });
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        var count = others.filter(function (item) { return item[name].indexOf(box.value) !== -1; }).length;
        box.parentNode.querySelector("[data-facet-count]").textContent = "(" + count + ")";
      });
    });
    status.textContent = matching.length === cases.length
      ? say(MESSAGES.all, cases.length)
      : say(MESSAGES.some, matching.length, cases.length);
    if (writeState) {
      shown = STEP;
      writeUrl(state);
    }
    render();
  }

  function render() {
    list.replaceChildren.apply(list, matching.slice(0, shown).map(renderItem));
    var rest = matching.length - shown;
    more.hidden = rest <= 0;
    more.textContent = say(MESSAGES.more, Math.min(rest, STEP), rest);
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

  // The same two rules as every CSV the site writes (govkb/csvtext.py): a ' before any line start a
  // spreadsheet would run as a formula, and quotes around a field with a separator, quote, CR or LF.
  function csvCell(value) {
    value = String(value).replace(/(^|[\r\n])(?=[=+\-@\t])/g, "$1'");
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  // What every export says about itself: the filters that made it, how many of all the cases it holds, and the
  // dataset's version, licence and citation, so that a filtered file is never taken for the whole.
  function exportMetadata() {
    var state = chosen();
    var filters = {};
    FACETS.forEach(function (name) { if (state[name].length) filters[name] = state[name]; });
    if (text.value.trim()) filters.text = text.value.trim();
    var filtered = Object.keys(filters).length > 0;
    return {
      dataset: DATASET,
      filters: filters,
      explorer_url: location.href,
      cases: matching.length,
      of: cases.length,
      file_name: "smart-governance-cases-" + DATASET.version + (filtered ? "-filtered" : "-all")
    };
  }

  // Column names are the data's own, the same in every language, so a script can read any edition's file.
  var CASE_COLUMNS = ["slug", "title", "cities", "countries", "regions", "areas", "sdgs", "summary", "url"];

  function caseRecord(item) {
    return {
      slug: item.slug, title: item.title, cities: item.city.join(" "), countries: item.country.join(" "),
      regions: item.region.join(" "), areas: item.area.join(" "), sdgs: item.sdg.join(" "), summary: item.summary,
      url: new URL(item.url, location.href).href
    };
  }

  function download(content, type, name) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // Each row ends with the filters (as the explorer's address writes them), the dataset's version and licence.
  function exportCsv() {
    var about = exportMetadata();
    var query = new URLSearchParams(location.search).toString();
    var provenance = [query, about.dataset.version, about.dataset.licence];
    var rows = [CASE_COLUMNS.concat(["filters", "dataset_version", "licence"])].concat(matching.map(function (item) {
      var record = caseRecord(item);
      return CASE_COLUMNS.map(function (name) { return record[name]; }).concat(provenance);
    }));
    var csv = rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    download(csv, "text/csv;charset=utf-8", about.file_name + ".csv");
  }

  function exportJson() {
    var about = exportMetadata();
    var content = { dataset: about.dataset, filters: about.filters, explorer_url: about.explorer_url,
      cases_shown: about.cases, cases_in_dataset: about.of, cases: matching.map(caseRecord) };
    download(JSON.stringify(content, null, 1) + "\n", "application/json", about.file_name + ".json");
  }

  fetch(root.getAttribute("data-source"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      cases = data.cases;
      form.hidden = false;
      if (pager) pager.hidden = true;
      readUrl();
      update(false);
      form.addEventListener("change", function () { update(true); });
      text.addEventListener("input", function () { update(true); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
      more.addEventListener("click", function () { shown += STEP; render(); });
      root.querySelector("[data-export]").addEventListener("click", exportCsv);
      root.querySelector("[data-export-json]").addEventListener("click", exportJson);
    })
    .catch(function () {
      status.textContent = MESSAGES.unavailable;
    });
})();
