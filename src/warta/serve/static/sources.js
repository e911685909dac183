/* warta Sources page: written for warta (Apache-2.0). What warta watch polls, and the newest
 * articles, refreshed every few seconds without a reload. Data goes in as text only. */
"use strict";

const REFRESH_MS = 3000;
let lastRowid = null;

function cell(text, cls) {
  const td = document.createElement("td");
  if (cls) td.className = cls;
  td.textContent = text === null || text === undefined ? "—" : String(text);
  return td;
}

function when(iso) {
  return iso ? iso.replace("T", " ").replace("+00:00", " UTC") : null;
}

async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res.json();
}

async function refreshSources() {
  const rows = await getJSON("/api/sources");
  const body = document.querySelector("#sources tbody");
  body.replaceChildren(...rows.map((s) => {
    const tr = document.createElement("tr");
    tr.dataset.url = s.url;
    tr.className = s.failures_in_row ? "failing" : "";
    tr.append(cell(s.url, "code"), cell(s.outlet), cell(when(s.last_poll)), cell(when(s.next_poll)),
      cell(s.last_status), cell(s.last_error), cell(s.new_articles), cell(s.updated_articles),
      cell(s.pending), cell(s.failures));
    return tr;
  }));
  document.getElementById("no-sources").hidden = rows.length > 0;
}

async function refreshLatest() {
  const data = await getJSON(`/api/latest?after=${lastRowid === null ? 0 : lastRowid}&limit=20`);
  const list = document.getElementById("latest");
  const fresh = lastRowid !== null;
  for (const a of data.items.slice().reverse()) {
    const li = document.createElement("li");
    li.dataset.id = a.id;
    if (fresh) li.className = "new";
    const link = document.createElement("a");
    link.href = `/#/article/${encodeURIComponent(a.id)}`;
    link.textContent = a.title || a.id;
    const meta = document.createElement("span");
    meta.className = "muted";
    meta.textContent = ` ${a.outlet || ""} ${a.published || ""} · stored ${a.ingested_at}`;
    li.append(link, meta);
    list.prepend(li);
  }
  while (list.children.length > 50) list.lastElementChild.remove();
  lastRowid = data.last;
}

async function tick() {
  try {
    await Promise.all([refreshSources(), refreshLatest()]);
    document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    document.getElementById("updated").textContent = `could not refresh: ${err.message}`;
  }
  document.body.dataset.ready = "true";
  setTimeout(tick, REFRESH_MS);
}

window.addEventListener("DOMContentLoaded", tick);
