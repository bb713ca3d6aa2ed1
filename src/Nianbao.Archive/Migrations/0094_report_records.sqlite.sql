-- The lossless record of each report in a table of its own (docs/archive.md, docs/performance.md).
-- Inline in `reports` (≈ 30 KB of JSON a report, in overflow pages), it made every row about a page and
-- every update of a row — made current, superseded, a cell vector refreshed — rewrite the whole record:
-- SQLite writes a changed row whole, overflow pages included. An import wrote each record three times
-- (stored, made current, superseded), and every scan or lookup of reports went through its pages.
-- Keyed by the report's arrival number (reports.arrival: unique, never changes, also the key of its
-- cell rows): on SQLite the rowid itself, so records are appended in order and found in one B-tree.
-- Written only together with the report's row (a new report, or a report read again), in the same
-- transaction, so the write generation (0085) and row versions (0086) the row bumps cover it.
CREATE TABLE report_records (
    arrival INTEGER PRIMARY KEY,           -- reports.arrival
    record  TEXT NOT NULL                  -- the lossless record (contract JSON written by ReportJson)
);
INSERT INTO report_records (arrival, record) SELECT arrival, record FROM reports;
ALTER TABLE reports DROP COLUMN record;

-- A report deleted (by one's own SQL, or `bench serve` removing its uploads) takes its record with it.
CREATE TRIGGER tg_reports_delete_record AFTER DELETE ON reports BEGIN
    DELETE FROM report_records WHERE arrival = OLD.arrival;
END;

-- The copy of every report row in an index (0085), made so that a list or summary need not read the
-- record's pages: with the record out of the row, the table is that copy. It cost every write of a report
-- row (stored, made current, superseded) a second write of the whole row, cell vector included.
DROP INDEX IF EXISTS ix_reports_listed;
-- (is_current, year) is the start of ix_reports_versions (0086): a second index of it only cost writes.
DROP INDEX IF EXISTS ix_reports_current;

-- The write generation's own triggers on report rows (0085): the row-version triggers (0086) bump it
-- first on every insert and update, so each write bumped it twice (a delete still bumps it here).
DROP TRIGGER IF EXISTS tg_reports_insert_generation;
DROP TRIGGER IF EXISTS tg_reports_update_generation;
-- Findings are only ever inserted together with their report's row (a new report, or a report read again),
-- in the same transaction, and that write bumps the generation (as cells, 0092). An import paid a trigger
-- for every finding it stored. Updates and deletes of findings still bump it.
DROP TRIGGER IF EXISTS tg_findings_insert_generation;
