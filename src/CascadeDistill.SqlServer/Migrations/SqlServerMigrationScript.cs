namespace CascadeDistill.SqlServer.Migrations;

/// <summary>A numbered migration script (<c>sql/sqlserver/NNNN_name.sql</c>) split into its GO-separated batches.</summary>
/// <param name="Batches">The batches in order: the first opens the script's transaction, the last commits it.</param>
public sealed record SqlServerMigrationScript(int Version, string Name, IReadOnlyList<string> Batches);
