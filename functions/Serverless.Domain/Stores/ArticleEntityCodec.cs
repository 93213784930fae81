using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Stores;

/// <summary>
/// The Articles table layout: one entity per article, RowKey = article id, PartitionKey = one of sixteen shards (the
/// id's first hex digit, see <see cref="PartitionKeyOf"/>). Reads stay point reads; the shards let a rescoring run
/// read the table in parallel ranges and write scores as batch transactions of up to 100 entities.
/// Listing columns are bounded so an entity never exceeds Table Storage's limits (64 KiB per string, 1 MiB per
/// entity); the complete article is kept as a JSON document split over <c>Doc0..DocN</c> columns of at most
/// <see cref="ChunkChars"/> characters, or, past <see cref="MaxInlineChunks"/> chunks, in a blob the entity
/// names in <c>DocBlob</c>. Nothing uploaded is cut.
/// </summary>
public static class ArticleEntityCodec
{
    /// <summary>The Articles table's partition keys, in the order a rescoring run reads them.</summary>
    public static readonly IReadOnlyList<string> Shards = [.. "0123456789abcdef".Select(c => c.ToString())];

    /// <summary>UTF-16 characters per document column: 30,000 x 2 bytes stays under the 64 KiB string limit.</summary>
    public const int ChunkChars = 30_000;

    /// <summary>Ten chunks (600 KB) leave room for the listing columns under the 1 MiB entity limit.</summary>
    public const int MaxInlineChunks = 10;

    public const int MaxTitleChars = 2_000;
    public const int MaxExcerptChars = 2_000;
    public const int MaxTopics = 64;
    public const int MaxRelatedIds = 500;

    /// <summary>An editor's reason is kept to this many characters.</summary>
    public const int MaxReasonChars = 2_000;

    /// <summary>
    /// The sources column holds blob names up to this many characters (about 30 names of the longest kind, hundreds of
    /// usual ones); names past it are not recorded, so deleting every recorded one retracts the article.
    /// </summary>
    public const int MaxSourcesChars = 30_000;

    /// <summary>The columns a summary needs: listing a table with this selection never transfers documents.</summary>
    public static readonly IReadOnlyList<string> SummaryColumns =
    [
        "RowKey", "Timestamp", "Title", "Excerpt", "Url", "PublishedDateTime", "ProviderName", "ProviderDomain", "Quality",
        "Topics", "ImageUrl", "Format", "RelatedIds", "RelatedProviders", "TextSignature", "IngestedAt", "FirstIngestedAt", "RankedAt", "CountedArticles", "CountedOutlets", "ContentHash", "StoryId", "StorySize",
        "StoryProviders", "BaseHeat", "IsPublished", "TopicIds", "SourceBlob", "Sources", "Withdrawn", "WithdrawnAt", "WithdrawnReason",
    ];

    internal static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string SerializeDocument(Article article) => JsonSerializer.Serialize(article, DocumentJson);

