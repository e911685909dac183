-- schema version 6: analysts' reviews of coded events, in their own table so that a
-- re-ingest (which replaces an article's events) never touches them. A review names
-- the article event by its trigger's offsets, which stay put when the record is
-- re-extracted, rather than by its index, which may shift. The latest review of an
-- event is the one in force; earlier ones are its history.
CREATE TABLE event_reviews (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'wrong', 'corrected')),
    -- corrected values; NULL keeps the coded value, '' clears it
    type TEXT,
    actor_name TEXT, actor_country TEXT, actor_sector TEXT,
    recipient_name TEXT, recipient_country TEXT, recipient_sector TEXT,
    location_name TEXT, location_country TEXT,
    date TEXT,
    note TEXT,
    reviewer TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX event_reviews_event ON event_reviews(article_id, trigger_start, trigger_end, id);
