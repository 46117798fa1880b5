using System.Data.Common;
using CascadeDistill.IO;
using CascadeDistill.Registry;
using CascadeDistill.Testing.Xunit;
using Xunit;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>The behaviour every <see cref="IModelRegistry"/> adapter must have: numbering, immutability, verification, listing.</summary>
public abstract class ModelRegistryContractTests : IAsyncLifetime
{
    private RegistryStoreContext _context = null!;

    public async Task InitializeAsync() => _context = await CreateContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A new, empty, migrated database of the adapter under test.</summary>
    protected abstract Task<RegistryStoreContext> CreateContextAsync();

    [StoreFact]
    public async Task CreatePendingVersionAsync_NewRun_CreatesPendingVersionWithLineage()
    {
        var run = await _context.StartRunAsync();

        var claim = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("recall-tt", run), CancellationToken.None);

        Assert.True(claim.Created);
        var version = claim.Version;
        Assert.Equal(("recall-tt", 1, run.RunId, run.Pipeline), (version.ModelName, version.Version, version.RunId, version.Pipeline));
        Assert.Equal((RegistryStoreContext.ConfigHash, RegistryStoreContext.DatasetDigest), (version.ConfigHash, version.DatasetDigest));
        Assert.Equal(ModelVersionStatus.Pending, version.Status);
        Assert.Equal("models/recall-tt/v0001", version.ArtifactDirectory);
        Assert.Equal(_context.Clock.GetUtcNow(), version.CreatedAt);
        Assert.Equal("""{"recall@50":0.61}""", version.MetricsJson);
        Assert.Empty(version.Files);
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_SeveralRunsAndModels_NumbersEachModelFromOne()
    {
        var numbers = new List<(string Model, int Version)>();
        foreach (var model in new[] { "a", "b", "a", "a", "b" })
        {
            var run = await _context.StartRunAsync();
            var claim = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest(model, run), CancellationToken.None);
            numbers.Add((model, claim.Version.Version));
        }

        Assert.Equal([("a", 1), ("b", 1), ("a", 2), ("a", 3), ("b", 2)], numbers);
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_RetriedBySameRun_ReturnsTheSameVersion()
    {
        var run = await _context.StartRunAsync();
        var first = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("m", run), CancellationToken.None);

