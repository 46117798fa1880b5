using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CascadeDistill.Imports;

namespace CascadeDistill.Sql.Imports;

/// <summary>
/// <c>cascade-distill import --format sql</c>: each input is a query, run on a connection from
/// <paramref name="connect"/> and streamed (<see cref="SqlSourceReader"/>). An input is identified by the
/// SHA-256 of <paramref name="database"/> (server and database, never credentials) and the query text, so the
/// same query against the same database is imported once: a query should name its day explicitly.
/// </summary>
public sealed class SqlImportSource(Func<DbConnection> connect, string database) : IImportSource
{
    public ImportFormat Format => ImportFormat.Sql;

    public bool HasListValues => false;

    public ImportInputIdentity Identify(string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        byte[] query = Encoding.UTF8.GetBytes(input);
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database + "\n" + input)));
        return new ImportInputIdentity($"sql({database}): {input}", query.Length, sha);
    }

    public IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        SqlSourceReader.Read(connect, input, columns, cancellationToken);
}
