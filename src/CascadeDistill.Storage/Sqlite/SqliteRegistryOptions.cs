using System.ComponentModel.DataAnnotations;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite registry.</summary>
public sealed class SqliteRegistryOptions
{
    /// <summary>Path of the database file; created (with its folder) when missing.</summary>
    [Required]
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a statement waits for another writer's lock before failing. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
