namespace CascadeDistill.Storage.Sqlite;

/// <summary>A numbered migration script (<c>sql/sqlite/NNNN_name.sql</c>).</summary>
/// <param name="Sql">The whole script: its own transaction, idempotent, inserting its schema_version row.</param>
public sealed record SqliteMigrationScript(int Version, string Name, string Sql);
