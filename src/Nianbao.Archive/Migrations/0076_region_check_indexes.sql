-- The region checks find the claims and their own findings by these (the record before covers_region
-- in the row makes a scan of reports read every record's pages).
CREATE INDEX ix_reports_covers_region ON reports (covers_region, year, is_current);
CREATE INDEX ix_cross_findings_rule ON cross_findings (rule);
