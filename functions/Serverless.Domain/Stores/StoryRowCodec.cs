using Azure.Data.Tables;
using Serverless.Domain.Scoring;

namespace Serverless.Domain.Stores;

/// <summary>The columns of the Stories table's member, head and listing rows (<see cref="StoryStore"/> owns the keys).</summary>
internal static class StoryRowCodec
{
    /// <summary>Member ids end every member row key: 32 hex digits.</summary>
    private const int IdLength = 32;

    public static TableEntity Member(string partition, string rowKey, StoryMemberEntry member)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["Title"] = member.Title,
            ["Excerpt"] = member.Excerpt,
            ["Url"] = member.Url,
            ["ProviderName"] = member.ProviderName,
            ["ProviderDomain"] = member.ProviderDomain,
            ["PublishedDateTime"] = member.PublishedDateTime,
            ["ImageUrl"] = member.ImageUrl,
            ["ReasonKind"] = member.Reason?.Kind,
            ["ReasonVia"] = member.Reason?.Via,
            ["ReasonSimilarity"] = member.Reason?.Similarity,
            ["Order"] = member.Order,
        };
        if (member.Record is { } record)
        {
            ScoringRecordColumns.Write(entity, record);
        }

        return entity;
    }

    public static StoryMemberEntry ReadMember(TableEntity entity) => new(
        StoryIds.Parse(entity.RowKey[^IdLength..]),
        entity.GetString("ArticleId") is null ? null : ScoringRecordColumns.Read(entity),
        entity.GetString("Title"),
        entity.GetString("Url"),
        entity.GetString("ProviderName"),
        entity.GetString("ProviderDomain"),
        entity.GetDateTimeOffset("PublishedDateTime"),
        entity.GetString("ImageUrl"),
        entity.GetString("ReasonKind") is { } kind ? new StoryJoinReason(kind, entity.GetString("ReasonVia"), entity.GetDouble("ReasonSimilarity")) : null)
    {
        Excerpt = entity.GetString("Excerpt"),
        Order = entity.GetString("Order") ?? string.Empty,
    };

    public static TableEntity Head(string partition, string rowKey, StoryHead head) => new(partition, rowKey)
    {
        ["StoryId"] = head.StoryId,
        ["Members"] = head.Members,
        ["Articles"] = head.Articles,
        ["Outlets"] = head.Outlets,
        ["Began"] = head.Began,
        ["FirstReported"] = head.FirstReported,
        ["FirstReportedAt"] = head.FirstReportedAt,
        ["FirstReportedOutlet"] = head.FirstReportedOutlet,
        ["FirstReportedByCitation"] = head.FirstReportedByCitation,
        ["Timeline"] = head.Timeline,
        ["MergedInto"] = head.MergedInto,
        ["Gone"] = head.Gone,
        ["LeadId"] = head.Lead?.Id,
        ["Headline"] = head.Lead?.Title,
        ["LeadUrl"] = head.Lead?.Url,
        ["LeadOutlet"] = head.Lead?.Outlet,
        ["LeadImage"] = head.Lead?.ImageUrl,
        ["LeadPublished"] = head.Lead?.Published,
        ["Others"] = head.Others,
        ["Topics"] = head.Topics,
        ["HottestBaseHeat"] = head.HottestBaseHeat,
        ["HottestPublished"] = head.HottestPublished,
        ["Listed"] = head.Listed,
    };

    public static StoryHead ReadHead(string storyId, TableEntity entity) => new(
        storyId,
        entity.GetInt32("Members") ?? 0,
        entity.GetInt32("Articles") ?? 0,
        entity.GetInt32("Outlets") ?? 0,
        entity.GetInt64("Began") ?? 0,
        entity.GetString("FirstReported"),
        entity.GetDateTimeOffset("FirstReportedAt"),
        entity.GetString("Timeline") ?? string.Empty,
        entity.GetString("MergedInto"),
        entity.GetBoolean("Gone") ?? false)
    {
        FirstReportedOutlet = entity.GetString("FirstReportedOutlet"),
        FirstReportedByCitation = entity.GetBoolean("FirstReportedByCitation") ?? false,
        Lead = entity.GetString("LeadId") is { } lead
            ? new StoryHeadline(lead, entity.GetString("Headline"), entity.GetString("LeadUrl"), entity.GetString("LeadOutlet"), entity.GetString("LeadImage"), entity.GetDateTimeOffset("LeadPublished"))
            : null,
        Others = entity.GetString("Others") ?? string.Empty,
        Topics = entity.GetString("Topics") ?? string.Empty,
        HottestBaseHeat = entity.GetDouble("HottestBaseHeat") ?? 0,
        HottestPublished = entity.GetDateTimeOffset("HottestPublished"),
        Listed = entity.GetString("Listed") ?? string.Empty,
    };

    /// <summary>Whether two member rows would be stored the same: a run rewrites only the members that changed.</summary>
    public static bool SameMember(StoryMemberEntry a, StoryMemberEntry b)
    {
        var (x, y) = (Member(string.Empty, string.Empty, a), Member(string.Empty, string.Empty, b));
        return x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Equals(p.Value, v));
    }

}
