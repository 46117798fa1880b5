using Apache.Arrow;

namespace CascadeDistill.Arrow.Columns;

/// <summary>Column lookup by exact (ordinal) name; Arrow's own lookup is culture-sensitive and throws when absent.</summary>
internal static class SchemaFields
{
    /// <summary>The index of the first column named <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(Schema schema, string name)
    {
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (string.Equals(schema.FieldsList[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
