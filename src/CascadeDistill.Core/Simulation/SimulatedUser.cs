namespace CascadeDistill.Simulation;

/// <summary>A simulated user: logged features plus hidden truth (latent taste and budget) the logs never show.</summary>
internal sealed record SimulatedUser(
    long Id,
    long Segment,
    long[] RecentCategories,
    float Activity,
    double[] Taste,
    double LogBudget);
