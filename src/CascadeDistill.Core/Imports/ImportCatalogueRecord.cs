namespace CascadeDistill.Imports;

/// <summary>What the import did to the item catalogue: items it set (new or updated), items in the catalogue afterwards, the item feature columns, or why it was left alone.</summary>
public sealed record ImportCatalogueRecord(long ItemsImported, long ItemsTotal, IReadOnlyList<string> Columns, string? NotUpdatedReason);
