using Dapper;
using Microsoft.Data.SqlClient;

namespace CascadeDistill.Testing.SqlServer;

/// <summary>
/// A throw-away database on the server named by <see cref="VariableName"/> (a connection string whose login may
/// CREATE DATABASE, e.g. <c>Server=localhost;User ID=sa;Password=…;TrustServerCertificate=true</c>): created
/// empty for one test and dropped after it.
/// </summary>
public sealed class SqlServerTestDatabase : IAsyncDisposable
{
    public const string VariableName = "CASCADE_SQLSERVER_TEST_CONNECTION";
    public const string Purpose = "a SQL Server connection string whose login may create databases";

    private readonly string _serverConnectionString;

    private SqlServerTestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{VariableName} is not set; the test should have been skipped.");
        }

        var name = "cascade_distill_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE [{name}];");
        return new SqlServerTestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = "master" }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}];");
    }
}
