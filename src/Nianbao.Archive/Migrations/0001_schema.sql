-- The archive's schema, one script for SQLite and PostgreSQL. $blob$ is BLOB or BYTEA (ArchiveDatabase
-- sets it); everything else is plain SQL both understand. Keys are content hashes or names, never
-- sequences, so that an import killed and run again ends with the very same rows as an uninterrupted one.

-- China's administrative divisions (统计用区划代码, 12 digits), filled by the regions library.
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,            -- province | city | county | township
    parent_code TEXT NULL
);
CREATE INDEX ix_regions_parent ON regions (parent_code);
CREATE INDEX ix_regions_name ON regions (name);

-- One agency (机关) however its name is printed. id = 'ag-' + 16 hex of SHA-256(first name seen).
CREATE TABLE agencies (
    id                   TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,   -- canonical name
    region_code          TEXT NULL,       -- placement (NULL while unplaced)
    level                TEXT NULL,       -- province | city | county | township
    kind                 TEXT NULL,       -- government | office | department | township
    placement_status     TEXT NOT NULL DEFAULT 'unplaced',  -- unplaced | placed | ambiguous
    placement_candidates TEXT NULL,       -- JSON array of region codes when ambiguous
    placement_note       TEXT NULL,       -- why (the evidence used)
    pinned               INTEGER NOT NULL DEFAULT 0,  -- 1: set by a user, never changed automatically
    merged_into          TEXT NULL        -- another agency id: this one is a name variant of it
);
CREATE INDEX ix_agencies_region ON agencies (region_code);

-- Every printed variant of an agency's name (normalized), mapped to its agency.
CREATE TABLE agency_names (
    name      TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL
);
CREATE INDEX ix_agency_names_agency ON agency_names (agency_id);

-- The agencies a user expects reports from (imported from CSV).
CREATE TABLE expected_agencies (
    id          TEXT PRIMARY KEY,         -- name + '|' + region code (or empty)
    name        TEXT NOT NULL,
    region_code TEXT NULL,
    level       TEXT NULL,
    kind        TEXT NULL,
    agency_id   TEXT NULL,                -- the archive's agency once matched
    source      TEXT NULL                 -- the CSV it came from
);

-- The original bytes, content-addressed: a report can be re-read when the reader improves.
CREATE TABLE originals (
    sha256    TEXT PRIMARY KEY,
    size      BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content   $blob$ NOT NULL
);

-- One version of one agency's report for one year: the report read from one original.
CREATE TABLE reports (
    id             TEXT PRIMARY KEY,      -- the original's SHA-256 (hex)
    arrival        BIGINT NOT NULL,       -- order of arrival in the archive; the highest of an agency-year is current
    agency_id      TEXT NULL,
    agency_printed TEXT NULL,             -- the agency as the report prints it
    year           INTEGER NULL,
    template       TEXT NOT NULL,
    published_on   TEXT NULL,             -- yyyy-MM-dd
    file_name      TEXT NOT NULL,
    format         TEXT NOT NULL,
    is_current     INTEGER NOT NULL,      -- 1: the current version of its agency-year
    superseded_by  TEXT NULL,             -- the report that replaced this one as current
    errors         INTEGER NOT NULL,
    warnings       INTEGER NOT NULL,
    record         TEXT NOT NULL,         -- the lossless record (contract JSON)
    reader         TEXT NOT NULL,         -- version of the reader that made the record
    imported_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_reports_arrival ON reports (arrival);
CREATE INDEX ix_reports_agency_year ON reports (agency_id, year);
CREATE INDEX ix_reports_current ON reports (is_current, year);

-- Every cell of every report's tables, blank and ambiguous ones too (status says which).
CREATE TABLE cells (
    report_id   TEXT NOT NULL,
    path        TEXT NOT NULL,            -- applications.granted.naturalPerson
    seq         INTEGER NOT NULL,         -- the cell's place in its template's tables
    table_name  TEXT NOT NULL,
    row_key     TEXT NOT NULL,
    field       TEXT NOT NULL,
    status      TEXT NOT NULL,            -- value | blank | ambiguous | settled
    value       NUMERIC NULL,
    value_text  TEXT NULL,                -- the exact decimal (invariant), for readers that want no float
    unit        TEXT NULL,
    confidence  TEXT NULL,                -- exact | solvedByArithmetic | … | settledByNeighbour
    src_start   INTEGER NULL,
    src_length  INTEGER NULL,
    src_text    TEXT NULL,
    page        INTEGER NULL,
    box         TEXT NULL,                -- left,bottom,right,top in points
    src_table   INTEGER NULL,
    src_row     INTEGER NULL,
    src_column  INTEGER NULL,
    neighbour_id TEXT NULL,               -- settled: the other year's report that decided it
    PRIMARY KEY (report_id, path)
);
CREATE INDEX ix_cells_path ON cells (path);

-- Reading notes (R-*) and check findings of one report as read.
CREATE TABLE findings (
    report_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    rule       TEXT NOT NULL,
    severity   TEXT NOT NULL,
    kind       TEXT NOT NULL,             -- reading | check
    message    TEXT NOT NULL,
    cells      TEXT NOT NULL,             -- space-separated cell paths
    candidates TEXT NULL,                 -- JSON array of readings
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX ix_findings_rule ON findings (rule);

-- Findings between two reports (carry-over, stock-flow, copies, settled ambiguity, summaries).
-- Only pairs of current versions are kept, so the set does not depend on the order of arrival.
CREATE TABLE cross_findings (
    report_id    TEXT NOT NULL,           -- the report the finding is about (the later year)
    neighbour_id TEXT NOT NULL,           -- the other report
    seq          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    message      TEXT NOT NULL,
    cells        TEXT NOT NULL,
    PRIMARY KEY (report_id, neighbour_id, seq)
);
CREATE INDEX ix_cross_findings_neighbour ON cross_findings (neighbour_id);

-- Each run of `nianbao import`.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NULL,                -- NULL: interrupted
    arguments   TEXT NOT NULL,
    reader      TEXT NOT NULL
);

-- What each run did with each input.
CREATE TABLE import_inputs (
    import_id TEXT NOT NULL,
    input     TEXT NOT NULL,              -- path, or archive.zip!/entry
    sha256    TEXT NOT NULL,              -- '' when the bytes could not be read
    outcome   TEXT NOT NULL,              -- imported | importedWithFindings | alreadyPresent | notAReport | failed
    reason    TEXT NULL,
    report_id TEXT NULL,
    PRIMARY KEY (import_id, input)
);

-- The standing outcome of each input (path + bytes): the first run that decided it.
CREATE TABLE inputs (
    input     TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    reason    TEXT NULL,
    report_id TEXT NULL,
    PRIMARY KEY (input, sha256)
);
