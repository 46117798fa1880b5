using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using CascadeDistill.SqlServer.Runs;

namespace CascadeDistill.SqlServer.Tests.Support;

/// <summary>
/// Every SQL statement the SQL Server adapter can send, collected from one place: the string literals of its assembly
/// (its statements are constant interpolated strings — table names, column lists and lock hints are constants — so
/// the compiler stores each one whole). A literal is a statement when it starts with an upper-case T-SQL keyword.
/// </summary>
internal static partial class AdapterSqlStatements
{
    public static IReadOnlyList<string> All()
    {
        using FileStream stream = File.OpenRead(typeof(SqlServerRunStore).Assembly.Location);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var statements = new List<string>();
        for (UserStringHandle handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            string literal = metadata.GetUserString(handle);
            if (StatementStart().IsMatch(literal))
            {
                statements.Add(literal);
            }
        }
        return statements;
    }

    /// <summary>Dapper expands <c>IN @List</c> into <c>IN (@List1, @List2, …)</c>; the parser sees the expanded form.</summary>
    public static string AsDapperSendsIt(string statement) => DapperList().Replace(statement, "IN ($1)");

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|IF|DECLARE|WITH|EXEC|BEGIN|SET)\s", RegexOptions.CultureInvariant)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"\bIN\s+(@\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex DapperList();
}
