-- SQLite only (PostgreSQL keeps the record as text: its server compresses long values itself, TOAST lz4 since 0095).
-- A report's lossless record is stored compressed: its JSON as UTF-8, zlib (RFC 1950), as a BLOB in the same
-- column (docs/archive.md "Where the record is"; docs/performance.md "Session 8: pages and commit"). A record of
-- ≈ 33 KB of JSON spanned ≈ 9 overflow pages that an import wrote twice (into the WAL, then into the file at the
-- checkpoint); compressed it is ≈ 7 KB. The archive's code reads both forms (StoredRecord), and nothing in SQL reads
-- the record with JSON functions. The records already stored are converted here, by the function the archive's
-- code gives this connection (nianbao_compress_record: SQLite has no zlib of its own).
UPDATE report_records SET record = nianbao_compress_record(record) WHERE typeof(record) = 'text';
