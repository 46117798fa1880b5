namespace CascadeDistill.Export;

/// <summary>The written model files.</summary>
public sealed record OnnxExportResult(string UserTowerPath, string ItemTowerPath);
