/* warta web app: written for warta (Apache-2.0). No libraries, nothing loaded from elsewhere.
 * Every piece of data goes into the page as text (textContent, SVG attributes), never as
 * markup, so an article containing <script> shows it as characters. */
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const $main = () => document.getElementById("main");

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Replace the view's content; nested arrays and empty parts are allowed.
function render(...nodes) {
  $main().replaceChildren(...nodes.flat(4).filter((n) => n !== null && n !== undefined && n !== false));
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) u.set(k, v);
  return u.toString();
}

async function api(path, params) {
  const url = params ? `${path}?${qs(params)}` : path;
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = JSON.stringify((await res.json()).detail); } catch (e) { /* not JSON */ }
    throw new Error(`${res.status} ${detail}`);
  }
  return res.json();
}

// A stable colour per PLOVER type (and a fallback for anything else).
const TYPE_COLOURS = {
  AGREE: "#2563eb", ACCUSE: "#b45309", AID: "#16a34a", ASSAULT: "#b91c1c", COERCE: "#7c2d12",
  CONSULT: "#0891b2", COOPERATE: "#0d9488", DEMAND: "#ca8a04", DISAPPROVE: "#a16207",
  MOBILIZE: "#9333ea", PROTEST: "#db2777", REJECT: "#64748b", REQUEST: "#4f46e5",
  RETREAT: "#65a30d", SANCTION: "#ea580c", SUPPORT: "#15803d", THREATEN: "#dc2626",
  CONCEDE: "#0284c7", INVESTIGATE: "#6d28d9", FIGHT: "#991b1b",
};
function colour(type) {
  if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
  let x = 0;
  for (const ch of String(type)) x = (x * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${x},55%,45%)`;
}
const badge = (type) => { const b = h("span", { class: "badge" }, type || "?"); b.style.background = colour(type); return b; };
const party = (name, country, sector) => [name, [country, sector].filter(Boolean).join(" ")].filter(Boolean).join(" · ") || "—";

function params() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  return { parts: path.split("/").map(decodeURIComponent), q: Object.fromEntries(new URLSearchParams(query || "")) };
}
function go(view, q) { location.hash = `#/${view}${q && qs(q) ? "?" + qs(q) : ""}`; }

let FACETS = null;
async function facets() {
  if (!FACETS) FACETS = await api("/api/facets");
  return FACETS;
}

function field(label, input) { return h("label", {}, label, input); }
function select(name, pairs, value, empty) {
  return h("select", { name }, h("option", { value: "" }, empty || "any"),
    pairs.map(([v, c]) => h("option", { value: v, selected: String(v) === String(value || "") }, c === undefined ? v : `${v} (${c})`)));
}
function formValues(form) {
  const out = {};
  for (const el of form.elements) if (el.name) out[el.name] = el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value.trim();
  return out;
}
function pager(page, q, view) {
  const off = Number(page.offset), lim = Number(page.limit);
  return h("div", { class: "pager" },
    h("button", { class: "secondary", disabled: off === 0, onclick: () => go(view, { ...q, offset: Math.max(0, off - lim) }) }, "‹ Previous"),
    h("span", { class: "muted" }, page.items.length ? `${off + 1}–${off + page.items.length}` : "nothing"),
    h("button", { class: "secondary", disabled: !page.has_more, onclick: () => go(view, { ...q, offset: off + lim }) }, "Next ›"));
}

/* ---------- search ---------- */
async function viewSearch(q) {
  const f = await facets();
  const form = h("form", { class: "filters", role: "search" },
    field("Words", h("input", { type: "search", name: "q", value: q.q || "", placeholder: "banjir, demo, Jokowi…" })),
    field("From", h("input", { type: "date", name: "from", value: q.from || "" })),
    field("To", h("input", { type: "date", name: "to", value: q.to || "" })),
    field("Outlet", select("outlet", f.outlets, q.outlet)),
    field("Language", select("lang", f.langs, q.lang)),
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("search", formValues(form)); });
  const results = h("div", { id: "results" });
  render(h("h1", {}, "Articles"), form, results);
  const page = await api("/api/search", { ...q, limit: 20 });
  results.replaceChildren(
    ...page.items.map((hit) => h("div", { class: "hit" },
      h("a", { class: "title", href: `#/article/${encodeURIComponent(hit.id)}` }, hit.title || hit.id),
      h("div", { class: "meta" }, [hit.published, hit.outlet, hit.lang].filter(Boolean).join(" · "),
        hit.story_articles > 1 ? [" · ", h("a", { href: `#/events?${qs({ story: hit.story_id })}` }, `story of ${hit.story_articles} articles`)] : ""),
      h("div", { class: "snippet" }, marked(hit.snippet, hit.highlights)))),
    page.items.length ? pager(page, q, "search") : h("p", { class: "muted" }, "No articles match."));
}

