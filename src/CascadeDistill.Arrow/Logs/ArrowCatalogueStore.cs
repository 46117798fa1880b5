using CascadeDistill.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// The item catalogue, <c>&lt;root&gt;/catalogue/items.arrow</c>: item_id (int64, unique) plus item feature
/// columns named by <see cref="FeatureDefinition.Column"/> and typed as in the log contract. Written
/// atomically; read violations throw <see cref="LogContractException"/> with the log contract's reason codes.
/// </summary>
public sealed class ArrowCatalogueStore : ICatalogueStore
{
    public const string FolderName = "catalogue";
    public const string FileName = "items.arrow";

    private readonly int _rowsPerBatch;

    public ArrowCatalogueStore(string rootDirectory)
        : this(rootDirectory, ArrowDefaults.RowsPerBatch)
    {
    }

    public ArrowCatalogueStore(string rootDirectory, int rowsPerBatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBatch);
        FilePath = Path.Combine(Path.GetFullPath(rootDirectory), FolderName, FileName);
        _rowsPerBatch = rowsPerBatch;
    }

    /// <summary>The catalogue file's full path.</summary>
    public string FilePath { get; }

    public bool Exists => File.Exists(FilePath);

    public void Write(Catalogue catalogue, IReadOnlyList<FeatureDefinition> itemFeatures)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(itemFeatures);
        FeatureDefinition[] written = WrittenFeatures(catalogue, itemFeatures);
        var seen = new HashSet<long>(catalogue.Count);
        foreach (long item in catalogue.ItemIds)
        {
            if (!seen.Add(item))
            {
                throw new LogContractException(FilePath, LogReasonCodes.DuplicateItem, $"Item {item} is listed more than once.");
            }
        }
        var fields = new List<Field> { new(LogContract.ItemId, Int64Type.Default, nullable: false) };
        fields.AddRange(written.Select(f => new Field(f.Column, FeatureArrowTypes.For(f.Kind), nullable: false)));
        var schema = new Schema(fields, new Dictionary<string, string>
        {
            [LogContract.VersionMetadataKey] = LogContract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        FeatureBuffer[] buffers = [.. written.Select(f => FeatureBuffer.Create(f.Kind))];
        using var file = PendingFile.Create(FilePath);
        using (var writer = new ArrowFileWriter(file.Stream, schema, leaveOpen: true))
        {
            writer.WriteStart();
            for (int start = 0; start < catalogue.Count; start += _rowsPerBatch)
            {
                int count = Math.Min(_rowsPerBatch, catalogue.Count - start);
                var arrays = new List<IArrowArray> { ArrowArrays.Int64(catalogue.ItemIds.AsSpan(start, count)) };
                for (int i = 0; i < written.Length; i++)
                {
                    buffers[i].Clear();
                    buffers[i].Append(catalogue.Features[written[i].Name], start, count);
                    arrays.Add(buffers[i].ToArrowArray());
                }
                using var batch = new RecordBatch(schema, arrays, count);
                writer.WriteRecordBatch(batch);
            }
            writer.WriteEnd();
        }
        file.Commit();
    }

    public Catalogue Read(IReadOnlyList<FeatureDefinition> itemFeatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemFeatures);
        using ArrowBatchSource source = Guard(() => ArrowBatchSource.Open(FilePath));
        LogColumns columns = LogColumns.Open(source.Schema, FilePath);
        int itemColumn = columns.Require(LogContract.ItemId, "int64", LogColumns.IsInt64);
        int[] featureColumns = [.. itemFeatures.Select(f => columns.Require(
            f.Column, FeatureArrowTypes.Describe(f.Kind), type => FeatureArrowTypes.Matches(f.Kind, type)))];
        var itemIds = new GrowableBuffer<long>(1024);
        FeatureBuffer[] buffers = [.. itemFeatures.Select(f => FeatureBuffer.Create(f.Kind))];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using RecordBatch? batch = Guard(source.ReadNext);
            if (batch is null)
            {
                break;
            }
            IArrowArray items = batch.Column(itemColumn);
            columns.RequireNoNulls(items, itemColumn, items.NullCount > 0);
            itemIds.AddRange(((Int64Array)items).Values);
            for (int i = 0; i < buffers.Length; i++)
            {
                IArrowArray array = batch.Column(featureColumns[i]);
                columns.RequireNoNulls(array, featureColumns[i], FeatureArrowTypes.HasNulls(array));
                buffers[i].Append(array, 0, batch.Length);
            }
        }
        long[] ids = itemIds.ToArray();
        var seen = new HashSet<long>(ids.Length);
        foreach (long item in ids)
        {
            if (!seen.Add(item))
            {
                throw new LogContractException(FilePath, LogReasonCodes.DuplicateItem, $"Item {item} is listed more than once.");
            }
        }
        var features = new Dictionary<string, FeatureColumn>(buffers.Length, StringComparer.Ordinal);
        for (int i = 0; i < buffers.Length; i++)
        {
            features[itemFeatures[i].Name] = buffers[i].ToColumn();
        }
        return new Catalogue(ids, new FeatureBatch(ids.Length, features));
    }

    private static FeatureDefinition[] WrittenFeatures(Catalogue catalogue, IReadOnlyList<FeatureDefinition> itemFeatures)
    {
        if (catalogue.Features.RowCount != catalogue.Count)
        {
            throw new ArgumentException($"The catalogue has {catalogue.Count} items but {catalogue.Features.RowCount} feature rows.", nameof(catalogue));
        }
        var byColumn = new Dictionary<string, FeatureDefinition>(StringComparer.Ordinal);
        var written = new List<FeatureDefinition>();
        foreach (FeatureDefinition feature in itemFeatures)
        {
            ArgumentNullException.ThrowIfNull(feature);
            if (feature.Column == LogContract.ItemId)
            {
                if (feature.Kind != FeatureKind.Categorical)
                {
                    throw new ArgumentException($"Feature '{feature.Name}' reads '{LogContract.ItemId}' (int64) but is {feature.Kind}.", nameof(itemFeatures));
                }
                continue;
            }
            if (!catalogue.Features.Columns.TryGetValue(feature.Name, out FeatureColumn? column) || !FeatureBuffer.Accepts(feature.Kind, column))
            {
                throw new ArgumentException($"The catalogue has no {feature.Kind} values for feature '{feature.Name}'.", nameof(catalogue));
            }
            if (byColumn.TryGetValue(feature.Column, out FeatureDefinition? earlier) && earlier.Kind != feature.Kind)
            {
                throw new ArgumentException($"Features '{earlier.Name}' and '{feature.Name}' read column '{feature.Column}' as different kinds.", nameof(itemFeatures));
            }
            if (byColumn.TryAdd(feature.Column, feature))
            {
                written.Add(feature);
            }
        }
        return [.. written];
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException exception)
        {
            throw new LogContractException(FilePath, LogReasonCodes.TruncatedFile, exception.Message);
        }
    }
}
