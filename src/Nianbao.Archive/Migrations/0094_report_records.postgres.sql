-- The lossless record of each report in a table of its own (docs/archive.md, docs/performance.md).
-- The same tables as on SQLite, where an inline record (≈ 30 KB a report) made every update of a report's
-- row rewrite it; PostgreSQL kept it apart already (TOAST), and reads it from here with the same queries.
-- Keyed by the report's arrival number (reports.arrival: unique, never changes, also the key of its
-- cell rows). Written only together with the report's row, in the same transaction, so the write
-- generation (0085) and row versions (0086) the row bumps cover it.
CREATE TABLE report_records (
    arrival BIGINT PRIMARY KEY,            -- reports.arrival
    record  TEXT NOT NULL                  -- the lossless record (contract JSON written by ReportJson)
);
INSERT INTO report_records (arrival, record) SELECT arrival, record FROM reports;
ALTER TABLE reports DROP COLUMN record;

-- A report deleted (by one's own SQL, or `bench serve` removing its uploads) takes its record with it.
CREATE FUNCTION report_record_delete() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN DELETE FROM report_records WHERE arrival = OLD.arrival; RETURN NULL; END';
CREATE TRIGGER tg_reports_delete_record AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION report_record_delete();
