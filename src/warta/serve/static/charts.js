/* warta web app, charts: timeline, map, actor network. Written for warta (Apache-2.0).
 * Loaded after app.js, whose helpers (h, s, api, render, eventForm, …) it uses. */
"use strict";

/* ---------- timeline ---------- */
// Tableau 10: distinguishable colours (also in print) for the commonest types; the rest are "other".
const SERIES = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];
const OTHER = "#bab0ac";

function negatedBox(q) {
  return field("Negated / hypothetical too", h("input", { type: "checkbox", name: "include_negated", checked: q.include_negated === "true" }));
}

async function viewTimeline(q) {
  const f = await facets();
  const bucket = q.bucket || "month";
  const form = eventForm("timeline", q, f, [field("By", select("bucket", [["day"], ["week"], ["month"], ["year"]], bucket, "month")), negatedBox(q)]);
  const data = await api("/api/timeline", { ...pick(q, [...EVENT_FILTERS, "include_negated"]), bucket });
  const chart = h("div", { class: "chart", id: "timeline" });
  const periods = data.periods;
  if (!periods.length) chart.append(h("p", { class: "muted" }, "No dated events match."));
  else {
    const shown = data.types.slice(0, SERIES.length);
    const colourOf = new Map(shown.map((t, i) => [t, SERIES[i]]));
    const series = (t) => (colourOf.has(t) ? t : "other");
    const index = new Map(periods.map((p, i) => [p, i]));
    const stacks = new Map();
    for (const r of data.rows) {
      const key = `${r.period}|${series(r.type)}`;
      const cell = stacks.get(key) || { period: r.period, type: series(r.type), events: 0, articles: 0 };
      cell.events += r.events; cell.articles += r.articles || 0;
      stacks.set(key, cell);
    }
    const totals = new Array(periods.length).fill(0);
    for (const c of stacks.values()) totals[index.get(c.period)] += c.events;
    const max = Math.max(1, ...totals);
    const W = 960, H = 340, L = 44, R = 12, B = 48, T = 12;
    const bw = (W - L - R) / periods.length;
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `fused events per ${bucket} by type` });
    for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
      svg.append(s("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), stroke: "#e2e8f0" }), s("text", { x: L - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
    }
    const order = [...shown, "other"];
    const acc = new Array(periods.length).fill(0);
    for (const t of order) {
      for (const c of stacks.values()) {
        if (c.type !== t) continue;
        const i = index.get(c.period), base = acc[i];
        svg.append(s("rect", { class: "bar", x: (L + i * bw + Math.min(1, bw * 0.1)).toFixed(2), y: y(base + c.events).toFixed(2), width: Math.max(0.8, bw - Math.min(2, bw * 0.2)).toFixed(2), height: (y(base) - y(base + c.events)).toFixed(2), fill: colourOf.get(t) || OTHER, "data-type": t, "data-period": c.period },
          s("title", {}, `${c.period} ${t}: ${c.events} event(s), ${c.articles} article report(s)`)));
        acc[i] = base + c.events;
      }
    }
    // ticks at a readable spacing; every period keeps its slot, empty ones included
    const every = Math.max(1, Math.ceil(periods.length / 12));
    periods.forEach((p, i) => {
      if (i % every) return;
      const x = L + i * bw + bw / 2;
      svg.append(s("line", { x1: x, x2: x, y1: H - B, y2: H - B + 4, stroke: "#94a3b8" }), s("text", { class: "tick", x, y: H - B + 18, "text-anchor": x > W - R - 40 ? "end" : "middle" }, p));
    });
    svg.append(s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#94a3b8" }));
    const legend = h("div", { class: "legend", id: "timeline-legend" }, order.filter((t) => t !== "other" || data.types.length > shown.length).map((t) => {
      const sw = h("span", { class: "swatch" }); sw.style.background = colourOf.get(t) || OTHER;
      return h("span", { "data-type": t }, sw, t === "other" ? `other (${data.types.slice(shown.length).join(", ")})` : t);
    }));
    chart.append(svg, legend);
  }
  const note = `${periods.length} ${bucket}(s) from ${periods[0] || "—"} to ${periods[periods.length - 1] || "—"}, empty ones included` +
    (data.undated ? `; ${data.undated} event(s) without a date at this resolution not shown` : "") +
    (q.include_negated === "true" ? "" : "; negated and hypothetical events left out");
  render(h("h1", {}, "Timeline of events by type"), form, chart, h("p", { class: "meta", id: "timeline-note" }, note + "."));
}

