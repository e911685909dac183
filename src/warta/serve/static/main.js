/* warta web app, the router: loaded last, after every view. Written for warta (Apache-2.0). */
"use strict";

const VIEWS = { search: viewSearch, article: null, events: viewEvents, review: viewReview, timeline: viewTimeline, map: viewMap, actors: viewActors, stories: viewStories, quotes: viewQuotes, api: viewApi };

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
