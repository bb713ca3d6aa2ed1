-- The regions library's canonical key of an agency (region code + canonical organ, e.g.
-- 321322000000:人民政府), so that name variants placed alike (沭阳县政府 / 沭阳县人民政府) are one agency.
ALTER TABLE agencies ADD COLUMN canonical_key TEXT NULL;
CREATE INDEX ix_agencies_canonical_key ON agencies (canonical_key);
