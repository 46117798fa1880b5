using System.Reflection;
using System.Text.RegularExpressions;
using CascadeDistill.SqlServer.Migrations;
using CascadeDistill.SqlServer.Tests.Support;

namespace CascadeDistill.SqlServer.Tests.Migrations;

/// <summary>
/// Checks of the T-SQL migrations that need no server (nothing here can run T-SQL): how they split into
/// batches, their transaction and lock, existence guards, keys, column types, and that every table the
/// adapter's code names is created. Problems are collected per script so one run lists them all.
/// </summary>
public sealed partial class SqlServerMigrationScriptTests
{
    private static IReadOnlyList<SqlServerMigrationScript> Scripts => SqlServerMigrator.EmbeddedScripts;

    [Fact]
    public void EmbeddedScripts_AreTheFilesOfSqlSqlserverNumberedFromOne()
    {
        var files = Directory.GetFiles(RepositoryFiles.SqlServerScripts(), "*.sql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(files, Scripts.Select(s => $"{s.Version:D4}_{s.Name}"));
        Assert.Equal(Enumerable.Range(1, Scripts.Count), Scripts.Select(s => s.Version));
        Assert.True(Scripts.Count >= 2);
    }

    [Fact]
    public void Scripts_RunInOneTransactionUnderTheMigrationLock()
    {
        var problems = new List<string>();
        foreach (var script in Scripts)
        {
            var first = script.Batches[0];
            foreach (var required in new[] { "SET XACT_ABORT ON;", "BEGIN TRANSACTION;", "sys.sp_getapplock @Resource = N'cascade_distill:migrations'", "@LockOwner = N'Transaction'" })
            {
                if (!first.Contains(required, StringComparison.Ordinal))
                {
                    problems.Add($"{script.Name}: the first batch lacks '{required}'");
                }
            }

            if (script.Batches[^1] != "COMMIT TRANSACTION;")
            {
                problems.Add($"{script.Name}: the last batch is not 'COMMIT TRANSACTION;'");
            }

            for (var i = 1; i < script.Batches.Count - 1; i++)
            {
                if (TransactionControl().IsMatch(Code(script.Batches[i])))
                {
                    problems.Add($"{script.Name}: batch {i + 1} begins, commits or rolls back a transaction");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Scripts_RecordTheirVersionOnlyWhenMissing()
    {
        foreach (var script in Scripts)
        {
            var record = new Regex(
                $@"IF NOT EXISTS \(SELECT 1 FROM cascade_distill\.schema_version WHERE version = {script.Version}\)\s+" +
                $@"INSERT INTO cascade_distill\.schema_version \(version, name, applied_at\) VALUES \({script.Version}, N'{script.Name}', SYSUTCDATETIME\(\)\);");
            Assert.Single(script.Batches, b => record.IsMatch(b));
        }
    }

    [Fact]
    public void CreateStatements_AreGuardedAndSchemaQualified()
    {
        var problems = new List<string>();
        var (tables, indexes) = (0, 0);
        foreach (var (script, batch) in AllBatches())
        {
            var code = Code(batch);
            var text = NoComments(batch);
            tables += CreateTable().Count(code);
            indexes += CreateIndex().Count(code);
            foreach (Match table in CreateTable().Matches(code))
            {
                var name = table.Groups["name"].Value;
                if (!text.Contains($"IF OBJECT_ID(N'{name}', N'U') IS NULL", StringComparison.Ordinal))
                {
                    problems.Add($"{script}: CREATE TABLE {name} has no OBJECT_ID guard");
                }
            }

            foreach (Match index in CreateIndex().Matches(code))
            {
                var guard = $"sys.indexes WHERE name = N'{index.Groups["name"].Value}' AND object_id = OBJECT_ID(N'{index.Groups["table"].Value}', N'U')";
                if (!text.Contains(guard, StringComparison.Ordinal))
                {
                    problems.Add($"{script}: CREATE INDEX {index.Groups["name"].Value} has no sys.indexes guard on its table");
                }
            }

            if (text.Contains("CREATE SCHEMA", StringComparison.Ordinal) && !text.Contains("IF SCHEMA_ID(N'cascade_distill') IS NULL", StringComparison.Ordinal))
            {
                problems.Add($"{script}: CREATE SCHEMA has no SCHEMA_ID guard");
            }

            if (code.Contains("CREATE TRIGGER", StringComparison.Ordinal))
            {
                problems.Add($"{script}: triggers are created with CREATE OR ALTER (idempotent)");
            }

            if (code.Contains("CREATE OR ALTER TRIGGER", StringComparison.Ordinal) && !code.StartsWith("CREATE OR ALTER TRIGGER cascade_distill.", StringComparison.Ordinal))
            {
                problems.Add($"{script}: CREATE OR ALTER TRIGGER must be the first statement of its batch and schema-qualified");
            }

            foreach (Match reference in SchemaObjectReference().Matches(code))
            {
                var name = reference.Groups["name"].Value;
                if (!name.StartsWith("cascade_distill.", StringComparison.Ordinal) && name is not ("inserted" or "deleted") && !name.StartsWith("sys.", StringComparison.Ordinal))
                {
                    problems.Add($"{script}: '{reference.Value}' is not in schema cascade_distill");
                }
            }
        }

        Assert.Empty(problems);
        Assert.Equal((8, 5), (tables, indexes));
    }

    [Fact]
    public void Tables_HaveTheirKeys()
    {
        var tables = CreatedTables();

        Assert.All(tables, t => Assert.Matches(@"CONSTRAINT pk_\w+ PRIMARY KEY \(", t.Value));
        Assert.Contains("CONSTRAINT pk_runs PRIMARY KEY (run_id)", tables["cascade_distill.runs"], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT ux_runs_claim UNIQUE (pipeline, partition_day, config_hash)", tables["cascade_distill.runs"], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT pk_run_stages PRIMARY KEY (run_id, stage)", tables["cascade_distill.run_stages"], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT pk_model_versions PRIMARY KEY (model_name, version)", tables["cascade_distill.model_versions"], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT pk_model_version_files PRIMARY KEY (model_name, version, relative_path)", tables["cascade_distill.model_version_files"], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT pk_run_leases PRIMARY KEY (run_id)", tables["cascade_distill.run_leases"], StringComparison.Ordinal);
        foreach (var child in new[] { "run_stages", "model_versions", "run_leases" })
        {
            Assert.Contains("FOREIGN KEY (run_id) REFERENCES cascade_distill.runs (run_id)", tables["cascade_distill." + child], StringComparison.Ordinal);
        }

        Assert.Contains("FOREIGN KEY (model_name, version) REFERENCES cascade_distill.model_versions (model_name, version)", tables["cascade_distill.model_version_files"], StringComparison.Ordinal);
        Assert.Single(AllBatches(), b => b.Batch.Contains(
            "CREATE UNIQUE INDEX ux_model_versions_live_run ON cascade_distill.model_versions (model_name, run_id) WHERE status <> N'Failed';", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_AreUtcDatetime2AndSizedBinaryCollatedUnicodeText()
    {
        var problems = new List<string>();
        foreach (var (table, body) in CreatedTables())
        {
            foreach (var column in body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("CONSTRAINT", StringComparison.Ordinal)))
            {
                if (Regex.IsMatch(column, @"\b(datetime|smalldatetime|varchar|char|nchar|text|ntext)\b"))
                {
                    problems.Add($"{table}: '{column}' uses a legacy or non-Unicode type (times are datetime2(7) UTC, text is nvarchar)");
                }

                if (Regex.IsMatch(column, @"\bnvarchar\b(?!\((\d+|max)\))"))
                {
                    problems.Add($"{table}: '{column}' has an nvarchar without a length");
                }

                if (Regex.IsMatch(column, @"\bnvarchar\(\d+\)") && !column.Contains("COLLATE Latin1_General_100_BIN2", StringComparison.Ordinal))
                {
                    problems.Add($"{table}: '{column}' is bounded text without the binary collation (keys must compare ordinally)");
                }

                if (Regex.IsMatch(column, @"\bdatetime2\b(?!\(7\))"))
                {
                    problems.Add($"{table}: '{column}' is a datetime2 without precision 7");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Batches_BalanceParenthesesAndBlocks()
    {
        var problems = new List<string>();
        foreach (var (script, batch) in AllBatches())
        {
            var code = Code(batch);
            if (code.Count(c => c == '(') != code.Count(c => c == ')'))
            {
                problems.Add($"{script}: unbalanced parentheses in '{FirstLine(batch)}'");
            }

            var begins = Regex.Matches(code, @"\bBEGIN\b(?!\s+TRANSACTION)").Count;
            var ends = Regex.Matches(code, @"\bEND\b").Count;
            if (begins != ends)
            {
                problems.Add($"{script}: {begins} BEGIN vs {ends} END in '{FirstLine(batch)}'");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void ImmutabilityTriggers_AreCreated()
    {
        var triggers = AllBatches().Select(b => Regex.Match(b.Batch, @"^CREATE OR ALTER TRIGGER (\S+)\s+ON (\S+)\s+AFTER ([A-Z, ]+)\n", RegexOptions.Multiline))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} ON {m.Groups[2].Value} AFTER {m.Groups[3].Value.Trim()}")
            .ToArray();

        Assert.Equal(
            [
                "cascade_distill.tr_model_versions_immutable_update ON cascade_distill.model_versions AFTER UPDATE",
                "cascade_distill.tr_model_versions_immutable_delete ON cascade_distill.model_versions AFTER DELETE",
                "cascade_distill.tr_model_version_files_immutable ON cascade_distill.model_version_files AFTER INSERT, UPDATE, DELETE",
            ],
            triggers);
    }

    [Fact]
    public void AdapterTables_AreAllCreatedByTheScripts()
    {
        var named = typeof(SqlServerMigrator).Assembly.GetType("CascadeDistill.SqlServer.SqlServerTables", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.Equal(7, named.Length);
        Assert.All(named, name => Assert.Contains(name, CreatedTables().Keys));
    }

    private static IEnumerable<(string Script, string Batch)> AllBatches() =>
        Scripts.SelectMany(s => s.Batches.Select(b => ($"{s.Version:D4}_{s.Name}", b)));

    /// <summary>Each created table's name and the text between its parentheses.</summary>
    private static Dictionary<string, string> CreatedTables() =>
        AllBatches()
            .SelectMany(b => CreateTableBody().Matches(b.Batch))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value, StringComparer.Ordinal);

    /// <summary>The batch without comments and string literals, for counting and keyword checks.</summary>
    private static string Code(string batch) =>
        Regex.Replace(NoComments(batch), "N?'(?:[^']|'')*'", "''");

    private static string NoComments(string batch) => Regex.Replace(batch, "--[^\n]*", "").Trim();

    private static string FirstLine(string batch) => batch.Split('\n')[0];

    [GeneratedRegex(@"\b(BEGIN|COMMIT|ROLLBACK)\s+TRAN(SACTION)?\b")]
    private static partial Regex TransactionControl();

    [GeneratedRegex(@"CREATE TABLE (?<name>\S+)")]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"CREATE (UNIQUE )?INDEX (?<name>\w+) ON (?<table>\S+)")]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"(?:CREATE TABLE|INDEX \w+ ON|TRIGGER|REFERENCES|INSERT INTO|FROM|JOIN)\s+(?<name>[\w.]+)")]
    private static partial Regex SchemaObjectReference();

    [GeneratedRegex(@"CREATE TABLE (?<name>\S+) \(\n(?<body>.*?)\n    \);", RegexOptions.Singleline)]
    private static partial Regex CreateTableBody();
}
