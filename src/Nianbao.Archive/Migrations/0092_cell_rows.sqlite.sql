-- Cells stored compactly (docs/archive.md, docs/performance.md). A report's 230 cells used to repeat
-- its 64-character id and the path's text (four times: path, table_name, row_key, field) in every row
-- and again in the primary key's index: ≈ 250 bytes a cell in two B-trees. Now a cell row is keyed by
-- its report's arrival number and its seq (two integers), names its path by a small id, and lives in one
-- B-tree (WITHOUT ROWID); a report's cells are appended in key order. 4–5× fewer bytes, and the insert
-- of a row costs SQLite a fraction of what it did.
-- The view `cells` keeps the table every reader and one's own SQL used: same name, same columns, same
-- rows. UPDATE and DELETE on the view reach the rows through INSTEAD OF triggers (the archive's own
-- code writes cell_rows directly: SQLite counts no changes made through INSTEAD OF triggers).

-- Every cell path ever stored (applications.granted.naturalPerson → applications, granted, naturalPerson).
CREATE TABLE cell_paths (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE,
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    field      TEXT NOT NULL
);
INSERT INTO cell_paths (id, path, table_name, row_key, field)
SELECT ROW_NUMBER() OVER (ORDER BY path), path, table_name, row_key, field
FROM (SELECT path, MIN(table_name) AS table_name, MIN(row_key) AS row_key, MIN(field) AS field FROM cells GROUP BY path) p;

CREATE TABLE cell_rows (
    report_no    BIGINT NOT NULL,          -- reports.arrival of the report (unique, never changes)
    seq          INTEGER NOT NULL,         -- the cell's place in its template's tables
    path_id      INTEGER NOT NULL,         -- cell_paths.id
    status       TEXT NOT NULL,            -- value | blank | ambiguous | unread | settled
    value        NUMERIC NULL,
    value_text   TEXT NULL,
    unit         TEXT NULL,
    confidence   TEXT NULL,
    src_start    INTEGER NULL,
    src_length   INTEGER NULL,
    src_text     TEXT NULL,
    page         INTEGER NULL,
    box          TEXT NULL,
    src_table    INTEGER NULL,
    src_row      INTEGER NULL,
    src_column   INTEGER NULL,
    neighbour_id TEXT NULL,
    PRIMARY KEY (report_no, seq)
) WITHOUT ROWID;
INSERT INTO cell_rows (report_no, seq, path_id, status, value, value_text, unit, confidence, src_start, src_length, src_text, page, box,
                       src_table, src_row, src_column, neighbour_id)
SELECT r.arrival, c.seq, p.id, c.status, c.value, c.value_text, c.unit, c.confidence, c.src_start, c.src_length, c.src_text, c.page, c.box,
       c.src_table, c.src_row, c.src_column, c.neighbour_id
FROM cells c JOIN reports r ON r.id = c.report_id JOIN cell_paths p ON p.path = c.path;

DROP TABLE cells;

CREATE VIEW cells AS
SELECT r.id AS report_id, p.path AS path, c.seq AS seq, p.table_name AS table_name, p.row_key AS row_key, p.field AS field,
       c.status AS status, c.value AS value, c.value_text AS value_text, c.unit AS unit, c.confidence AS confidence,
       c.src_start AS src_start, c.src_length AS src_length, c.src_text AS src_text, c.page AS page, c.box AS box,
       c.src_table AS src_table, c.src_row AS src_row, c.src_column AS src_column, c.neighbour_id AS neighbour_id
FROM cell_rows c JOIN reports r ON r.arrival = c.report_no JOIN cell_paths p ON p.id = c.path_id;

CREATE TRIGGER tg_cells_view_update INSTEAD OF UPDATE ON cells BEGIN
    UPDATE cell_rows SET status = NEW.status, value = NEW.value, value_text = NEW.value_text, unit = NEW.unit, confidence = NEW.confidence,
        src_start = NEW.src_start, src_length = NEW.src_length, src_text = NEW.src_text, page = NEW.page, box = NEW.box,
        src_table = NEW.src_table, src_row = NEW.src_row, src_column = NEW.src_column, neighbour_id = NEW.neighbour_id
    WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
END;
CREATE TRIGGER tg_cells_view_delete INSTEAD OF DELETE ON cells BEGIN
    DELETE FROM cell_rows WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
END;

-- The write generation (0085). Updates and deletes of cells bump it; inserts need not: cell rows are
-- only ever inserted together with their report's row (a new report, or a report read again), in the
-- same transaction, and that write bumps it. (A per-row trigger cost an import ≈ 0.8 µs a cell.)
CREATE TRIGGER tg_cell_rows_update_generation AFTER UPDATE ON cell_rows BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cell_rows_delete_generation AFTER DELETE ON cell_rows BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
