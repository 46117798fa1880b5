-- 0001_initial: runs, run stages, model versions and their files.
-- Idempotent (IF NOT EXISTS guards, INSERT OR IGNORE of the schema_version row) and self-contained in
-- one write transaction, so it can also be applied by hand: sqlite3 registry.db < 0001_initial.sql
-- Times are ISO-8601 UTC text ("yyyy-MM-ddTHH:mm:ss.fffffffZ"), days are "yyyy-MM-dd"; both sort as text.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    applied_at  TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
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
    metrics_json         TEXT    NULL,
    CONSTRAINT ux_runs_claim UNIQUE (pipeline, partition_day, config_hash)
);

CREATE INDEX IF NOT EXISTS ix_runs_started ON runs (started_at);

CREATE TABLE IF NOT EXISTS run_stages (
    run_id          TEXT    NOT NULL REFERENCES runs (run_id),
    stage           TEXT    NOT NULL CHECK (stage IN ('ReadLogs', 'BuildDataset', 'TrainStudent', 'EvaluateStudent', 'ExportOnnx', 'PublishModel')),
    status          TEXT    NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed')),
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NULL,
    seconds         REAL    NULL,
    output_json     TEXT    NULL,
    failure_reason  TEXT    NULL,
    PRIMARY KEY (run_id, stage)
);

CREATE TABLE IF NOT EXISTS model_versions (
    model_name          TEXT    NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    run_id              TEXT    NOT NULL REFERENCES runs (run_id),
    pipeline            TEXT    NOT NULL,
    config_hash         TEXT    NOT NULL CHECK (length(config_hash) = 64),
    dataset_digest      TEXT    NOT NULL CHECK (length(dataset_digest) = 64),
    status              TEXT    NOT NULL CHECK (status IN ('Pending', 'Ready', 'Failed')),
    artifact_directory  TEXT    NOT NULL,
    metrics_json        TEXT    NULL,
    parity_json         TEXT    NULL,
    failure_reason      TEXT    NULL,
    created_at          TEXT    NOT NULL,
    ready_at            TEXT    NULL,
    failed_at           TEXT    NULL,
    PRIMARY KEY (model_name, version)
);

-- A run has at most one live (Pending or Ready) version per model: a retried publish finds it.
CREATE UNIQUE INDEX IF NOT EXISTS ux_model_versions_live_run
    ON model_versions (model_name, run_id) WHERE status <> 'Failed';

CREATE INDEX IF NOT EXISTS ix_model_versions_status ON model_versions (status, model_name, version);

CREATE TABLE IF NOT EXISTS model_version_files (
    model_name     TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    relative_path  TEXT    NOT NULL,
    bytes          INTEGER NOT NULL CHECK (bytes >= 0),
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
    PRIMARY KEY (model_name, version, relative_path),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
);

-- Immutability, enforced by the database as well as by the code: only Pending versions change,
-- only to Ready or Failed; Ready/Failed rows and their files are never updated or deleted.
CREATE TRIGGER IF NOT EXISTS tr_model_versions_immutable_update
BEFORE UPDATE ON model_versions
WHEN OLD.status <> 'Pending'
BEGIN
    SELECT RAISE(ABORT, 'model version is immutable: only Pending versions change');
END;

CREATE TRIGGER IF NOT EXISTS tr_model_versions_identity
BEFORE UPDATE OF model_name, version, run_id, pipeline, config_hash, dataset_digest, created_at ON model_versions
BEGIN
    SELECT RAISE(ABORT, 'model version identity and lineage never change');
END;

CREATE TRIGGER IF NOT EXISTS tr_model_versions_immutable_delete
BEFORE DELETE ON model_versions
WHEN OLD.status <> 'Pending'
BEGIN
    SELECT RAISE(ABORT, 'model version is immutable: Ready and Failed versions are never deleted');
END;

CREATE TRIGGER IF NOT EXISTS tr_model_version_files_immutable_insert
BEFORE INSERT ON model_version_files
WHEN (SELECT status FROM model_versions WHERE model_name = NEW.model_name AND version = NEW.version) <> 'Pending'
BEGIN
    SELECT RAISE(ABORT, 'model version is immutable: files change only while Pending');
END;

CREATE TRIGGER IF NOT EXISTS tr_model_version_files_immutable_update
BEFORE UPDATE ON model_version_files
WHEN (SELECT status FROM model_versions WHERE model_name = OLD.model_name AND version = OLD.version) <> 'Pending'
BEGIN
    SELECT RAISE(ABORT, 'model version is immutable: files change only while Pending');
END;

CREATE TRIGGER IF NOT EXISTS tr_model_version_files_immutable_delete
BEFORE DELETE ON model_version_files
WHEN (SELECT status FROM model_versions WHERE model_name = OLD.model_name AND version = OLD.version) <> 'Pending'
BEGIN
    SELECT RAISE(ABORT, 'model version is immutable: files change only while Pending');
END;

INSERT OR IGNORE INTO schema_version (version, name, applied_at)
VALUES (1, 'initial', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

COMMIT;
