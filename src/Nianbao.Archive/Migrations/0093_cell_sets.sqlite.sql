-- A report's cells stored as ONE value (docs/archive.md, docs/performance.md "Session 7: cells").
-- 0092 stored a row per cell (≈ 230 a report): SQLite spent ≈ 0.8 µs on each row's B-tree insert, a
-- floor that left the cells ≈ 2 s of the single writer thread's time per 5,000 reports. Now a report's
-- cells are one JSON array in `cell_sets` (made on the parse workers; the writer inserts one row), its
-- paths named once per distinct layout (`cell_layouts`: which path each seq is), and cells settled by a
-- neighbouring year — rare — kept apart in `cell_settlements`, indexed by the neighbour, overlaid on the
-- document's own reading. The view `cells` expands them back into exactly the rows and columns it had.
--
-- A cell in the array: [seq, status, value_text, unit, confidence, src_start, src_length, src_text, page,
-- box, src_table, src_row, src_column]; trailing nulls may be left out (a blank cell is [seq, "blank"]).
-- `value` is not stored: it is value_text as a number (CAST … AS NUMERIC gives the type the NUMERIC column
-- gave the same text: an integer or a real).

-- The sequence of (seq, path) of a report's cells: a few per archive (templates × tables printed).
-- `key` is every "seq=path" in seq order joined by ";" — how the writer finds a layout it has seen.
CREATE TABLE cell_layouts (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL
);
CREATE TABLE cell_layout_paths (
    layout_id INTEGER NOT NULL,            -- cell_layouts.id
    seq       INTEGER NOT NULL,
    path_id   INTEGER NOT NULL,            -- cell_paths.id (0092)
    PRIMARY KEY (layout_id, seq)
) WITHOUT ROWID;

CREATE TABLE cell_sets (
    report_no INTEGER PRIMARY KEY,         -- reports.arrival of the report
    layout_id INTEGER NOT NULL,            -- cell_layouts.id
    cells     TEXT NOT NULL                -- JSON array of the report's cells as read (above)
);

-- Cells a neighbouring year settled (status settled, confidence settledByNeighbour): they replace the
-- document's reading of status, value, value_text, confidence and src_text and name the neighbour.
CREATE TABLE cell_settlements (
    report_no    INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    value_text   TEXT NOT NULL,
    src_text     TEXT NULL,
    neighbour_id TEXT NOT NULL,
    PRIMARY KEY (report_no, seq)
) WITHOUT ROWID;
CREATE INDEX ix_cell_settlements_neighbour ON cell_settlements (neighbour_id);

-- Converting an archive of 0092: each report's layout, then its cells (settled ones as read: ambiguous,
-- no number, no confidence, no src_text), then its settlements.
CREATE TEMP TABLE report_layout AS
SELECT c.report_no AS report_no, group_concat(c.seq || '=' || p.path, ';' ORDER BY c.seq) AS key
FROM cell_rows c JOIN cell_paths p ON p.id = c.path_id GROUP BY c.report_no;
INSERT INTO cell_layouts (id, key) SELECT ROW_NUMBER() OVER (ORDER BY MIN(report_no)), key FROM report_layout GROUP BY key;
INSERT INTO cell_layout_paths (layout_id, seq, path_id)
SELECT l.id, c.seq, c.path_id
FROM cell_layouts l JOIN (SELECT key, MIN(report_no) AS report_no FROM report_layout GROUP BY key) f ON f.key = l.key
JOIN cell_rows c ON c.report_no = f.report_no;
INSERT INTO cell_sets (report_no, layout_id, cells)
SELECT c.report_no, l.id, json_group_array(json(CASE WHEN c.status = 'settled'
        THEN json_array(c.seq, 'ambiguous', NULL, c.unit, NULL, c.src_start, c.src_length, NULL, c.page, c.box, c.src_table, c.src_row, c.src_column)
        ELSE json_array(c.seq, c.status, c.value_text, c.unit, c.confidence, c.src_start, c.src_length, c.src_text, c.page, c.box, c.src_table, c.src_row, c.src_column) END)
    ORDER BY c.seq)
