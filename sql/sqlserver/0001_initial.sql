-- 0001_initial: schema [cascade_distill] with runs, run stages, model versions and their files.
-- Batches are separated by GO lines (as in sqlcmd and SSMS); the migrator runs them in order on one
-- connection. One transaction spans the first batch to the last (SET XACT_ABORT ON: any error rolls it
-- all back) and an application lock serialises processes that migrate at once; every object sits behind
-- an existence guard and the schema_version row is inserted only when missing, so re-running the script
-- changes nothing. By hand: sqlcmd -b -S SERVER -d DATABASE -i 0001_initial.sql (-b stops at the first error).
-- Times are datetime2(7) in UTC; days are date. Keys and enum-like text use a binary collation, so they
-- compare ordinally (case-sensitive) as in the SQLite store, whatever the database's default collation.
-- Needs SQL Server 2016 SP1 or later (CREATE OR ALTER), or Azure SQL.
SET XACT_ABORT ON;
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
BEGIN TRANSACTION;
DECLARE @lock int;
EXEC @lock = sys.sp_getapplock @Resource = N'cascade_distill:migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0
    THROW 51000, N'0001_initial: could not take the migration lock within 60 s.', 1;
GO

IF SCHEMA_ID(N'cascade_distill') IS NULL
    EXEC (N'CREATE SCHEMA cascade_distill;');
GO

