-- schema version 4: stories whose summary and fused events await a refresh. A bulk
-- ingest links each article at once but refreshes each touched story once at the end;
-- a run killed before that leaves its stories here for the next writer (or warta serve).
CREATE TABLE story_pending (story_id TEXT PRIMARY KEY) WITHOUT ROWID;
