using Azure.Data.Tables;
using Serverless.Domain.Rescoring;

namespace Serverless.Domain.Stores;

/// <summary>What readers see of the stored stories: heads, pages of members, and each topic's stories (listing rows).</summary>
public sealed partial class StoryStore
{
    /// <summary>A story's head, or null when there is none (point read).</summary>
    public async Task<StoryHead?> ReadHeadAsync(string storyId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(StoryPartition(storyId), HeadRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? StoryRowCodec.ReadHead(storyId, entity) : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> members of a story after the row key <paramref name="after"/> (null: from the
    /// start), in page order or newest first: one range read of the story's partition. Returns the last row key read
    /// when more follow. A member a run died moving has at most one extra row until the next run; it is skipped.
    /// </summary>
    public async Task<(List<StoryMemberEntry> Members, string? Next)> ReadMembersAsync(
        string storyId, bool newestFirst, string? after, int limit, CancellationToken cancellationToken)
    {
        var (start, end) = newestFirst ? (RecentPrefix, RecentEnd) : (MemberPrefix, MemberEnd);
        var from = after is not null && after.StartsWith(start, StringComparison.Ordinal) ? after : start;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StoryPartition(storyId)} and RowKey gt {from} and RowKey lt {end}");
        var members = new List<StoryMemberEntry>(limit);
        var seen = new HashSet<UInt128>();
        string? last = null;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, Math.Min(limit + 1, 1000), cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                if (members.Count == limit)
                {
                    return (members, last);
                }

                var member = StoryRowCodec.ReadMember(entity);
                last = entity.RowKey;
                if (seen.Add(member.Id))
                {
                    members.Add(member);
                }
            }
        }

        return (members, null);
    }

    /// <summary>Writes the listing rows of each head: one per topic it is listed in, with the head's columns.</summary>
    public Task WriteListingsAsync(IEnumerable<StoryHead> heads, CancellationToken cancellationToken) =>
        SubmitAsync(
            heads.SelectMany(h => StoryHeadBuilder.ListingsOf(h).Select(l => Upsert(StoryRowCodec.Head(ListingPartition(l.Topic), ListingRow(l.RankKey, h.StoryId), h)))),
            cancellationToken);

    /// <summary>Deletes listing rows (topic, rank key, story); a row already gone counts as deleted.</summary>
    public Task DeleteListingsAsync(IEnumerable<(string Topic, string RankKey, string StoryId)> listings, CancellationToken cancellationToken) =>
        SubmitAsync(listings.Select(l => Delete(ListingPartition(l.Topic), ListingRow(l.RankKey, l.StoryId))), cancellationToken);

    /// <summary>A topic's top <paramref name="limit"/> stories, hottest first, as their heads: one range read.</summary>
    public async Task<List<StoryHead>> ReadListingsAsync(string topicId, int limit, CancellationToken cancellationToken)
    {
        var heads = new List<StoryHead>(limit);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListingPartition(topicId)}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken).AsPages())
        {
            heads.AddRange(page.Values.Take(limit - heads.Count).Select(e => StoryRowCodec.ReadHead(e.GetString("StoryId") ?? string.Empty, e)));
            if (heads.Count >= limit)
            {
                break;
            }
        }

        return heads;
    }

    private static string ListingPartition(string topicId) => $"t{topicId}";

    private static string ListingRow(string rankKey, string storyId) => $"{rankKey}_{storyId}";
}
