using System.Data.Common;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>Stands for a database blip (SqliteException "database is locked", SqlException timeout).</summary>
public sealed class FakeDbException(string message) : DbException(message);
