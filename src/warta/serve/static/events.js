/* warta web app, events: the events table (sortable, faceted, every state in the URL) and
 * the review of coded events. Written for warta (Apache-2.0). Loaded after app.js. */
"use strict";

const PLOVER_TYPES = ["AGREE", "ACCUSE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "THREATEN"];
const SECTORS = ["GOV", "MIL", "COP", "JUD", "LEG", "REB", "CVL", "BUS", "MED", "EDU", "HLH", "REL", "IGO", "NGO", "OPP", "PTY", "LAB", "REF", "CRM", "SPY"];
const FACET_NAMES = [["type", "Type"], ["country", "Country (any role)"], ["actor_country", "Actor country"], ["actor_sector", "Actor sector"], ["recipient_country", "Recipient country"], ["recipient_sector", "Recipient sector"], ["review", "Review"]];
const VIEW_KEYS = [...EVENT_FILTERS, "review", "sort", "fused"];

// The API token for reviews, kept for this browser tab only.
const token = () => sessionStorage.getItem("warta-token") || "";

async function postReview(body) {
  const res = await fetch("/api/reviews", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token()}` },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${res.status} ${typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)}`);
  return data;
}

function tokenField() {
  const input = h("input", { type: "password", name: "token", value: token(), size: 16, autocomplete: "off", placeholder: "the token warta serve was given" });
  input.addEventListener("change", () => sessionStorage.setItem("warta-token", input.value.trim()));
  return h("label", { class: "token" }, "API token (needed to save reviews) ", input);
}

