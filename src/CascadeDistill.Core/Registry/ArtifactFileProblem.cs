namespace CascadeDistill.Registry;

/// <summary>A recorded file that is not as recorded under the artifact folder.</summary>
/// <param name="ReasonCode"><c>missing</c>, <c>size_mismatch</c>, <c>sha256_mismatch</c> or <c>invalid_path</c>.</param>
public sealed record ArtifactFileProblem(string RelativePath, string ReasonCode, string Message)
{
    public override string ToString() => $"{RelativePath}: [{ReasonCode}] {Message}";
}
