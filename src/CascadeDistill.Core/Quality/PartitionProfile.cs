using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Quality;

/// <summary>
/// The figures drift gates compare, accumulated over the requests of one or more days: request and row counts,
/// each objective's teacher-logit histogram, positive label rates (labels &gt; 0.5 among known labels) and each
/// feature's coverage (share of rows with a value: a non-empty list, a categorical id other than 0, a finite number).
/// </summary>
public sealed class PartitionProfile
{
    private readonly Dictionary<string, LogitHistogram> _logits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Positive, long Known)> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _covered = new(StringComparer.Ordinal);

    public PartitionProfile(IReadOnlyList<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        Days = days;
    }

    public IReadOnlyList<DateOnly> Days { get; }

    public long Requests { get; private set; }

    public long Rows { get; private set; }

    public double RequestsPerDay => Days.Count == 0 ? 0 : (double)Requests / Days.Count;

    public double CandidatesPerRequest => Requests == 0 ? 0 : (double)Rows / Requests;

    public IReadOnlyDictionary<string, LogitHistogram> Logits => _logits;

    /// <summary>Positive rate by objective (objectives without a known label are absent).</summary>
    public IReadOnlyDictionary<string, double> LabelRates =>
        _labels.Where(p => p.Value.Known > 0).ToDictionary(p => p.Key, p => (double)p.Value.Positive / p.Value.Known, StringComparer.Ordinal);

    /// <summary>Coverage by feature (log column).</summary>
    public IReadOnlyDictionary<string, double> Coverage =>
        _covered.ToDictionary(p => p.Key, p => Rows == 0 ? 0 : (double)p.Value / Rows, StringComparer.Ordinal);

    /// <summary>Profiles every file of <paramref name="days"/> in <paramref name="logs"/>.</summary>
    public static PartitionProfile Read(ILogStore logs, IReadOnlyList<DateOnly> days, LogReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(request);
        var profile = new PartitionProfile(days);
        foreach (LogFileInfo file in days.SelectMany(logs.ListFiles))
        {
            foreach (RequestBlock block in logs.ReadRequests(file, request, cancellationToken))
            {
                profile.Add(block, request.Features);
            }
        }
        return profile;
    }

    public void Add(RequestBlock block, IReadOnlyList<FeatureDefinition> features)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(features);
        Requests++;
        Rows += block.Count;
        foreach ((string objective, float[] logits) in block.TeacherLogits)
        {
            if (!_logits.TryGetValue(objective, out LogitHistogram? histogram))
            {
                _logits[objective] = histogram = new LogitHistogram();
            }
            foreach (float logit in logits)
            {
                histogram.Add(logit);
            }
        }
        foreach ((string objective, float[] labels) in block.Labels)
        {
            (long positive, long known) = _labels.GetValueOrDefault(objective);
            foreach (float label in labels)
            {
                if (!float.IsNaN(label))
                {
                    known++;
                    positive += label > 0.5f ? 1 : 0;
                }
            }
            _labels[objective] = (positive, known);
        }
        foreach (FeatureDefinition feature in features)
        {
            if (!block.Features.Columns.TryGetValue(feature.Name, out FeatureColumn? column))
            {
                continue;
            }
            long covered = 0;
            for (int row = 0; row < block.Count; row++)
            {
                covered += column switch
                {
                    MultiCategoricalColumn m => m.Row(row).Length > 0 ? 1 : 0,
                    CategoricalColumn c => c.Values[row] != 0 ? 1 : 0,
                    NumericColumn n => float.IsFinite(n.Values[row]) ? 1 : 0,
                    _ => 0,
                };
            }
            _covered[feature.Column] = _covered.GetValueOrDefault(feature.Column) + covered;
        }
    }
}
