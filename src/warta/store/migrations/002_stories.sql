-- warta store, schema version 2: stories (near-duplicate articles linked by MinHash/LSH)
-- and the events of each story fused across its articles. Filled by warta.stories
-- inside each article's upsert transaction.
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    linked_to TEXT,          -- the member it matched (NULL for the article that began the story)
    similarity REAL,         -- estimated Jaccard similarity to linked_to
    signature BLOB NOT NULL  -- MinHash values, uint32 little-endian
);
CREATE INDEX story_members_story ON story_members(story_id);

-- LSH buckets: one row per (band, hash of the band's MinHash values) per article.
CREATE TABLE story_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_article ON story_bands(article_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_events INTEGER NOT NULL
);
CREATE INDEX stories_published ON stories(first_published);

-- One row per fused event: every article event of the story that reports the same
-- happening (same type, participants, compatible place, dates within the window).
CREATE TABLE story_events (
    story_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    type TEXT, mode TEXT,
    actor_name TEXT, actor_country TEXT, actor_sector TEXT,
    recipient_name TEXT, recipient_country TEXT, recipient_sector TEXT,
    location_name TEXT, location_lat REAL, location_lon REAL, location_country TEXT,
    date TEXT, date_first TEXT, date_last TEXT,
    dead INTEGER, injured INTEGER, negated INTEGER, confidence REAL,
    num_articles INTEGER NOT NULL,  -- distinct articles reporting it
    num_sources INTEGER NOT NULL,   -- distinct outlets among them
    num_mentions INTEGER NOT NULL,  -- article events fused (sentences reporting it)
    sources TEXT NOT NULL,          -- JSON list of {article_id, idx, outlet}
    PRIMARY KEY (story_id, idx)
);
CREATE INDEX story_events_type ON story_events(type, date);
CREATE INDEX story_events_date ON story_events(date);
CREATE INDEX story_events_actor ON story_events(actor_country, actor_sector);
CREATE INDEX story_events_recipient ON story_events(recipient_country, recipient_sector);
