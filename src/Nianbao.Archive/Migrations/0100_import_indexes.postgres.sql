-- PostgreSQL only (SQLite has no twin: its indexes stay as they were). Two indexes an import kept up to date
-- for every row it wrote, narrowed to the rows their queries read (docs/performance.md, "Session 8: PostgreSQL").
-- The tables, columns and rows stay as they were.

-- Cross findings by rule (0076) served one query: the region checks' delete of their own findings
-- (rule 'A-2', RegionChecks.Rule). An import inserts and deletes ≈ 9 cross findings a report (checks
-- across years, redone as versions arrive), each an entry in this index too. Only the region checks'
-- rows are in it now; the other queries on a rule go by report (the primary key).
DROP INDEX ix_cross_findings_rule;
CREATE INDEX ix_cross_findings_region ON cross_findings (report_id) WHERE rule = 'A-2';

-- Findings by rule (0001) served one query: the ambiguous readings (rule and candidates IS NOT NULL,
-- ArchiveReports); the others on a rule go by report (the primary key). ≈ 1 finding in 5 has candidates.
DROP INDEX ix_findings_rule;
CREATE INDEX ix_findings_rule ON findings (rule) WHERE candidates IS NOT NULL;
