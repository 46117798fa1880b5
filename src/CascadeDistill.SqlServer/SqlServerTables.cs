using CascadeDistill.SqlServer.Migrations;

namespace CascadeDistill.SqlServer;

/// <summary>Schema-qualified names of the product's tables (created by <c>sql/sqlserver/</c>).</summary>
internal static class SqlServerTables
{
    public const string RunsTable = SqlServerMigrator.Schema + ".runs";
    public const string StagesTable = SqlServerMigrator.Schema + ".run_stages";
    public const string LeasesTable = SqlServerMigrator.Schema + ".run_leases";
    public const string VersionsTable = SqlServerMigrator.Schema + ".model_versions";
    public const string FilesTable = SqlServerMigrator.Schema + ".model_version_files";
    public const string CheckpointsTable = SqlServerMigrator.Schema + ".run_checkpoints";
    public const string ProgressTable = SqlServerMigrator.Schema + ".run_progress";

    /// <summary>Column widths the code checks before writing, so a too-long value is an argument error, not a truncation error.</summary>
    public const int MaxPipelineLength = 200;
    public const int MaxRelativePathLength = 260;
}
