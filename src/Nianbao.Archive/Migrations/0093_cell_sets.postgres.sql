-- A report's cells stored as ONE value: see 0093_cell_sets.sqlite.sql for why and for the array's layout.
-- On PostgreSQL the rows of 0092 cost a COPY row and an index entry each in the server (≈ 230 a report);
-- now a report's cells are one text value, COPY'd as it is (text, not jsonb: the server neither parses
-- nor checks it on the way in). The view casts it to jsonb once per report and expands it.

CREATE TABLE cell_layouts (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL
);
CREATE TABLE cell_layout_paths (
    layout_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    path_id   INTEGER NOT NULL,
    PRIMARY KEY (layout_id, seq)
);

CREATE TABLE cell_sets (
    report_no BIGINT PRIMARY KEY,
    layout_id INTEGER NOT NULL,
    cells     TEXT NOT NULL
);

CREATE TABLE cell_settlements (
    report_no    BIGINT NOT NULL,
    seq          INTEGER NOT NULL,
    value_text   TEXT NOT NULL,
    src_text     TEXT NULL,
    neighbour_id TEXT NOT NULL,
    PRIMARY KEY (report_no, seq)
);
CREATE INDEX ix_cell_settlements_neighbour ON cell_settlements (neighbour_id);

CREATE TEMP TABLE report_layout AS
SELECT c.report_no AS report_no, string_agg(c.seq || '=' || p.path, ';' ORDER BY c.seq) AS key
FROM cell_rows c JOIN cell_paths p ON p.id = c.path_id GROUP BY c.report_no;
INSERT INTO cell_layouts (id, key) SELECT ROW_NUMBER() OVER (ORDER BY MIN(report_no)), key FROM report_layout GROUP BY key;
INSERT INTO cell_layout_paths (layout_id, seq, path_id)
SELECT l.id, c.seq, c.path_id
FROM cell_layouts l JOIN (SELECT key, MIN(report_no) AS report_no FROM report_layout GROUP BY key) f ON f.key = l.key
JOIN cell_rows c ON c.report_no = f.report_no;
INSERT INTO cell_sets (report_no, layout_id, cells)
SELECT c.report_no, l.id, json_agg(CASE WHEN c.status = 'settled'
        THEN json_build_array(c.seq, 'ambiguous', NULL, c.unit, NULL, c.src_start, c.src_length, NULL, c.page, c.box, c.src_table, c.src_row, c.src_column)
        ELSE json_build_array(c.seq, c.status, c.value_text, c.unit, c.confidence, c.src_start, c.src_length, c.src_text, c.page, c.box, c.src_table, c.src_row, c.src_column) END
    ORDER BY c.seq)::text
FROM cell_rows c JOIN report_layout rl ON rl.report_no = c.report_no JOIN cell_layouts l ON l.key = rl.key
GROUP BY c.report_no, l.id;
INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
SELECT report_no, seq, value_text, src_text, neighbour_id FROM cell_rows WHERE status = 'settled';
DROP TABLE report_layout;

DROP VIEW cells;
DROP FUNCTION cells_view_update();
DROP FUNCTION cells_view_delete();
DROP TABLE cell_rows;

CREATE VIEW cells AS
SELECT r.id AS report_id, p.path AS path, c.seq AS seq, p.table_name AS table_name, p.row_key AS row_key, p.field AS field,
       CASE WHEN s.seq IS NULL THEN c.v ->> 1 ELSE 'settled' END AS status,
       (CASE WHEN s.seq IS NULL THEN c.v ->> 2 ELSE s.value_text END)::numeric AS value,
       CASE WHEN s.seq IS NULL THEN c.v ->> 2 ELSE s.value_text END AS value_text,
       c.v ->> 3 AS unit,
       CASE WHEN s.seq IS NULL THEN c.v ->> 4 ELSE 'settledByNeighbour' END AS confidence,
       (c.v ->> 5)::integer AS src_start, (c.v ->> 6)::integer AS src_length,
       CASE WHEN s.seq IS NULL THEN c.v ->> 7 ELSE s.src_text END AS src_text,
       (c.v ->> 8)::integer AS page, c.v ->> 9 AS box,
       (c.v ->> 10)::integer AS src_table, (c.v ->> 11)::integer AS src_row, (c.v ->> 12)::integer AS src_column,
       s.neighbour_id AS neighbour_id
FROM cell_sets cs JOIN reports r ON r.arrival = cs.report_no
CROSS JOIN LATERAL (SELECT e.v, (e.v ->> 0)::integer AS seq FROM jsonb_array_elements(cs.cells::jsonb) e(v)) c
JOIN cell_layout_paths lp ON lp.layout_id = cs.layout_id AND lp.seq = c.seq
JOIN cell_paths p ON p.id = lp.path_id
LEFT JOIN cell_settlements s ON s.report_no = cs.report_no AND s.seq = c.seq;

-- UPDATE and DELETE on the view (for one's own SQL): a settled row is written as a settlement, any other
-- replaces the cell in its report's array.
CREATE FUNCTION cells_view_update() RETURNS trigger LANGUAGE plpgsql AS
'DECLARE
    arrival_no bigint := (SELECT arrival FROM reports WHERE id = OLD.report_id);
BEGIN
    DELETE FROM cell_settlements WHERE report_no = arrival_no AND seq = OLD.seq;
    IF NEW.status = ''settled'' THEN
        INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
        VALUES (arrival_no, OLD.seq, NEW.value_text, NEW.src_text, COALESCE(NEW.neighbour_id, ''''));
    ELSE
        UPDATE cell_sets SET cells = jsonb_set(cells::jsonb,
                ARRAY[(SELECT (e.i - 1)::text FROM jsonb_array_elements(cell_sets.cells::jsonb) WITH ORDINALITY e(v, i) WHERE (e.v ->> 0)::integer = OLD.seq)],
                jsonb_build_array(OLD.seq, NEW.status, NEW.value_text, NEW.unit, NEW.confidence, NEW.src_start, NEW.src_length, NEW.src_text, NEW.page, NEW.box,
                                  NEW.src_table, NEW.src_row, NEW.src_column))::text
        WHERE report_no = arrival_no;
    END IF;
    RETURN NEW;
END';
CREATE FUNCTION cells_view_delete() RETURNS trigger LANGUAGE plpgsql AS
'DECLARE
    arrival_no bigint := (SELECT arrival FROM reports WHERE id = OLD.report_id);
BEGIN
    DELETE FROM cell_settlements WHERE report_no = arrival_no AND seq = OLD.seq;
    UPDATE cell_sets SET cells = (cells::jsonb - (SELECT (e.i - 1)::integer FROM jsonb_array_elements(cell_sets.cells::jsonb) WITH ORDINALITY e(v, i) WHERE (e.v ->> 0)::integer = OLD.seq))::text
    WHERE report_no = arrival_no;
    RETURN OLD;
END';
CREATE TRIGGER tg_cells_view_update INSTEAD OF UPDATE ON cells FOR EACH ROW EXECUTE FUNCTION cells_view_update();
CREATE TRIGGER tg_cells_view_delete INSTEAD OF DELETE ON cells FOR EACH ROW EXECUTE FUNCTION cells_view_delete();

-- The write generation (0085): one statement-level trigger per table, as on the others.
CREATE TRIGGER tg_cell_sets_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cell_sets FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
CREATE TRIGGER tg_cell_settlements_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cell_settlements FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump();
