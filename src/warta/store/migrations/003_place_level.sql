-- schema version 3: how precisely a place was resolved (country, admin1, city, street, ...).
ALTER TABLE places ADD COLUMN level TEXT;