/* ---------- map ---------- */
// An equirectangular map in SVG: K units per degree, y = -lat. Zoom with the wheel or the
// buttons, pan by dragging; places closer than a few pixels at the current zoom are merged
// into one proportional circle (its number of events), so dense islands stay readable.
let WORLD = null;
const K = 8;
const BOXES = { world: [-180, 84, 360, 144], indonesia: [94, 7, 48, 19], asia: [60, 55, 95, 67], java: [105, -5.5, 10, 3.6] };

function worldPaths(counts) {
  const sc = WORLD.scale;
  const max = Math.max(1, ...counts.values());
  return WORLD.countries.map((c) => {
    let d = "";
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) d += `${i ? "L" : "M"}${(ring[i] / sc * K).toFixed(1)} ${(-ring[i + 1] / sc * K).toFixed(1)}`;
      d += "Z";
    }
    const n = counts.get(c.id) || 0;
    const path = s("path", { d, class: n ? "land has" : "land", "data-country": c.id || "" }, s("title", {}, `${c.name}${n ? `: ${n} event(s)` : ""}`));
    if (n) path.style.fill = `rgba(220,38,38,${(0.1 + 0.45 * n / max).toFixed(2)})`;
    return path;
  });
}

function cluster(points, cell) {
  // greedy grid clustering in map units: one circle per occupied cell
  const cells = new Map();
  for (const p of points) {
    const x = p.lon * K, y = -p.lat * K;
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    const c = cells.get(key) || { x: 0, y: 0, events: 0, places: [] };
    c.x += x * p.events; c.y += y * p.events; c.events += p.events; c.places.push(p);
    cells.set(key, c);
  }
  return [...cells.values()].map((c) => ({ ...c, x: c.x / c.events, y: c.y / c.events }));
}

