// Narrows the map page to the entries the timeline's filter would show: the same ?actor=…&location=…&tag=…&from=…&to=…
// (see filter.js). Without JavaScript, or without a query, the map shows every entry as built. Entries come from
// entries.js; each point is found by its link, as entries.js names the places' pages. Texts are set as text only.
(function () {
  "use strict";
  const figure = document.querySelector("figure.world-map");
  const params = new URLSearchParams(location.search);
  const wanted = { 3: params.getAll("actor"), 4: params.getAll("location"), 5: params.getAll("tag") }; // by column of an entry's row
  const from = params.get("from") || "", to = params.get("to") || "";
  if (!figure || (!from && !to && !wanted[3].length && !wanted[4].length && !wanted[5].length)) return;
  const LETTERS = { "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h", "ʿ": "", "ʼ": "" };
  function fold(text) { // as filter.js and the build's registry compare names
    return text.replace(/[ıłøđßæœħʿʼ]/g, function (c) { return LETTERS[c]; }).normalize("NFKD").replace(/[^\x00-\x7f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().replace(/^the /, "");
  }
  function table(rows) { // folded name or alias -> [the name, and the country and region it is in]
    const found = new Map();
    for (const row of rows) for (const alias of row[1]) if (!found.has(fold(alias))) found.set(fold(alias), row);
    for (const row of rows) found.set(fold(row[0]), row);
    return found;
  }
  const script = document.createElement("script");
  script.src = figure.dataset.entries;
  script.onload = function () {
    const names = window.timelineNames || {};
    const known = { 3: table(names.actors || []), 4: table(names.locations || []), 5: new Map() };
    function names_of(column, written) { // the name an entry's name stands for, then the places a place is in, folded
      const found = [], todo = [written];
      while (todo.length) {
        const next = todo.shift(), row = known[column].get(fold(next)), name = fold(row ? row[0] : next);
        if (found.indexOf(name) < 0) { found.push(name); if (row) todo.push.apply(todo, row.slice(2).filter(Boolean)); }
      }
      return found;
    }
    const want = {};
    for (const column in wanted) want[column] = wanted[column].map(function (name) { return names_of(column, name)[0]; });
    const counts = new Map(); // a place page's link -> matching entries that name it
    let shown = 0;
    for (const row of window.timelineEntries || []) {
      if ((from && row[0] < from) || (to && row[0] > to)) continue;
      let ok = true;
      for (const column in want) {
        if (!want[column].length) continue;
        const has = [].concat.apply([], row[column].map(function (name) { return names_of(column, name); }));
        if (!want[column].some(function (name) { return has.indexOf(name) >= 0; })) ok = false;
      }
      if (!ok) continue;
      shown++;
      const places = new Set(row[4].map(function (name) { return (names.pages || {}).locations[name]; }).filter(Boolean));
      places.forEach(function (page) { const link = figure.dataset.root + page + "index.html"; counts.set(link, (counts.get(link) || 0) + 1); });
    }
    const svg = figure.querySelector("svg");
    const [least, most] = svg.dataset.r.split(" ").map(Number);
    const biggest = Math.max.apply(null, [1].concat(Array.from(counts.values())));
    const gone = new Set(); // the names of the places no entry shown names: their labels go too
    for (const link of svg.querySelectorAll("a")) {
      const count = counts.get(link.getAttribute("href")) || 0;
      const name = link.getAttribute("aria-label").replace(/: [\d,]+ entr(y|ies)$/, "");
      const label = name + ": " + count + (count === 1 ? " entry" : " entries");
      link.style.display = count ? "" : "none";
      if (!count) gone.add(name);
      link.setAttribute("aria-label", label);
      link.querySelector("title").textContent = label;
      link.querySelector("circle").setAttribute("r", (least + (most - least) * Math.sqrt(count / biggest)).toFixed(3));
    }
    for (const text of svg.querySelectorAll("g.labels text")) if (gone.has(text.textContent)) text.style.display = "none";
    for (const item of document.querySelectorAll("ol.map-places li")) {
      const count = counts.get(item.querySelector("a").getAttribute("href")) || 0;
      item.hidden = !count;
      item.querySelector(".count").textContent = count + (count === 1 ? " entry" : " entries");
    }
    const status = document.querySelector(".map-status");
    const what = Array.prototype.concat(wanted[3], wanted[4], wanted[5]).join(", ");
    status.textContent = "Showing " + shown + (shown === 1 ? " entry" : " entries") + (what ? " naming " + what : "") +
      (from || to ? (from ? " from " + from : "") + (to ? " to " + to : "") : "") + ". ";
    const all = document.createElement("a");
    all.href = location.pathname;
    all.textContent = "Show every entry";
    status.appendChild(all);
    status.hidden = false;
  };
  document.head.appendChild(script);
})();
