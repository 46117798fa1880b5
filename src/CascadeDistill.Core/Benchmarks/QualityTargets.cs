namespace CascadeDistill.Benchmarks;

/// <summary>The acceptance targets of issue 3's quality benchmark, as numbers the verdicts compute against.</summary>
public static class QualityTargets
{
    /// <summary>The best distilled student beats the ground-truth-only one by at least this relative margin on every teacher-agreement metric.</summary>
    public const double MinTeacherAgreementGain = 0.20;

    /// <summary>… while losing at most this relative amount on every ground-truth metric.</summary>
    public const double MaxGroundTruthLoss = 0.02;

    /// <summary>The best pre-ranker's NDCG@10 against the teacher's order.</summary>
    public const double MinPrerankNdcg = 0.85;

    /// <summary>The best recall student's recall of the teacher's top 10 within its top 100 of the catalogue.</summary>
    public const double MinRecallCatalogueRecall = 0.90;
}
