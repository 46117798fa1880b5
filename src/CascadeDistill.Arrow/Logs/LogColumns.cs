using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// A log (or catalogue) file's columns by name, with the checks every reader applies: the version metadata,
/// presence and type of each column it needs. Violations throw <see cref="LogContractException"/>.
/// </summary>
internal sealed class LogColumns
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _duplicates = new(StringComparer.Ordinal);
    private readonly Schema _schema;
    private readonly string _file;

    private LogColumns(Schema schema, string file)
    {
        _schema = schema;
        _file = file;
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (!_indexes.TryAdd(schema.FieldsList[i].Name, i))
            {
                _duplicates.Add(schema.FieldsList[i].Name);
            }
        }
    }

    /// <summary>Checks the version metadata and indexes the columns.</summary>
    public static LogColumns Open(Schema schema, string file)
    {
        string expected = LogContract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? version = null;
        if (schema.HasMetadata && schema.Metadata.TryGetValue(LogContract.VersionMetadataKey, out string? value))
        {
            version = value;
        }
        if (version != expected)
        {
            throw new LogContractException(
                file,
                LogReasonCodes.UnsupportedVersion,
                version is null
                    ? $"Schema metadata has no '{LogContract.VersionMetadataKey}'; expected '{expected}'."
                    : $"Log format version '{version}' is not supported; expected '{expected}'.");
        }
        return new LogColumns(schema, file);
    }

    public bool Contains(string name) => _indexes.ContainsKey(name);

    /// <summary>The index of a required column whose type satisfies <paramref name="accepts"/>.</summary>
    public int Require(string name, string typeName, Func<IArrowType, bool> accepts)
    {
        if (!_indexes.TryGetValue(name, out int index))
        {
            throw new LogContractException(_file, LogReasonCodes.MissingColumn, $"Column '{name}' ({typeName}) is missing.");
        }
        return Check(name, index, typeName, accepts);
    }

    /// <summary>The index of an optional column, or -1 when absent; present, its type must satisfy <paramref name="accepts"/>.</summary>
    public int Optional(string name, string typeName, Func<IArrowType, bool> accepts) =>
        _indexes.TryGetValue(name, out int index) ? Check(name, index, typeName, accepts) : -1;

    /// <summary>Throws <c>null_value</c> when a column that may not hold nulls has one.</summary>
    public void RequireNoNulls(IArrowArray array, int index, bool hasNulls)
    {
        if (hasNulls)
        {
            throw new LogContractException(
                _file,
                LogReasonCodes.NullValue,
                $"Column '{_schema.FieldsList[index].Name}' holds {array.NullCount} null(s) in a record batch; it may not hold nulls.");
        }
    }

    public static bool IsUtf8(IArrowType type) => type is StringType;

    public static bool IsInt64(IArrowType type) => type is Int64Type;

    public static bool IsInt32(IArrowType type) => type is Int32Type;

    public static bool IsFloat32(IArrowType type) => type is FloatType;

    public static bool IsUtcMilliseconds(IArrowType type) =>
        type is TimestampType { Unit: TimeUnit.Millisecond } timestamp
        && timestamp.Timezone is "UTC" or "Etc/UTC" or "+00:00" or "Z";

    private int Check(string name, int index, string typeName, Func<IArrowType, bool> accepts)
    {
        if (_duplicates.Contains(name))
        {
            throw new LogContractException(_file, LogReasonCodes.DuplicateColumn, $"Column '{name}' appears more than once.");
        }
        IArrowType actual = _schema.FieldsList[index].DataType;
        if (!accepts(actual))
        {
            throw new LogContractException(
                _file,
                LogReasonCodes.WrongType,
                $"Column '{name}' is {Describe(actual)}; expected {typeName}.");
        }
        return index;
    }

    private static string Describe(IArrowType type) => type switch
    {
        TimestampType timestamp => $"timestamp[{timestamp.Unit}, {timestamp.Timezone ?? "no time zone"}]",
        ListType list => $"list<{Describe(list.ValueDataType)}>",
        _ => type.Name,
    };
}
