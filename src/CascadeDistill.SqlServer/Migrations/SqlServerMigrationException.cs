namespace CascadeDistill.SqlServer.Migrations;

/// <summary>A migration script could not be parsed or applied, or the database is newer than this build.</summary>
public sealed class SqlServerMigrationException : Exception
{
    public SqlServerMigrationException(int version, string message, Exception? innerException = null)
        : base($"SQL Server schema migration {version:D4}: {message}", innerException)
    {
        Version = version;
    }

    public int Version { get; }
}
