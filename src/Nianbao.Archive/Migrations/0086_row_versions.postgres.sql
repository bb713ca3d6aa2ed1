-- Row versions: what a server that keeps summaries incrementally (Nianbao.Queries.ReportContributions)
-- compares to know which reports changed since it last read them, instead of reading every report's row
-- and cell vector again after each write. A report's summed contribution depends only on its row in
-- `reports` (its cell vector is kept equal to its cells, settled numbers included: every cell write
-- rewrites it) and its agency's row in `agencies` (name, placement); a version is a new number each time
-- such a row is inserted or updated, so an unchanged (report version, agency version) pair means the
-- same contribution. Kept in side tables, as on SQLite (the same queries on both).
-- PostgreSQL: the number comes from a sequence, never handed out twice.
CREATE SEQUENCE archive_row_versions;
CREATE TABLE report_versions (
    report_id TEXT PRIMARY KEY,
    version   BIGINT NOT NULL
);
CREATE TABLE agency_versions (
    agency_id TEXT PRIMARY KEY,
    version   BIGINT NOT NULL
);
CREATE FUNCTION report_version_set() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
    IF TG_OP = ''DELETE'' THEN DELETE FROM report_versions WHERE report_id = OLD.id; RETURN NULL; END IF;
    INSERT INTO report_versions (report_id, version) VALUES (NEW.id, nextval(''archive_row_versions''))
        ON CONFLICT (report_id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END';
CREATE FUNCTION agency_version_set() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
    IF TG_OP = ''DELETE'' THEN DELETE FROM agency_versions WHERE agency_id = OLD.id; RETURN NULL; END IF;
    INSERT INTO agency_versions (agency_id, version) VALUES (NEW.id, nextval(''archive_row_versions''))
        ON CONFLICT (agency_id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END';
CREATE TRIGGER tg_reports_version AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION report_version_set();
CREATE TRIGGER tg_agencies_version AFTER INSERT OR UPDATE OR DELETE ON agencies FOR EACH ROW EXECUTE FUNCTION agency_version_set();
-- A TRUNCATE of reports or agencies leaves no row to compare: empty the versions with them.
CREATE FUNCTION row_versions_truncate() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
    IF TG_TABLE_NAME = ''reports'' THEN DELETE FROM report_versions; ELSE DELETE FROM agency_versions; END IF;
    RETURN NULL;
END';
CREATE TRIGGER tg_reports_version_truncate AFTER TRUNCATE ON reports FOR EACH STATEMENT EXECUTE FUNCTION row_versions_truncate();
CREATE TRIGGER tg_agencies_version_truncate AFTER TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION row_versions_truncate();

-- Region names are kept per process; they change only with `regions`, which bumps its own counter
-- (row 2 of archive_generation) so a process knows when to read them again.
INSERT INTO archive_generation (id, generation) VALUES (2, 1);
CREATE FUNCTION archive_region_names_bump() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 2; RETURN NULL; END';
CREATE TRIGGER tg_regions_names AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions FOR EACH STATEMENT EXECUTE FUNCTION archive_region_names_bump();

-- Which archive this is: versions are only comparable within one database, and a new archive made at
-- the same place starts counting again.
CREATE TABLE archive_instance (
    id    INTEGER PRIMARY KEY,
    token TEXT NOT NULL
);
INSERT INTO archive_instance (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text));