IF OBJECT_ID(N'cascade_distill.schema_version', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.schema_version (
        version     int            NOT NULL,
        name        nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        applied_at  datetime2(7)   NOT NULL,
        CONSTRAINT pk_schema_version PRIMARY KEY (version)
    );
END;
GO

IF OBJECT_ID(N'cascade_distill.runs', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.runs (
        run_id               nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        pipeline             nvarchar(200)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        partition_day        date           NOT NULL,
        window_first         date           NOT NULL,
        window_last          date           NOT NULL,
        config_hash          nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        status               nvarchar(16)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        attempt              int            NOT NULL CONSTRAINT df_runs_attempt DEFAULT (1),
        started_at           datetime2(7)   NOT NULL,
        finished_at          datetime2(7)   NULL,
        failure_reason       nvarchar(max)  NULL,
        row_accounting_json  nvarchar(max)  NULL,
        metrics_json         nvarchar(max)  NULL,
        CONSTRAINT pk_runs PRIMARY KEY (run_id),
        CONSTRAINT ux_runs_claim UNIQUE (pipeline, partition_day, config_hash),
        CONSTRAINT ck_runs_config_hash CHECK (LEN(config_hash) = 64 AND config_hash NOT LIKE N'%[^0-9a-f]%'),
        CONSTRAINT ck_runs_status CHECK (status IN (N'Running', N'Succeeded', N'Failed')),
        CONSTRAINT ck_runs_attempt CHECK (attempt >= 1),
        CONSTRAINT ck_runs_window CHECK (window_first <= window_last)
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_runs_started' AND object_id = OBJECT_ID(N'cascade_distill.runs', N'U'))
    CREATE INDEX ix_runs_started ON cascade_distill.runs (started_at);
GO

IF OBJECT_ID(N'cascade_distill.run_stages', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.run_stages (
        run_id          nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        stage           nvarchar(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        status          nvarchar(16)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        started_at      datetime2(7)   NOT NULL,
        finished_at     datetime2(7)   NULL,
        seconds         float          NULL,
        output_json     nvarchar(max)  NULL,
        failure_reason  nvarchar(max)  NULL,
        CONSTRAINT pk_run_stages PRIMARY KEY (run_id, stage),
        CONSTRAINT fk_run_stages_run FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id),
        CONSTRAINT ck_run_stages_stage CHECK (stage IN (N'ReadLogs', N'BuildDataset', N'TrainStudent', N'EvaluateStudent', N'ExportOnnx', N'PublishModel')),
        CONSTRAINT ck_run_stages_status CHECK (status IN (N'Running', N'Succeeded', N'Failed'))
    );
END;
GO

IF OBJECT_ID(N'cascade_distill.model_versions', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.model_versions (
        model_name          nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        version             int            NOT NULL,
        run_id              nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        pipeline            nvarchar(200)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        config_hash         nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        dataset_digest      nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        status              nvarchar(16)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        artifact_directory  nvarchar(400)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        metrics_json        nvarchar(max)  NULL,
        parity_json         nvarchar(max)  NULL,
        failure_reason      nvarchar(max)  NULL,
        created_at          datetime2(7)   NOT NULL,
        ready_at            datetime2(7)   NULL,
        failed_at           datetime2(7)   NULL,
        CONSTRAINT pk_model_versions PRIMARY KEY (model_name, version),
        CONSTRAINT fk_model_versions_run FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id),
        CONSTRAINT ck_model_versions_version CHECK (version >= 1),
        CONSTRAINT ck_model_versions_config_hash CHECK (LEN(config_hash) = 64 AND config_hash NOT LIKE N'%[^0-9a-f]%'),
        CONSTRAINT ck_model_versions_dataset_digest CHECK (LEN(dataset_digest) = 64 AND dataset_digest NOT LIKE N'%[^0-9a-f]%'),
        CONSTRAINT ck_model_versions_status CHECK (status IN (N'Pending', N'Ready', N'Failed'))
    );
END;
GO

-- A run has at most one live (Pending or Ready) version per model: a retried publish finds it.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ux_model_versions_live_run' AND object_id = OBJECT_ID(N'cascade_distill.model_versions', N'U'))
    CREATE UNIQUE INDEX ux_model_versions_live_run ON cascade_distill.model_versions (model_name, run_id) WHERE status <> N'Failed';
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_model_versions_status' AND object_id = OBJECT_ID(N'cascade_distill.model_versions', N'U'))
    CREATE INDEX ix_model_versions_status ON cascade_distill.model_versions (status, model_name, version);
GO

IF OBJECT_ID(N'cascade_distill.model_version_files', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.model_version_files (
        model_name     nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        version        int            NOT NULL,
        relative_path  nvarchar(260)  COLLATE Latin1_General_100_BIN2 NOT NULL,
        bytes          bigint         NOT NULL,
        sha256         nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        CONSTRAINT pk_model_version_files PRIMARY KEY (model_name, version, relative_path),
        CONSTRAINT fk_model_version_files_version FOREIGN KEY (model_name, version) REFERENCES cascade_distill.model_versions (model_name, version),
        CONSTRAINT ck_model_version_files_bytes CHECK (bytes >= 0),
        CONSTRAINT ck_model_version_files_sha256 CHECK (LEN(sha256) = 64 AND sha256 NOT LIKE N'%[^0-9a-f]%')
    );
END;
GO

-- Immutability, enforced by the database as well as by the code: only Pending versions change, only to
-- Ready or Failed; identity and lineage never change; Ready/Failed rows and their files are never updated
-- or deleted. THROW inside a trigger aborts the statement and rolls back its transaction.
CREATE OR ALTER TRIGGER cascade_distill.tr_model_versions_immutable_update
ON cascade_distill.model_versions
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE status <> N'Pending')
        THROW 51001, N'model version is immutable: only Pending versions change', 1;
    IF UPDATE(model_name) OR UPDATE(version) OR UPDATE(run_id) OR UPDATE(pipeline) OR UPDATE(config_hash) OR UPDATE(dataset_digest) OR UPDATE(created_at)
        THROW 51002, N'model version identity and lineage never change', 1;
END;
GO

CREATE OR ALTER TRIGGER cascade_distill.tr_model_versions_immutable_delete
ON cascade_distill.model_versions
AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE status <> N'Pending')
        THROW 51003, N'model version is immutable: Ready and Failed versions are never deleted', 1;
END;
GO

CREATE OR ALTER TRIGGER cascade_distill.tr_model_version_files_immutable
ON cascade_distill.model_version_files
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (
        SELECT 1
        FROM (SELECT model_name, version FROM inserted UNION SELECT model_name, version FROM deleted) AS changed
        INNER JOIN cascade_distill.model_versions AS v ON v.model_name = changed.model_name AND v.version = changed.version
        WHERE v.status <> N'Pending')
        THROW 51004, N'model version is immutable: files change only while Pending', 1;
END;
GO

IF NOT EXISTS (SELECT 1 FROM cascade_distill.schema_version WHERE version = 1)
    INSERT INTO cascade_distill.schema_version (version, name, applied_at) VALUES (1, N'initial', SYSUTCDATETIME());
GO

COMMIT TRANSACTION;
GO
