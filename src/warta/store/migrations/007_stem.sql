-- schema version 7: the stemmed full-text index beside the exact one (warta.store.stem).
-- Its rows are written by Python (simplemma lemmas) when an article is stored, and
-- filled for the articles already stored right after this migration; a deleted
-- article leaves it here, in SQL.
CREATE VIRTUAL TABLE articles_stem USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_stem_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_stem WHERE rowid = old.rowid;
END;
