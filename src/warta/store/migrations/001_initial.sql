-- warta store, schema version 1: articles, their annotations, full-text search.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, title TEXT, outlet TEXT, published TEXT, published_source TEXT,
    lang TEXT, lang_score REAL, dateline_text TEXT, dateline_place TEXT, credit TEXT,
    source TEXT, kind TEXT, locator TEXT, record_offset INTEGER, sha256 TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_lang ON articles(lang);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, label TEXT, kb_id TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX entities_label_text ON entities(label, text);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, value TEXT, type TEXT,
    anchor TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, kind TEXT,
    cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
    speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT, speaker_name TEXT,
    speaker_role TEXT, speaker_affiliation TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, name TEXT, geonameid TEXT,
    lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT, confidence REAL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX places_country ON places(country);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, published TEXT, type TEXT, mode TEXT,
    actor_text TEXT, actor_name TEXT, actor_country TEXT, actor_sector TEXT,
    actor_start INTEGER, actor_end INTEGER,
    recipient_text TEXT, recipient_name TEXT, recipient_country TEXT, recipient_sector TEXT,
    recipient_start INTEGER, recipient_end INTEGER,
    location_text TEXT, location_name TEXT, location_lat REAL, location_lon REAL,
    location_country TEXT, date TEXT, date_source TEXT,
    evidence_start INTEGER, evidence_end INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
    dead INTEGER, injured INTEGER, negated INTEGER, hypothetical INTEGER, future INTEGER,
    confidence REAL, cameo TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_actor ON events(actor_country, actor_sector);
CREATE INDEX events_recipient ON events(recipient_country, recipient_sector);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
