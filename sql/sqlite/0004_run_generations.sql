-- 0004_run_generations: forced reruns. A run is now claimed by (pipeline, partition_day, config_hash, generation):
-- generation 0 is the ordinary run of a key; a forced rerun of a Succeeded run inserts generation N+1, which
-- records the run it supersedes, publishes a NEW model version and leaves the older run and version intact.
-- SQLite cannot drop a table constraint, so runs is rebuilt without its UNIQUE (pipeline, partition_day,
-- config_hash) (same columns, same rows) and the claim key moves to run_generations, one row per run
-- (backfilled with generation 0). Idempotent: the rebuild copies the same columns whatever the state, so a
-- second application (two processes migrating at once) rebuilds an identical table; CREATE ... IF NOT EXISTS
-- and INSERT OR IGNORE guard the rest. Foreign keys are switched off around the rebuild (the pragma has no
-- effect inside a transaction) and checked before COMMIT, as SQLite's documented table-rebuild procedure does.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS runs_rebuilt_0004 (
    run_id               TEXT    NOT NULL PRIMARY KEY,
    pipeline             TEXT    NOT NULL,
    partition_day        TEXT    NOT NULL,
    window_first         TEXT    NOT NULL,
    window_last          TEXT    NOT NULL,
    config_hash          TEXT    NOT NULL CHECK (length(config_hash) = 64),
    status               TEXT    NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed')),
    attempt              INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    started_at           TEXT    NOT NULL,
    finished_at          TEXT    NULL,
    failure_reason       TEXT    NULL,
    row_accounting_json  TEXT    NULL,
    metrics_json         TEXT    NULL
);

INSERT OR IGNORE INTO runs_rebuilt_0004 (
    run_id, pipeline, partition_day, window_first, window_last, config_hash, status, attempt,
    started_at, finished_at, failure_reason, row_accounting_json, metrics_json)
SELECT
    run_id, pipeline, partition_day, window_first, window_last, config_hash, status, attempt,
    started_at, finished_at, failure_reason, row_accounting_json, metrics_json
FROM runs;

DROP TABLE runs;
ALTER TABLE runs_rebuilt_0004 RENAME TO runs;

CREATE INDEX IF NOT EXISTS ix_runs_started ON runs (started_at);
CREATE INDEX IF NOT EXISTS ix_runs_key ON runs (pipeline, partition_day, config_hash);

CREATE TABLE IF NOT EXISTS run_generations (
    run_id             TEXT    NOT NULL PRIMARY KEY REFERENCES runs (run_id),
    pipeline           TEXT    NOT NULL,
    partition_day      TEXT    NOT NULL,
    config_hash        TEXT    NOT NULL CHECK (length(config_hash) = 64),
    generation         INTEGER NOT NULL CHECK (generation >= 0),
    supersedes_run_id  TEXT    NULL REFERENCES runs (run_id),
    CHECK ((generation = 0) = (supersedes_run_id IS NULL)),
    CONSTRAINT ux_run_generations_claim UNIQUE (pipeline, partition_day, config_hash, generation)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_run_generations_supersedes ON run_generations (supersedes_run_id) WHERE supersedes_run_id IS NOT NULL;

INSERT OR IGNORE INTO run_generations (run_id, pipeline, partition_day, config_hash, generation, supersedes_run_id)
SELECT run_id, pipeline, partition_day, config_hash, 0, NULL FROM runs;

INSERT OR IGNORE INTO schema_version (version, name, applied_at)
VALUES (4, 'run_generations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

COMMIT;
PRAGMA foreign_keys = ON;
