-- schema version 10: a fused event keeps the hypothetical and future flags of its reports
-- (events fuse only with the same flags); rows fused before are filled from their reports.
ALTER TABLE story_events ADD COLUMN hypothetical INTEGER;
ALTER TABLE story_events ADD COLUMN future INTEGER;
UPDATE story_events SET
    hypothetical = (SELECT max(ev.hypothetical) FROM json_each(story_events.sources) j
        JOIN events ev ON ev.article_id = json_extract(j.value, '$.article_id')
        AND ev.idx = json_extract(j.value, '$.idx')),
    future = (SELECT max(ev.future) FROM json_each(story_events.sources) j
        JOIN events ev ON ev.article_id = json_extract(j.value, '$.article_id')
        AND ev.idx = json_extract(j.value, '$.idx'));
