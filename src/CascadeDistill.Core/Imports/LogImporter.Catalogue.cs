using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>Deriving the item catalogue the runner needs from the imported item features.</summary>
public sealed partial class LogImporter
{
    private ImportCatalogueRecord? WriteCatalogue(ImportState state, CancellationToken cancellationToken)
    {
        if (catalogue is null || state.Catalogue.Count == 0)
        {
            return null;
        }
        string[] columns = [.. state.Catalogue.Features.Select(f => f.Column)];
        Catalogue? existing = null;
        if (catalogue.Exists)
        {
            try
            {
                existing = catalogue.Read(state.Catalogue.Features, cancellationToken);
            }
            catch (LogContractException e)
            {
                // Another shape (e.g. other item features): replacing it would drop what it holds.
                string reason = $"the existing catalogue was left alone: it cannot be read with this import's item features ({e.ReasonCode}: {e.Message})";
                state.Messages.Add("Catalogue not updated: " + reason);
                return new ImportCatalogueRecord(0, 0, columns, reason);
            }
        }
        Catalogue merged = state.Catalogue.Merge(existing);
        catalogue.Write(merged, state.Catalogue.Features);
        return new ImportCatalogueRecord(state.Catalogue.Count, merged.Count, columns, null);
    }
}
