using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Parsing;

namespace Serverless.Domain.Ingestion;

// The warnings column of a status row: what the ingest adjusted in an accepted file, or that a run set its change aside.
public sealed partial class IngestStatusStore
{
    /// <summary>
    /// Adds a warning to an upload's recorded status (a rescoring run set its article's change aside), keeping what the
    /// row says; nothing when the upload has no status yet.
    /// </summary>
    public async Task AddWarningAsync(string blobName, ArticleWarning warning, CancellationToken cancellationToken)
    {
        await _writer.WhenWrittenAsync(Partition, IngestStatusKeys.For(blobName), cancellationToken);
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, IngestStatusKeys.For(blobName), cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value is not { } entity)
        {
            return;
        }

        var warnings = ParseWarnings(entity.GetString("Warnings")).Where(w => w.Code != warning.Code).Append(warning).ToList();
        entity["Warnings"] = WarningsColumn(warnings);
        try
        {
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // A new upload of the file recorded its own outcome meanwhile: that one stands.
        }
    }

    // One line a warning, code then message: at most a few hundred characters each, 20 of them at most.
    private static string WarningsColumn(IReadOnlyList<ArticleWarning> warnings) =>
        string.Join('\n', warnings.Take(20).Select(w => $"{w.Code}\t{TextSanitizer.Cut(w.Message.ReplaceLineEndings(" "), 1_000)}"));

    private static IReadOnlyList<ArticleWarning> ParseWarnings(string? column) =>
        string.IsNullOrEmpty(column)
            ? []
            : [.. column.Split('\n').Select(line => line.Split('\t', 2)).Where(p => p.Length == 2).Select(p => new ArticleWarning(p[0], p[1]))];
}
