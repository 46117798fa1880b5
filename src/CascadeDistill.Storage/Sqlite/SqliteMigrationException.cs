namespace CascadeDistill.Storage.Sqlite;

/// <summary>A migration script could not be loaded or applied, or the database is newer than this build.</summary>
public sealed class SqliteMigrationException : Exception
{
    public SqliteMigrationException(int version, string message, Exception? innerException = null)
        : base($"Registry schema migration {version:D4}: {message}", innerException)
    {
        Version = version;
    }

    public int Version { get; }
}
