using CascadeDistill.Datasets;
using CascadeDistill.Logs;

namespace CascadeDistill.Evaluation;

/// <summary>Reference: the teacher's own fused logit over the candidates (it cannot score the catalogue).</summary>
public sealed class TeacherScorer(IReadOnlyDictionary<string, double> fusion) : IRankingScorer
{
    public string Name => "teacher";

    public float[] ScoreCandidates(RequestBlock block) => TeacherFusion.Fuse(block, fusion);

    public float[]? ScoreCatalogue(RequestBlock block) => null;
}
