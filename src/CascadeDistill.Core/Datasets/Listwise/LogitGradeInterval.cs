namespace CascadeDistill.Datasets.Listwise;

/// <summary>Logits in <c>[Lower, Upper)</c> get <see cref="Grade"/>; bounds may be infinite.</summary>
public sealed record LogitGradeInterval(double Lower, double Upper, int Grade);
