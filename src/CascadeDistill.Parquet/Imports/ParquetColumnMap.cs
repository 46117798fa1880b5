using CascadeDistill.Imports;
using ParquetSharp;

namespace CascadeDistill.Parquet.Imports;

/// <summary>Matches mapped source columns to the leaf columns of a Parquet schema by top-level name.</summary>
internal static class ParquetColumnMap
{
    /// <summary>The leaf column index of each mapped column.</summary>
    /// <exception cref="ImportFileException">A column is missing (<c>missing_column</c>) or is a struct or map (<c>wrong_type</c>).</exception>
    public static int[] Resolve(string path, SchemaDescriptor schema, IReadOnlyList<string> columns)
    {
        var leavesByName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < schema.NumColumns; i++)
        {
            string top = schema.Column(i).Path.ToDotVector()[0];
            if (!leavesByName.TryGetValue(top, out List<int>? leaves))
            {
                leavesByName[top] = leaves = [];
            }
            leaves.Add(i);
        }
        var resolved = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            if (!leavesByName.TryGetValue(columns[c], out List<int>? leaves))
            {
                throw new ImportFileException(path, ImportReasonCodes.MissingColumn, $"The Parquet schema has no column '{columns[c]}' (mapped in the mapping file).");
            }
            if (leaves.Count != 1)
            {
                throw new ImportFileException(path, ImportReasonCodes.WrongType, $"Column '{columns[c]}' is a group of {leaves.Count} columns (struct or map); only plain and list columns are read.");
            }
            resolved[c] = leaves[0];
        }
        return resolved;
    }
}
