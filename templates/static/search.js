// The search page: the actors, places and tags whose name or other name holds the words in ?q=
// (from search/names.json), then what the Pagefind index in pagefind/ finds for them, with title,
// date and a snippet. Text is set as text; only Pagefind's <mark> highlights are kept from its snippets.
(function () {
  "use strict";
  const form = document.querySelector("form.search-page");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const root = new URL(form.dataset.root, location.href);
  const nameSection = document.querySelector(".name-results");
  let pagefind = null;
  let names = null;

  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  async function findNames(words) {
    if (!names) {
      const response = await fetch(new URL(form.dataset.names, location.href));
      if (!response.ok) throw new Error("search/names.json: " + response.status);
      names = (await response.json()).map(function (row) {
        return { name: row[0], kind: row[1], page: row[2], count: row[3], aliases: row[4], keys: [row[0]].concat(row[4]).map(folded) };
      });
    }
    const wanted = folded(words);
    const rank = function (entry) {
      if (entry.keys.indexOf(wanted) >= 0) return 0; // the very name, or another name of it
      if (entry.keys.some(function (key) { return key.startsWith(wanted); })) return 1;
      return entry.keys.some(function (key) { return key.indexOf(wanted) >= 0; }) ? 2 : -1;
    };
    const found = names.map(function (entry) { return [rank(entry), entry]; }).filter(function (pair) { return pair[0] >= 0; });
    found.sort(function (a, b) { return a[0] - b[0] || b[1].count - a[1].count || a[1].name.localeCompare(b[1].name); });
    const items = found.slice(0, 12).map(function (pair) {
      const entry = pair[1];
      const item = element("li", "", "");
      const link = element("a", entry.name, "");
      link.href = new URL(entry.page + "index.html", root).href;
      item.append(link, " ", element("span", entry.kind + " · " + entry.count + (entry.count === 1 ? " entry" : " entries"), "count"));
      const other = entry.aliases.filter(function (alias) { return folded(alias).indexOf(wanted) >= 0; });
      if (other.length) item.append(" ", element("span", "(also " + other.join(", ") + ")", "count")); // found by another name
      return item;
    });
    nameSection.querySelector("ul").replaceChildren.apply(nameSection.querySelector("ul"), items);
    nameSection.hidden = items.length === 0;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // Pagefind's excerpt is HTML: its text, with <mark> around the words found. Kept: text and marks, nothing else.
  function snippet(html) {
    const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    const out = element("p", "", "snippet");
    (function walk(from) {
      for (const child of from.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out.append(child.textContent);
        else if (child.nodeName === "MARK") out.append(element("mark", child.textContent, ""));
        else walk(child);
      }
    })(parsed);
    return out;
  }

  async function search(words) {
    if (!pagefind) {
      pagefind = await import(new URL(form.dataset.bundle, location.href).href);
      await pagefind.init();
    }
    const found = await pagefind.search(words);
    const shown = await Promise.all(found.results.slice(0, 30).map(function (result) { return result.data(); }));
    const items = shown.map(function (data) {
      const item = element("li", "", "result");
      const heading = element("h2", "", "result-title");
      const link = element("a", data.meta.title || data.url, "");
      link.href = new URL((data.raw_url || data.url).replace(/^\//, "").replace(/\/$/, "/index.html"), root).href; // raw_url: from the site root, which may be a sub-path
      heading.append(link);
      item.append(heading);
      if (data.meta.date) item.append(element("p", data.meta.date, "result-date"));
      if (data.meta.kind) item.append(element("p", data.meta.kind, "result-kind"));
      item.append(snippet(data.excerpt || ""));
      return item;
    });
    list.replaceChildren.apply(list, items);
    const total = found.results.length;
    status.textContent = total === 0 ? "Nothing found for “" + words + "”." :
      (total === 1 ? "1 result" : total + " results") + " for “" + words + "”" + (total > shown.length ? ", the first " + shown.length + " shown." : ".");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const words = input.value.trim();
    history.replaceState(null, "", words ? "?q=" + encodeURIComponent(words) : location.pathname);
    run(words);
  });

  function run(words) {
    if (!words) {
      list.replaceChildren();
      nameSection.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    Promise.all([findNames(words), search(words)]).catch(function (error) {
      status.textContent = location.protocol === "file:" ?
        "Search works once the site is served over HTTP (the timeline, actor and location pages work from the file system)." :
        "Search is not available: " + error.message;
    });
  }

  const words = new URLSearchParams(location.search).get("q") || "";
  input.value = words;
  run(words.trim());
})();
