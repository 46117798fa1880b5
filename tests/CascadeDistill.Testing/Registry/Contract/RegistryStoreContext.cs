using CascadeDistill.IO;
using CascadeDistill.Registry;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>
/// One empty, migrated registry database of an adapter (SQLite file, SQL Server database) with an artifact
/// root in a scratch folder and a settable clock: what the storage contract tests run against.
/// </summary>
public abstract class RegistryStoreContext : IAsyncDisposable
{
    public static readonly string ConfigHash = Sha256Hex.Of("pipeline: recall-v1");
    public static readonly string DatasetDigest = Sha256Hex.Of("dataset 2025-01-14");

    private int _runCounter;

    protected RegistryStoreContext(ScratchDirectory scratch, SettableTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        Scratch = scratch;
        Clock = clock;
        Layout = new ArtifactLayout(scratch.Combine("artifacts"));
    }

    public SettableTimeProvider Clock { get; }

    public ArtifactLayout Layout { get; }

    public abstract IRunStore Runs { get; }

    public abstract IModelRegistry Models { get; }

    protected ScratchDirectory Scratch { get; }

    public static StartRunRequest RunRequest(string pipeline, DateOnly partition, string? configHash = null) =>
        new(pipeline, partition, partition.AddDays(-6), partition, configHash ?? ConfigHash);

    public static CreateVersionRequest VersionRequest(string model, RunRecord run) =>
        new(model, run.RunId, run.Pipeline, run.ConfigHash, DatasetDigest, """{"recall@50":0.61}""");

    public static Dictionary<string, string> TowerFiles(string seed) => new()
    {
        ["user_tower.onnx"] = "user tower " + seed,
        ["item_tower.onnx"] = "item tower " + seed,
        ["meta/manifest.json"] = "{\"seed\":\"" + seed + "\"}",
    };

    /// <summary>Another registry over the same database through its own connections (a second publisher process).</summary>
    public abstract Task<IModelRegistry> OpenAnotherRegistryAsync();

    /// <summary>The adapter's name of a product table, e.g. <c>model_versions</c> or <c>cascade_distill.model_versions</c>.</summary>
    public abstract string Table(string name);

    /// <summary>A time as the adapter's raw SQL parameters carry it.</summary>
    public abstract object TimeParameter(DateTimeOffset value);

    /// <summary>Runs raw SQL on a new connection, outside the adapter (to check what the schema itself refuses).</summary>
    public abstract Task<int> ExecuteRawAsync(string sql, object parameters);

    /// <summary>Reads one text value with raw SQL on a new connection.</summary>
    public abstract Task<string?> QueryRawTextAsync(string sql, object parameters);

    /// <summary>Starts a new run of <paramref name="pipeline"/> on a distinct partition.</summary>
    public async Task<RunRecord> StartRunAsync(string pipeline = "recall")
    {
        var partition = new DateOnly(2025, 1, 1).AddDays(Interlocked.Increment(ref _runCounter));
        var claim = await Runs.StartRunAsync(RunRequest(pipeline, partition), CancellationToken.None);
        return claim.Run;
    }

    /// <summary>Writes files into a staging folder, promotes it to the version's folder and records the files.</summary>
    public async Task<IReadOnlyList<ModelFile>> PublishFilesAsync(string model, int version, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
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

    public async ValueTask DisposeAsync()
    {
        await DisposeDatabaseAsync();
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Drops or closes the adapter's database.</summary>
    protected abstract ValueTask DisposeDatabaseAsync();
}
