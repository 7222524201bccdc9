// The search page: asks the Pagefind index in pagefind/ for the words in ?q= and lists what it finds,
// with title, date and a snippet. Text from the index is set as text; only Pagefind's <mark>
// highlights are kept from its snippets.
(function () {
  "use strict";
  const form = document.querySelector("form.search-page");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const root = new URL(form.dataset.root, location.href);
  let pagefind = null;

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
      link.href = new URL(data.url.replace(/^\//, ""), root).href;
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
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    search(words).catch(function (error) {
      status.textContent = location.protocol === "file:" ?
        "Search works once the site is served over HTTP (the timeline, actor and location pages work from the file system)." :
        "Search is not available: " + error.message;
    });
  }

  const words = new URLSearchParams(location.search).get("q") || "";
  input.value = words;
  run(words.trim());
})();
