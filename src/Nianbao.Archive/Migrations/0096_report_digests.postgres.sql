-- What the checks across years read of each report version (docs/archive.md "Checks across years"): its
-- year, its tables' numbers as read (a cell settled later by a neighbouring year stays blank here, as in
-- the record), section 五's fingerprint and whether it has an ambiguous row of table 二. An import compares
-- each new version with its neighbouring years' current versions; one not among those it keeps in memory
-- is read from here (≈ 1 KB) instead of its 30 KB record. Keyed by the report's arrival number.
-- Existing archives: a version stored before this migration has no row until the checks first need it;
-- it is then made once from the record and written here (CrossReportChecks).
CREATE TABLE report_digests (
    report_no BIGINT PRIMARY KEY,    -- reports.arrival
    digest    TEXT NOT NULL
);