// The review form of one event: a verdict, corrected fields (empty keeps the coded value), a note.
function reviewForm(ev, fused, done) {
  const text = (name, value, size, placeholder) => h("input", { name, value: value || "", size, placeholder: placeholder || "" });
  const form = h("form", { class: "review-form" },
    field("Verdict", h("select", { name: "verdict" }, ["correct", "wrong", "corrected"].map((v) => h("option", { value: v }, v)))),
    field("Type", h("select", { name: "type" }, h("option", { value: "" }, `(${ev.type})`), PLOVER_TYPES.map((t) => h("option", { value: t }, t)))),
    field("Actor", text("actor_name", "", 14, ev.actor_name || "")),
    field("Actor country", text("actor_country", "", 4, ev.actor_country || "")),
    field("Actor sector", text("actor_sector", "", 4, ev.actor_sector || "")),
    field("Recipient", text("recipient_name", "", 14, ev.recipient_name || "")),
    field("Recipient country", text("recipient_country", "", 4, ev.recipient_country || "")),
    field("Place", text("location_name", "", 12, ev.location_name || "")),
    field("Date", text("date", "", 10, ev.date || "YYYY-MM-DD")),
    field("Note", text("note", "", 30, "why")),
    h("button", { type: "submit" }, "Save review"),
    h("span", { class: "status", role: "status" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = fused ? { story_id: ev.story_id, idx: ev.idx } : { article_id: ev.article_id, idx: ev.idx };
    body.verdict = v.verdict;
    if (v.note) body.note = v.note;
    const changed = ["type", "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country", "location_name", "date"].filter((k) => v[k]);
    if (changed.length && v.verdict !== "corrected") body.verdict = "corrected";
    for (const k of changed) body[k] = v[k];
    const status = form.querySelector(".status");
    try {
      await postReview(body);
      status.textContent = "saved";
      done();
    } catch (err) {
      status.textContent = `not saved: ${err.message}`;
      status.classList.add("error");
    }
  });
  return form;
}

function reviewCell(ev) {
  if (!ev.review) return h("td", { class: "review" }, h("span", { class: "muted" }, "—"));
  const corrected = ev.review === "corrected" ? ` → ${[ev.type, party(ev.actor_name, ev.actor_country, ev.actor_sector), party(ev.recipient_name, ev.recipient_country, ev.recipient_sector)].join(" · ")}` : "";
  return h("td", { class: "review" }, h("span", { class: `rv rv-${ev.review}`, title: [ev.review_note, ev.reviewed_at].filter(Boolean).join(" · ") }, ev.review), corrected ? h("span", { class: "meta" }, corrected) : null);
}

function sourcesCell(ev) {
  const unique = [...new Map((ev.sources || []).map((src) => [src.article_id, src])).values()];
  return h("td", {}, unique.map((src, i) => [i ? ", " : "", h("a", { href: `#/article/${encodeURIComponent(src.article_id)}` }, src.outlet || src.article_id)]));
}

function eventRows(items, fused, reload) {
  const cols = fused ? 13 : 12;
  return items.flatMap((ev) => {
    const flags = (ev.flags || []).map((f) => h("span", { class: "flag" }, f));
    const row = h("tr", { class: ev.review === "wrong" ? "wrong" : "", "data-review": ev.review || "" },
      h("td", {}, ev.date || ev.date_first || ev.published || "—"), h("td", {}, badge(ev.type)),
      h("td", {}, party(ev.actor_name, ev.actor_country, ev.actor_sector)),
      h("td", {}, party(ev.recipient_name, ev.recipient_country, ev.recipient_sector)),
      h("td", {}, party(ev.location_name, ev.location_country)),
      h("td", { class: "evidence", title: ev.evidence || "" }, h("div", {}, ev.evidence || ev.trigger_text || "")),
      h("td", { class: "num" }, ev.dead ?? ""), h("td", { class: "num" }, ev.injured ?? ""),
      h("td", {}, flags), h("td", { class: "num" }, ev.confidence != null ? Number(ev.confidence).toFixed(2) : ""),
      fused ? [h("td", { class: "num" }, `${ev.num_articles} / ${ev.num_sources}`), sourcesCell(ev)]
        : h("td", {}, h("a", { href: `#/article/${encodeURIComponent(ev.article_id)}` }, ev.article_title || ev.article_id)),
      reviewCell(ev));
    const open = h("button", { class: "secondary small", type: "button" }, "Review");
    const formRow = h("tr", { class: "review-row", hidden: true }, h("td", { colspan: cols }, reviewForm(ev, fused, reload)));
    open.addEventListener("click", () => { formRow.hidden = !formRow.hidden; });
    row.lastChild.append(" ", open); // the verdict and the button to change it, in one cell
    return [row, formRow];
  });
}

function sortHeader(label, key, q, view) {
  if (!key) return h("th", {}, label);
  const now = q.sort || "-date";
  const active = now.replace(/^-/, "") === key;
  const next = active && !now.startsWith("-") ? `-${key}` : (active ? key : (key === "date" || key === "confidence" ? key : `-${key}`));
  const arrow = active ? (now.startsWith("-") ? " ▼" : " ▲") : "";
  return h("th", { "aria-sort": active ? (now.startsWith("-") ? "descending" : "ascending") : null },
    h("a", { href: `#/${view}?${qs({ ...pick(q, VIEW_KEYS), sort: next })}`, class: "sort", "data-sort": key }, label + arrow));
}

function facetPanel(fc, q, view) {
  return h("aside", { class: "facets", id: "facets" }, FACET_NAMES.map(([key, label]) => {
    const values = fc[key] || [];
    if (!values.length) return null;
    return h("div", { class: "facet", "data-facet": key }, h("h3", {}, label),
      h("ul", {}, values.slice(0, 12).map(([v, c]) => {
        const on = String(q[key] || "").toUpperCase() === String(v).toUpperCase();
        const next = { ...pick(q, VIEW_KEYS) };
        if (on) delete next[key]; else next[key] = v;
        return h("li", { class: on ? "on" : "" }, h("a", { href: `#/${view}?${qs(next)}` }, String(v)), " ", h("span", { class: "count" }, String(c)));
      })));
  }));
}

async function eventsPage(view, q, opts) {
  const f = await facets();
  const fused = q.fused !== "false";
  const filters = pick(q, [...EVENT_FILTERS, "review"]);
  const sort = q.sort || opts.sort || "-date";
  const form = eventForm(view, q, f, [
    field("Review", select("review", [["unreviewed"], ["reviewed"], ["correct"], ["corrected"], ["wrong"]], q.review)),
    field("Per story", h("input", { type: "checkbox", name: "fused", checked: fused })),
    q.sort ? h("input", { type: "hidden", name: "sort", value: q.sort }) : null]);
  const [page, fc] = await Promise.all([
    api("/api/events", { ...filters, fused, sort, limit: 50, offset: q.offset || 0 }),
    api("/api/events/facets", { ...filters, fused }),
  ]);
  const reload = () => route();
  const head = [["Date", "date"], ["Type", "type"], ["Actor"], ["Recipient"], ["Place"], ["Evidence"], ["Dead", "dead"], ["Injured", "injured"], ["Flags"], ["Conf.", "confidence"],
    ...(fused ? [["Art. / outl.", "articles"], ["Sources"]] : [["Article"]]), ["Review"]];
  const dl = (fmt) => h("a", { href: `/api/events?${qs({ ...filters, fused, sort, format: fmt })}`, download: "" }, fmt.toUpperCase());
  const table = h("div", { class: "table-wrap" }, h("table", { id: "events-table" },
    h("thead", {}, h("tr", {}, head.map(([label, key]) => sortHeader(label, key, q, view)))),
    h("tbody", {}, eventRows(page.items, fused, reload))));
  render(h("h1", {}, opts.title(fused)), opts.intro || null, form,
    h("p", { class: "meta", id: "event-count" }, `${page.total} matching event(s). Download all: `, dl("csv"), " · ", dl("jsonl")),
    h("div", { class: "with-facets" }, facetPanel(fc, q, view), h("div", { class: "main-col" }, table,
      page.items.length ? pager(page, q, view) : h("p", { class: "muted" }, "No events match."))));
}

async function viewEvents(q) {
  await eventsPage("events", q, { title: (fused) => (fused ? "Events (one per story)" : "Events (one per article report)") });
}

// The review queue: events no one has reviewed yet, the least certain first.
async function viewReview(q) {
  const queue = { review: "unreviewed", sort: "confidence", ...q };
  const intro = h("div", { class: "intro" },
    h("p", {}, "Events no one has reviewed, lowest coding confidence first. Mark each correct or wrong, or correct its type, actor, recipient, place or date; reviews are stored apart from the coded data (a re-ingest never overwrites them) and show in every view and in ",
      h("span", { class: "code" }, "warta export --reviewed"), "."),
    tokenField());
  await eventsPage("review", queue, { title: () => "Review queue", intro, sort: "confidence" });
}
