-- Harvests (nianbao harvest, Nianbao.Harvesting): every run with its start URLs and closing tally;
-- the standing state of every URL ever seen (validators for the next conditional request, content
-- hash, links found, outcome); and each run's outcome for every URL it saw (nianbao harvests RUN).
CREATE TABLE harvest_runs (
    id          TEXT PRIMARY KEY,
    seed_key    TEXT NOT NULL,            -- the start URLs sorted, one a line: runs with the same continue each other
    seeds       TEXT NOT NULL,            -- JSON array, as given
    started_at  TEXT NOT NULL,
    finished_at TEXT NULL,                -- NULL while running, or when killed (resumed by the next run with the same seeds)
    tally       TEXT NULL                 -- JSON object outcome → count
);
CREATE INDEX ix_harvest_runs_seed ON harvest_runs (seed_key);

CREATE TABLE harvest_urls (
    url           TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    detail        TEXT NULL,
    fetched_at    TEXT NOT NULL,
    etag          TEXT NULL,
    last_modified TEXT NULL,
    content_hash  TEXT NULL,
    title         TEXT NULL,
    role          TEXT NOT NULL,
    links         TEXT NULL,              -- JSON array of the links found on the page
    report_id     TEXT NULL               -- the report imported from it
);

CREATE TABLE harvest_outcomes (
    run_id     TEXT NOT NULL,
    url        TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    detail     TEXT NULL,
    role       TEXT NOT NULL,
    title      TEXT NULL,
    fetched_at TEXT NOT NULL,
    report_id  TEXT NULL,
    PRIMARY KEY (run_id, url)
);
