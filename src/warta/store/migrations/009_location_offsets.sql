-- schema version 9: the offsets of an event location's mention (Location.start/end of the
-- record) in the flat events table, as every other mention has them.
ALTER TABLE events ADD COLUMN location_start INTEGER;
ALTER TABLE events ADD COLUMN location_end INTEGER;
