using CascadeDistill.IO;
using System.Globalization;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// Log contract v1 over a folder of day partitions: <c>&lt;root&gt;/dt=YYYY-MM-DD/*.arrow</c> (Arrow IPC
/// file format). Unfinished files (a leading '.' or a <c>.tmp</c> suffix) are never listed or read.
/// </summary>
public sealed class ArrowLogStore : ILogStore
{
    private const string PartitionPrefix = "dt=";
    private const string DayFormat = "yyyy-MM-dd";
    private const string FileExtension = ".arrow";

    /// <summary>An incomplete file modified within this window is taken as still being written (<c>file_in_progress</c>).</summary>
    public static readonly TimeSpan DefaultInProgressWindow = TimeSpan.FromMinutes(5);

    private readonly int _rowsPerBatch;
    private readonly TimeProvider _time;
    private readonly TimeSpan _inProgressWindow;

    public ArrowLogStore(string rootDirectory)
        : this(rootDirectory, ArrowDefaults.RowsPerBatch)
    {
    }

    /// <param name="rootDirectory">The folder holding the <c>dt=…</c> partitions.</param>
    /// <param name="rowsPerBatch">Rows per record batch written by <see cref="CreateWriter"/>.</param>
    /// <param name="time">The clock <see cref="Check"/> compares modification times with.</param>
    /// <param name="inProgressWindow">See <see cref="DefaultInProgressWindow"/>.</param>
    public ArrowLogStore(string rootDirectory, int rowsPerBatch, TimeProvider time, TimeSpan inProgressWindow)
        : this(rootDirectory, rowsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(inProgressWindow, TimeSpan.Zero);
        _time = time;
        _inProgressWindow = inProgressWindow;
    }

    /// <param name="rootDirectory">The folder holding the <c>dt=…</c> partitions.</param>
    /// <param name="rowsPerBatch">Rows per record batch written by <see cref="CreateWriter"/>.</param>
    public ArrowLogStore(string rootDirectory, int rowsPerBatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBatch);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _rowsPerBatch = rowsPerBatch;
        _time = TimeProvider.System;
        _inProgressWindow = DefaultInProgressWindow;
    }

    public string RootDirectory { get; }

    public IReadOnlyList<DateOnly> ListDays()
    {
        if (!Directory.Exists(RootDirectory))
        {
            return [];
        }
        var days = new List<DateOnly>();
        foreach (string folder in Directory.EnumerateDirectories(RootDirectory, PartitionPrefix + "*"))
        {
            string name = Path.GetFileName(folder);
            if (DateOnly.TryParseExact(name.AsSpan(PartitionPrefix.Length), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
                && CompleteFiles(folder).Any())
            {
                days.Add(day);
            }
        }
        days.Sort();
        return days;
    }

    public IReadOnlyList<LogFileInfo> ListFiles(DateOnly day)
    {
        string folder = PartitionPath(day);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return [.. CompleteFiles(folder)
            .Order(StringComparer.Ordinal)
            .Select(path => new LogFileInfo(path, day, new FileInfo(path).Length))];
    }

    public IEnumerable<RequestBlock> ReadRequests(LogFileInfo file, LogReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        return LogFileReader.Read(file, request, cancellationToken);
    }

    /// <summary>Reads every record batch: truncated or corrupt files → <c>truncated_file</c>; incomplete and recently modified, or changing → <c>file_in_progress</c>.</summary>
    public LogFileCheck Check(LogFileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return LogFileIntegrity.Check(file, _time, _inProgressWindow, cancellationToken);
    }

    public LogWriteSchema? Describe(LogFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return LogFileIntegrity.Describe(file);
    }

    /// <param name="day">The partition.</param>
    /// <param name="fileName">A plain file name ending in <c>.arrow</c>, not starting with '.'; an existing file of that name is replaced on completion.</param>
    /// <param name="schema">The columns the file holds beyond the required ones.</param>
    public ILogWriter CreateWriter(DateOnly day, string fileName, LogWriteSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (Path.GetFileName(fileName) != fileName
            || !fileName.EndsWith(FileExtension, StringComparison.Ordinal)
            || PendingFile.IsTemporaryName(fileName))
        {
            throw new ArgumentException($"'{fileName}' must be a plain file name ending in '{FileExtension}' and not starting with '.'.", nameof(fileName));
        }
        LogWriteLayout layout = LogWriteLayout.Create(schema);
        return new ArrowLogWriter(Path.Combine(PartitionPath(day), fileName), day, layout, _rowsPerBatch);
    }

    /// <summary>The folder of one day's partition.</summary>
    public string PartitionPath(DateOnly day) => Path.Combine(RootDirectory, LogContract.PartitionFolder(day));

    private static IEnumerable<string> CompleteFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*" + FileExtension)
            .Where(path =>
            {
                string name = Path.GetFileName(path);
                return name.EndsWith(FileExtension, StringComparison.Ordinal) && !PendingFile.IsTemporaryName(name);
            });
}
