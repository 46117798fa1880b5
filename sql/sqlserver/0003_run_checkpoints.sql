-- 0003_run_checkpoints: what a finished stage left for a resumed run to reuse, and a run's live progress; the
-- SQL Server twin of the SQLite store's 0003_run_checkpoints (same tables, same columns, same checks).
-- run_checkpoints: one row per (run, stage) whose output can be reused (BuildDataset, TrainStudent,
-- EvaluateStudent, ExportOnnx): the files it wrote (paths relative to the work directory, with size and
-- SHA-256, as JSON) and a JSON payload. A resumed run verifies every file before reusing the stage.
-- run_progress: the current stage of a Running run with its latest progress (fraction, rows, epoch, loss),
-- written by the runner at most every few seconds and read by the dashboard.
-- Same conventions as 0001: GO batches, one transaction under the migration lock, existence guards, the
-- schema_version row inserted only when missing.
SET XACT_ABORT ON;
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
BEGIN TRANSACTION;
DECLARE @lock int;
EXEC @lock = sys.sp_getapplock @Resource = N'cascade_distill:migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0
    THROW 51000, N'0003_run_checkpoints: could not take the migration lock within 60 s.', 1;
GO

IF OBJECT_ID(N'cascade_distill.run_checkpoints', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.run_checkpoints (
        run_id        nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        stage         nvarchar(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        attempt       int            NOT NULL,
        files_json    nvarchar(max)  NOT NULL,
        payload_json  nvarchar(max)  NOT NULL,
        created_at    datetime2(7)   NOT NULL,
        CONSTRAINT pk_run_checkpoints PRIMARY KEY (run_id, stage),
        CONSTRAINT fk_run_checkpoints_run FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id),
        CONSTRAINT ck_run_checkpoints_stage CHECK (stage IN (N'BuildDataset', N'TrainStudent', N'EvaluateStudent', N'ExportOnnx')),
        CONSTRAINT ck_run_checkpoints_attempt CHECK (attempt >= 1)
    );
END;
GO

IF OBJECT_ID(N'cascade_distill.run_progress', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.run_progress (
        run_id      nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        stage       nvarchar(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        fraction    float          NULL,
        [rows]      bigint         NULL,
        epoch       int            NULL,
        epochs      int            NULL,
        loss        float          NULL,
        message     nvarchar(max)  NOT NULL,
        updated_at  datetime2(7)   NOT NULL,
        CONSTRAINT pk_run_progress PRIMARY KEY (run_id),
        CONSTRAINT fk_run_progress_run FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id),
        CONSTRAINT ck_run_progress_stage CHECK (stage IN (N'ReadLogs', N'BuildDataset', N'TrainStudent', N'EvaluateStudent', N'ExportOnnx', N'PublishModel')),
        CONSTRAINT ck_run_progress_fraction CHECK (fraction IS NULL OR (fraction >= 0 AND fraction <= 1))
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM cascade_distill.schema_version WHERE version = 3)
    INSERT INTO cascade_distill.schema_version (version, name, applied_at) VALUES (3, N'run_checkpoints', SYSUTCDATETIME());
GO

COMMIT TRANSACTION;
GO
