namespace CascadeDistill.Imports;

/// <summary>
/// One parsed source row on its way to a request: typed values, where it came from, and the fault
/// found while parsing it (then the typed values are placeholders). Features are indexed like
/// <see cref="ImportMappingDefinition.Features"/>; each kind uses its own array.
/// </summary>
internal sealed class ImportRow(int objectives, int labels, int features)
{
    public string RequestId { get; set; } = "";

    /// <summary>Order of arrival over the whole import; breaks ties and orders a request's rows.</summary>
    public long Sequence { get; set; }

    public int FileIndex { get; set; }

    public long RowNumber { get; set; }

    public string? FaultReason { get; set; }

    public string? FaultDetail { get; set; }

    public long EventTimeMs { get; set; }

    public long UserId { get; set; }

    public long ItemId { get; set; }

    /// <summary>0 = cut; a negative value marks a source position that is neither the cut value nor ≥ 1.</summary>
    public int Position { get; set; }

    /// <summary>Null when the row's re-rank cell is empty.</summary>
    public int? RerankPosition { get; set; }

    public float[] Logits { get; } = new float[objectives];

    /// <summary>NaN = unknown.</summary>
    public float[] Labels { get; } = new float[labels];

    public long[] Ids { get; } = new long[features];

    public long[][] IdLists { get; } = new long[features][];

    public float[] Numbers { get; } = new float[features];

    public void Fault(string reason, string detail)
    {
        if (FaultReason is null)
        {
            FaultReason = reason;
            FaultDetail = detail;
        }
    }
}
