-- 0002_run_lease: an owner lease on Running runs, so two workers never execute the same run at once.
-- A Running run is handed out only when it has no lease or its lease has expired (its owner died or
-- hung); a live lease held by another owner makes a second trigger exit as "already running".
-- The same table as the SQLite store's 0002 (one row per run that has ever been leased), so the two
-- adapters share one design. Same conventions as 0001: GO batches, one transaction under the migration
-- lock, existence guards, the schema_version row inserted only when missing.
SET XACT_ABORT ON;
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
BEGIN TRANSACTION;
DECLARE @lock int;
EXEC @lock = sys.sp_getapplock @Resource = N'cascade_distill:migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0
    THROW 51000, N'0002_run_lease: could not take the migration lock within 60 s.', 1;
GO

IF OBJECT_ID(N'cascade_distill.run_leases', N'U') IS NULL
BEGIN
    CREATE TABLE cascade_distill.run_leases (
        run_id            nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
        owner             nvarchar(200)  COLLATE Latin1_General_100_BIN2 NULL,
        lease_expires_at  datetime2(7)   NULL,
        acquired_at       datetime2(7)   NULL,
        CONSTRAINT pk_run_leases PRIMARY KEY (run_id),
        CONSTRAINT fk_run_leases_run FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id),
        CONSTRAINT ck_run_leases_owner_expiry CHECK ((owner IS NULL AND lease_expires_at IS NULL) OR (owner IS NOT NULL AND lease_expires_at IS NOT NULL))
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_run_leases_expiry' AND object_id = OBJECT_ID(N'cascade_distill.run_leases', N'U'))
    CREATE INDEX ix_run_leases_expiry ON cascade_distill.run_leases (lease_expires_at);
GO

IF NOT EXISTS (SELECT 1 FROM cascade_distill.schema_version WHERE version = 2)
    INSERT INTO cascade_distill.schema_version (version, name, applied_at) VALUES (2, N'run_lease', SYSUTCDATETIME());
GO

COMMIT TRANSACTION;
GO
