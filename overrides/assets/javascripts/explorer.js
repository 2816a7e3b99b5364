/*
 * Case explorer. The page is served as a complete, paged list of the cases. This script loads every case
 * from one JSON file and filters it by facets and by words. Words are looked up in the site's own search
 * index (Pagefind), so the text box finds exactly what the site search finds, accents optional; each case
 * page tells the index its slug (data-pagefind-filter="case:<slug>"). Every filter change is a step in the
 * browser's history (Back undoes it) and the state lives in the address (?area=open-data&sdg=16&text=bogota),
 * which a button copies. The matching cases export as CSV or JSON named after the filters; each export says
 * which filters made it and which version of the dataset, under which licence, it comes from, so that a
 * filtered file is never taken for the whole. Case data only ever reaches the page as text (textContent),
 * never as markup.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-explorer]");
  if (!root) return;

  var FACETS = ["area", "sdg", "region", "country", "city", "source", "status", "started"];
  // The page's own words, in its language: {count}, {total} and {url} are filled in here.
  var MESSAGES = JSON.parse(root.getAttribute("data-messages"));
  var STEP = 100;
  var TYPING_PAUSE = 200;
  var form = root.querySelector("[data-panel]");
  var text = document.getElementById("kb-explorer-text");
  var status = root.querySelector("[data-status]");
  var notice = root.querySelector("[data-notice]");
  var toggle = root.querySelector("[data-toggle]");
  var closer = root.querySelector("[data-close]");
  var list = root.querySelector(".kb-explorer__list");
  var pager = root.querySelector(".kb-pager");
  var siteRoot = new URL(root.getAttribute("data-site-root"), location.href);
  var data = null;
  var matching = [];
  var shown = STEP;
  var textHits = null;  // slugs the words find; null when no words are typed
  var searchRun = 0;
  var typingTimer = 0;
  var typingEntry = false;  // whether the history entry on top was made by typing
  var pagefind = null;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button kb-explorer__more";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);

  function say(message, values) {
    return message.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
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

  function matches(item, state, except) {
    return (textHits === null || textHits.has(item.slug)) &&
      FACETS.every(function (name) { return name === except || inFacet(item, name, state[name]); });
  }

  function renderItem(item) {
    var li = document.createElement("li");
    li.dataset.slug = item.slug;
    var link = document.createElement("a");
    link.href = new URL(item.url, siteRoot).href;
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

  function update() {
    var state = chosen();
    matching = data.cases.filter(function (item) { return matches(item, state, null); });
    // An option counts the cases it would show, given every other filter: one pass per facet.
    FACETS.forEach(function (name) {
      var counts = {};
      data.cases.forEach(function (item) {
        if (!matches(item, state, name)) return;
        item[name].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        var count = counts[box.value] || 0;
        box.parentNode.querySelector("[data-facet-count]").textContent = "(" + count + ")";
        box.parentNode.classList.toggle("kb-explorer__none", count === 0 && !box.checked);
      });
    });
    var total = data.cases.length;
    status.textContent = matching.length === total ? say(MESSAGES.all, { count: total })
      : say(MESSAGES.some, { count: matching.length, total: total });
    var active = FACETS.reduce(function (sum, name) { return sum + state[name].length; }, 0);
    toggle.querySelector("[data-active]").textContent = active ? say(MESSAGES.active, { count: active }) : "";
    closer.textContent = say(MESSAGES.show, { count: matching.length });
    render();
    root.setAttribute("data-ready", "");  // for tests and scripts: the list shows the filters' result
  }

  function render() {
    list.replaceChildren.apply(list, matching.slice(0, shown).map(renderItem));
    var rest = matching.length - shown;
    more.hidden = rest <= 0;
    more.textContent = say(MESSAGES.more, { count: Math.min(rest, STEP), total: rest });
  }

  // The filters in use: {area: ["open-data"], sdg: ["16"], text: "bogota"}, only those set.
  function filtersUsed() {
    var state = chosen();
    var used = {};
    FACETS.forEach(function (name) { if (state[name].length) used[name] = state[name]; });
    if (text.value.trim()) used.text = text.value.trim();
    return used;
  }

  // The filters as the address writes them: "area=open-data&sdg=16"; empty for every case.
  function filterQuery() {
    var params = new URLSearchParams();
    var used = filtersUsed();
    Object.keys(used).forEach(function (name) {
      [].concat(used[name]).forEach(function (value) { params.append(name, value); });
    });
    return params.toString();
  }

  function address() {
    var query = filterQuery();
    return location.pathname + (query ? "?" + query : "");
  }

  // A ticked box is a step Back can undo; typing replaces its own step until another filter changes.
  function remember(byTyping) {
    var next = address();
    if (next === location.pathname + location.search) return;
    if (byTyping && typingEntry) {
      history.replaceState({ explorer: true }, "", next);
    } else {
      history.pushState({ explorer: true }, "", next);
    }
    typingEntry = byTyping;
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

  function loadPagefind() {
    if (!pagefind) {
      // Pagefind counts a search's hits by filter value only once its filter index is loaded.
      pagefind = import(new URL(root.getAttribute("data-search-bundle") + "pagefind.js", location.href).href)
        .then(function (index) { return index.filters().then(function () { return index; }); });
    }
    return pagefind;
  }

  // The slugs of the cases the site search finds for the words, then the list and counts anew.
  function searchText() {
    var words = text.value.trim();
    var run = ++searchRun;
    if (!words) {
      textHits = null;
      update();
      return;
    }
    root.removeAttribute("data-ready");
    loadPagefind()
      .then(function (index) { return index.search(words); })
      .then(function (found) {
        if (run !== searchRun) return;  // a later search has started
        var bySlug = (found && found.filters && found.filters["case"]) || {};
        textHits = new Set(Object.keys(bySlug).filter(function (slug) { return bySlug[slug] > 0; }));
        update();
      })
      .catch(function () {
        if (run !== searchRun) return;
        textHits = null;
        notice.textContent = MESSAGES.no_text_search;
        update();
      });
  }

  // An export's name says what it holds: smart-governance-cases_area-open-data_sdg-16.csv.
  function exportName(extension) {
    var parts = ["smart-governance-cases" + (data.language === "en" ? "" : "-" + data.language)];
    var used = filtersUsed();
    Object.keys(used).forEach(function (name) { parts.push(name + "-" + [].concat(used[name]).join("-")); });
    var name = parts.join("_").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9_]+/g, "-").replace(/-+(_|$)/g, "$1").slice(0, 120);
    return name + extension;
  }

  // The same two rules as every CSV the site writes (govkb/csvtext.py): a ' before any line start a
  // spreadsheet would run as a formula, and quotes around a field with a separator, quote, CR or LF.
  function csvCell(value) {
    value = String(value).replace(/(^|[\r\n])(?=[=+\-@\t])/g, "$1'");
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function dataset() {
    return data.dataset || {};
  }

  // One case as the exports hold it: ids with their names in the page's language.
  function exportRecord(item) {
    var optional = function (values) { return values[0] === "none" ? "" : values[0]; };
    return {
      slug: item.slug, title: item.title, city_ids: item.city, city_names: names("city", item.city),
      country_codes: item.country, country_names: names("country", item.country),
      regions: names("region", item.region), area_ids: item.area, area_names: names("area", item.area),
      sdgs: item.sdg, sdg_titles: names("sdg", item.sdg), source: names("source", item.source).join("; "),
      contributed_by: item.contributed_by, status: optional(item.status), year_started: optional(item.started),
      last_reviewed: item.reviewed, summary: item.summary, url: new URL(item.url, siteRoot).href
    };
  }

  function names(facet, values) {
    return values.map(function (value) { return data.labels[facet][value] || value; });
  }

  function download(content, type, extension) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = exportName(extension);
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // Column names are the data's own, the same in every language, so a script can read any edition's file; ids
  // come with their names in the page's language (lists: ids joined by spaces, names by "; "). Every row ends
  // with the filters that made the file, the dataset's version and its licence.
  var CSV_COLUMNS = ["slug", "title", "city_ids", "city_names", "country_codes", "country_names", "regions",
    "area_ids", "area_names", "sdgs", "sdg_titles", "source", "contributed_by", "status", "year_started",
    "last_reviewed", "summary", "url"];
  var ID_LISTS = ["city_ids", "country_codes", "area_ids", "sdgs"];

  function exportCsv() {
    var about = [filterQuery(), dataset().version || "", dataset().licence || ""];
    var rows = [CSV_COLUMNS.concat(["filters", "dataset_version", "licence"])];
    matching.forEach(function (item) {
      var record = exportRecord(item);
      rows.push(CSV_COLUMNS.map(function (name) {
        var value = record[name];
        return Array.isArray(value) ? value.join(ID_LISTS.indexOf(name) === -1 ? "; " : " ") : value;
      }).concat(about));
    });
    // A byte-order mark, so that Excel on Windows reads the file as UTF-8 and keeps its accents.
    var csv = "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    download(csv, "text/csv;charset=utf-8", ".csv");
  }

  function exportJson() {
    var content = {
      dataset: dataset(), language: data.language, filters: filtersUsed(),
      explorer_url: new URL(address(), location.href).href,
      cases_shown: matching.length, cases_in_dataset: data.cases.length, cases: matching.map(exportRecord)
    };
    download(JSON.stringify(content, null, 1) + "\n", "application/json", ".json");
  }

  function copyLink() {
    var url = location.href;
    var done = function () { notice.textContent = MESSAGES.copied; };
    var offer = function () { notice.textContent = say(MESSAGES.copy_this, { url: url }); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, offer);
    } else {
      offer();
    }
  }

  function setOpen(open) {
    root.classList.toggle("kb-explorer--open", open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  // A facet's find box hides the options whose names do not contain the words, accents optional.
  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function findOption(box) {
    var wanted = fold(box.value.trim());
    box.parentNode.querySelectorAll("li").forEach(function (item) {
      var name = fold(item.querySelector("[data-option-name]").textContent);
      item.hidden = wanted !== "" && name.indexOf(wanted) === -1;
    });
  }

  function start(loaded) {
    data = loaded;
    if (pager) pager.hidden = true;
    readUrl();
    history.replaceState({ explorer: true }, "", location.href);
    form.addEventListener("change", function (event) {
      if (event.target.matches("[data-find]")) return;
      remember(false);
      update();
    });
    text.addEventListener("input", function () {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        remember(true);
        searchText();
      }, TYPING_PAUSE);
    });
    form.addEventListener("input", function (event) {
      if (event.target.matches("[data-find]")) findOption(event.target);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        form.querySelectorAll("[data-find]").forEach(findOption);
        remember(false);
        searchText();
      }, 0);
    });
    window.addEventListener("popstate", function () {
      readUrl();
      typingEntry = false;
      searchText();
    });
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    closer.addEventListener("click", function () {
      setOpen(false);
      toggle.focus();
      list.scrollIntoView({ block: "start" });
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("kb-explorer--open")) {
        setOpen(false);
        toggle.focus();
      }
    });
    more.addEventListener("click", function () { shown += STEP; render(); });
    root.querySelector("[data-export]").addEventListener("click", exportCsv);
    root.querySelector("[data-export-json]").addEventListener("click", exportJson);
    root.querySelector("[data-copy]").addEventListener("click", copyLink);
    searchText();
  }

  fetch(root.getAttribute("data-source"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(start)
    .catch(function () {
      root.classList.add("kb-explorer--failed");
      status.textContent = MESSAGES.unavailable;
    });
})();