function marked(text, spans) {
  const out = [];
  let at = 0;
  for (const [a, b] of spans || []) {
    if (a > at) out.push(text.slice(at, a));
    out.push(h("mark", {}, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return out;
}

/* ---------- article ---------- */
const KINDS = [["ent", "Entities"], ["time", "Dates and times"], ["quote", "Quotes"], ["place", "Places"], ["event", "Events"]];

function annotations(rec) {
  const spans = [];
  const add = (kind, start, end, tip, extra) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({ kind, start, end, tip, extra });
  };
  for (const e of rec.entities || []) add("ent", e.start, e.end, `${e.label}${e.kb_id ? " · " + e.kb_id : ""}: ${e.text}`);
  for (const t of rec.times || []) add("time", t.start, t.end, `${t.type} = ${t.value ?? "?"}${t.anchor ? " (anchor " + t.anchor + ")" : ""}`);
  for (const q of rec.quotes || []) add("quote", q.start, q.end, `quote (${q.kind})${q.speaker ? " by " + q.speaker.name : ""}${q.cue ? " · cue «" + q.cue.text + "»" : ""}`);
  for (const p of rec.places || []) add("place", p.start, p.end, `${p.name}${p.country ? ", " + p.country : ""}${p.geonameid ? " · geonames " + p.geonameid : ""}${p.lat != null ? ` (${p.lat}, ${p.lon})` : ""}`);
  (rec.events || []).forEach((ev, i) => {
    const what = `${ev.type}${ev.mode ? ":" + ev.mode : ""}${ev.cameo ? " · CAMEO " + ev.cameo : ""}`;
    const who = `${ev.actor ? party(ev.actor.name, ev.actor.country, ev.actor.sector) : "?"} → ${ev.recipient ? party(ev.recipient.name, ev.recipient.country, ev.recipient.sector) : "—"}`;
    const flags = ["negated", "hypothetical", "future"].filter((k) => ev[k]).join(", ");
    add("event", ev.trigger.start, ev.trigger.end, `event ${i + 1}: ${what}\n${who}${ev.date ? "\ndate " + ev.date : ""}${flags ? "\n" + flags : ""}`, { event: i, type: ev.type });
    if (ev.actor) add("arg", ev.actor.start, ev.actor.end, `actor of event ${i + 1} (${ev.type}): ${party(ev.actor.name, ev.actor.country, ev.actor.sector)}`);
    if (ev.recipient) add("arg", ev.recipient.start, ev.recipient.end, `recipient of event ${i + 1} (${ev.type}): ${party(ev.recipient.name, ev.recipient.country, ev.recipient.sector)}`);
  });
  return spans;
}

// Cut the text at every annotation boundary; each piece carries every annotation over it,
// so nested and overlapping annotations (an entity inside a quote) all show.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(Math.max(0, Math.min(text.length, sp.start))); cuts.add(Math.max(0, Math.min(text.length, sp.end))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const over = spans.filter((sp) => sp.start <= a && sp.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) { out.push(piece); continue; }
    const el = h("span", { class: "ann " + [...new Set(over.map((sp) => "a-" + sp.kind))].join(" "), title: over.map((sp) => sp.tip).join("\n"), "data-start": a, "data-end": b }, piece);
    const ev = over.find((sp) => sp.kind === "event");
    if (ev) { el.dataset.event = ev.extra.event; el.dataset.type = ev.extra.type; el.style.outlineColor = colour(ev.extra.type); }
    out.push(el);
  }
  return out;
}

