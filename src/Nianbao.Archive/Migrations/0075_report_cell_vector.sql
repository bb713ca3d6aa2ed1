-- Every cell of a report in one short string (CellVector: tables' layouts, then each cell's number or
-- state), kept equal to the report's rows in `cells` when they are settled or put back to ambiguous.
-- A summary reads one string per report instead of two hundred rows. NULL for reports stored before
-- this column existed: the summary reads their rows instead (and `nianbao reparse` fills it).
ALTER TABLE reports ADD COLUMN cell_vector TEXT NULL;

-- 1 when the report's own words say it covers its whole region (全县, 全市, 汇总 …): a government's such
-- report is compared with the sum of its region's agencies' reports (rule A-2, RegionChecks).
ALTER TABLE reports ADD COLUMN covers_region INTEGER NOT NULL DEFAULT 0;
