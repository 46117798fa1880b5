namespace CascadeDistill.Imports;

/// <summary>The manifest of a finished import, where it was written, and the messages for skipped files.</summary>
public sealed record ImportLogsResult(ImportManifest Manifest, string ManifestPath, IReadOnlyList<string> Messages);