async function viewArticle(id) {
  const data = await api(`/api/articles/${encodeURIComponent(id)}`);
  const rec = data.record;
  const doc = h("article", { class: "doc", id: "doc", lang: rec.lang || "" }, highlighted(rec.text, annotations(rec)));
  const counts = { ent: (rec.entities || []).length, time: (rec.times || []).length, quote: (rec.quotes || []).length, place: (rec.places || []).length, event: (rec.events || []).length };
  const legend = h("div", { class: "legend" }, KINDS.map(([k, label]) => {
    const box = h("input", { type: "checkbox", checked: true, "data-kind": k });
    box.addEventListener("change", () => doc.classList.toggle("hide-" + k, !box.checked));
    return h("label", {}, box, h("span", { class: `swatch sw-${k}` }), `${label} (${counts[k]})`);
  }));
  const story = data.story && data.story.articles.length > 1
    ? h("div", { class: "story", id: "story" }, `Story ${data.story.id}: ${data.story.articles.length} articles report this. `,
      data.story.articles.filter((a) => a.id !== rec.id).map((a, i) => [i ? ", " : "", h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, `${a.outlet || a.id} ${a.published || ""}`.trim())]),
      " · ", h("a", { href: `#/events?${qs({ story: data.story.id })}` }, "fused events"))
    : null;
  const events = (rec.events || []).map((ev, i) => h("tr", {},
    h("td", {}, String(i + 1)), h("td", {}, badge(ev.type), ev.mode ? ` ${ev.mode}` : ""),
    h("td", {}, ev.actor ? party(ev.actor.name, ev.actor.country, ev.actor.sector) : "—"),
    h("td", {}, ev.recipient ? party(ev.recipient.name, ev.recipient.country, ev.recipient.sector) : "—"),
    h("td", {}, ev.location ? party(ev.location.name, ev.location.country) : "—"),
    h("td", {}, ev.date || "—"), h("td", { class: "code" }, `«${ev.trigger.text}» ${ev.trigger.start}–${ev.trigger.end}`)));
  const quotes = (rec.quotes || []).map((q) => h("tr", {}, h("td", {}, q.speaker ? q.speaker.name : "?"), h("td", {}, q.kind), h("td", {}, q.text)));
  render(
    h("h1", {}, rec.title || rec.id),
    h("div", { class: "meta" }, [rec.published, rec.outlet, rec.lang, rec.url].filter(Boolean).join(" · ")),
    story, legend, doc,
    events.length ? [h("h2", {}, "Events"), h("div", { class: "table-wrap" }, h("table", { id: "article-events" },
      h("thead", {}, h("tr", {}, ["#", "Type", "Actor", "Recipient", "Place", "Date", "Trigger"].map((t) => h("th", {}, t)))), h("tbody", {}, events)))] : null,
    quotes.length ? [h("h2", {}, "Quotes"), h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Speaker", "Kind", "Quote"].map((t) => h("th", {}, t)))), h("tbody", {}, quotes)))] : null);
}

/* ---------- events ---------- */
const EVENT_FILTERS = ["type", "actor", "actor_country", "actor_sector", "recipient", "recipient_country", "recipient_sector", "country", "place", "from", "to", "story", "article"];

function eventForm(view, q, f, extra) {
  const form = h("form", { class: "filters" },
    field("Type", select("type", f.types, q.type)),
    field("Actor", h("input", { name: "actor", value: q.actor || "", size: 10 })),
    field("Actor country", h("input", { name: "actor_country", value: q.actor_country || "", size: 4, placeholder: "IDN" })),
    field("Recipient", h("input", { name: "recipient", value: q.recipient || "", size: 10 })),
    field("Recipient country", h("input", { name: "recipient_country", value: q.recipient_country || "", size: 4 })),
    field("Place", h("input", { name: "place", value: q.place || "", size: 10 })),
    field("From", h("input", { type: "date", name: "from", value: q.from || "" })),
    field("To", h("input", { type: "date", name: "to", value: q.to || "" })),
    q.story ? h("input", { type: "hidden", name: "story", value: q.story }) : null,
    extra || null,
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go(view, formValues(form)); });
  return form;
}
const pick = (q, keys) => Object.fromEntries(keys.filter((k) => q[k]).map((k) => [k, q[k]]));

