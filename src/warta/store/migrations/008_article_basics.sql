-- schema version 8: which stages ran on an article (and why one did not), and how sure
-- the publication date is.
ALTER TABLE articles ADD COLUMN stages TEXT;
ALTER TABLE articles ADD COLUMN published_confidence REAL;
