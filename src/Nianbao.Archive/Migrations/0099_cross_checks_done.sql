-- The checks across years of an import are computed once per group of windows and at the end of the run,
-- for every agency-year with a version that arrived since they were last computed (docs/archive.md "Checks
-- across reports", docs/performance.md "Session 8: checks across years"), instead of once per window:
-- an agency-year that gets several versions within a group is compared once, with its last one. This row
-- is the durable "pending" record: the checks are computed for every version up to arrival `through`; the
-- versions after it are pending. It is moved in the same transaction as the findings it stands for, so a run
-- killed at any moment leaves the pending versions pending, and the next run (or the end of this one) computes
-- them. Reports are never deleted and arrival numbers only grow, so "arrived after `through`" is the whole set.
-- Existing archives: every version stored before this migration was checked as it arrived.
CREATE TABLE cross_checks_done (
    id      INTEGER PRIMARY KEY,
    through BIGINT NOT NULL
);
INSERT INTO cross_checks_done (id, through) SELECT 1, COALESCE(MAX(arrival), 0) FROM reports;
