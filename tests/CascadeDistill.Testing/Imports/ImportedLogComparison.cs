using System.Globalization;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Testing.Imports;

/// <summary>Compares imported requests with the simulator's originals: same request-level values and the same rows (matched by item id; row order within a request is not part of the contract).</summary>
public static class ImportedLogComparison
{
    /// <summary>Every difference found, as text (empty when the requests are the same).</summary>
    public static List<string> Differences(IReadOnlyList<RequestBlock> expected, IReadOnlyDictionary<string, RequestBlock> imported)
    {
        var differences = new List<string>();
        if (expected.Count != imported.Count)
        {
            differences.Add($"{imported.Count} imported request(s), expected {expected.Count}");
        }
        foreach (RequestBlock original in expected)
        {
            if (!imported.TryGetValue(original.RequestId, out RequestBlock? actual))
            {
                differences.Add($"request {original.RequestId} missing");
                continue;
            }
            Compare(original, actual, differences);
        }
        return differences;
    }

    private static void Compare(RequestBlock expected, RequestBlock actual, List<string> differences)
    {
        void Check(object a, object b, string what)
        {
            if (!Equals(a, b))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{expected.RequestId} {what}: expected {a}, got {b}"));
            }
        }

        Check(expected.EventTime, actual.EventTime, "event time");
        Check(expected.UserId, actual.UserId, "user");
        Check(expected.Count, actual.Count, "rows");
        Check(expected.RerankPositions is null, actual.RerankPositions is null, "has re-rank positions");
        if (differences.Count > 0)
        {
            return;
        }
        for (int i = 0; i < expected.Count; i++)
        {
            int j = Array.IndexOf(actual.ItemIds, expected.ItemIds[i]);
            if (j < 0)
            {
                differences.Add($"item {expected.ItemIds[i]} of {expected.RequestId} missing");
                continue;
            }
            string item = "item " + expected.ItemIds[i].ToString(CultureInfo.InvariantCulture);
            Check(expected.Positions[i], actual.Positions[j], item + " position");
            if (expected.RerankPositions is not null)
            {
                Check(expected.RerankPositions[i], actual.RerankPositions![j], item + " re-rank position");
            }
            foreach (string objective in SimulatedLogExport.Objectives)
            {
                Check(expected.TeacherLogits[objective][i], actual.TeacherLogits[objective][j], item + " logit " + objective);
                Check(expected.Labels[objective][i], actual.Labels[objective][j], item + " label " + objective);
            }
            foreach (FeatureDefinition feature in SimulatedFeatures.All)
            {
                Check(Cell(expected.Features[feature.Name], i), Cell(actual.Features[feature.Name], j), item + " " + feature.Name);
            }
        }
    }

    private static object Cell(FeatureColumn column, int row) => column switch
    {
        CategoricalColumn c => c.Values[row],
        NumericColumn n => n.Values[row],
        MultiCategoricalColumn m => string.Join(",", m.Row(row).ToArray()),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };
}