FROM cell_rows c JOIN report_layout rl ON rl.report_no = c.report_no JOIN cell_layouts l ON l.key = rl.key
GROUP BY c.report_no;
INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
SELECT report_no, seq, value_text, src_text, neighbour_id FROM cell_rows WHERE status = 'settled';
DROP TABLE report_layout;

DROP VIEW cells;
DROP TABLE cell_rows;

CREATE VIEW cells AS
SELECT r.id AS report_id, p.path AS path, c.value ->> 0 AS seq, p.table_name AS table_name, p.row_key AS row_key, p.field AS field,
       IIF(s.seq IS NULL, c.value ->> 1, 'settled') AS status,
       CAST(IIF(s.seq IS NULL, c.value ->> 2, s.value_text) AS NUMERIC) AS value,
       IIF(s.seq IS NULL, c.value ->> 2, s.value_text) AS value_text,
       c.value ->> 3 AS unit,
       IIF(s.seq IS NULL, c.value ->> 4, 'settledByNeighbour') AS confidence,
       c.value ->> 5 AS src_start, c.value ->> 6 AS src_length,
       IIF(s.seq IS NULL, c.value ->> 7, s.src_text) AS src_text,
       c.value ->> 8 AS page, c.value ->> 9 AS box, c.value ->> 10 AS src_table, c.value ->> 11 AS src_row, c.value ->> 12 AS src_column,
       s.neighbour_id AS neighbour_id
FROM reports r CROSS JOIN cell_sets cs ON cs.report_no = r.arrival
CROSS JOIN json_each(cs.cells) c
CROSS JOIN cell_layout_paths lp ON lp.layout_id = cs.layout_id AND lp.seq = c.value ->> 0
CROSS JOIN cell_paths p ON p.id = lp.path_id
LEFT JOIN cell_settlements s ON s.report_no = cs.report_no AND s.seq = c.value ->> 0;
-- CROSS JOIN fixes SQLite's join order: each report's array is expanded once and each cell looks up its
-- path (left to itself, SQLite looped over the layout's paths and scanned the array for each: 230² a report).

-- UPDATE and DELETE on the view (for one's own SQL; the archive's code writes the tables): a settled row
-- is written as a settlement, any other replaces the cell in its report's array.
CREATE TRIGGER tg_cells_view_update INSTEAD OF UPDATE ON cells BEGIN
    DELETE FROM cell_settlements WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
    INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
    SELECT (SELECT arrival FROM reports WHERE id = OLD.report_id), OLD.seq, NEW.value_text, NEW.src_text, COALESCE(NEW.neighbour_id, '')
    WHERE NEW.status = 'settled';
    UPDATE cell_sets SET cells = json_replace(cells,
            '$[' || (SELECT j.key FROM json_each(cell_sets.cells) j WHERE j.value ->> 0 = OLD.seq) || ']',
            json_array(OLD.seq, NEW.status, NEW.value_text, NEW.unit, NEW.confidence, NEW.src_start, NEW.src_length, NEW.src_text, NEW.page, NEW.box,
                       NEW.src_table, NEW.src_row, NEW.src_column))
    WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND NEW.status <> 'settled';
END;
CREATE TRIGGER tg_cells_view_delete INSTEAD OF DELETE ON cells BEGIN
    DELETE FROM cell_settlements WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
    UPDATE cell_sets SET cells = json_remove(cells, '$[' || (SELECT j.key FROM json_each(cell_sets.cells) j WHERE j.value ->> 0 = OLD.seq) || ']')
    WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id);
END;

-- The write generation (0085): changes to stored cells bump it; inserts of cell sets need not (they come
-- with their report's row, whose insert bumps it), settlements do (a settled cell changes a summary).
CREATE TRIGGER tg_cell_sets_update_generation AFTER UPDATE ON cell_sets BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cell_sets_delete_generation AFTER DELETE ON cell_sets BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cell_settlements_insert_generation AFTER INSERT ON cell_settlements BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cell_settlements_update_generation AFTER UPDATE ON cell_settlements BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tg_cell_settlements_delete_generation AFTER DELETE ON cell_settlements BEGIN UPDATE archive_generation SET generation = generation + 1 WHERE id = 1; END;