        var retry = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("m", run), CancellationToken.None);

        Assert.False(retry.Created);
        Assert.Equal(first.Version.Version, retry.Version.Version);
        Assert.Single(await _context.Models.ListVersionsAsync("m", includeNonReady: true, CancellationToken.None));
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_RunsEarlierVersionFailed_AllocatesTheNextNumber()
    {
        var run = await _context.StartRunAsync();
        var first = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("m", run), CancellationToken.None);
        await _context.Models.MarkFailedAsync("m", first.Version.Version, "parity check failed", CancellationToken.None);

        var second = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("m", run), CancellationToken.None);

        Assert.True(second.Created);
        Assert.Equal(2, second.Version.Version);
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_ConcurrentPublishersOnSeparateConnections_AllocateDistinctConsecutiveNumbers()
    {
        const int Publishers = 4;
        const int RunsPerPublisher = 8;
        var runs = new List<RunRecord>();
        for (var i = 0; i < Publishers * RunsPerPublisher; i++)
        {
            runs.Add(await _context.StartRunAsync());
        }

        var registries = await Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => _context.OpenAnotherRegistryAsync()));

        var claims = await Task.WhenAll(runs.Select((run, i) => Task.Run(() =>
            registries[i % Publishers].CreatePendingVersionAsync(RegistryStoreContext.VersionRequest("contended", run), CancellationToken.None))));

        Assert.All(claims, c => Assert.True(c.Created));
        Assert.Equal(Enumerable.Range(1, runs.Count), claims.Select(c => c.Version.Version).Order());
        Assert.Equal(runs.Count, claims.Select(c => c.Version.RunId).Distinct().Count());
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_UnknownRun_ThrowsRunNotFound()
    {
        var request = new CreateVersionRequest("m", "no-such-run", "recall", RegistryStoreContext.ConfigHash, RegistryStoreContext.DatasetDigest);

        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Models.CreatePendingVersionAsync(request, CancellationToken.None));
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_LineageDiffersFromRun_Throws()
    {
        var run = await _context.StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => _context.Models.CreatePendingVersionAsync(
            RegistryStoreContext.VersionRequest("m", run) with { ConfigHash = new string('0', 64) }, CancellationToken.None));
    }

    [StoreFact]
    public async Task CreatePendingVersionAsync_UnsafeModelName_Throws()
    {
        var run = await _context.StartRunAsync();

        foreach (var model in new[] { "../escape", "a/b", "", ".hidden" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _context.Models.CreatePendingVersionAsync(
                RegistryStoreContext.VersionRequest(model, run), CancellationToken.None));
        }
    }

    [StoreFact]
    public async Task MarkReadyAsync_FilesPresentAsRecorded_MakesVersionReady()
    {
        var version = await CreatePendingAsync("m");
        var files = await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        _context.Clock.Advance(TimeSpan.FromSeconds(3));

        var ready = await _context.Models.MarkReadyAsync("m", version, CancellationToken.None);

        Assert.Equal(ModelVersionStatus.Ready, ready.Status);
        Assert.Equal(_context.Clock.GetUtcNow(), ready.ReadyAt);
        Assert.Equal(["item_tower.onnx", "meta/manifest.json", "user_tower.onnx"], ready.Files.Select(f => f.RelativePath));
        Assert.Equal(files, ready.Files);
        Assert.Equal("""{"max_abs_diff":1e-6}""", ready.ParityJson);
        Assert.True(File.Exists(Path.Combine(_context.Layout.Resolve(ready), "meta", "manifest.json")));
        Assert.Equal(ready.Files, (await _context.Models.GetLatestReadyVersionAsync("m", CancellationToken.None))!.Files);
    }

    [StoreFact]
    public async Task MarkReadyAsync_RecordedFileMissing_ThrowsAndVersionStaysPending()
    {
        var version = await CreatePendingAsync("m");
        await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        File.Delete(Path.Combine(_context.Layout.GetVersionDirectory("m", version), "item_tower.onnx"));

        var error = await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("item_tower.onnx", "missing"), (problem.RelativePath, problem.ReasonCode));
        await AssertPendingAndNotListedAsync("m", version);
    }

    [StoreFact]
    public async Task MarkReadyAsync_FileSizeDiffers_ThrowsAndVersionStaysPending()
    {
        var version = await CreatePendingAsync("m");
        await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        await File.AppendAllTextAsync(Path.Combine(_context.Layout.GetVersionDirectory("m", version), "user_tower.onnx"), "!");

        var error = await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));

        Assert.Equal("size_mismatch", Assert.Single(error.Problems).ReasonCode);
        await AssertPendingAndNotListedAsync("m", version);
    }

    [StoreFact]
    public async Task MarkReadyAsync_FileContentTamperedAtSameSize_ThrowsAndVersionStaysPending()
    {
        var version = await CreatePendingAsync("m");
        await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        var path = Path.Combine(_context.Layout.GetVersionDirectory("m", version), "user_tower.onnx");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));

        Assert.Equal(("user_tower.onnx", "sha256_mismatch"), (Assert.Single(error.Problems).RelativePath, error.Problems[0].ReasonCode));
        await AssertPendingAndNotListedAsync("m", version);
    }

    [StoreFact]
    public async Task MarkReadyAsync_FilesNeverPromoted_ThrowsAndVersionStaysPending()
    {
        var version = await CreatePendingAsync("m");
        var staging = _context.Layout.CreateStagingDirectory("m");
        await AtomicFile.WriteAllTextAsync(Path.Combine(staging, "user_tower.onnx"), "bytes", CancellationToken.None);
        var files = await ArtifactFiles.DescribeAsync(staging, CancellationToken.None);
        await _context.Models.RecordArtifactsAsync("m", version, files, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));

        Assert.Equal("missing", Assert.Single(error.Problems).ReasonCode);
        await AssertPendingAndNotListedAsync("m", version);
    }

    [StoreFact]
    public async Task MarkReadyAsync_NoFilesRecorded_Throws()
    {
        var version = await CreatePendingAsync("m");

        var error = await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));

        Assert.Equal("no_files", Assert.Single(error.Problems).ReasonCode);
        await AssertPendingAndNotListedAsync("m", version);
    }

    [StoreFact]
    public async Task MarkReadyAsync_AfterFixingFiles_Succeeds()
    {
        var version = await CreatePendingAsync("m");
        await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        var path = Path.Combine(_context.Layout.GetVersionDirectory("m", version), "user_tower.onnx");
        var original = await File.ReadAllTextAsync(path);
        File.Delete(path);
        await Assert.ThrowsAsync<ArtifactVerificationException>(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None));
        await AtomicFile.WriteAllTextAsync(path, original, CancellationToken.None);

        var ready = await _context.Models.MarkReadyAsync("m", version, CancellationToken.None);

        Assert.Equal(ModelVersionStatus.Ready, ready.Status);
    }

    [StoreFact]
    public async Task MarkFailedAsync_PendingVersion_MakesVersionFailedWithReason()
    {
        var version = await CreatePendingAsync("m");

        var failed = await _context.Models.MarkFailedAsync("m", version, "parity 3e-3 > 1e-5", CancellationToken.None);

        Assert.Equal((ModelVersionStatus.Failed, "parity 3e-3 > 1e-5"), (failed.Status, failed.FailureReason));
        Assert.Equal(_context.Clock.GetUtcNow(), failed.FailedAt);
        Assert.Null(failed.ReadyAt);
    }

    [StoreFact]
    public async Task ReadyVersion_AnyChange_ThrowsStateExceptionAndStaysReady()
    {
        var version = await CreateReadyAsync("m");

        await AssertRefusedAsync(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None), ModelVersionStatus.Ready);
        await AssertRefusedAsync(() => _context.Models.MarkFailedAsync("m", version, "late failure", CancellationToken.None), ModelVersionStatus.Ready);
        await AssertRefusedAsync(
            () => _context.Models.RecordArtifactsAsync("m", version, [new ModelFile("x.onnx", 1, new string('a', 64))], null, CancellationToken.None),
            ModelVersionStatus.Ready);

        var reloaded = await _context.Models.GetVersionAsync("m", version, CancellationToken.None);
        Assert.Equal(ModelVersionStatus.Ready, reloaded!.Status);
        Assert.Equal(3, reloaded.Files.Count);
    }

    [StoreFact]
    public async Task FailedVersion_AnyChange_ThrowsStateExceptionAndStaysFailed()
    {
        var version = await CreatePendingAsync("m");
        await _context.PublishFilesAsync("m", version, RegistryStoreContext.TowerFiles("seed-1"));
        await _context.Models.MarkFailedAsync("m", version, "quality gate", CancellationToken.None);

        await AssertRefusedAsync(() => _context.Models.MarkReadyAsync("m", version, CancellationToken.None), ModelVersionStatus.Failed);
        await AssertRefusedAsync(() => _context.Models.MarkFailedAsync("m", version, "again", CancellationToken.None), ModelVersionStatus.Failed);
        await AssertRefusedAsync(() => _context.Models.RecordArtifactsAsync("m", version, [], null, CancellationToken.None), ModelVersionStatus.Failed);

        Assert.Equal(ModelVersionStatus.Failed, (await _context.Models.GetVersionAsync("m", version, CancellationToken.None))!.Status);
    }

    [StoreFact]
    public async Task Database_DirectUpdateOfReadyVersion_IsRefusedByTriggers()
    {
        var version = await CreateReadyAsync("m");
        var versions = _context.Table("model_versions");
        var files = _context.Table("model_version_files");

        await Assert.ThrowsAnyAsync<DbException>(() => _context.ExecuteRawAsync(
            $"UPDATE {versions} SET status = 'Failed' WHERE model_name = 'm' AND version = @Version;", new { Version = version }));
        await Assert.ThrowsAnyAsync<DbException>(() => _context.ExecuteRawAsync(
            $"DELETE FROM {files} WHERE model_name = 'm' AND version = @Version;", new { Version = version }));
        await Assert.ThrowsAnyAsync<DbException>(() => _context.ExecuteRawAsync(
            $"DELETE FROM {versions} WHERE model_name = 'm' AND version = @Version;", new { Version = version }));
        Assert.Equal("Ready", await _context.QueryRawTextAsync(
            $"SELECT status FROM {versions} WHERE model_name = 'm' AND version = @Version;", new { Version = version }));
        Assert.Equal(3, (await _context.Models.GetVersionAsync("m", version, CancellationToken.None))!.Files.Count);
    }

    [StoreFact]
    public async Task Database_DuplicateVersionNumber_IsRefusedByTheKey()
    {
        var version = await CreatePendingAsync("m");
        var run = await _context.StartRunAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => _context.ExecuteRawAsync(
            $"""
            INSERT INTO {_context.Table("model_versions")} (model_name, version, run_id, pipeline, config_hash, dataset_digest, status, artifact_directory, created_at)
            VALUES ('m', @Version, @RunId, 'recall', @Hash, @Hash, 'Pending', 'models/m/v0001', @CreatedAt);
            """,
            new { Version = version, run.RunId, Hash = RegistryStoreContext.ConfigHash, CreatedAt = _context.TimeParameter(_context.Clock.GetUtcNow()) }));
        Assert.Single(await _context.Models.ListVersionsAsync("m", includeNonReady: true, CancellationToken.None));
    }

    [StoreFact]
    public async Task RecordArtifactsAsync_CalledAgain_ReplacesTheFileSet()
    {
        var version = await CreatePendingAsync("m");
        await _context.Models.RecordArtifactsAsync("m", version, [new ModelFile("a.onnx", 1, new string('a', 64)), new ModelFile("b.onnx", 2, new string('b', 64))], null, CancellationToken.None);

        var replaced = await _context.Models.RecordArtifactsAsync("m", version, [new ModelFile("c.onnx", 3, new string('c', 64))], """{"p":1}""", CancellationToken.None);

        Assert.Equal(["c.onnx"], replaced.Files.Select(f => f.RelativePath));
        Assert.Equal("""{"p":1}""", replaced.ParityJson);
    }

    [StoreFact]
    public async Task RecordArtifactsAsync_UnsafePath_Throws()
    {
        var version = await CreatePendingAsync("m");

        foreach (var relativePath in new[] { "../outside.onnx", "/abs.onnx", "dir\\file.onnx", "a//b.onnx" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _context.Models.RecordArtifactsAsync(
                "m", version, [new ModelFile(relativePath, 1, new string('a', 64))], null, CancellationToken.None));
        }
    }

    [StoreFact]
    public async Task RecordArtifactsAsync_DuplicatePathOrBadHash_Throws()
    {
        var version = await CreatePendingAsync("m");

        await Assert.ThrowsAsync<ArgumentException>(() => _context.Models.RecordArtifactsAsync(
            "m", version, [new ModelFile("a", 1, new string('a', 64)), new ModelFile("a", 1, new string('a', 64))], null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _context.Models.RecordArtifactsAsync(
            "m", version, [new ModelFile("a", 1, "XYZ")], null, CancellationToken.None));
    }

    [StoreFact]
    public async Task ListVersionsAsync_Default_ShowsOnlyReadyVersions()
    {
        var ready1 = await CreateReadyAsync("m");
        var pending = await CreatePendingAsync("m");
        var failed = await CreatePendingAsync("m");
        await _context.Models.MarkFailedAsync("m", failed, "x", CancellationToken.None);
        var ready4 = await CreateReadyAsync("m");
        var other = await CreateReadyAsync("other");

        var visible = await _context.Models.ListVersionsAsync("m", includeNonReady: false, CancellationToken.None);
        var everything = await _context.Models.ListVersionsAsync("m", includeNonReady: true, CancellationToken.None);
        var allModels = await _context.Models.ListVersionsAsync(null, includeNonReady: false, CancellationToken.None);

        Assert.Equal([ready1, ready4], visible.Select(v => v.Version));
        Assert.All(visible, v => Assert.Equal(3, v.Files.Count));
        Assert.Equal([ready1, pending, failed, ready4], everything.Select(v => v.Version));
        Assert.Equal([("m", ready1), ("m", ready4), ("other", other)], allModels.Select(v => (v.ModelName, v.Version)));
        Assert.Equal(ready4, (await _context.Models.GetLatestReadyVersionAsync("m", CancellationToken.None))!.Version);
    }

    [StoreFact]
    public async Task GetVersionAsync_Unknown_ReturnsNullAndMutationsThrowNotFound()
    {
        Assert.Null(await _context.Models.GetVersionAsync("m", 7, CancellationToken.None));
        Assert.Null(await _context.Models.GetLatestReadyVersionAsync("m", CancellationToken.None));
        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => _context.Models.MarkReadyAsync("m", 7, CancellationToken.None));
        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => _context.Models.MarkFailedAsync("m", 7, "x", CancellationToken.None));
    }

    private async Task<int> CreatePendingAsync(string model)
    {
        var run = await _context.StartRunAsync();
        var claim = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest(model, run), CancellationToken.None);
        return claim.Version.Version;
    }

    private async Task<int> CreateReadyAsync(string model)
    {
        var version = await CreatePendingAsync(model);
        await _context.PublishFilesAsync(model, version, RegistryStoreContext.TowerFiles($"{model}-{version}"));
        await _context.Models.MarkReadyAsync(model, version, CancellationToken.None);
        return version;
    }

    private async Task AssertPendingAndNotListedAsync(string model, int version)
    {
        Assert.Equal(ModelVersionStatus.Pending, (await _context.Models.GetVersionAsync(model, version, CancellationToken.None))!.Status);
        Assert.DoesNotContain(await _context.Models.ListVersionsAsync(model, includeNonReady: false, CancellationToken.None), v => v.Version == version);
        Assert.Null(await _context.Models.GetLatestReadyVersionAsync(model, CancellationToken.None));
    }

    private static async Task AssertRefusedAsync(Func<Task> change, ModelVersionStatus status)
    {
        var error = await Assert.ThrowsAsync<ModelVersionStateException>(change);
        Assert.Equal(status, error.Status);
    }
}
