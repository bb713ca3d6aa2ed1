-- PostgreSQL only (SQLite has no twin: nothing changes there). What an import costs the server
-- (docs/performance.md, "Session 7: PostgreSQL"); the tables, columns and rows stay as they were.

-- Long values (a report's 30 KB record, an original's bytes, any text or bytea over ≈ 2 KB) are compressed
-- with lz4 instead of pglz: pglz took ≈ 0.8 ms of server CPU for each record written, a third of all the
-- server did for an import; lz4 takes a tenth of that, for ≈ 15 % more bytes. Only values written from now on
-- change; both are read back transparently. Every text and bytea column of the archive's tables: only values
-- long enough to be compressed ever are, and a table added later may still say COMPRESSION lz4 itself.
-- A server built without lz4 (or older than PostgreSQL 14) keeps pglz.
DO '
DECLARE c record;
BEGIN
    FOR c IN
        SELECT a.attrelid::regclass AS tbl, a.attname AS col
        FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind = ''r''
          AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN (''text''::regtype, ''bytea''::regtype)
    LOOP
        EXECUTE format(''ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION lz4'', c.tbl, c.col);
    END LOOP;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE ''lz4 is not available on this server: long values stay compressed with pglz'';
END';

-- A report's row version (0086) set once per statement from its rows (transition tables) instead of by a
-- trigger call and an upsert per row: an import writes a window's reports in one statement. Same numbers
-- for the same rows: each written row gets a new one, a deleted row loses its own.
DROP TRIGGER tg_reports_version ON reports;
CREATE FUNCTION report_versions_written() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
    INSERT INTO report_versions (report_id, version) SELECT id, nextval(''archive_row_versions'') FROM written_reports
        ON CONFLICT (report_id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END';
CREATE FUNCTION report_versions_deleted() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
    DELETE FROM report_versions WHERE report_id IN (SELECT id FROM deleted_reports);
    RETURN NULL;
END';
CREATE TRIGGER tg_reports_version_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS written_reports
    FOR EACH STATEMENT EXECUTE FUNCTION report_versions_written();
CREATE TRIGGER tg_reports_version_update AFTER UPDATE ON reports REFERENCING NEW TABLE AS written_reports
    FOR EACH STATEMENT EXECUTE FUNCTION report_versions_written();
CREATE TRIGGER tg_reports_version_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS deleted_reports
    FOR EACH STATEMENT EXECUTE FUNCTION report_versions_deleted();
