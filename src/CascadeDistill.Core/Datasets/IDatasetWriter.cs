namespace CascadeDistill.Datasets;

/// <summary>Writes chunks to one dataset file; the file appears at its path only when <see cref="Complete"/> succeeds.</summary>
public interface IDatasetWriter : IDisposable
{
    void Write(DatasetChunk chunk);

    DatasetFileInfo Complete();
}
