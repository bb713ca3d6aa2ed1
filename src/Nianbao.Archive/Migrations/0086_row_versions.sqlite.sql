-- Row versions: what a server that keeps summaries incrementally (Nianbao.Queries.ReportContributions)
-- compares to know which reports changed since it last read them, instead of reading every report's row
-- and cell vector again after each write. A report's summed contribution depends only on its row in
-- `reports` (its cell vector is kept equal to its cells, settled numbers included: every cell write
-- rewrites it) and its agency's row in `agencies` (name, placement); a version is a new number each time
-- such a row is inserted or updated, so an unchanged (report version, agency version) pair means the
-- same contribution. Kept in side tables, not columns: an update of the report row itself would
-- rewrite its 30 KB record on SQLite.
-- SQLite: the number is the archive generation, bumped first by the same trigger, so two writes of a
-- row (writers take turns) never get the same number.
-- WITHOUT ROWID: a version is found by its key in one b-tree (a summary looks up ten thousand).
CREATE TABLE report_versions (
    report_id TEXT PRIMARY KEY,
    version   BIGINT NOT NULL
) WITHOUT ROWID;
CREATE TABLE agency_versions (
    agency_id TEXT PRIMARY KEY,
    version   BIGINT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER tg_reports_insert_version AFTER INSERT ON reports BEGIN
    UPDATE archive_generation SET generation = generation + 1 WHERE id = 1;
    INSERT OR REPLACE INTO report_versions (report_id, version) VALUES (NEW.id, (SELECT generation FROM archive_generation WHERE id = 1));
END;
CREATE TRIGGER tg_reports_update_version AFTER UPDATE ON reports BEGIN
    UPDATE archive_generation SET generation = generation + 1 WHERE id = 1;
    INSERT OR REPLACE INTO report_versions (report_id, version) VALUES (NEW.id, (SELECT generation FROM archive_generation WHERE id = 1));
END;
CREATE TRIGGER tg_reports_delete_version AFTER DELETE ON reports BEGIN
    DELETE FROM report_versions WHERE report_id = OLD.id;
END;
CREATE TRIGGER tg_agencies_insert_version AFTER INSERT ON agencies BEGIN
    UPDATE archive_generation SET generation = generation + 1 WHERE id = 1;
    INSERT OR REPLACE INTO agency_versions (agency_id, version) VALUES (NEW.id, (SELECT generation FROM archive_generation WHERE id = 1));
END;
CREATE TRIGGER tg_agencies_update_version AFTER UPDATE ON agencies BEGIN
    UPDATE archive_generation SET generation = generation + 1 WHERE id = 1;
    INSERT OR REPLACE INTO agency_versions (agency_id, version) VALUES (NEW.id, (SELECT generation FROM archive_generation WHERE id = 1));
END;
CREATE TRIGGER tg_agencies_delete_version AFTER DELETE ON agencies BEGIN
    DELETE FROM agency_versions WHERE agency_id = OLD.id;
END;

-- Region names are kept per process; they change only with `regions`, which bumps its own counter
-- (row 2 of archive_generation) so a process knows when to read them again.
INSERT INTO archive_generation (id, generation) VALUES (2, 1);
CREATE TRIGGER tg_regions_insert_names AFTER INSERT ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 2; END;
CREATE TRIGGER tg_regions_update_names AFTER UPDATE ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 2; END;
CREATE TRIGGER tg_regions_delete_names AFTER DELETE ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 2; END;

-- Which archive this is: versions are only comparable within one database, and a new archive made at
-- the same path starts counting again.
CREATE TABLE archive_instance (
    id    INTEGER PRIMARY KEY,
    token TEXT NOT NULL
);
INSERT INTO archive_instance (id, token) VALUES (1, lower(hex(randomblob(16))));

-- What the comparison reads of each report: its key, its filter columns and its agency, without the
-- vector and the record (ix_reports_listed holds the vectors too).
CREATE INDEX ix_reports_versions ON reports (is_current, year, agency_id, id);
