-- Cells are read by report (the primary key, report_id first); nothing reads them by path across all
-- reports (summaries read the cell vectors). The index by path alone cost an import more than half of
-- the time of writing its cells (230 rows a report land at 230 places of it): dropped. For SQL of one's
-- own across every report by path, create it again (CREATE INDEX ix_cells_path ON cells (path)).
DROP INDEX IF EXISTS ix_cells_path;
