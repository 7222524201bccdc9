// Narrows the timeline to chosen actors, locations, tags and dates, without leaving the page.
// Without JavaScript the form stays hidden and the page lists entries as built, with links to
// every actor, location, tag and year page. The filter lives in the URL (?actor=…&from=…), so a
// filtered view can be shared. Entries come from entries.js (a script, so that it also loads
// from the file system); every text is set as text, never as HTML.
(function () {
  "use strict";
  const form = document.querySelector("form.filter");
  if (!form) return;
  const results = document.querySelector(".filter-results");
  const listing = document.querySelector(".listing");
  const status = form.querySelector(".filter-status");
  const chosenList = form.querySelector("ul.chosen");
  const inputs = Array.from(form.querySelectorAll("input[data-facet]"));
  const from = form.querySelector("#filter-from");
  const to = form.querySelector("#filter-to");
  const year = form.querySelector("#filter-year");
  const root = form.dataset.root;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const FIELDS = { actor: 3, location: 4, tag: 5 }; // where each facet's names are in an entry's row
  const LABELS = { actor: "Actor", location: "Location", tag: "Tag" };
  let entries = null; // [date, title, page, actors, locations, tags], oldest first
  let names = null; // facet -> Map(lower-case name -> name)
  let chosen = { actor: [], location: [], tag: [] };
  const SHOWN = 100; // matching entries listed at first, and more at each "Show more": each change stays instant at 10,000 entries
  let limit = SHOWN;

  function load() {
    if (entries) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = form.dataset.entries;
      script.onload = function () {
        entries = window.timelineEntries || [];
        names = {};
        for (const facet in FIELDS) {
          const found = new Map();
          for (const row of entries) for (const name of row[FIELDS[facet]]) found.set(name.toLowerCase(), name);
          names[facet] = found;
          const datalist = document.getElementById(form.querySelector("input[data-facet=" + facet + "]").getAttribute("list"));
          const sorted = Array.from(found.values()).sort(function (a, b) { return a.localeCompare(b); });
          datalist.replaceChildren.apply(datalist, sorted.map(function (name) { const option = document.createElement("option"); option.value = name; return option; }));
        }
        resolve();
      };
      script.onerror = function () { reject(new Error("entries.js could not be loaded")); };
      document.head.appendChild(script);
    });
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    chosen = { actor: params.getAll("actor"), location: params.getAll("location"), tag: params.getAll("tag") };
    from.value = params.get("from") || "";
    to.value = params.get("to") || "";
    syncYear();
  }

  function toUrl() {
    const params = new URLSearchParams();
    for (const facet in chosen) for (const name of chosen[facet]) params.append(facet, name);
    if (from.value) params.set("from", from.value);
    if (to.value) params.set("to", to.value);
    const query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  function active() {
    return chosen.actor.length + chosen.location.length + chosen.tag.length > 0 || from.value !== "" || to.value !== "";
  }

  function syncYear() {
    const match = /^(\d{4})-01-01$/.exec(from.value);
    year.value = match && to.value === match[1] + "-12-31" ? match[1] : "";
  }

  function matches(row) {
    if (from.value && row[0] < from.value) return false;
    if (to.value && row[0] > to.value) return false;
    for (const facet in FIELDS) {
      const wanted = chosen[facet];
      if (wanted.length && !row[FIELDS[facet]].some(function (name) { return wanted.indexOf(name) >= 0; })) return false;
    }
    return true;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function longDate(iso) {
    const parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function showChosen() {
    const items = [];
    for (const facet in chosen) {
      for (const name of chosen[facet]) {
        const button = element("button", "", "remove");
        button.type = "button";
        button.append(LABELS[facet] + ": " + name + " ");
        button.append(element("span", "×", ""));
        button.setAttribute("aria-label", "Remove " + LABELS[facet].toLowerCase() + " " + name);
        button.addEventListener("click", function () {
          chosen[facet] = chosen[facet].filter(function (other) { return other !== name; });
          update();
        });
        const item = element("li", "", "");
        item.append(button);
        items.push(item);
      }
    }
    chosenList.replaceChildren.apply(chosenList, items);
  }

  function render(more) {
    limit = more ? limit + SHOWN : SHOWN;
    showChosen();
    if (!active()) {
      results.hidden = true;
      listing.hidden = false;
      status.textContent = "";
      return;
    }
    const found = entries.filter(matches);
    status.textContent = found.length === 1 ? "1 entry matches." : found.length + " entries match.";
    const sections = [];
    let yearSection = null, monthList = null, current = "";
    for (const row of found.slice(0, limit)) { // oldest first, as on the built pages
      if (row[0].slice(0, 4) !== current.slice(0, 4)) {
        yearSection = element("section", "", "year");
        const heading = element("h2", row[0].slice(0, 4), "year-title");
        yearSection.append(heading);
        sections.push(yearSection);
      }
      if (row[0].slice(0, 7) !== current.slice(0, 7)) {
        const month = element("section", "", "month");
        month.append(element("h3", MONTHS[Number(row[0].slice(5, 7)) - 1] + " " + row[0].slice(0, 4), "month-title"));
        monthList = element("ol", "", "entries");
        month.append(monthList);
        yearSection.append(month);
      }
      current = row[0];
      const item = element("li", "", "entry");
      const time = element("time", longDate(row[0]), "");
      time.dateTime = row[0];
      const title = element("h4", "", "entry-title");
      const link = element("a", row[1], "");
      link.href = root + row[2] + "index.html"; // as the pages link: it opens from the file system too
      title.append(link);
      item.append(time, title);
      const meta = row[3].concat(row[4]).join(", ");
      if (meta) item.append(element("p", meta, "meta"));
      monthList.append(item);
    }
    if (found.length > limit) { // a few hundred at a time keeps each change instant on a large timeline
      const next = Math.min(SHOWN, found.length - limit);
      const button = element("button", "Show " + next + " more (" + limit + " of " + found.length + " shown)", "more");
      button.type = "button";
      button.addEventListener("click", function () {
        render(true);
        const again = results.querySelector("button.more");
        if (again) again.focus();
      });
      sections.push(button);
    }
    results.replaceChildren.apply(results, sections);
    results.hidden = false;
    listing.hidden = true;
  }

  function update() {
    toUrl();
    render(false);
  }

  function addTyped() {
    const unknown = [];
    for (const input of inputs) {
      const typed = input.value.trim();
      if (!typed) continue;
      const name = names[input.dataset.facet].get(typed.toLowerCase());
      if (name === undefined) {
        unknown.push(typed);
        continue;
      }
      if (chosen[input.dataset.facet].indexOf(name) < 0) chosen[input.dataset.facet].push(name);
      input.value = "";
    }
    update();
    if (unknown.length) status.textContent = "No entry names " + unknown.join(", ") + ". " + status.textContent;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load().then(addTyped, failed);
  });
  year.addEventListener("change", function () {
    from.value = year.value ? year.value + "-01-01" : "";
    to.value = year.value ? year.value + "-12-31" : "";
    load().then(update, failed);
  });
  for (const input of [from, to]) {
    input.addEventListener("change", function () { syncYear(); load().then(update, failed); });
  }
  for (const input of inputs) {
    input.addEventListener("focus", function () { load().catch(failed); }, { once: true });
  }
  form.querySelector("button.clear").addEventListener("click", function () {
    chosen = { actor: [], location: [], tag: [] };
    from.value = to.value = "";
    for (const input of inputs) input.value = "";
    syncYear();
    if (entries) update(); else toUrl();
  });

  function failed(error) {
    status.textContent = "The filter could not load the entries (" + error.message + "). The links above still work.";
  }

  form.hidden = false;
  fromUrl();
  if (active()) load().then(function () { render(false); }, failed);
})();
