using System.Globalization;
using Azure.Data.Tables;
using Serverless.Domain.Scoring;

namespace Serverless.Domain.Stores;

/// <summary>How the Stories table's member and day rows hold a <see cref="ScoringRecord"/> (the score's columns as in Articles).</summary>
internal static class ScoringRecordColumns
{
    public static void Write(TableEntity entity, ScoringRecord record)
    {
        entity["ArticleId"] = record.Id;
        entity["Quality"] = record.Quality;
        entity["EffectivePublished"] = record.Published;
        entity["RankedAt"] = record.OwnRankedAt;
        entity["Topics"] = string.Join(' ', record.Topics);
        entity["PublishedTicks"] = record.Member.PublishedTicks;
        entity["TextOnly"] = record.Member.TextOnly;
        entity["MemberQuality"] = record.Member.Quality;
        entity["ProviderHash"] = unchecked((long)record.Member.ProviderHash);
        entity["Sketch"] = TextSketch.Encode(record.Member.Sketch);
        entity["Related"] = string.Join(' ', record.RelatedIds.Select(StoryIds.Format));
        entity["RelatedProviders"] = string.Join(' ', record.RelatedProviders.Select(p => p.ToString("x16", CultureInfo.InvariantCulture)));
        ArticleEntityCodec.WriteScore(entity, record.Score);
    }

    public static ScoringRecord Read(TableEntity entity)
    {
        var id = entity.GetString("ArticleId") ?? string.Empty;
        var member = new StoryMember(
            StoryIds.Parse(id),
            entity.GetInt64("PublishedTicks"),
            entity.GetBoolean("TextOnly") ?? false,
            entity.GetInt32("MemberQuality") ?? 0,
            unchecked((ulong)(entity.GetInt64("ProviderHash") ?? 0)),
            TextSketch.Decode(entity.GetString("Sketch")));
        return new ScoringRecord(
            id,
            null,
            entity.GetInt32("Quality"),
            entity.GetDateTimeOffset("EffectivePublished") ?? DateTimeOffset.UnixEpoch,
            ArticleEntityCodec.ReadScore(entity),
            Split(entity.GetString("Topics")),
            member,
            [.. Split(entity.GetString("Related")).Select(StoryIds.Parse)],
            [.. Split(entity.GetString("RelatedProviders")).Select(p => ulong.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture))])
        {
            OwnRankedAt = entity.GetDateTimeOffset("RankedAt"),
        };
    }

    private static string[] Split(string? value) => (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
