using CascadeDistill.Arrow.Datasets;
using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Logs;

namespace CascadeDistill.Arrow.Tests.Datasets;

/// <summary>The per-objective teacher logit columns of a per-objective-heads dataset (<c>teacher.OBJECTIVE</c>).</summary>
public sealed class ArrowDatasetObjectiveLogitsTests : IDisposable
{
    private static readonly IReadOnlyList<FeatureDefinition> s_features = SampleLogRequests.AllKindsFeatures;
    private static readonly string[] s_objectives = ["click", "finish"];

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Read_ChunksBuiltWithObjectives_RoundTripEachObjectivesLogitsAndNaNForSampledNegatives()
    {
        IReadOnlyList<RequestBlock> requests = SampleLogRequests.Create(3, s_objectives, s_features, false, false, 5);
        var builder = new DatasetChunkBuilder(s_features, s_objectives);
        foreach (RequestBlock block in requests)
        {
            for (int row = 0; row < block.Count; row++)
            {
                builder.Add(block, row, label: 0, weight: 1, softLabel: float.NaN, teacherLogit: 0);
            }
        }
        DatasetChunk chunk = builder.Build();
        var store = new ArrowDatasetStore(rowsPerBatch: 5);
        string path = _scratch.Combine("train.arrow");
        using (IDatasetWriter writer = store.CreateWriter(path, s_features, s_objectives))
        {
            writer.Write(chunk);
            writer.Complete();
        }

        DatasetChunk read = Assert.Single(store.Read(path, s_features, chunkRows: 100, CancellationToken.None, s_objectives));
        DatasetChunk withoutObjectives = Assert.Single(store.Read(path, s_features, chunkRows: 100, CancellationToken.None));

        foreach (string objective in s_objectives)
        {
            float[] expected = [.. requests.SelectMany(r => r.TeacherLogits[objective])];
            Assert.Equal(expected, chunk.ObjectiveLogits![objective]);
            Assert.Equal(expected, read.ObjectiveLogits![objective]);
        }
        Assert.Null(withoutObjectives.ObjectiveLogits);
        Assert.Equal(chunk.Labels, withoutObjectives.Labels);
    }

    [Fact]
    public void Write_ChunkWithoutTheObjectives_IsRefused()
    {
        var builder = new DatasetChunkBuilder(s_features);
        RequestBlock block = SampleLogRequests.Create(1, s_objectives, s_features, false, false, 6)[0];
        builder.Add(block, 0, label: 0, weight: 1, softLabel: float.NaN, teacherLogit: 0);
        using IDatasetWriter writer = new ArrowDatasetStore().CreateWriter(_scratch.Combine("train.arrow"), s_features, s_objectives);

        ArgumentException error = Assert.Throws<ArgumentException>(() => writer.Write(builder.Build()));

        Assert.Contains("objective 'click'", error.Message, StringComparison.Ordinal);
    }
}
