-- Cell sets in fewer bytes (docs/archive.md, docs/performance.md "Session 9: cell sets and bytes").
-- 0093 stored a cell as [seq, status, value_text, unit, confidence, src_start, src_length, src_text, page, box,
-- src_table, src_row, src_column] — ≈ 40 bytes for a cell like [10001,"value","7",null,"exact",466,1,"7"], most
-- of them saying again what the others say. Now a cell is
--   [code, value_text, src_start, src_length, src_text, unit, page, box, src_table, src_row, src_column]
-- trailing nulls left out, at its PLACE in the array: the n-th item is the layout's n-th cell
-- (cell_layout_paths.pos), so the seq is not stored. `code` (CellCode in CellRows.cs):
--   bits 0–2 status      0 value, 1 blank, 2 ambiguous, 3 unread
--   bits 3–5 confidence  0 exact, 1 solvedByArithmetic, 2 solvedByNarrative, 3 placedByOrder, 4 ocr, 5 none, 6 settledByNeighbour
--   bit 6 (64)           src_text is item 4; without it src_text is value_text (the number printed as read)
--   bit 7 (128)          src_length is item 3; without it it is the length of src_text (none without a src_start)
-- value_text is a JSON number when it is an integer written canonically (at most 15 digits), else a string;
-- the view gives it back as text. A usual cell is [0,7,466]. A null item is a cell deleted through the view.
-- The view `cells` shows exactly the rows, columns and types it showed before.

-- Each layout's cells numbered by their place (seq order, as every cell set lists them).
CREATE TABLE cell_layout_paths_0101 (
    layout_id INTEGER NOT NULL,            -- cell_layouts.id
    pos       INTEGER NOT NULL,            -- the cell's place in a cell set of this layout (0 first)
    seq       INTEGER NOT NULL,
    path_id   INTEGER NOT NULL,            -- cell_paths.id (0092)
    PRIMARY KEY (layout_id, pos)
) WITHOUT ROWID;
INSERT INTO cell_layout_paths_0101 (layout_id, pos, seq, path_id)
SELECT layout_id, ROW_NUMBER() OVER (PARTITION BY layout_id ORDER BY seq) - 1, seq, path_id FROM cell_layout_paths;

-- Converting the cell sets. A set that lists every cell of its layout (all of them, unless cells were deleted
-- through the view) is converted item by item in place; any other is laid out on its layout, null where a cell
-- is missing. A status or confidence not in the lists above stops the migration (json() of it is malformed JSON).
CREATE TEMP TABLE m0101_old (report_no INTEGER NOT NULL, pos INTEGER NOT NULL, o TEXT NULL, PRIMARY KEY (report_no, pos)) WITHOUT ROWID;
INSERT INTO m0101_old (report_no, pos, o)
SELECT cs.report_no, e.key, e.value
FROM cell_sets cs CROSS JOIN json_each(cs.cells) e
WHERE json_array_length(cs.cells) = (SELECT COUNT(*) FROM cell_layout_paths_0101 lp WHERE lp.layout_id = cs.layout_id);
INSERT INTO m0101_old (report_no, pos, o)
SELECT cs.report_no, lp.pos, (SELECT e.value FROM json_each(cs.cells) e WHERE e.value ->> 0 = lp.seq)
FROM cell_sets cs JOIN cell_layout_paths_0101 lp ON lp.layout_id = cs.layout_id
WHERE json_array_length(cs.cells) <> (SELECT COUNT(*) FROM cell_layout_paths_0101 lp2 WHERE lp2.layout_id = cs.layout_id);

