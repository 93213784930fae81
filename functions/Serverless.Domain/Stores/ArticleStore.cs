using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Storage;
using Serverless.Domain.Storage.Tables;

namespace Serverless.Domain.Stores;

/// <summary>
/// The Articles table and the documents container (for articles too large for an entity): the only class that reads or
/// writes them; <see cref="ArticleEntityCodec"/> is its column layout.
/// </summary>
public sealed class ArticleStore : IStorageSchema
{
    private readonly TableClient _table;
    private readonly BlobContainerClient _documents;
    private readonly TableTransactionSubmitter _submitter;

    public ArticleStore(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
    {
        _table = tables.GetTableClient(options.Value.ArticlesTable);
        _documents = blobs.GetBlobContainerClient(options.Value.DocumentsContainer);
        _submitter = new TableTransactionSubmitter(_table);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        await _documents.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Replaces a stored article (<paramref name="document"/>: <see cref="ArticleEntityCodec.SerializeDocument"/>)
    /// if it is still the version the caller read (its <see cref="ArticleSummary.Version"/>);
    /// returns false, writing nothing, when another write came first. Every change of an article is made from the
    /// version it replaces, so each can move that version's index rows and none is lost between two.
    /// </summary>
    public async Task<bool> TryReplaceAsync(string document, ArticleSummary summary, string sourceBlob, string? replacing, CancellationToken cancellationToken)
    {
        var entity = await ToEntityAsync(document, summary, sourceBlob, cancellationToken);
        try
        {
            await _table.UpdateEntityAsync(entity, replacing is null ? ETag.All : new ETag(replacing), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces a retracted article with its tombstone, if it is still the version read: the summary columns and the
    /// withdrawal stay (so its id answers 410 and a new upload replaces it), the stored text goes. Returns false,
    /// writing nothing, when another write came first.
    /// </summary>
    public async Task<bool> TryWriteTombstoneAsync(ArticleSummary tombstone, string version, CancellationToken cancellationToken)
    {
        var entity = ArticleEntityCodec.ToEntity(tombstone, document: null, documentBlob: null, tombstone.Sources.LastOrDefault() ?? string.Empty);
        var documentBlob = _documents.GetBlobClient($"{tombstone.Id}.json");

        // The version of a document too large for the entity, read before the entity goes: a new upload that
        // replaces the tombstone meanwhile writes a new version, which the delete below must leave alone.
        ETag? documentVersion = null;
        try
        {
            documentVersion = (await documentBlob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The document was inline.
        }

        try
        {
            await _table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }

        if (documentVersion is { } read)
        {
            try
            {
                await documentBlob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = read }, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Written again by a newer upload, or deleted already.
            }
        }

        return true;
    }

    /// <summary>
    /// Sets the files that carry an article, if it is still the version read; returns its new version, or null when
    /// another write came first.
    /// </summary>
    public async Task<string?> TryUpdateSourcesAsync(string id, IReadOnlyList<string> sources, string version, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(ArticleEntityCodec.PartitionKeyOf(id), id)
        {
            ["Sources"] = ArticleEntityCodec.SerializeSources(sources),
            ["SourceBlob"] = sources.LastOrDefault() ?? string.Empty,
        };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a new article; returns false, writing nothing to the table, when one with the same id exists. New
    /// articles are the common case, so trying the insert first saves the read that a replace would need.
    /// </summary>
    public async Task<bool> TryInsertAsync(string document, ArticleSummary summary, string sourceBlob, CancellationToken cancellationToken)
    {
        var entity = await ToEntityAsync(document, summary, sourceBlob, cancellationToken);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private async Task<TableEntity> ToEntityAsync(string document, ArticleSummary summary, string sourceBlob, CancellationToken cancellationToken)
    {
        if (!ArticleEntityCodec.NeedsBlob(document))
        {
            return ArticleEntityCodec.ToEntity(summary, document, documentBlob: null, sourceBlob);
        }

        // The blob is written before the entity so an entity never points to a document that is not there.
        var blobName = $"{summary.Id}.json";
        await _documents.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromString(document),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
        return ArticleEntityCodec.ToEntity(summary, document: null, blobName, sourceBlob);
    }

    /// <summary>The whole article with its id, or null when there is none.</summary>
    public async Task<StoredArticle?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ArticleEntityCodec.PartitionKeyOf(id), id, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return await ToStoredAsync(entity, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> rows of one shard (<see cref="ArticleEntityCodec.Shards"/>) as whole articles, in
    /// id order, after <paramref name="afterId"/> (null: from the start): one range read, for passes over the archive.
    /// </summary>
    public async Task<ArticlePage> ReadArticlesAsync(string shard, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var filter = afterId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {shard}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey gt {afterId}");
        var articles = new List<StoredArticle>();
        var rows = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            if (await ToStoredAsync(entity, cancellationToken) is { } stored)
            {
                articles.Add(stored);
            }

            if (++rows >= limit)
            {
                return new ArticlePage(articles, entity.RowKey);
            }
        }

        return new ArticlePage(articles, null);
    }

    /// <summary>
    /// Sets the link a reader follows of articles of one shard, each only if it is still the version read, in
    /// transactions of up to 100. Returns the ids updated; an article that changed or went away meanwhile is not (its
    /// newer write has its own link).
    /// </summary>
    public async Task<IReadOnlySet<string>> UpdateLinksAsync(string shard, IReadOnlyList<(string Id, string? Url, ETag IfMatch)> updates, CancellationToken cancellationToken)
    {
        var actions = updates
            .Select(u => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(shard, u.Id) { ["Url"] = u.Url }, u.IfMatch))
            .ToList();
        var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
        TableActionOutcome.ThrowIfAnyFailed(outcomes.Where(o => o.FailedStatus is not (404 or 412)));
        return updates.Where((_, i) => outcomes[i].Succeeded).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<StoredArticle?> ToStoredAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var document = ArticleEntityCodec.InlineDocument(entity);
        if (document is null && ArticleEntityCodec.DocumentBlob(entity) is { } blobName)
        {
            var content = await _documents.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            document = content.Value.Content.ToString();
        }

        if (document is null)
        {
            return null;
        }

        return new StoredArticle(ArticleEntityCodec.DeserializeDocument(document), ArticleEntityCodec.ToSummary(entity), entity.ETag);
    }

    /// <summary>The summary of one article, without its document.</summary>
    public async Task<ArticleSummary?> GetSummaryAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ArticleEntityCodec.PartitionKeyOf(id), id, ArticleEntityCodec.SummaryColumns, cancellationToken);
        return response.HasValue && response.Value is { } entity ? ArticleEntityCodec.ToSummary(entity) : null;
    }

    /// <summary>Every article's summary, page by page, without transferring documents.</summary>
    public AsyncPageable<ArticleSummary> GetSummariesAsync(int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var query = _table.QueryAsync<TableEntity>(maxPerPage: pageSize, select: ArticleEntityCodec.SummaryColumns, cancellationToken: cancellationToken);
        return new MappedAsyncPageable<TableEntity, ArticleSummary>(query, ArticleEntityCodec.ToSummary);
    }

    /// <summary>
    /// Overwrites only the scoring columns of articles of one shard, each only if it is still the version that was
    /// scored, in batch transactions of up to 100. Returns each article's new version, or null for an article that
    /// changed or went away meanwhile (its newer write scored it already).
    /// </summary>
    public async Task<Dictionary<string, string?>> UpdateScoresAsync(
        string shard, IReadOnlyList<(string Id, ArticleScore Score, ETag IfMatch)> updates, CancellationToken cancellationToken)
    {
        var actions = updates.Select(update =>
        {
            var entity = new TableEntity(shard, update.Id);
            ArticleEntityCodec.WriteScore(entity, update.Score);
            return new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, update.IfMatch);
        }).ToList();
        var outcomes = await _submitter.SubmitAsync(actions, cancellationToken);
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < updates.Count; i++)
        {
            // An article that changed or went away was scored by its newer write: no version, nothing to throw.
            if (!outcomes[i].Succeeded && outcomes[i].FailedStatus is not (404 or 412))
            {
                TableActionOutcome.ThrowIfAnyFailed([outcomes[i]]);
            }

            versions[updates[i].Id] = outcomes[i].ETag?.ToString();
        }

        return versions;
    }
}
