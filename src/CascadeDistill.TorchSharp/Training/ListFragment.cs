using CascadeDistill.Datasets;

namespace CascadeDistill.Torch.Training;

/// <summary>Rows <c>Start..Start+Count-1</c> of one chunk that belong to one request.</summary>
internal sealed record ListFragment(DatasetChunk Chunk, int Start, int Count);
