-- 0003_run_checkpoints: what a finished stage left for a resumed run to reuse, and a run's live progress.
-- run_checkpoints: one row per (run, stage) whose output can be reused (BuildDataset, TrainStudent,
-- EvaluateStudent, ExportOnnx): the files it wrote (paths relative to the work directory, with size and
-- SHA-256, as JSON) and a JSON payload. A resumed run verifies every file before reusing the stage; a
-- missing or different file means the stage is redone.
-- run_progress: the current stage of a Running run with its latest progress (fraction, rows, epoch,
-- loss), written by the runner at most every few seconds and read by the dashboard.
-- Additive and idempotent (CREATE ... IF NOT EXISTS, INSERT OR IGNORE), like 0001 and 0002.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS run_checkpoints (
    run_id        TEXT    NOT NULL REFERENCES runs (run_id),
    stage         TEXT    NOT NULL CHECK (stage IN ('BuildDataset', 'TrainStudent', 'EvaluateStudent', 'ExportOnnx')),
    attempt       INTEGER NOT NULL CHECK (attempt >= 1),
    files_json    TEXT    NOT NULL,
    payload_json  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (run_id, stage)
);

CREATE TABLE IF NOT EXISTS run_progress (
    run_id      TEXT    NOT NULL PRIMARY KEY REFERENCES runs (run_id),
    stage       TEXT    NOT NULL CHECK (stage IN ('ReadLogs', 'BuildDataset', 'TrainStudent', 'EvaluateStudent', 'ExportOnnx', 'PublishModel')),
    fraction    REAL    NULL CHECK (fraction IS NULL OR (fraction >= 0 AND fraction <= 1)),
    rows        INTEGER NULL,
    epoch       INTEGER NULL,
    epochs      INTEGER NULL,
    loss        REAL    NULL,
    message     TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

INSERT OR IGNORE INTO schema_version (version, name, applied_at)
VALUES (3, 'run_checkpoints', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

COMMIT;
