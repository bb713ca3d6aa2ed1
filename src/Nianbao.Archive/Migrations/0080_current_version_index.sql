-- The current version of each agency-year, found without reading its other versions: an import looks
-- up the current versions of the agencies of each window it writes (and the checks across years those
-- of the neighbouring years), and an agency-year can hold many versions.
CREATE INDEX ix_reports_current_agency ON reports (agency_id, year) WHERE is_current = 1;
