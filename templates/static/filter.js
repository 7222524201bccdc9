// Narrows the timeline to chosen actors, locations, tags and dates, without leaving the page.
// Without JavaScript the form stays hidden and the page lists entries as built, with links to
// every actor, location, tag and year page. The filter lives in the URL (?actor=…&from=…), so a
// filtered view can be shared. Entries come from entries.js (a script, so that it also loads
// from the file system), fetched on first use; every text is set as text, never as HTML.
// Matching entries are listed as the built pages list them. On a narrow screen the fields fold
// behind one button. Each change tells the page which entries are shown: the event
// "timeline:filtered" with detail {dates: [their ISO dates]}; a range set in #filter-from and
// #filter-to by another script, then a "change" on them, applies as if typed.
(function () {
  "use strict";
  const form = document.querySelector("form.filter");
  if (!form) return;
  const results = document.querySelector(".filter-results");
  const listing = document.querySelector(".listing");
  const status = form.querySelector(".filter-status");
  const chosenList = form.querySelector("ul.chosen");
  const toggle = form.querySelector(".filter-toggle");
  const count = form.querySelector(".filter-count");
  const inputs = Array.from(form.querySelectorAll("input[data-facet]"));
  const from = form.querySelector("#filter-from");
  const to = form.querySelector("#filter-to");
  const year = form.querySelector("#filter-year");
  const root = form.dataset.root;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const FIELDS = { actor: 3, location: 4, tag: 5 }; // where each facet's names are in an entry's row
  const LABELS = { actor: "Actor", location: "Location", tag: "Tag" };
  let entries = null; // [date, title, page, actors, locations, tags, summary], oldest first
  let pages = { actors: {}, locations: {} }; // the page of each actor and place, by every name entries write
  let names = null; // facet -> Names: every name the filter can be given, and what each entry is found by
  let chosen = { actor: [], location: [], tag: [] };
  const SHOWN = 100; // matching entries listed at first, and more at each "Show more": each change stays instant at 10,000 entries
  let limit = SHOWN;
  // names are compared as the build's registry compares them (name_key): no case, accents, punctuation or leading "the"
  const LETTERS = { "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h", "ʿ": "", "ʼ": "" };

  function fold(text) {
    return text.replace(/[ıłøđßæœħʿʼ]/g, function (c) { return LETTERS[c]; }).normalize("NFKD").replace(/[^\x00-\x7f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().replace(/^the /, "");
  }

  // The names of one facet: the registry's (from entries.js, after the entries), each with its other names, and those entries write.
  function Names(table, rows, field) {
    const canonical = new Map(); // folded name or alias -> the name it stands for; a name wins over another's alias
    for (const item of table) for (const alias of item[1]) if (!canonical.has(fold(alias))) canonical.set(fold(alias), item[0]);
    for (const item of table) canonical.set(fold(item[0]), item[0]);
    const all = new Set(table.map(function (item) { return item[0]; }));
    const resolved = new Map();
    this.of = function (written) { // the name an entry's name stands for
      let name = resolved.get(written);
      if (name === undefined) {
        name = canonical.get(fold(written)) || written;
        resolved.set(written, name);
        all.add(name);
      }
      return name;
    };
    const inside = new Map(); // place -> the country and region it is in, as the filter names them
    for (const item of table) {
      const around = item.slice(2).filter(Boolean).map(this.of);
      if (around.length) inside.set(item[0], around);
    }
    this.around = function (place) { // the places a place is in, and those they are in
      const found = [];
      const todo = (inside.get(place) || []).slice();
      while (todo.length) {
        const next = todo.shift();
        if (next !== place && found.indexOf(next) < 0) { found.push(next); todo.push.apply(todo, inside.get(next) || []); }
      }
      return found;
    };
    for (const row of rows) for (const written of row[field]) this.of(written);
    this.all = function () { return Array.from(all).sort(function (a, b) { return a.localeCompare(b); }); };
    this.has = function (name) { return all.has(name); };
    // The name typed stands for: its very name or another name of it, else the one name that begins so; none if several do.
    this.find = function (typed) {
      const key = fold(typed);
      if (!key) return { found: [] };
      const exact = Array.from(all).filter(function (name) { return name.toLowerCase() === typed.toLowerCase(); });
      if (exact.length === 1) return { found: exact };
      if (canonical.has(key)) return { found: [canonical.get(key)] };
      const same = Array.from(all).filter(function (name) { return fold(name) === key; });
      if (same.length) return { found: same.slice(0, 1), several: same.length > 1 ? same : null };
      const begin = new Set();
      canonical.forEach(function (name, folded) { if (folded.startsWith(key)) begin.add(name); });
      all.forEach(function (name) { if (fold(name).startsWith(key)) begin.add(name); });
      const found = Array.from(begin).sort(function (a, b) { return a.localeCompare(b); });
      return found.length === 1 ? { found: found } : { found: [], several: found.length ? found : null };
    };
  }

  function load() {
    if (entries) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = form.dataset.entries;
      script.onload = function () {
        const table = window.timelineNames || {};
        const rows = window.timelineEntries || [];
        pages = table.pages || pages;
        names = {
          actor: new Names(table.actors || [], rows, FIELDS.actor),
          location: new Names(table.locations || [], rows, FIELDS.location),
          tag: new Names([], rows, FIELDS.tag),
        };
        for (const row of rows) { // what each entry is found by: the names its names stand for, and for places, what they are in
          row.found = {};
          for (const facet in FIELDS) {
            const own = row[FIELDS[facet]].map(names[facet].of);
            row.found[facet] = facet === "location" ? own.concat.apply(own, own.map(names.location.around)) : own;
          }
        }
        entries = rows;
        for (const facet in FIELDS) {
          chosen[facet] = chosen[facet].map(function (name) { const found = names[facet].find(name).found; return found.length ? found[0] : name; });
          const datalist = document.getElementById(form.querySelector("input[data-facet=" + facet + "]").getAttribute("list"));
          datalist.replaceChildren.apply(datalist, names[facet].all().map(function (name) { const option = document.createElement("option"); option.value = name; return option; }));
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
    return filters() > 0;
  }

  function filters() { // how many the fold button counts: each name, and the dates as one
    return chosen.actor.length + chosen.location.length + chosen.tag.length + (from.value !== "" || to.value !== "" ? 1 : 0);
  }

  function unfold(open) {
    form.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
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
      if (wanted.length && !row.found[facet].some(function (name) { return wanted.indexOf(name) >= 0; })) return false;
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

  function chip(text, label, remove) {
    const button = element("button", "", "remove");
    button.type = "button";
    button.append(text + " ");
    button.append(element("span", "×", ""));
    button.setAttribute("aria-label", label);
    button.addEventListener("click", remove);
    const item = element("li", "", "");
    item.append(button);
    return item;
  }

  function showChosen() {
    const items = [];
    for (const facet in chosen) {
      for (const name of chosen[facet]) {
        items.push(chip(LABELS[facet] + ": " + name, "Remove " + LABELS[facet].toLowerCase() + " " + name, function () {
          chosen[facet] = chosen[facet].filter(function (other) { return other !== name; });
          update();
        }));
      }
    }
    if (from.value || to.value) {
      const dates = from.value && to.value ? longDate(from.value) + " – " + longDate(to.value) : from.value ? "From " + longDate(from.value) : "Until " + longDate(to.value);
      items.push(chip("Dates: " + dates, "Remove the dates", function () {
        from.value = to.value = "";
        syncYear();
        update();
      }));
    }
    chosenList.replaceChildren.apply(chosenList, items);
    count.textContent = filters() ? " (" + filters() + ")" : "";
    toggle.setAttribute("aria-label", filters() ? "Filter, " + filters() + " active" : "Filter");
  }

  function filtered(rows) { // tells the page's other scripts (the time axis) which entries are listed
    document.dispatchEvent(new CustomEvent("timeline:filtered", { detail: { dates: rows.map(function (row) { return row[0]; }) } }));
  }

  function termLinks(names, kind, label) { // as _macros.html's term_links, the first data-most-names names and how many more
    const span = element("span", "", "terms");
    const most = Number(form.dataset.mostNames) || names.length;
    span.append(element("span", label + ":", "label"), " ");
    names.slice(0, most).forEach(function (name, at) {
      if (at) span.append(", ");
      const path = pages[kind][name];
      if (path === undefined) { span.append(name); return; }
      const link = element("a", name, "");
      link.href = root + path + "index.html";
      span.append(link);
    });
    if (names.length > most) span.append(" ", element("span", "+" + (names.length - most) + " more", "more"));
    return span;
  }

  function entryItem(row) { // as _macros.html's entry_item
    const item = element("li", "", "entry");
    const time = element("time", longDate(row[0]), "");
    time.dateTime = row[0];
    const title = element("h4", "", "entry-title");
    const link = element("a", row[1], "");
    link.href = root + row[2] + "index.html"; // as the pages link: it opens from the file system too
    title.append(link);
    item.append(time, title);
    if (row[6]) item.append(element("p", row[6], ""));
    if (row[3].length || row[4].length) {
      const meta = element("p", "", "meta");
      if (row[3].length) meta.append(termLinks(row[3], "actors", "Actors"));
      if (row[3].length && row[4].length) meta.append(" ");
      if (row[4].length) meta.append(termLinks(row[4], "locations", "Locations"));
      item.append(meta);
    }
    return item;
  }

  function render(more) {
    limit = more ? limit + SHOWN : SHOWN;
    showChosen();
    if (!active()) {
      results.hidden = true;
      listing.hidden = false;
      status.textContent = "";
      if (!more && entries) filtered(entries);
      return;
    }
    const found = entries.filter(matches);
    if (!more) filtered(found);
    status.textContent = found.length === 1 ? "1 entry matches." : found.length + " entries match.";
    const sections = [];
    const eras = JSON.parse(form.dataset.eras || "[]"), headed = new Set(); // [title, start, end, description]: as _macros.html heads them
    let yearSection = null, month = null, monthList = null, current = "";
    for (const row of found.slice(0, limit)) { // oldest first, as on the built pages
      if (row[0].slice(0, 4) !== current.slice(0, 4)) {
        yearSection = element("section", "", "year");
        const heading = element("h2", row[0].slice(0, 4), "year-title");
        yearSection.append(heading);
        sections.push(yearSection);
      }
      if (row[0].slice(0, 7) !== current.slice(0, 7)) {
        month = element("section", "", "month");
        month.append(element("h3", MONTHS[Number(row[0].slice(5, 7)) - 1] + " " + row[0].slice(0, 4), "month-title"));
        monthList = null;
        yearSection.append(month);
      }
      eras.forEach(function (era, at) { // an era's heading before the first listed entry within it
        if (headed.has(at) || row[0] < era[1] || row[0] > era[2]) return;
        headed.add(at);
        const heading = element("p", "", "era-title");
        heading.append(element("span", "Era", "era-label"), " " + era[0] + " ", element("span", longDate(era[1]) + " to " + longDate(era[2]), "era-dates"));
        month.append(heading);
        if (era[3]) month.append(element("p", era[3], "era-about"));
        monthList = null;
      });
      if (!monthList) {
        monthList = element("ol", "", "entries");
        month.append(monthList);
      }
      current = row[0];
      monthList.append(entryItem(row));
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
    const unknown = [], unclear = [];
    for (const input of inputs) {
      const typed = input.value.trim();
      if (!typed) continue;
      const match = names[input.dataset.facet].find(typed);
      if (!match.found.length) {
        if (match.several) unclear.push(typed + " could be " + match.several.slice(0, 5).join(", ") + (match.several.length > 5 ? ", …" : ""));
        else unknown.push(typed);
        continue;
      }
      const name = match.found[0];
      if (chosen[input.dataset.facet].indexOf(name) < 0) chosen[input.dataset.facet].push(name);
      input.value = "";
    }
    update();
    if (unclear.length) status.textContent = unclear.join("; ") + ": type more of the name. " + status.textContent;
    if (unknown.length) status.textContent = "No entry names " + unknown.join(", ") + ". " + status.textContent;
  }

  form.addEventListener("submit", function (event) { // Enter in a date field, say: nothing to send anywhere
    event.preventDefault();
    load().then(addTyped, failed);
  });
  for (const input of inputs) {
    input.addEventListener("keydown", function (event) { // with no submit button, Enter in one of several fields submits nothing
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      load().then(addTyped, failed);
    });
    input.addEventListener("input", function (event) { // a suggestion chosen (not typed, letter by letter) is added at once
      const typing = event.inputType && event.inputType !== "insertReplacementText";
      if (!typing && names && names[input.dataset.facet].has(input.value)) addTyped();
    });
  }
  toggle.addEventListener("click", function () {
    const open = !form.classList.contains("open");
    unfold(open);
    if (open) load().catch(failed); // the names are there by the time one is typed
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
    if (entries) update(); else { toUrl(); showChosen(); }
  });

  function failed(error) {
    status.textContent = "The filter could not load the entries (" + error.message + "). The links above still work.";
  }

  form.hidden = false;
  fromUrl();
  showChosen();
  if (active()) load().then(function () { render(false); }, failed);
})();
