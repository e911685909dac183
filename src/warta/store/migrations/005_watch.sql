-- schema version 5: known articles skip the pipeline, and warta watch keeps its state here.
-- A raw document is known by its id, its raw-byte hash or (for a feed entry) its URL;
-- `pipeline` says which stages and warta version made the stored record, so a re-run with
-- other stages still reprocesses.
ALTER TABLE articles ADD COLUMN pipeline TEXT;
CREATE INDEX articles_sha256 ON articles(sha256);
CREATE INDEX articles_url ON articles(url);

-- One row per watched source (feed or sitemap): its settings, validators and schedule.
CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY,
    kind TEXT,                       -- feed | sitemap, once known
    outlet TEXT, lang TEXT,
    interval REAL NOT NULL,          -- seconds between polls
    etag TEXT, last_modified TEXT,   -- validators of the last 200 response
    next_poll REAL NOT NULL DEFAULT 0,   -- unix time
    last_poll REAL, last_ok REAL,
    last_status TEXT,                -- ok | not-modified | the error's reason
    last_error TEXT,
    failures_in_row INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    entries INTEGER NOT NULL DEFAULT 0,
    new_articles INTEGER NOT NULL DEFAULT 0,
    updated_articles INTEGER NOT NULL DEFAULT 0
);

-- Every entry (feed item, sitemap URL) ever seen. An entry is recorded as `pending` in the
-- same transaction that stores the source's new validators, and becomes `done` only after
-- its article is stored, so a kill at any point loses no entry and a stored article is
-- recognised (by URL and raw hash) when its entry is retried.
CREATE TABLE watch_entries (
    source_url TEXT NOT NULL REFERENCES watch_sources(url) ON DELETE CASCADE,
    key TEXT NOT NULL,               -- guid, else link
    link TEXT NOT NULL,
    title TEXT, published TEXT, outlet TEXT,  -- what the feed or news sitemap said
    stamp TEXT,                      -- the entry's updated/lastmod value: a change refetches
    state TEXT NOT NULL,             -- pending | stored (alerts not yet checked) | done | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    article_id TEXT, sha256 TEXT, error TEXT,
    first_seen REAL NOT NULL,
    PRIMARY KEY (source_url, key)
);
CREATE INDEX watch_entries_pending ON watch_entries(state, next_try);

-- Alerts: one row per (rule, fused event) that fired, and the article events it was made
-- of; a fused event with any claimed source has already fired for that rule.
CREATE TABLE watch_alerts (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    story_id TEXT NOT NULL,
    payload TEXT NOT NULL,           -- the JSON sent
    created REAL NOT NULL,
    pending TEXT NOT NULL DEFAULT '[]',  -- JSON list of targets not yet delivered
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_alert_sources (
    rule TEXT NOT NULL,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    alert_id INTEGER NOT NULL REFERENCES watch_alerts(id) ON DELETE CASCADE,
    PRIMARY KEY (rule, article_id, idx)
) WITHOUT ROWID;