async function viewMap(q) {
  const f = await facets();
  if (!WORLD) WORLD = await api("/static/world.json");
  const level = q.level || "places";
  const data = await api("/api/map", pick(q, [...EVENT_FILTERS, "include_negated"]));
  const zoom = q.zoom || "world";
  const form = eventForm("map", q, f, [
    field("Zoom", select("zoom", Object.keys(BOXES).map((k) => [k]), zoom, "world")),
    field("Level", select("level", [["places"], ["provinces"], ["regencies"]], level, "places")),
    negatedBox(q)]);
  let [x0, y0, w, hgt] = (q.bbox ? q.bbox.split(",").map(Number) : null) || BOXES[zoom] || BOXES.world;
  if (![x0, y0, w, hgt].every(Number.isFinite) || w <= 0 || hgt <= 0) [x0, y0, w, hgt] = BOXES.world;
  const vb = { x: x0 * K, y: -y0 * K, w: w * K, h: hgt * K };
  const svg = s("svg", { viewBox: `${vb.x} ${vb.y} ${vb.w} ${vb.h}`, role: "img", "aria-label": "map of event locations", "data-level": level });
  const counts = new Map(data.countries.map((c) => [c.country, c.events]));
  svg.append(s("g", { class: "countries" }, worldPaths(counts)));
  const layer = s("g", { class: "points" });
  svg.append(layer);
  const areal = level === "provinces" || level === "regencies";
  const points = areal ? data[level].map((p) => ({ ...p, types: [] })) : data.points;
  const maxPt = Math.max(1, ...points.map((p) => p.events));
  const box = h("div", { class: "map", id: "map" }, svg);

  const unitsPerPixel = () => vb.w / Math.max(1, svg.getBoundingClientRect().width || 900);
  function drawPoints() {
    const upp = unitsPerPixel();
    const groups = areal ? points.map((p) => ({ x: p.lon * K, y: -p.lat * K, events: p.events, places: [p] })) : cluster(points, 30 * upp);
    layer.replaceChildren(...groups.map((g) => {
      const r = (3 + 13 * Math.sqrt(g.events / maxPt)) * upp;
      const names = g.places.slice(0, 6).map((p) => `${p.name || "?"}${p.country ? ", " + p.country : ""} (${p.events})`).join("; ") + (g.places.length > 6 ? `; and ${g.places.length - 6} more` : "");
      const el = s("g", { class: g.places.length > 1 ? "pt cluster" : "pt", "data-events": g.events, "data-places": g.places.length },
        s("circle", { cx: g.x.toFixed(2), cy: g.y.toFixed(2), r: r.toFixed(2) }),
        s("title", {}, `${g.events} event(s): ${names}`));
      if (g.places.length > 1 || areal) {
        const label = s("text", { x: g.x.toFixed(2), y: (g.y + 4 * upp).toFixed(2), "text-anchor": "middle" }, String(g.events));
        label.style.fontSize = `${(11 * upp).toFixed(2)}px`; // in map units: 11 screen pixels
        el.append(label);
      }
      return el;
    }));
  }
  function apply() {
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    drawPoints();
  }
  function zoomBy(factor, cx, cy) {
    const nw = Math.min(360 * K * 1.2, Math.max(0.5 * K, vb.w * factor));
    const k = nw / vb.w;
    vb.x = cx - (cx - vb.x) * k; vb.y = cy - (cy - vb.y) * k; vb.w = nw; vb.h *= k;
    apply(); remember();
  }
  function remember() {
    // the view goes into the URL (without reloading), so a shared link opens the same window
    const bbox = [vb.x / K, -vb.y / K, vb.w / K, vb.h / K].map((v) => v.toFixed(2)).join(",");
    history.replaceState(null, "", `#/map?${qs({ ...pick(q, [...EVENT_FILTERS, "include_negated", "level", "zoom"]), bbox })}`);
  }
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    const cx = vb.x + ((e.clientX - r.left) / r.width) * vb.w, cy = vb.y + ((e.clientY - r.top) / r.height) * vb.h;
    zoomBy(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y }; svg.setPointerCapture(e.pointerId); svg.classList.add("dragging"); });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const upp = unitsPerPixel();
    vb.x = drag.vx - (e.clientX - drag.x) * upp; vb.y = drag.vy - (e.clientY - drag.y) * upp;
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
  });
  const endDrag = () => { if (drag) { drag = null; svg.classList.remove("dragging"); remember(); } };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  const centre = () => [vb.x + vb.w / 2, vb.y + vb.h / 2];
  const controls = h("div", { class: "map-controls" },
    h("button", { type: "button", class: "secondary", id: "zoom-in", "aria-label": "zoom in", onclick: () => zoomBy(0.5, ...centre()) }, "+"),
    h("button", { type: "button", class: "secondary", id: "zoom-out", "aria-label": "zoom out", onclick: () => zoomBy(2, ...centre()) }, "−"),
    h("button", { type: "button", class: "secondary", onclick: () => go("map", { ...pick(q, [...EVENT_FILTERS, "level"]), zoom: "world" }) }, "World"),
    h("button", { type: "button", class: "secondary", onclick: () => go("map", { ...pick(q, [...EVENT_FILTERS, "level"]), zoom: "indonesia" }) }, "Indonesia"));
  const rows = level === "provinces"
    ? data.provinces.map((p) => h("tr", {}, h("td", {}, p.name), h("td", {}, p.code), h("td", { class: "num" }, String(p.events))))
    : level === "regencies"
      ? data.regencies.map((p) => h("tr", {}, h("td", {}, p.name), h("td", {}, p.province), h("td", { class: "num" }, String(p.events))))
      : data.points.slice(0, 30).map((p) => h("tr", {}, h("td", {}, h("a", { href: `#/events?${qs({ place: p.name || "" })}` }, p.name || "?")), h("td", {}, p.country || ""), h("td", { class: "num" }, String(p.events)), h("td", {}, p.types.join(", "))));
  const heads = { provinces: ["Province", "Code", "Events"], regencies: ["Regency or city", "Province", "Events"] };
  render(h("h1", {}, "Where events happened"), form, controls, box,
    h("p", { class: "meta" }, level === "provinces"
      ? `${data.provinces.length} Indonesian province(s) with located events, at the gazetteer's point for each province; countries shaded by events located in them.`
      : level === "regencies"
        ? `${data.regencies.length} Indonesian regencies and cities (kabupaten, kota) with located events, at the gazetteer's point for each; a place is counted in the regency it names or lies nearest to (within about 55 km).`
        : `${data.points.length} located place(s); nearby places are merged into one circle showing their number of events (zoom in to separate them); countries shaded by events located in them. Drag to pan, scroll or use + / − to zoom.`),
    rows.length ? h("div", { class: "table-wrap" }, h("table", { id: "map-table" }, h("thead", {}, h("tr", {}, (heads[level] || ["Place", "Country", "Events", "Types"]).map((t) => h("th", {}, t)))), h("tbody", {}, rows))) : null);
  drawPoints();
}

