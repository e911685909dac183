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
    h("span", { class: "muted page-range" }, page.items.length ? `${off + 1}–${off + page.items.length}${page.total != null ? ` of ${page.total}` : ""}` : "nothing"),
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
    field("Exact words", h("input", { type: "checkbox", name: "exact", checked: q.exact === "true" })),
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (v.exact === "false") delete v.exact;
    go("search", v);
  });
  const hint = h("p", { class: "meta", id: "search-help" }, "Every word must occur, in any of its forms (",
    h("span", { class: "code" }, "tangkap"), " finds ditangkap, menangkap, penangkapan; tick “Exact words” to match as written); ",
    h("span", { class: "code" }, "\"unjuk rasa\""), " is a phrase; ", h("span", { class: "code" }, "banjir OR longsor"), " either word.");
  const results = h("div", { id: "results" });
  render(h("h1", {}, "Articles"), form, hint, results);
  const page = await api("/api/search", { ...q, limit: 20 });
  results.replaceChildren(
    h("p", { class: "meta", id: "hit-count" }, q.q ? `${page.total} article(s) match.` : `${page.total} article(s), newest first.`),
    ...page.items.map((hit) => h("div", { class: "hit" },
      h("a", { class: "title", href: `#/article/${encodeURIComponent(hit.id)}` }, hit.headline || hit.title || hit.id),
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

function annotations(rec, timesText) {
  const spans = [];
  const add = (kind, start, end, tip, extra) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({ kind, start, end, tip, extra });
  };
  for (const e of rec.entities || []) add("ent", e.start, e.end, `${e.label}${e.kb_id ? " · " + e.kb_id : ""}: ${e.text}`);
  (rec.times || []).forEach((t, i) => add("time", t.start, t.end, `${(t.type || "").toLowerCase()}: ${(timesText || [])[i] || t.value || "?"}${t.value ? ` (TIMEX3 ${t.value})` : ""}${t.anchor ? ", anchored on the " + t.anchor : ""}`));
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
  const [data, reviewed] = await Promise.all([api(`/api/articles/${encodeURIComponent(id)}`),
    api("/api/events", { fused: false, article: id, limit: 500 })]);
  const rec = data.record;
  // the events as reviewed (corrected values, verdicts), by their index in the record
  const review = new Map(reviewed.items.map((ev) => [ev.idx, ev]));
  const doc = h("article", { class: "doc", id: "doc", lang: rec.lang || "" }, highlighted(rec.text, annotations(rec, data.times_text)));
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
    h("td", {}, ev.date || "—"), h("td", { class: "code" }, `«${ev.trigger.text}» ${ev.trigger.start}–${ev.trigger.end}`),
    reviewCell(review.get(i) || {})));
  const quotes = (rec.quotes || []).map((q) => h("tr", {}, h("td", {}, q.speaker ? q.speaker.name : "?"), h("td", {}, q.kind), h("td", {}, q.text)));
  render(
    h("h1", {}, rec.title || (rec.text.split(/(?<=[.!?])\s/)[0] || rec.id).slice(0, 160)),
    h("div", { class: "meta" }, [rec.published, rec.outlet, rec.lang, rec.url].filter(Boolean).join(" · ")),
    story, legend, doc,
    events.length ? [h("h2", {}, "Events"), h("div", { class: "table-wrap" }, h("table", { id: "article-events" },
      h("thead", {}, h("tr", {}, ["#", "Type", "Actor", "Recipient", "Place", "Date", "Trigger", "Review"].map((t) => h("th", {}, t)))), h("tbody", {}, events)))] : null,
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

/* ---------- stories, quotes, API ---------- */
async function viewStories(q) {
  const min = q.min_articles || "2";
  const page = await api("/api/stories", { min_articles: min, limit: 30, offset: q.offset || 0 });
  const form = h("form", { class: "filters" }, field("At least … articles", h("input", { type: "number", min: 1, name: "min_articles", value: min, size: 3 })), h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("stories", formValues(form)); });
  const rows = page.items.map((st) => h("tr", {}, h("td", {}, st.first_published || "—"),
    h("td", {}, h("a", { href: `#/article/${encodeURIComponent(st.id)}` }, st.headline || st.title || st.id)),
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
  render(h("h1", {}, `${spec.info.title} API ${spec.info.version}`), h("p", {}, spec.info.description, " The full description: ", h("a", { href: "/openapi.json" }, "/openapi.json"), "; try it in ", h("a", { href: "/docs" }, "Swagger UI"), " or read it in ", h("a", { href: "/redoc" }, "ReDoc"), "."), items);
}

