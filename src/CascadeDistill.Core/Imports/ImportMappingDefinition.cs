namespace CascadeDistill.Imports;

/// <summary>A parsed, frozen mapping file: which source column feeds each column of the log contract.</summary>
public sealed record ImportMappingDefinition(
    string RequestId,
    EventTimeMapping EventTime,
    string UserId,
    string ItemId,
    PositionMapping Position,
    PositionMapping? RerankPosition,
    IReadOnlyList<ObjectiveMapping> Teacher,
    IReadOnlyList<ObjectiveMapping> Labels,
    IReadOnlyList<ImportFeatureMapping> Features)
{
    /// <summary>Every source column the import reads, in the fixed order <see cref="SourceColumns"/> rows use.</summary>
    public IReadOnlyList<string> SourceColumns() =>
    [
        RequestId, EventTime.Column, UserId, ItemId, Position.Column,
        .. RerankPosition is null ? Array.Empty<string>() : [RerankPosition.Column],
        .. Teacher.Select(t => t.Column),
        .. Labels.Select(l => l.Column),
        .. Features.Select(f => f.Column),
    ];

    /// <summary>
    /// Fewest candidates (rows) a request may have; shorter requests are quarantined whole with reason
    /// <c>list_too_short</c>. Mapping key <c>min_candidates</c>, default 1 (what the pointwise recipe needs).
    /// </summary>
    public int MinCandidates { get; init; } = 1;
}