/* ---------- actor network ---------- */
function layout(nodes, edges, W, H) {
  // a small force layout: repulsion between all nodes, springs along edges, pull to the centre
  const n = nodes.length;
  nodes.forEach((nd, i) => { const a = (2 * Math.PI * i) / Math.max(1, n); nd.x = W / 2 + (W / 3) * Math.cos(a); nd.y = H / 2 + (H / 3) * Math.sin(a); });
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
  const pairs = [...new Set(edges.map((e) => [index.get(e.source), index.get(e.target)].sort((a, b) => a - b).join(",")))]
    .map((p) => p.split(",").map(Number)).filter(([i, j]) => i !== j);
  for (let step = 0; step < 250; step++) {
    const temp = (W / 10) * (1 - step / 250) + 1;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d2 = Math.max(0.01, x * x + y * y);
      if (d2 > 9 * k * k) continue; // far apart: no push, so separate groups stay in view
      const f = (k * k) / d2;
      dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
    }
    for (const [i, j] of pairs) {
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y, d = Math.max(0.1, Math.hypot(x, y)), f = d / k;
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (W / 2 - nodes[i].x) * 0.3; dy[i] += (H / 2 - nodes[i].y) * 0.3;
      const d = Math.max(0.01, Math.hypot(dx[i], dy[i])), m = Math.min(d, temp);
      nodes[i].x += (dx[i] / d) * m;
      nodes[i].y += (dy[i] / d) * m;
    }
  }
  // fit the drawing into the box, leaving room for labels on the right
  const xs = nodes.map((nd) => nd.x), ys = nodes.map((nd) => nd.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const nd of nodes) {
    nd.x = 30 + ((nd.x - x0) / Math.max(1, x1 - x0)) * (W - 150);
    nd.y = 30 + ((nd.y - y0) / Math.max(1, y1 - y0)) * (H - 60);
  }
}

const SECTOR_COLOURS = { GOV: "#4e79a7", MIL: "#e15759", COP: "#f28e2b", REB: "#b07aa1", CVL: "#59a14f", JUD: "#9c755f", LEG: "#76b7b2", BUS: "#edc948", IGO: "#ff9da7", MED: "#86bcb6" };
const sectorColour = (sector) => SECTOR_COLOURS[sector] || "#bab0ac";

function actorLink(a) {
  // a country-sector actor ("RUS GOV") filters by its codes, a named one by its name
  const m = /^([A-Z]{3}|IGO)(?: ([A-Z]{3}))?$/.exec(a.name);
  return m ? { actor_country: m[1], ...(m[2] ? { actor_sector: m[2] } : {}) } : { actor: a.name };
}