CREATE TEMP TABLE m0101_new (report_no INTEGER PRIMARY KEY, cells TEXT NOT NULL);
WITH flagged AS MATERIALIZED (
    SELECT report_no, pos, o,
           o ->> 7 IS o ->> 2 AS same_text,
           IIF(o ->> 5 IS NULL, o ->> 6 IS NULL, length(o ->> 7) = octet_length(o ->> 7) AND o ->> 6 IS length(o ->> 7)) AS same_length
    FROM m0101_old
), items AS MATERIALIZED (
    SELECT report_no, pos, IIF(o IS NULL, NULL, json_array(
        CASE o ->> 1 WHEN 'value' THEN 0 WHEN 'blank' THEN 1 WHEN 'ambiguous' THEN 2 WHEN 'unread' THEN 3 ELSE json('status ' || (o ->> 1)) END
        | (CASE WHEN o ->> 4 IS NULL THEN 5 WHEN o ->> 4 = 'exact' THEN 0 WHEN o ->> 4 = 'solvedByArithmetic' THEN 1 WHEN o ->> 4 = 'solvedByNarrative' THEN 2
                WHEN o ->> 4 = 'placedByOrder' THEN 3 WHEN o ->> 4 = 'ocr' THEN 4 WHEN o ->> 4 = 'settledByNeighbour' THEN 6 ELSE json('confidence ' || (o ->> 4)) END << 3)
        | IIF(same_text, 0, 64) | IIF(same_length, 0, 128),
        IIF(length(o ->> 2) <= 15 AND CAST(CAST(o ->> 2 AS INTEGER) AS TEXT) = o ->> 2, CAST(o ->> 2 AS INTEGER), o ->> 2),
        o ->> 5, IIF(same_length, NULL, o ->> 6), IIF(same_text, NULL, o ->> 7),
        o ->> 3, o ->> 8, o ->> 9, o ->> 10, o ->> 11, o ->> 12)) AS a
    FROM flagged
)
INSERT INTO m0101_new (report_no, cells)
-- Trailing nulls left out: the item before them ends in a digit or a quote, never in one of , n u l.
SELECT report_no, json_group_array(json(IIF(a IS NULL, NULL, rtrim(substr(a, 1, length(a) - 1), ',nul') || ']')) ORDER BY pos)
FROM items GROUP BY report_no;
UPDATE cell_sets SET cells = (SELECT n.cells FROM m0101_new n WHERE n.report_no = cell_sets.report_no);
DROP TABLE m0101_old;
DROP TABLE m0101_new;

DROP TRIGGER tg_cells_view_update;
DROP TRIGGER tg_cells_view_delete;
DROP VIEW cells;
DROP TABLE cell_layout_paths;
ALTER TABLE cell_layout_paths_0101 RENAME TO cell_layout_paths;

CREATE VIEW cells AS
SELECT r.id AS report_id, p.path AS path, lp.seq AS seq, p.table_name AS table_name, p.row_key AS row_key, p.field AS field,
       IIF(s.seq IS NULL, CASE (c.value ->> 0) & 7 WHEN 0 THEN 'value' WHEN 1 THEN 'blank' WHEN 2 THEN 'ambiguous' WHEN 3 THEN 'unread' END, 'settled') AS status,
       CAST(IIF(s.seq IS NULL, CAST(c.value ->> 1 AS TEXT), s.value_text) AS NUMERIC) AS value,
       IIF(s.seq IS NULL, CAST(c.value ->> 1 AS TEXT), s.value_text) AS value_text,
       c.value ->> 5 AS unit,
       IIF(s.seq IS NULL, CASE ((c.value ->> 0) >> 3) & 7 WHEN 0 THEN 'exact' WHEN 1 THEN 'solvedByArithmetic' WHEN 2 THEN 'solvedByNarrative'
           WHEN 3 THEN 'placedByOrder' WHEN 4 THEN 'ocr' WHEN 6 THEN 'settledByNeighbour' END, 'settledByNeighbour') AS confidence,
       c.value ->> 2 AS src_start,
       IIF((c.value ->> 0) & 128, c.value ->> 3,
           IIF(c.value ->> 2 IS NULL, NULL, length(IIF((c.value ->> 0) & 64, c.value ->> 4, CAST(c.value ->> 1 AS TEXT))))) AS src_length,
       IIF(s.seq IS NULL, IIF((c.value ->> 0) & 64, c.value ->> 4, CAST(c.value ->> 1 AS TEXT)), s.src_text) AS src_text,
       c.value ->> 6 AS page, c.value ->> 7 AS box, c.value ->> 8 AS src_table, c.value ->> 9 AS src_row, c.value ->> 10 AS src_column,
       s.neighbour_id AS neighbour_id
