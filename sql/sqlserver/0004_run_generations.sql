-- 0004_run_generations: forced reruns. A run is now claimed by (pipeline, partition_day, config_hash, generation):
-- generation 0 is the ordinary run of a key; a forced rerun of a Succeeded run inserts generation N+1, which
-- records the run it supersedes (supersedes_run_id, at most one successor per run), publishes a NEW model
-- version and leaves the older run and version intact. The same design as the SQLite store's 0004 (there
-- the two columns live in run_generations, because SQLite cannot alter a table constraint).
-- Same conventions as 0001: GO batches (a column added in one batch is referenced only in later ones), one
-- transaction under the migration lock, existence guards, the schema_version row inserted only when missing.
SET XACT_ABORT ON;
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
BEGIN TRANSACTION;
DECLARE @lock int;
EXEC @lock = sys.sp_getapplock @Resource = N'cascade_distill:migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0
    THROW 51000, N'0004_run_generations: could not take the migration lock within 60 s.', 1;
GO

IF COL_LENGTH(N'cascade_distill.runs', N'generation') IS NULL
    ALTER TABLE cascade_distill.runs ADD generation int NOT NULL CONSTRAINT df_runs_generation DEFAULT (0);
GO

IF COL_LENGTH(N'cascade_distill.runs', N'supersedes_run_id') IS NULL
    ALTER TABLE cascade_distill.runs ADD supersedes_run_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
GO

IF OBJECT_ID(N'cascade_distill.ck_runs_generation', N'C') IS NULL
    ALTER TABLE cascade_distill.runs ADD CONSTRAINT ck_runs_generation
        CHECK (generation >= 0 AND ((generation = 0 AND supersedes_run_id IS NULL) OR (generation > 0 AND supersedes_run_id IS NOT NULL)));
GO

IF OBJECT_ID(N'cascade_distill.fk_runs_supersedes', N'F') IS NULL
    ALTER TABLE cascade_distill.runs ADD CONSTRAINT fk_runs_supersedes FOREIGN KEY (supersedes_run_id) REFERENCES cascade_distill.runs (run_id);
GO

IF OBJECT_ID(N'cascade_distill.ux_runs_claim', N'UQ') IS NOT NULL
    ALTER TABLE cascade_distill.runs DROP CONSTRAINT ux_runs_claim;
GO

IF OBJECT_ID(N'cascade_distill.ux_runs_claim_generation', N'UQ') IS NULL
    ALTER TABLE cascade_distill.runs ADD CONSTRAINT ux_runs_claim_generation UNIQUE (pipeline, partition_day, config_hash, generation);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ux_runs_supersedes' AND object_id = OBJECT_ID(N'cascade_distill.runs', N'U'))
    CREATE UNIQUE INDEX ux_runs_supersedes ON cascade_distill.runs (supersedes_run_id) WHERE supersedes_run_id IS NOT NULL;
GO

IF NOT EXISTS (SELECT 1 FROM cascade_distill.schema_version WHERE version = 4)
    INSERT INTO cascade_distill.schema_version (version, name, applied_at) VALUES (4, N'run_generations', SYSUTCDATETIME());
GO

COMMIT TRANSACTION;
GO
