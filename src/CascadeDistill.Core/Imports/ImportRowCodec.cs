using CascadeDistill.Features;

namespace CascadeDistill.Imports;

/// <summary>Writes and reads <see cref="ImportRow"/>s in the binary form of the sorter's spill runs (shape fixed by the mapping).</summary>
internal sealed class ImportRowCodec(ImportMappingDefinition mapping)
{
    public void Write(BinaryWriter writer, ImportRow row)
    {
        writer.Write(row.RequestId);
        writer.Write(row.Sequence);
        writer.Write(row.FileIndex);
        writer.Write(row.RowNumber);
        writer.Write(row.FaultReason is not null);
        if (row.FaultReason is not null)
        {
            writer.Write(row.FaultReason);
            writer.Write(row.FaultDetail ?? "");
        }
        writer.Write(row.EventTimeMs);
        writer.Write(row.UserId);
        writer.Write(row.ItemId);
        writer.Write(row.Position);
        writer.Write(row.RerankPosition.HasValue);
        writer.Write(row.RerankPosition.GetValueOrDefault());
        foreach (float logit in row.Logits)
        {
            writer.Write(logit);
        }
        foreach (float label in row.Labels)
        {
            writer.Write(label);
        }
        for (int i = 0; i < mapping.Features.Count; i++)
        {
            switch (mapping.Features[i].Kind)
            {
                case FeatureKind.Categorical:
                    writer.Write(row.Ids[i]);
                    break;
                case FeatureKind.Numeric:
                    writer.Write(row.Numbers[i]);
                    break;
                default:
                    long[] ids = row.IdLists[i] ?? [];
                    writer.Write(ids.Length);
                    foreach (long id in ids)
                    {
                        writer.Write(id);
                    }
                    break;
            }
        }
    }

    public ImportRow Read(BinaryReader reader)
    {
        var row = new ImportRow(mapping.Teacher.Count, mapping.Labels.Count, mapping.Features.Count)
        {
            RequestId = reader.ReadString(),
            Sequence = reader.ReadInt64(),
            FileIndex = reader.ReadInt32(),
            RowNumber = reader.ReadInt64(),
        };
        if (reader.ReadBoolean())
        {
            row.Fault(reader.ReadString(), reader.ReadString());
        }
        row.EventTimeMs = reader.ReadInt64();
        row.UserId = reader.ReadInt64();
        row.ItemId = reader.ReadInt64();
        row.Position = reader.ReadInt32();
        bool hasRerank = reader.ReadBoolean();
        int rerank = reader.ReadInt32();
        row.RerankPosition = hasRerank ? rerank : null;
        for (int i = 0; i < row.Logits.Length; i++)
        {
            row.Logits[i] = reader.ReadSingle();
        }
        for (int i = 0; i < row.Labels.Length; i++)
        {
            row.Labels[i] = reader.ReadSingle();
        }
        for (int i = 0; i < mapping.Features.Count; i++)
        {
            switch (mapping.Features[i].Kind)
            {
                case FeatureKind.Categorical:
                    row.Ids[i] = reader.ReadInt64();
                    break;
                case FeatureKind.Numeric:
                    row.Numbers[i] = reader.ReadSingle();
                    break;
                default:
                    var ids = new long[reader.ReadInt32()];
                    for (int j = 0; j < ids.Length; j++)
                    {
                        ids[j] = reader.ReadInt64();
                    }
                    row.IdLists[i] = ids;
                    break;
            }
        }
        return row;
    }
}
