namespace CascadeDistill.Torch.Training;

/// <summary>
/// One request's candidate list: the contiguous rows with its id, usually one fragment of one
/// chunk, several when the stream cut the request across chunk boundaries.
/// </summary>
internal sealed class RequestList
{
    private readonly List<ListFragment> _fragments = [];

    public RequestList(string requestId, ListFragment first)
    {
        RequestId = requestId;
        Append(first);
    }

    public string RequestId { get; }

    public IReadOnlyList<ListFragment> Fragments => _fragments;

    /// <summary>Number of candidates (rows) over all fragments.</summary>
    public int Length { get; private set; }

    public void Append(ListFragment fragment)
    {
        _fragments.Add(fragment);
        Length += fragment.Count;
    }
}
