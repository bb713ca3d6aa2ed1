-- Accounts of the web application and reviewers' decisions on findings (Nianbao.Server).

-- One account. The password is stored only as ASP.NET Core Identity's PasswordHasher output (PBKDF2).
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,          -- admin | reviewer | author | viewer
    region_code   TEXT NULL,              -- reviewer: limited to this region (and below) when set
    agency_id     TEXT NULL,              -- author: the one agency
    created_at    TEXT NOT NULL
);

-- A decision on a finding, keyed by what the finding is about (agency, year, rule, cells), not by the
-- report version: it survives re-parsing and a newer version of the file.
CREATE TABLE finding_decisions (
    key         TEXT PRIMARY KEY,         -- agency_key + '|' + year + '|' + rule + '|' + sorted cells
    agency_key  TEXT NOT NULL,            -- agency id, else 'printed:' + the printed name
    year        INTEGER NULL,
    rule        TEXT NOT NULL,
    cells       TEXT NOT NULL,
    decision    TEXT NOT NULL,            -- confirmed | dismissed
    comment     TEXT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX ix_finding_decisions_agency ON finding_decisions (agency_key, year);