async function viewEvents(q) {
  const f = await facets();
  const fused = q.fused !== "false";
  const filters = pick(q, EVENT_FILTERS);
  const form = eventForm("events", q, f, field("Per story", h("input", { type: "checkbox", name: "fused", checked: fused })));
  const page = await api("/api/events", { ...filters, fused, limit: 50, offset: q.offset || 0 });
  const head = fused ? ["Date", "Type", "Actor", "Recipient", "Place", "Articles", "Outlets", "Sources"]
    : ["Date", "Type", "Actor", "Recipient", "Place", "Trigger", "Article"];
  const rows = page.items.map((ev) => fused
    ? h("tr", {}, h("td", {}, ev.date || "—"), h("td", {}, badge(ev.type)), h("td", {}, party(ev.actor_name, ev.actor_country, ev.actor_sector)),
      h("td", {}, party(ev.recipient_name, ev.recipient_country, ev.recipient_sector)), h("td", {}, party(ev.location_name, ev.location_country)),
      h("td", {}, String(ev.num_articles)), h("td", {}, String(ev.num_sources)),
      h("td", {}, [...new Map(ev.sources.map((src) => [src.article_id, src])).values()].map((src, i) => [i ? ", " : "", h("a", { href: `#/article/${encodeURIComponent(src.article_id)}` }, src.outlet || src.article_id)])))
    : h("tr", {}, h("td", {}, ev.date || ev.published || "—"), h("td", {}, badge(ev.type)), h("td", {}, party(ev.actor_name, ev.actor_country, ev.actor_sector)),
      h("td", {}, party(ev.recipient_name, ev.recipient_country, ev.recipient_sector)), h("td", {}, party(ev.location_name, ev.location_country)),
      h("td", {}, ev.trigger_text || ""), h("td", {}, h("a", { href: `#/article/${encodeURIComponent(ev.article_id)}` }, ev.article_title || ev.article_id))));
  const dl = (fmt) => h("a", { href: `/api/events?${qs({ ...filters, fused, format: fmt })}`, download: "" }, fmt.toUpperCase());
  render(h("h1", {}, fused ? "Events (one per story)" : "Events (one per article report)"), form,
    h("p", { class: "meta" }, "Download all matching: ", dl("csv"), " · ", dl("jsonl")),
    h("div", { class: "table-wrap" }, h("table", { id: "events-table" }, h("thead", {}, h("tr", {}, head.map((t) => h("th", {}, t)))), h("tbody", {}, rows))),
    page.items.length ? pager(page, q, "events") : h("p", { class: "muted" }, "No events match."));
}

