-- The archive's write generation: one number bumped in the same transaction as every write that can
-- change what a summary or dashboard shows (reports, cells, findings, agencies and their placement and
-- names, expected agencies, regions, decisions). A server keeps computed summaries keyed by it: checking
-- it is one cheap query, a read after any write (by this process, another server on the same PostgreSQL,
-- or the command line) sees a new number and computes afresh, so a cached summary is never stale.
-- Bumped by triggers, so no write path can forget it (docs/performance.md).
-- PostgreSQL: one statement-level trigger per table (a multi-row insert bumps it once). The row stays
-- locked until the writing transaction ends, so writers of the archive take turns from their first
-- write on, as they already do on SQLite.
CREATE TABLE archive_generation (
    id         INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO archive_generation (id, generation) VALUES (1, 1);
CREATE FUNCTION archive_generation_bump() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; RETURN NULL; END';
CREATE TRIGGER tg_reports_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reports FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_cells_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cells FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_agencies_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_agency_names_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_names FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_expected_agencies_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON expected_agencies FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_regions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_findings_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON findings FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_cross_findings_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cross_findings FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_finding_decisions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON finding_decisions FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
