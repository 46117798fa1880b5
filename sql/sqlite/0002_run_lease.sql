-- 0002_run_lease: an owner lease on Running runs, so two workers never execute the same run at once.
-- A Running run is handed out only when it has no lease or its lease has expired (its owner died or
-- hung); a live lease held by another owner makes a second trigger exit as "already running".
-- SQLite has no ADD COLUMN IF NOT EXISTS, so the owner and lease-expiry columns live in their own table
-- keyed by run_id (one row per run that has ever been leased); CREATE ... IF NOT EXISTS keeps the
-- script idempotent when two processes migrate a new database at once.
-- Times are ISO-8601 UTC text like 0001's, so lease_expires_at compares as text.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS run_leases (
    run_id            TEXT    NOT NULL PRIMARY KEY REFERENCES runs (run_id),
    owner             TEXT    NULL,
    lease_expires_at  TEXT    NULL,
    acquired_at       TEXT    NULL,
    CHECK ((owner IS NULL) = (lease_expires_at IS NULL))
);

CREATE INDEX IF NOT EXISTS ix_run_leases_expiry ON run_leases (lease_expires_at);

INSERT OR IGNORE INTO schema_version (version, name, applied_at)
VALUES (2, 'run_lease', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

COMMIT;