/* ---------- timeline ---------- */
async function viewTimeline(q) {
  const f = await facets();
  const bucket = q.bucket || "month";
  const form = eventForm("timeline", q, f, field("By", select("bucket", [["day"], ["month"], ["year"]], bucket, "month")));
  const rows = await api("/api/timeline", { ...pick(q, EVENT_FILTERS), bucket });
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const chart = h("div", { class: "chart", id: "timeline" });
  if (!periods.length) chart.append(h("p", { class: "muted" }, "No dated events match."));
  else {
    const W = 900, H = 320, L = 40, B = 46, T = 10;
    const stacks = new Map(periods.map((p) => [p, 0]));
    for (const r of rows) stacks.set(r.period, stacks.get(r.period) + r.events);
    const max = Math.max(...stacks.values());
    const bw = (W - L - 10) / periods.length;
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period by type" });
    for (const tick of [0, Math.ceil(max / 2), max]) {
      svg.append(s("line", { x1: L, x2: W - 10, y1: y(tick), y2: y(tick), stroke: "#e2e8f0" }), s("text", { x: L - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
    }
    const acc = new Map(periods.map((p) => [p, 0]));
    for (const t of types) {
      for (const r of rows.filter((x) => x.type === t)) {
        const i = periods.indexOf(r.period), base = acc.get(r.period);
        const rect = s("rect", { class: "bar", x: L + i * bw + 1, y: y(base + r.events), width: Math.max(1, bw - 2), height: y(base) - y(base + r.events), fill: colour(t), "data-type": t }, s("title", {}, `${r.period} ${t}: ${r.events} event(s), ${r.articles} article report(s)`));
        svg.append(rect);
        acc.set(r.period, base + r.events);
      }
    }
    const every = Math.max(1, Math.ceil(periods.length / 12));
    periods.forEach((p, i) => { if (i % every === 0) svg.append(s("text", { x: L + i * bw + bw / 2, y: H - B + 16, "text-anchor": "middle" }, p)); });
    chart.append(svg, h("div", { class: "legend" }, types.map((t) => h("span", {}, badge(t)))));
  }
  render(h("h1", {}, "Timeline of events by type"), form, chart);
}

/* ---------- map ---------- */
let WORLD = null;
async function viewMap(q) {
  const f = await facets();
  if (!WORLD) WORLD = await api("/static/world.json");
  const data = await api("/api/map", pick(q, EVENT_FILTERS));
  const zoom = q.zoom || "world";
  const form = eventForm("map", q, f, field("Zoom", select("zoom", [["world"], ["indonesia"], ["asia"]], zoom, "world")));
  const boxes = { world: [-180, 84, 360, 144], indonesia: [94, 7, 48, 19], asia: [60, 55, 95, 67] };
  const [x0, y0, w, hgt] = boxes[zoom] || boxes.world;
  const K = 8; // pixels per degree in the SVG's own units
  const sc = WORLD.scale;
  const svg = s("svg", { viewBox: `${x0 * K} ${-y0 * K} ${w * K} ${hgt * K}`, role: "img", "aria-label": "map of event locations" });
  const counts = new Map(data.countries.map((c) => [c.country, c.events]));
  const g = s("g", {});
  for (const c of WORLD.countries) {
    let d = "";
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) d += `${i ? "L" : "M"}${(ring[i] / sc * K).toFixed(1)} ${(-ring[i + 1] / sc * K).toFixed(1)}`;
      d += "Z";
    }
    const n = counts.get(c.id) || 0;
    const path = s("path", { d, class: n ? "land has" : "land", "data-country": c.id || "" }, s("title", {}, `${c.name}${n ? `: ${n} event(s)` : ""}`));
    if (n) path.style.fill = (`rgba(220,38,38,${(0.12 + 0.5 * n / Math.max(...counts.values())).toFixed(2)})`);
    g.append(path);
  }
  svg.append(g);
  const maxPt = Math.max(1, ...data.points.map((p) => p.events));
  for (const p of data.points) {
    const r = (zoom === "world" ? 2.5 : 0.7) * K * (0.35 + Math.sqrt(p.events / maxPt));
    svg.append(s("circle", { class: "pt", cx: p.lon * K, cy: -p.lat * K, r: r.toFixed(1) }, s("title", {}, `${p.name || "?"}${p.country ? ", " + p.country : ""}: ${p.events} event(s) — ${p.types.join(", ")}`)));
  }
  const list = data.points.slice(0, 30).map((p) => h("tr", {}, h("td", {}, p.name || "?"), h("td", {}, p.country || ""), h("td", {}, String(p.events)), h("td", {}, p.types.join(", "))));
  render(h("h1", {}, "Where events happened"), form, h("div", { class: "map", id: "map" }, svg),
    h("p", { class: "meta" }, `${data.points.length} located place(s); countries shaded by events located in them.`),
    list.length ? h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["Place", "Country", "Events", "Types"].map((t) => h("th", {}, t)))), h("tbody", {}, list))) : null);
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