FROM reports r CROSS JOIN cell_sets cs ON cs.report_no = r.arrival
CROSS JOIN json_each(cs.cells) c
CROSS JOIN cell_layout_paths lp ON lp.layout_id = cs.layout_id AND lp.pos = c.key
CROSS JOIN cell_paths p ON p.id = lp.path_id
LEFT JOIN cell_settlements s ON s.report_no = cs.report_no AND s.seq = lp.seq
WHERE c.type = 'array';
-- CROSS JOIN fixes SQLite's join order as in 0093: each report's array expanded once, each cell finding its
-- path by the layout's primary key.

-- UPDATE and DELETE on the view (for one's own SQL; the archive's code writes the tables): a settled row is
-- written as a settlement, any other replaces the cell at its place (src_text and src_length stored as given);
-- a deleted cell leaves a null at its place.
CREATE TRIGGER tg_cells_view_update INSTEAD OF UPDATE ON cells BEGIN
    SELECT RAISE(ABORT, 'cells: status must be value, blank, ambiguous, unread or settled; confidence exact, solvedByArithmetic, solvedByNarrative, placedByOrder, ocr, settledByNeighbour or null')
    WHERE NEW.status NOT IN ('value', 'blank', 'ambiguous', 'unread', 'settled')
       OR NEW.status <> 'settled' AND NEW.confidence IS NOT NULL
          AND NEW.confidence NOT IN ('exact', 'solvedByArithmetic', 'solvedByNarrative', 'placedByOrder', 'ocr', 'settledByNeighbour');
    DELETE FROM cell_settlements WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
    INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
    SELECT (SELECT arrival FROM reports WHERE id = OLD.report_id), OLD.seq, NEW.value_text, NEW.src_text, COALESCE(NEW.neighbour_id, '')
    WHERE NEW.status = 'settled';
    UPDATE cell_sets SET cells = json_replace(cells,
            '$[' || (SELECT lp.pos FROM cell_layout_paths lp WHERE lp.layout_id = cell_sets.layout_id AND lp.seq = OLD.seq) || ']',
            json_array(
                CASE NEW.status WHEN 'value' THEN 0 WHEN 'blank' THEN 1 WHEN 'ambiguous' THEN 2 WHEN 'unread' THEN 3 END
                | (CASE WHEN NEW.confidence IS NULL THEN 5 WHEN NEW.confidence = 'exact' THEN 0 WHEN NEW.confidence = 'solvedByArithmetic' THEN 1
                        WHEN NEW.confidence = 'solvedByNarrative' THEN 2 WHEN NEW.confidence = 'placedByOrder' THEN 3 WHEN NEW.confidence = 'ocr' THEN 4
                        WHEN NEW.confidence = 'settledByNeighbour' THEN 6 END << 3) | 64 | 128,
                CAST(NEW.value_text AS TEXT), NEW.src_start, NEW.src_length, NEW.src_text, NEW.unit, NEW.page, NEW.box, NEW.src_table, NEW.src_row, NEW.src_column))
    WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND NEW.status <> 'settled';
END;
CREATE TRIGGER tg_cells_view_delete INSTEAD OF DELETE ON cells BEGIN
    DELETE FROM cell_settlements WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id) AND seq = OLD.seq;
    UPDATE cell_sets SET cells = json_replace(cells,
            '$[' || (SELECT lp.pos FROM cell_layout_paths lp WHERE lp.layout_id = cell_sets.layout_id AND lp.seq = OLD.seq) || ']', NULL)
    WHERE report_no = (SELECT arrival FROM reports WHERE id = OLD.report_id);
END;

-- An index an import kept up to date for every finding it wrote, narrowed to what its query reads (as 0100 did
-- on PostgreSQL; EXPLAIN QUERY PLAN checked): findings by rule served one query, the ambiguous readings (rule and
-- candidates IS NOT NULL, ArchiveReports); ≈ 1 finding in 5 has candidates. ix_cross_findings_rule stays on SQLite:
-- the region checks' delete after every import (rule = @rule AND report_id IN the year's reports) went by the
-- primary key without it, a look-up for each report of the year — ≈ 10 ms more CPU for every upload into a
-- 10,000-report province (bench serve, session 9).
DROP INDEX ix_findings_rule;
CREATE INDEX ix_findings_rule ON findings (rule) WHERE candidates IS NOT NULL;