    /// <summary>A short hash of a serialised document (<see cref="SerializeDocument"/>): equal documents, equal hashes.</summary>
    public static string ContentHashOf(string document) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document))[..16]);

    public static Article DeserializeDocument(string json) =>
        JsonSerializer.Deserialize<Article>(json, DocumentJson) ?? throw new InvalidDataException("An article document is empty.");

    /// <summary>Builds the entity; <paramref name="document"/> is null when the document lives in a blob.</summary>
    public static TableEntity ToEntity(ArticleSummary summary, string? document, string? documentBlob, string sourceBlob)
    {
        var entity = new TableEntity(PartitionKeyOf(summary.Id), summary.Id)
        {
            ["Title"] = Bound(summary.Title, MaxTitleChars),
            ["Excerpt"] = Bound(summary.Excerpt, MaxExcerptChars),
            ["Url"] = summary.Url,
            ["PublishedDateTime"] = summary.PublishedDateTime,
            ["ProviderName"] = Bound(summary.ProviderName, 500),
            ["ProviderDomain"] = Bound(summary.ProviderDomain, 500),
            ["Quality"] = summary.Quality,
            ["Topics"] = JsonSerializer.Serialize(summary.Topics.Take(MaxTopics).Select(t => Bound(t, 200))),
            ["ImageUrl"] = summary.ImageUrl is { Length: <= 4_000 } image ? image : null,
            ["Format"] = summary.Format.ToString(),
            ["RelatedIds"] = string.Join(' ', summary.RelatedIds.Take(MaxRelatedIds)),
            ["RelatedProviders"] = JsonSerializer.Serialize(summary.RelatedProviders.Take(MaxRelatedIds).Select(p => Bound(p, 200))),
            ["TextSignature"] = summary.TextSignature,
            ["IngestedAt"] = summary.IngestedAt,
            ["FirstIngestedAt"] = summary.FirstIngestedAt ?? summary.IngestedAt,
            ["ContentHash"] = summary.ContentHash,
            ["SourceBlob"] = Bound(sourceBlob, 4_000),
            ["Sources"] = SerializeSources(summary.Sources),
            ["Withdrawn"] = summary.Withdrawal?.Kind.ToString(),
            ["WithdrawnAt"] = summary.Withdrawal?.At,
            ["WithdrawnReason"] = Bound(summary.Withdrawal?.Reason, MaxReasonChars),
        };
        WriteScore(entity, summary.Score);

        if (document is not null)
        {
            var chunks = (document.Length + ChunkChars - 1) / ChunkChars;
            entity["DocChunks"] = chunks;
            for (var i = 0; i < chunks; i++)
            {
                entity[$"Doc{i}"] = document.Substring(i * ChunkChars, Math.Min(ChunkChars, document.Length - (i * ChunkChars)));
            }
        }
        else
        {
            entity["DocBlob"] = documentBlob;
        }

        return entity;
    }

    /// <summary>The shard of an article: ids are hex hashes (<see cref="ArticleIdentity"/>), so shards are even.</summary>
    public static string PartitionKeyOf(string articleId) =>
        articleId.Length > 0 && char.IsAsciiHexDigitLower(articleId[0]) ? articleId[..1] : Shards[0];

    /// <summary>Whether a document is too large to keep inline and must go to a blob.</summary>
    public static bool NeedsBlob(string document) => document.Length > ChunkChars * MaxInlineChunks;

    /// <summary>The document stored inline, or null when the entity points to a blob (<see cref="DocumentBlob"/>).</summary>
    public static string? InlineDocument(TableEntity entity)
    {
        if (entity.GetInt32("DocChunks") is not { } chunks)
        {
            return null;
        }

        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Doc{i}")));
    }

    public static string? DocumentBlob(TableEntity entity) => entity.GetString("DocBlob");

    public static ArticleSummary ToSummary(TableEntity entity) => new()
    {
        Id = entity.RowKey,
        Title = entity.GetString("Title") ?? string.Empty,
        Excerpt = entity.GetString("Excerpt"),
        Url = entity.GetString("Url"),
        PublishedDateTime = entity.GetDateTimeOffset("PublishedDateTime"),
        ProviderName = entity.GetString("ProviderName"),
        ProviderDomain = entity.GetString("ProviderDomain"),
        Quality = entity.GetInt32("Quality"),
        Topics = ParseList(entity.GetString("Topics")),
        ImageUrl = entity.GetString("ImageUrl"),
        Format = Enum.TryParse<ArticleFormat>(entity.GetString("Format"), out var format) ? format : ArticleFormat.FrontMatter,
        RelatedIds = (entity.GetString("RelatedIds") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        RelatedProviders = ParseList(entity.GetString("RelatedProviders")),
        TextSignature = entity.GetString("TextSignature"),
        IngestedAt = entity.GetDateTimeOffset("IngestedAt") ?? DateTimeOffset.MinValue,
        FirstIngestedAt = entity.GetDateTimeOffset("FirstIngestedAt"),
        ContentHash = entity.GetString("ContentHash"),
        Score = ReadScore(entity),
        // Rows written before sources were recorded name only the last file that carried them.
        Sources = entity.GetString("Sources") is { } sources ? ParseList(sources) : entity.GetString("SourceBlob") is { } last ? [last] : [],
        Withdrawal = Enum.TryParse<WithdrawalKind>(entity.GetString("Withdrawn"), out var kind)
            ? new ArticleWithdrawal(kind, entity.GetDateTimeOffset("WithdrawnAt") ?? DateTimeOffset.MinValue, entity.GetString("WithdrawnReason"))
            : null,
        Version = entity.ETag.ToString(),
        ModifiedAt = entity.Timestamp,
    };

    /// <summary>The sources column: the blob names as JSON, within the 64 KiB a string column holds.</summary>
    public static string SerializeSources(IReadOnlyList<string> sources)
    {
        var kept = new List<string>();
        var length = 2;
        foreach (var name in sources.Distinct(StringComparer.Ordinal))
        {
            // Blob names are at most 1,024 characters; escaping can double a few of them.
            length += (name.Length * 2) + 3;
            if (length > MaxSourcesChars)
            {
                break;
            }

            kept.Add(name);
        }

        return JsonSerializer.Serialize(kept);
    }

    /// <summary>Writes the scoring columns onto an entity (used for a merge that touches nothing else).</summary>
    public static void WriteScore(TableEntity entity, ArticleScore? score)
    {
        if (score is null)
        {
            return;
        }

        entity["StoryId"] = score.StoryId;
        entity["StorySize"] = score.StorySize;
        entity["StoryProviders"] = score.StoryProviders;
        entity["BaseHeat"] = score.BaseHeat;
        entity["IsPublished"] = score.Published;
        entity["TopicIds"] = string.Join(' ', score.TopicIds);
        entity["RankedAt"] = score.RankedAt;
        entity["CountedArticles"] = score.CountedArticles;
        entity["CountedOutlets"] = score.CountedOutlets;
    }

    public static ArticleScore? ReadScore(TableEntity entity)
    {
        if (entity.GetString("StoryId") is not { } storyId)
        {
            return null;
        }

        return new ArticleScore(
            storyId,
            entity.GetInt32("StorySize") ?? 1,
            entity.GetInt32("StoryProviders") ?? 1,
            entity.GetDouble("BaseHeat") ?? 0,
            entity.GetBoolean("IsPublished") ?? false,
            (entity.GetString("TopicIds") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            RankedAt = entity.GetDateTimeOffset("RankedAt"),
            CountedArticles = entity.GetDouble("CountedArticles"),
            CountedOutlets = entity.GetDouble("CountedOutlets"),
        };
    }

    private static string[] ParseList(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    private static string? Bound(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..(max - 1)]}…");
}
