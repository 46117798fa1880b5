using CascadeDistill.SqlServer.Tests.Support;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CascadeDistill.SqlServer.Tests.Sql;

/// <summary>
/// The T-SQL this product sends, checked without a server by SQL Server 2022's own grammar (ScriptDom's TSql160Parser):
/// every migration script in <c>sql/sqlserver/</c> and every statement of the adapter (<see cref="AdapterSqlStatements"/>).
/// </summary>
public sealed class TransactSqlSyntaxTests
{
    public static TheoryData<string> MigrationScripts() =>
        new(Directory.GetFiles(RepositoryFiles.SqlServerScripts(), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(MigrationScripts))]
    public void MigrationScript_ParsesWithoutErrors(string fileName)
    {
        string script = File.ReadAllText(Path.Combine(RepositoryFiles.SqlServerScripts(), fileName));

        Assert.Empty(Errors(script));
    }

    [Fact]
    public void AdapterStatements_EveryStatement_ParsesWithoutErrors()
    {
        IReadOnlyList<string> statements = AdapterSqlStatements.All();

        // The collection finds the adapter's statements (not a vacuous pass): the run store's, the registry's, the migrator's.
        Assert.True(statements.Count >= 40, $"only {statements.Count} statements found");
        Assert.Contains(statements, s => s.Contains("INSERT INTO cascade_distill.run_checkpoints", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("INSERT INTO cascade_distill.model_versions", StringComparison.Ordinal));
        var failures = statements
            .Select(s => (Statement: s, Errors: Errors(AdapterSqlStatements.AsDapperSendsIt(s))))
            .Where(r => r.Errors.Count > 0)
            .Select(r => string.Join("; ", r.Errors) + "\n" + r.Statement)
            .ToArray();
        Assert.True(failures.Length == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Errors_BrokenStatement_AreReported()
    {
        Assert.NotEmpty(Errors("SELECT run_id FROM cascade_distill.runs WHERE"));
        Assert.NotEmpty(Errors("UPDATE cascade_distill.runs SET status = N'Running' WHERE run_id IN @RunIds;"));
    }

    private static IReadOnlyList<string> Errors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out IList<ParseError> errors);
        return errors.Select(e => $"line {e.Line} col {e.Column}: {e.Message}").ToArray();
    }
}
