using CascadeDistill.IO;
using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>A migrated registry database and artifact root in a scratch folder, with a settable clock.</summary>
internal sealed class RegistryTestContext : IDisposable
{
    public static readonly string ConfigHash = Sha256Hex.Of("pipeline: recall-v1");
    public static readonly string DatasetDigest = Sha256Hex.Of("dataset 2025-01-14");

    private readonly ScratchDirectory _scratch;
    private int _runCounter;

    private RegistryTestContext(ScratchDirectory scratch, SqliteRegistryDatabase database, SettableTimeProvider clock)
    {
        _scratch = scratch;
        Database = database;
        Clock = clock;
        Layout = new ArtifactLayout(scratch.Combine("artifacts"));
        Runs = new SqliteRunStore(database, clock);
        Models = new SqliteModelRegistry(database, Layout, clock);
    }

    public SqliteRegistryDatabase Database { get; }

    public SettableTimeProvider Clock { get; }

    public ArtifactLayout Layout { get; }

    public SqliteRunStore Runs { get; }

    public SqliteModelRegistry Models { get; }

    public string DatabasePath => Database.DatabasePath;

    public static async Task<RegistryTestContext> CreateAsync()
    {
        var scratch = new ScratchDirectory();
        var clock = new SettableTimeProvider();
        var database = await SqliteRegistryDatabase.OpenAsync(scratch.Combine("registry", "registry.db"), CancellationToken.None);
        return new RegistryTestContext(scratch, database, clock);
    }

    public static StartRunRequest RunRequest(string pipeline, DateOnly partition, string? configHash = null) =>
        new(pipeline, partition, partition.AddDays(-6), partition, configHash ?? ConfigHash);

    /// <summary>Starts a new run of <c>recall</c> on a distinct partition.</summary>
    public async Task<RunRecord> StartRunAsync(string pipeline = "recall")
    {
        var partition = new DateOnly(2025, 1, 1).AddDays(Interlocked.Increment(ref _runCounter));
        var claim = await Runs.StartRunAsync(RunRequest(pipeline, partition), CancellationToken.None);
        return claim.Run;
    }

    public static CreateVersionRequest VersionRequest(string model, RunRecord run) =>
        new(model, run.RunId, run.Pipeline, run.ConfigHash, DatasetDigest, """{"recall@50":0.61}""");

    /// <summary>Writes files into a staging folder, promotes it to the version's folder and records the files.</summary>
    public async Task<IReadOnlyList<ModelFile>> PublishFilesAsync(string model, int version, IReadOnlyDictionary<string, string> files)
    {
        var staging = Layout.CreateStagingDirectory(model);
        foreach (var (relative, content) in files)
        {
            await AtomicFile.WriteAllTextAsync(Path.Combine(staging, relative), content, CancellationToken.None);
        }

        var described = await ArtifactFiles.DescribeAsync(staging, CancellationToken.None);
        Layout.PromoteStaging(staging, model, version);
        await Models.RecordArtifactsAsync(model, version, described, """{"max_abs_diff":1e-6}""", CancellationToken.None);
        return described;
    }

    public static Dictionary<string, string> TowerFiles(string seed) => new()
    {
        ["user_tower.onnx"] = "user tower " + seed,
        ["item_tower.onnx"] = "item tower " + seed,
        ["meta/manifest.json"] = "{\"seed\":\"" + seed + "\"}",
    };

    public void Dispose() => _scratch.Dispose();
}