async function viewActors(q) {
  const f = await facets();
  const top = q.top || "40";
  const form = eventForm("actors", q, f, [field("Network: top pairs", select("top", [["20"], ["40"], ["80"], ["150"]], top, "40")), negatedBox(q)]);
  const filters = pick(q, [...EVENT_FILTERS, "include_negated"]);
  const [net, actors] = await Promise.all([
    api("/api/network", { ...filters, limit: top }),
    api("/api/actors", { ...filters, limit: 25, offset: q.offset || 0 }),
  ]);
  const W = 960, H = 600;
  const box = h("div", { class: "network", id: "network" });
  if (!net.edges.length) box.append(h("p", { class: "muted" }, "No events with both an actor and a recipient match."));
  else {
    layout(net.nodes, net.edges, W, H);
    const at = new Map(net.nodes.map((nd) => [nd.id, nd]));
    const maxE = Math.max(...net.edges.map((e) => e.events)), maxN = Math.max(...net.nodes.map((nd) => nd.events));
    const labelled = new Set([...net.nodes].sort((a, b) => b.events - a.events).slice(0, 14).map((nd) => nd.id));
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" },
      s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, s("path", { d: "M0,0L10,5L0,10z", fill: "#64748b" }))));
    const radius = (nd) => 5 + 13 * Math.sqrt(nd.events / maxN);
    for (const e of net.edges) {
      const a = at.get(e.source), b = at.get(e.target);
      const rb = radius(b) + 2, d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
      const x2 = b.x - ((b.x - a.x) / d) * rb, y2 = b.y - ((b.y - a.y) / d) * rb;
      const g = s("g", { class: "edge", "data-events": e.events },
        s("line", { x1: a.x, y1: a.y, x2, y2, "stroke-width": (1 + 6 * (e.events / maxE)).toFixed(1), "marker-end": "url(#arrow)" }),
        s("title", {}, `${e.source} → ${e.target}: ${e.events} event(s) — ${e.types.join(", ")}`));
      if (e.events > 1 && e.events >= maxE / 3) g.append(s("text", { class: "weight", x: ((a.x + x2) / 2).toFixed(1), y: ((a.y + y2) / 2 - 3).toFixed(1), "text-anchor": "middle" }, String(e.events)));
      svg.append(g);
    }
    for (const nd of net.nodes) {
      const r = radius(nd);
      const node = s("g", { class: labelled.has(nd.id) ? "node labelled" : "node", "data-sector": nd.sector || "" },
        s("circle", { cx: nd.x, cy: nd.y, r, fill: sectorColour(nd.sector) }),
        s("title", {}, `${nd.id}${nd.sector ? " · " + nd.sector : ""}${nd.country ? " · " + nd.country : ""}: ${nd.events} event(s)`),
        s("text", { x: nd.x + r + 3, y: nd.y + 4 }, nd.id));
      svg.append(node);
    }
    const sectors = [...new Set(net.nodes.map((nd) => nd.sector || ""))].sort();
    const legend = h("div", { class: "legend" }, sectors.map((sec) => { const sw = h("span", { class: "swatch" }); sw.style.background = sectorColour(sec); return h("span", {}, sw, sec || "sector unknown"); }));
    box.append(svg, legend, h("p", { class: "meta" }, `The ${net.edges.length} strongest of ${net.pairs} actor → recipient pairs; line width and the numbers give events; hover a circle or line for its name and events.`));
  }
  const off = Number(q.offset || 0);
  const table = actors.items.map((a, i) => h("tr", {},
    h("td", { class: "num" }, String(off + i + 1)),
    h("td", {}, h("a", { href: `#/events?${qs(actorLink(a))}` }, a.name)),
    h("td", {}, party(null, a.country, a.sector)),
    h("td", { class: "num" }, String(a.events)), h("td", { class: "num" }, String(a.as_actor)), h("td", { class: "num" }, String(a.as_recipient)),
    h("td", { class: "muted" }, a.names.filter((n) => n !== a.name).join(", "))));
  render(h("h1", {}, "Who acts on whom"), form, box,
    h("h2", {}, `Actors, most events first (${actors.total})`),
    table.length ? h("div", { class: "table-wrap" }, h("table", { id: "actors-table" }, h("thead", {}, h("tr", {}, ["#", "Actor", "Country · sector", "Events", "As actor", "As recipient", "Written as"].map((t) => h("th", {}, t)))), h("tbody", {}, table))) : h("p", { class: "muted" }, "No actors match."),
    actors.items.length ? pager(actors, q, "actors") : null);
}
