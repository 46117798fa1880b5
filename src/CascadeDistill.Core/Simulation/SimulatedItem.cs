namespace CascadeDistill.Simulation;

/// <summary>A simulated item: logged features plus hidden truth (latent vector and quality).</summary>
internal sealed record SimulatedItem(
    long Id,
    long Category,
    long[] Tags,
    float Popularity,
    float Price,
    double[] Latent,
    double Quality);
