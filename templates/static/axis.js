// Makes the activity strip (charts.py) a range control of the timeline's filter (filter.js): drag across it, or
// tap a bar, to narrow the list to that period; two handles, each a slider reachable by Tab and moved with the
// arrow keys, Page Up/Down, Home and End, adjust its ends. A range is set in #filter-from and #filter-to, then a
// "change" on them, so filter.js applies it and puts it in the URL (?from=…&to=…). On each change filter.js says
// which entries are listed ("timeline:filtered"): they are drawn over faint totals. Era titles are fitted again to
// the strip's width. Without JavaScript the strip stays a picture whose year labels link to the year pages.
(function () {
  "use strict";
  const strip = document.querySelector("figure.activity .strip");
  if (!strip) return;
  const figure = strip.closest("figure");
  const svg = strip.querySelector("svg");
  const bounds = strip.dataset.bounds.split(" "); // each bucket's first day, then the day after the last one
  const buckets = bounds.length - 1;
  const most = Number(strip.dataset.most) || 1;
  const from = document.getElementById("filter-from");
  const to = document.getElementById("filter-to");
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const SVG = "http://www.w3.org/2000/svg";
  const BOTTOM = 66; // where bars stand (charts.BARS_BOTTOM)
  const top = Number(strip.dataset.top); // where the tallest bar reaches
  const total = Number(strip.dataset.total); // entries the strip counts

  function fitEras() { // each title in its band: whole, cut short with an ellipsis, or left out
    for (const text of svg.querySelectorAll("text.era-name")) {
      const band = text.previousElementSibling;
      const room = band.getBBox().width - 8;
      const title = text.dataset.title;
      text.textContent = title;
      if (text.getComputedTextLength() <= room) continue;
      let keep = title.length - 1;
      while (keep >= 3) {
        text.textContent = title.slice(0, keep).trimEnd() + "…";
        if (text.getComputedTextLength() <= room) break;
        keep -= 1;
      }
      if (keep < 3) text.textContent = "";
    }
  }
  fitEras();
  window.addEventListener("resize", fitEras);

  function bucketOf(iso) { // the bucket that holds a day (clamped to the strip)
    let low = 0, high = buckets - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (bounds[mid] <= iso) low = mid; else high = mid - 1;
    }
    return low;
  }

  function dayBefore(iso) {
    const day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() - 1);
    return day.toISOString().slice(0, 10);
  }

  function longDate(iso) {
    const parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function bar(at, count, className) {
    const rect = document.createElementNS(SVG, "rect");
    const height = Math.round((BOTTOM - top) * count / most * 10) / 10;
    rect.setAttribute("x", (100 * at / buckets) + "%");
    rect.setAttribute("width", (100 / buckets) + "%");
    rect.setAttribute("y", String(BOTTOM - height));
    rect.setAttribute("height", String(height));
    if (className) rect.setAttribute("class", className);
    return rect;
  }

  // the entries the filter lists, over the faint totals
  const shown = document.createElementNS(SVG, "g");
  shown.setAttribute("class", "shown");
  svg.querySelector(".bars").after(shown);
  document.addEventListener("timeline:filtered", function (event) {
    const counts = new Array(buckets).fill(0);
    for (const iso of event.detail.dates) if (iso >= bounds[0] && iso < bounds[buckets]) counts[bucketOf(iso)] += 1;
    const all = svg.querySelectorAll(".bars rect").length;
    const narrowed = (from && from.value) || (to && to.value) || event.detail.dates.length < total;
    shown.replaceChildren.apply(shown, narrowed ? counts.map(function (count, at) { return count ? bar(at, count, "") : null; }).filter(Boolean) : []);
    figure.classList.toggle("filtered", Boolean(narrowed) && all > 0);
    showRange();
  });

  if (!from || !to) return; // a page without the filter: a picture with links
  // the chosen period: from the start of bucket `start` to the end of bucket `end - 1` (edges, 0 to buckets)
  let start = 0, end = buckets;
  const range = document.createElement("div");
  range.className = "range";
  range.hidden = true;
  strip.append(range);

  function handle(label) {
    const knob = document.createElement("div");
    knob.className = "handle";
    knob.tabIndex = 0;
    knob.setAttribute("role", "slider");
    knob.setAttribute("aria-label", label);
    knob.setAttribute("aria-valuemin", "0");
    knob.setAttribute("aria-valuemax", String(buckets));
    strip.append(knob);
    return knob;
  }
  const first = handle("Start of the period shown");
  const last = handle("End of the period shown");

  function place() {
    const whole = start === 0 && end === buckets;
    range.hidden = whole;
    range.style.left = (100 * start / buckets) + "%";
    range.style.width = (100 * (end - start) / buckets) + "%";
    first.style.left = (100 * start / buckets) + "%";
    last.style.left = (100 * end / buckets) + "%";
    first.setAttribute("aria-valuenow", String(start));
    last.setAttribute("aria-valuenow", String(end));
    first.setAttribute("aria-valuetext", longDate(bounds[start]));
    last.setAttribute("aria-valuetext", longDate(dayBefore(bounds[end])));
  }

  function showRange() { // the handles where the filter's dates are (set by the URL, the year menu, a chip removed)
    start = from.value ? Math.max(0, Math.min(buckets - 1, from.value < bounds[0] ? 0 : bucketOf(from.value))) : 0;
    end = to.value ? Math.max(start + 1, to.value >= bounds[buckets] ? buckets : bucketOf(to.value) + 1) : buckets;
    place();
  }

  function apply() { // the period, to the filter: the whole strip is no period at all
    const whole = start === 0 && end === buckets;
    from.value = whole ? "" : bounds[start];
    to.value = whole ? "" : dayBefore(bounds[end]);
    place();
    for (const input of [from, to]) input.dispatchEvent(new Event("change"));
  }

  function edgeAt(clientX) { // the nearest bucket edge to a point
    const box = strip.getBoundingClientRect();
    return Math.max(0, Math.min(buckets, Math.round((clientX - box.left) / box.width * buckets)));
  }

  function bucketAt(clientX) {
    const box = strip.getBoundingClientRect();
    return Math.max(0, Math.min(buckets - 1, Math.floor((clientX - box.left) / box.width * buckets)));
  }

  let dragging = null; // "new" (drawn across the strip), or the handle moved
  let anchor = 0;
  strip.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    dragging = event.target === first || event.target === last ? event.target : "new";
    anchor = bucketAt(event.clientX);
    if (dragging === "new") { start = anchor; end = anchor + 1; place(); }
    strip.setPointerCapture(event.pointerId);
    strip.classList.add("armed");
    event.preventDefault();
  });
  strip.addEventListener("pointermove", function (event) {
    if (!dragging) return;
    if (dragging === first) start = Math.min(edgeAt(event.clientX), end - 1);
    else if (dragging === last) end = Math.max(edgeAt(event.clientX), start + 1);
    else {
      const at = bucketAt(event.clientX);
      start = Math.min(anchor, at);
      end = Math.max(anchor, at) + 1;
    }
    place();
  });
  function done() {
    if (!dragging) return;
    dragging = null;
    strip.classList.remove("armed");
    apply();
  }
  strip.addEventListener("pointerup", done);
  strip.addEventListener("pointercancel", function () { // the page scrolled instead: the period stays as it was
    dragging = null;
    strip.classList.remove("armed");
    showRange();
  });

  for (const knob of [first, last]) {
    knob.addEventListener("keydown", function (event) {
      const page = Math.max(1, Math.round(buckets / 10));
      const moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -page, PageUp: page };
      const isFirst = knob === first;
      let edge = isFirst ? start : end;
      if (event.key in moves) edge += moves[event.key];
      else if (event.key === "Home") edge = 0;
      else if (event.key === "End") edge = buckets;
      else return;
      event.preventDefault();
      if (isFirst) start = Math.max(0, Math.min(edge, end - 1));
      else end = Math.min(buckets, Math.max(edge, start + 1));
      apply();
    });
  }
  showRange();
})();
