-- Cell sets in fewer bytes: see 0101_cell_codes.sqlite.sql for why and for the stored cell
-- [code, value_text, src_start, src_length, src_text, unit, page, box, src_table, src_row, src_column] at its
-- place in the layout. cell_sets.cells stays text (COPY'd as it comes); the view casts it to jsonb once per report.

CREATE TABLE cell_layout_paths_0101 (
    layout_id INTEGER NOT NULL,
    pos       INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    path_id   INTEGER NOT NULL,
    PRIMARY KEY (layout_id, pos)
);
INSERT INTO cell_layout_paths_0101 (layout_id, pos, seq, path_id)
SELECT layout_id, ROW_NUMBER() OVER (PARTITION BY layout_id ORDER BY seq) - 1, seq, path_id FROM cell_layout_paths;

-- A set that lists every cell of its layout is converted item by item; any other is laid out on its layout,
-- null where a cell is missing. A status or confidence not in the lists stops the migration (the cast of its
-- name to an integer fails, naming it).
CREATE TEMP TABLE m0101_old AS
SELECT cs.report_no, e.i - 1 AS pos, e.o
FROM cell_sets cs CROSS JOIN LATERAL jsonb_array_elements(cs.cells::jsonb) WITH ORDINALITY e(o, i)
WHERE jsonb_array_length(cs.cells::jsonb) = (SELECT COUNT(*) FROM cell_layout_paths_0101 lp WHERE lp.layout_id = cs.layout_id)
UNION ALL
SELECT cs.report_no, lp.pos, (SELECT e.o FROM jsonb_array_elements(cs.cells::jsonb) e(o) WHERE (e.o ->> 0)::integer = lp.seq)
FROM cell_sets cs JOIN cell_layout_paths_0101 lp ON lp.layout_id = cs.layout_id
WHERE jsonb_array_length(cs.cells::jsonb) <> (SELECT COUNT(*) FROM cell_layout_paths_0101 lp2 WHERE lp2.layout_id = cs.layout_id);

CREATE TEMP TABLE m0101_new AS
SELECT report_no, json_agg(CASE WHEN o IS NULL THEN NULL ELSE
        -- trailing nulls left out
        regexp_replace(json_build_array(
            CASE o ->> 1 WHEN 'value' THEN 0 WHEN 'blank' THEN 1 WHEN 'ambiguous' THEN 2 WHEN 'unread' THEN 3 ELSE ('status ' || (o ->> 1))::integer END
            | (CASE WHEN o ->> 4 IS NULL THEN 5 WHEN o ->> 4 = 'exact' THEN 0 WHEN o ->> 4 = 'solvedByArithmetic' THEN 1 WHEN o ->> 4 = 'solvedByNarrative' THEN 2
                    WHEN o ->> 4 = 'placedByOrder' THEN 3 WHEN o ->> 4 = 'ocr' THEN 4 WHEN o ->> 4 = 'settledByNeighbour' THEN 6 ELSE ('confidence ' || (o ->> 4))::integer END << 3)
            | CASE WHEN same_text THEN 0 ELSE 64 END | CASE WHEN same_length THEN 0 ELSE 128 END,
            CASE WHEN o ->> 2 ~ '^(0|-?[1-9][0-9]{0,13})$' THEN to_jsonb((o ->> 2)::bigint) ELSE o -> 2 END,
            o -> 5, CASE WHEN same_length THEN NULL ELSE o -> 6 END, CASE WHEN same_text THEN NULL ELSE o -> 7 END,
            o -> 3, o -> 8, o -> 9, o -> 10, o -> 11, o -> 12)::text, '(, null)+\]$', ']')::json
    END ORDER BY pos)::text AS cells
FROM (SELECT report_no, pos, o,
             (o ->> 7) IS NOT DISTINCT FROM (o ->> 2) AS same_text,
             CASE WHEN o ->> 5 IS NULL THEN o ->> 6 IS NULL
                  ELSE coalesce(length(o ->> 7) = octet_length(o ->> 7) AND (o ->> 6)::integer = length(o ->> 7), false) END AS same_length
      FROM m0101_old) f
GROUP BY report_no;
UPDATE cell_sets SET cells = n.cells FROM m0101_new n WHERE n.report_no = cell_sets.report_no;
DROP TABLE m0101_old;
DROP TABLE m0101_new;

DROP VIEW cells;
DROP FUNCTION cells_view_update();
DROP FUNCTION cells_view_delete();
DROP TABLE cell_layout_paths;
ALTER TABLE cell_layout_paths_0101 RENAME TO cell_layout_paths;
ALTER INDEX cell_layout_paths_0101_pkey RENAME TO cell_layout_paths_pkey;

CREATE VIEW cells AS
SELECT r.id AS report_id, p.path AS path, lp.seq AS seq, p.table_name AS table_name, p.row_key AS row_key, p.field AS field,
       CASE WHEN s.seq IS NULL THEN CASE c.code & 7 WHEN 0 THEN 'value' WHEN 1 THEN 'blank' WHEN 2 THEN 'ambiguous' WHEN 3 THEN 'unread' END ELSE 'settled' END AS status,
       (CASE WHEN s.seq IS NULL THEN c.v ->> 1 ELSE s.value_text END)::numeric AS value,
       CASE WHEN s.seq IS NULL THEN c.v ->> 1 ELSE s.value_text END AS value_text,
       c.v ->> 5 AS unit,
       CASE WHEN s.seq IS NULL THEN CASE (c.code >> 3) & 7 WHEN 0 THEN 'exact' WHEN 1 THEN 'solvedByArithmetic' WHEN 2 THEN 'solvedByNarrative'
           WHEN 3 THEN 'placedByOrder' WHEN 4 THEN 'ocr' WHEN 6 THEN 'settledByNeighbour' END ELSE 'settledByNeighbour' END AS confidence,
       (c.v ->> 2)::integer AS src_start,
       CASE WHEN c.code & 128 <> 0 THEN (c.v ->> 3)::integer WHEN c.v ->> 2 IS NULL THEN NULL ELSE length(c.src_text) END AS src_length,
       CASE WHEN s.seq IS NULL THEN c.src_text ELSE s.src_text END AS src_text,
       (c.v ->> 6)::integer AS page, c.v ->> 7 AS box,
       (c.v ->> 8)::integer AS src_table, (c.v ->> 9)::integer AS src_row, (c.v ->> 10)::integer AS src_column,
       s.neighbour_id AS neighbour_id
FROM cell_sets cs JOIN reports r ON r.arrival = cs.report_no
CROSS JOIN LATERAL (
    SELECT e.v, e.i - 1 AS pos, (e.v ->> 0)::integer AS code,
           CASE WHEN (e.v ->> 0)::integer & 64 <> 0 THEN e.v ->> 4 ELSE e.v ->> 1 END AS src_text
    FROM jsonb_array_elements(cs.cells::jsonb) WITH ORDINALITY e(v, i)
    WHERE jsonb_typeof(e.v) = 'array') c
JOIN cell_layout_paths lp ON lp.layout_id = cs.layout_id AND lp.pos = c.pos
JOIN cell_paths p ON p.id = lp.path_id
LEFT JOIN cell_settlements s ON s.report_no = cs.report_no AND s.seq = lp.seq;

-- UPDATE and DELETE on the view (for one's own SQL): a settled row is written as a settlement, any other
-- replaces the cell at its place (src_text and src_length stored as given); a deleted cell leaves a null.
CREATE FUNCTION cells_view_update() RETURNS trigger LANGUAGE plpgsql AS
'DECLARE
    arrival_no bigint := (SELECT arrival FROM reports WHERE id = OLD.report_id);
    status_code integer := CASE NEW.status WHEN ''value'' THEN 0 WHEN ''blank'' THEN 1 WHEN ''ambiguous'' THEN 2 WHEN ''unread'' THEN 3 END;
    confidence_code integer := CASE WHEN NEW.confidence IS NULL THEN 5 WHEN NEW.confidence = ''exact'' THEN 0 WHEN NEW.confidence = ''solvedByArithmetic'' THEN 1
        WHEN NEW.confidence = ''solvedByNarrative'' THEN 2 WHEN NEW.confidence = ''placedByOrder'' THEN 3 WHEN NEW.confidence = ''ocr'' THEN 4
        WHEN NEW.confidence = ''settledByNeighbour'' THEN 6 END;
BEGIN
    IF NEW.status <> ''settled'' AND (status_code IS NULL OR confidence_code IS NULL) THEN
        RAISE EXCEPTION ''cells: status must be value, blank, ambiguous, unread or settled; confidence exact, solvedByArithmetic, solvedByNarrative, placedByOrder, ocr, settledByNeighbour or null'';
    END IF;
    DELETE FROM cell_settlements WHERE report_no = arrival_no AND seq = OLD.seq;
    IF NEW.status = ''settled'' THEN
        INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
        VALUES (arrival_no, OLD.seq, NEW.value_text, NEW.src_text, COALESCE(NEW.neighbour_id, ''''));
    ELSE
        UPDATE cell_sets SET cells = jsonb_set(cells::jsonb,
                ARRAY[(SELECT lp.pos::text FROM cell_layout_paths lp WHERE lp.layout_id = cell_sets.layout_id AND lp.seq = OLD.seq)],
                jsonb_build_array(status_code | (confidence_code << 3) | 64 | 128, NEW.value_text, NEW.src_start, NEW.src_length, NEW.src_text, NEW.unit,
                                  NEW.page, NEW.box, NEW.src_table, NEW.src_row, NEW.src_column))::text
        WHERE report_no = arrival_no;
    END IF;
    RETURN NEW;
END';
CREATE FUNCTION cells_view_delete() RETURNS trigger LANGUAGE plpgsql AS
'DECLARE
    arrival_no bigint := (SELECT arrival FROM reports WHERE id = OLD.report_id);
BEGIN
    DELETE FROM cell_settlements WHERE report_no = arrival_no AND seq = OLD.seq;
    UPDATE cell_sets SET cells = jsonb_set(cells::jsonb,
            ARRAY[(SELECT lp.pos::text FROM cell_layout_paths lp WHERE lp.layout_id = cell_sets.layout_id AND lp.seq = OLD.seq)], ''null''::jsonb)::text
    WHERE report_no = arrival_no;
    RETURN OLD;
END';
CREATE TRIGGER tg_cells_view_update INSTEAD OF UPDATE ON cells FOR EACH ROW EXECUTE FUNCTION cells_view_update();
CREATE TRIGGER tg_cells_view_delete INSTEAD OF DELETE ON cells FOR EACH ROW EXECUTE FUNCTION cells_view_delete();
