-- The archive's write generation: one number bumped in the same transaction as every write that can
-- change what a summary or dashboard shows (reports, cells, findings, agencies and their placement and
-- names, expected agencies, regions, decisions). A server keeps computed summaries keyed by it: checking
-- it is one cheap query, a read after any write (by this process, another server on the same PostgreSQL,
-- or the command line) sees a new number and computes afresh, so a cached summary is never stale.
-- Bumped by triggers, so no write path can forget it (docs/performance.md).
-- SQLite's triggers fire per row: an import's few hundred cell rows bump it a few hundred times, each
-- an update of one cached page (microseconds).
CREATE TABLE archive_generation (
    id         INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO archive_generation (id, generation) VALUES (1, 1);
CREATE TRIGGER tg_reports_insert_generation AFTER INSERT ON reports BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_reports_update_generation AFTER UPDATE ON reports BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_reports_delete_generation AFTER DELETE ON reports BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cells_insert_generation AFTER INSERT ON cells BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cells_update_generation AFTER UPDATE ON cells BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cells_delete_generation AFTER DELETE ON cells BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agencies_insert_generation AFTER INSERT ON agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agencies_update_generation AFTER UPDATE ON agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agencies_delete_generation AFTER DELETE ON agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agency_names_insert_generation AFTER INSERT ON agency_names BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agency_names_update_generation AFTER UPDATE ON agency_names BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_agency_names_delete_generation AFTER DELETE ON agency_names BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_expected_agencies_insert_generation AFTER INSERT ON expected_agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_expected_agencies_update_generation AFTER UPDATE ON expected_agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_expected_agencies_delete_generation AFTER DELETE ON expected_agencies BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_regions_insert_generation AFTER INSERT ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_regions_update_generation AFTER UPDATE ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_regions_delete_generation AFTER DELETE ON regions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_findings_insert_generation AFTER INSERT ON findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_findings_update_generation AFTER UPDATE ON findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_findings_delete_generation AFTER DELETE ON findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cross_findings_insert_generation AFTER INSERT ON cross_findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cross_findings_update_generation AFTER UPDATE ON cross_findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cross_findings_delete_generation AFTER DELETE ON cross_findings BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_finding_decisions_insert_generation AFTER INSERT ON finding_decisions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_finding_decisions_update_generation AFTER UPDATE ON finding_decisions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_finding_decisions_delete_generation AFTER DELETE ON finding_decisions BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;

-- What a summary, a dashboard and a report list read of each report, in one index: SQLite keeps a row's
-- columns in one chain of pages, so reading reader, imported_at or cell_vector — stored after the
-- 30 KB record — walked every report's record pages (≈ 0.5 s for a province of 10,000; 0.1 s from this
-- index). PostgreSQL keeps a long record apart from its row (TOAST) and needs no such index.
CREATE INDEX ix_reports_listed ON reports (is_current, year, agency_id, id, arrival, agency_printed, template, published_on,
    file_name, format, superseded_by, errors, warnings, reader, imported_at, cell_vector);
