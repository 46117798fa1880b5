using System.Globalization;
using CascadeDistill.Features;

namespace CascadeDistill.Imports;

/// <summary>Turns <see cref="SourceRow"/>s into typed <see cref="ImportRow"/>s (invariant culture), recording the first fault of a row.</summary>
internal sealed class ImportRowParser(ImportMappingDefinition mapping)
{
    private const NumberStyles Integer = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private const NumberStyles Real = NumberStyles.Float;

    private readonly int _rerank = mapping.RerankPosition is null ? -1 : 5;
    private readonly int _teacher = mapping.RerankPosition is null ? 5 : 6;

    public ImportRow Parse(SourceRow source, int fileIndex, long sequence)
    {
        var row = new ImportRow(mapping.Teacher.Count, mapping.Labels.Count, mapping.Features.Count)
        {
            FileIndex = fileIndex,
            RowNumber = source.RowNumber,
            Sequence = sequence,
        };
        if (source.Malformed is not null)
        {
            row.Fault(ImportReasonCodes.MalformedRow, source.Malformed);
            return row;
        }
        string?[] cells = source.Cells;
        string? requestId = cells[0]?.Trim();
        if (string.IsNullOrEmpty(requestId))
        {
            row.Fault(ImportReasonCodes.MissingId, $"'{mapping.RequestId}' is empty");
            return row;
        }
        row.RequestId = requestId;
        row.EventTimeMs = EventTime(row, cells[1]);
        row.UserId = Id(row, cells[2], mapping.UserId);
        row.ItemId = Id(row, cells[3], mapping.ItemId);
        row.Position = Position(row, cells[4], mapping.Position)!.Value;
        if (_rerank >= 0)
        {
            row.RerankPosition = string.IsNullOrWhiteSpace(cells[_rerank]) ? null : Position(row, cells[_rerank], mapping.RerankPosition!);
        }
        for (int i = 0; i < mapping.Teacher.Count; i++)
        {
            float logit = Float(row, cells[_teacher + i], mapping.Teacher[i].Column, required: true);
            if (!float.IsFinite(logit) && row.FaultReason is null)
            {
                row.Fault(ImportReasonCodes.NonFiniteLogit, $"'{mapping.Teacher[i].Column}' is {cells[_teacher + i]}");
            }
            row.Logits[i] = logit;
        }
        int labels = _teacher + mapping.Teacher.Count;
        for (int i = 0; i < mapping.Labels.Count; i++)
        {
            row.Labels[i] = Float(row, cells[labels + i], mapping.Labels[i].Column, required: false);
        }
        int features = labels + mapping.Labels.Count;
        for (int i = 0; i < mapping.Features.Count; i++)
        {
            ReadFeature(row, i, source, features + i);
        }
        return row;
    }

    private void ReadFeature(ImportRow row, int index, SourceRow source, int cell)
    {
        ImportFeatureMapping feature = mapping.Features[index];
        string? text = source.Cells[cell];
        switch (feature.Kind)
        {
            case FeatureKind.Categorical:
                row.Ids[index] = Id(row, text, feature.Column, ImportReasonCodes.MissingValue);
                break;
            case FeatureKind.Numeric:
                row.Numbers[index] = Float(row, text, feature.Column, required: true);
                break;
            case FeatureKind.MultiCategorical:
                string[]? items = source.Lists[cell];
                if (items is null && text is not null && feature.Delimiter is not null)
                {
                    items = text.Length == 0 ? [] : text.Split(feature.Delimiter);
                }
                if (items is null)
                {
                    row.Fault(text is null ? ImportReasonCodes.MissingValue : ImportReasonCodes.UnparsableValue,
                        $"'{feature.Column}' is {(text is null ? "missing" : "not a list (no delimiter declared)")}");
                    row.IdLists[index] = [];
                    break;
                }
                var ids = new long[items.Length];
                for (int j = 0; j < items.Length; j++)
                {
                    ids[j] = Id(row, items[j], feature.Column, ImportReasonCodes.UnparsableValue);
                }
                row.IdLists[index] = ids;
                break;
            default:
                throw new InvalidOperationException($"Unknown feature kind {feature.Kind}.");
        }
    }

    private long EventTime(ImportRow row, string? text)
    {
        string column = mapping.EventTime.Column;
        if (string.IsNullOrWhiteSpace(text))
        {
            row.Fault(ImportReasonCodes.MissingValue, $"'{column}' is empty");
            return 0;
        }
        if (mapping.EventTime.Format == EventTimeFormat.EpochMilliseconds)
        {
            if (long.TryParse(text, Integer, CultureInfo.InvariantCulture, out long ms) && ms is >= -62_135_596_800_000 and <= 253_402_300_799_999)
            {
                return ms;
            }
        }
        else if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
        {
            return time.ToUnixTimeMilliseconds();
        }
        row.Fault(ImportReasonCodes.UnparsableValue, $"'{column}' = '{text}' is not a valid {(mapping.EventTime.Format == EventTimeFormat.Iso8601 ? "ISO-8601 time" : "epoch-ms integer")}");
        return 0;
    }

    private static long Id(ImportRow row, string? text, string column, string missingReason = ImportReasonCodes.MissingId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            row.Fault(missingReason, $"'{column}' is empty");
            return 0;
        }
        if (long.TryParse(text, Integer, CultureInfo.InvariantCulture, out long id))
        {
            return id;
        }
        row.Fault(ImportReasonCodes.UnparsableValue, $"'{column}' = '{text}' is not a 64-bit integer id");
        return 0;
    }

    private static int? Position(ImportRow row, string? text, PositionMapping position)
    {
        if (text is null || (text.Trim() != position.Cut && string.IsNullOrWhiteSpace(text)))
        {
            row.Fault(ImportReasonCodes.MissingValue, $"'{position.Column}' is empty");
            return 0;
        }
        if (text.Trim() == position.Cut)
        {
            return 0;
        }
        if (int.TryParse(text, Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value >= 1 ? value : -1;
        }
        row.Fault(ImportReasonCodes.UnparsableValue, $"'{position.Column}' = '{text}' is neither a 32-bit integer nor the cut value '{position.Cut}'");
        return 0;
    }

    private static float Float(ImportRow row, string? text, string column, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                row.Fault(ImportReasonCodes.MissingValue, $"'{column}' is empty");
            }
            return float.NaN;
        }
        if (float.TryParse(text, Real, CultureInfo.InvariantCulture, out float value))
        {
            return value;
        }
        row.Fault(ImportReasonCodes.UnparsableValue, $"'{column}' = '{text}' is not a number");
        return float.NaN;
    }
}