async function viewActors(q) {
  const f = await facets();
  const form = eventForm("actors", q, f);
  const [net, actors] = await Promise.all([api("/api/network", { ...pick(q, EVENT_FILTERS), limit: 80 }), api("/api/actors", { limit: 50 })]);
  const W = 900, H = 560;
  const box = h("div", { class: "network", id: "network" });
  if (!net.edges.length) box.append(h("p", { class: "muted" }, "No events with both an actor and a recipient match."));
  else {
    layout(net.nodes, net.edges, W, H);
    const at = new Map(net.nodes.map((nd) => [nd.id, nd]));
    const maxE = Math.max(...net.edges.map((e) => e.events)), maxN = Math.max(...net.nodes.map((nd) => nd.events));
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" },
      s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, s("path", { d: "M0,0L10,5L0,10z", fill: "#94a3b8" }))));
    for (const e of net.edges) {
      const a = at.get(e.source), b = at.get(e.target);
      const rb = 5 + 12 * Math.sqrt(b.events / maxN), d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
      svg.append(s("line", { x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / d) * rb, y2: b.y - ((b.y - a.y) / d) * rb, "stroke-width": 1 + 4 * (e.events / maxE), "marker-end": "url(#arrow)", stroke: colour(e.types[0]) }, s("title", {}, `${e.source} → ${e.target}: ${e.events} event(s) — ${e.types.join(", ")}`)));
    }
    for (const nd of net.nodes) {
      const r = 5 + 12 * Math.sqrt(nd.events / maxN);
      svg.append(s("g", { class: "node" }, s("circle", { cx: nd.x, cy: nd.y, r }, s("title", {}, `${nd.id}${nd.country ? " (" + nd.country + ")" : ""}: ${nd.events} event(s)`)), s("text", { x: nd.x + r + 2, y: nd.y + 4 }, nd.id)));
    }
    box.append(svg);
  }
  const table = actors.map((a) => h("tr", {}, h("td", {}, h("a", { href: `#/events?${qs({ actor: a.name })}` }, a.name)), h("td", {}, party(null, a.country, a.sector)), h("td", {}, String(a.as_actor)), h("td", {}, String(a.as_recipient))));
  render(h("h1", {}, "Who acts on whom"), form, box,
    table.length ? [h("h2", {}, "Actors"), h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Country · sector", "As actor", "As recipient"].map((t) => h("th", {}, t)))), h("tbody", {}, table)))] : null);
}

/* ---------- stories, quotes, API ---------- */
async function viewStories(q) {
  const min = q.min_articles || "2";
  const page = await api("/api/stories", { min_articles: min, limit: 30, offset: q.offset || 0 });
  const form = h("form", { class: "filters" }, field("At least … articles", h("input", { type: "number", min: 1, name: "min_articles", value: min, size: 3 })), h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("stories", formValues(form)); });
  const rows = page.items.map((st) => h("tr", {}, h("td", {}, st.first_published || "—"),
    h("td", {}, h("a", { href: `#/article/${encodeURIComponent(st.id)}` }, st.title || st.id)),
    h("td", {}, String(st.num_articles)), h("td", {}, String(st.num_sources)),
    h("td", {}, h("a", { href: `#/events?${qs({ story: st.id })}` }, String(st.num_events)))));
  render(h("h1", {}, "Stories (near-duplicate articles linked)"), form,
    h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["First", "Story", "Articles", "Outlets", "Events"].map((t) => h("th", {}, t)))), h("tbody", {}, rows))),
    page.items.length ? pager(page, q, "stories") : h("p", { class: "muted" }, "No stories match."));
}

async function viewQuotes(q) {
  const form = h("form", { class: "filters" }, field("Speaker", h("input", { name: "speaker", value: q.speaker || "" })), field("Quote contains", h("input", { name: "q", value: q.q || "" })), h("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("quotes", formValues(form)); });
  const page = await api("/api/quotes", { speaker: q.speaker, q: q.q, limit: 50, offset: q.offset || 0 });
  const rows = page.items.map((x) => h("tr", {}, h("td", {}, x.speaker_name || "?"), h("td", {}, x.text), h("td", {}, h("a", { href: `#/article/${encodeURIComponent(x.article_id)}` }, x.article_title || x.article_id))));
  render(h("h1", {}, "Quotes"), form, h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["Speaker", "Quote", "Article"].map((t) => h("th", {}, t)))), h("tbody", {}, rows))),
    page.items.length ? pager(page, q, "quotes") : h("p", { class: "muted" }, "No quotes match."));
}

async function viewApi() {
  const spec = await api("/openapi.json");
  const items = [];
  for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops)) {
    const ps = (op.parameters || []).map((p) => `${p.name}${p.required ? "*" : ""}`).join(", ");
    items.push(h("div", { class: "endpoint" }, h("span", { class: "method" }, method.toUpperCase()), h("span", { class: "code" }, path), " — ", op.summary || "",
      op.description ? h("div", { class: "meta" }, op.description) : null, ps ? h("div", { class: "meta code" }, "parameters: " + ps) : null));
  }
  render(h("h1", {}, `${spec.info.title} API ${spec.info.version}`), h("p", {}, spec.info.description, " The full description: ", h("a", { href: "/openapi.json" }, "/openapi.json"), "."), items);
}

const VIEWS = { search: viewSearch, article: null, events: viewEvents, timeline: viewTimeline, map: viewMap, actors: viewActors, stories: viewStories, quotes: viewQuotes, api: viewApi };

async function route() {
  const { parts, q } = params();
  const view = parts[0] && parts[0] in VIEWS ? parts[0] : "search";
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  document.body.dataset.view = view;
  document.body.dataset.ready = "false";
  try {
    if (view === "article") await viewArticle(parts.slice(1).join("/"));
    else await VIEWS[view](q);
  } catch (err) {
    render(h("p", { class: "error" }, `Could not load: ${err.message}`));
  }
  document.body.dataset.ready = "true";
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  route();
  try {
    const f = await facets();
    document.getElementById("counts").textContent = `${f.articles} articles · ${f.stories} stories · ${f.events} events`;
  } catch (e) { /* the view shows the error */ }
});
