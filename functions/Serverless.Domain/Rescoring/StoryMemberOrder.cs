using System.Globalization;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// The order of a story's page: one member per outlet first (its best: an ingested article before an entry known only
/// from related lists, then the highest quality, then the earliest), then the rest in the same order. Each member's
/// place is a sortable key its row is filed under, so a page of a 5,000-member story is one bounded range read, and a
/// run rewrites a key only when that member's place changes (a new best article of its outlet, say).
/// </summary>
public static class StoryMemberOrder
{
    // Sorts after every real date: long.MaxValue has 19 digits, DateTime.MaxValue.Ticks is below it.
    private const long Undated = long.MaxValue;

    /// <summary>The entries with <see cref="StoryMemberEntry.Order"/> set, in page order.</summary>
    public static List<StoryMemberEntry> Place(IEnumerable<StoryMemberEntry> entries)
    {
        // Equal ranks fall back on the id, as the row keys do, so which member leads its outlet never depends on the
        // order the plan lists them in (a run that changed nothing rewrites nothing).
        var ranked = entries.Select(e => (Entry: e, Rank: RankOf(e))).OrderBy(e => e.Rank, StringComparer.Ordinal).ThenBy(e => e.Entry.Id).ToList();
        var outlets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var placed = ranked.Select(e => e.Entry with { Order = (outlets.Add(OutletOf(e.Entry)) ? "0" : "1") + e.Rank }).ToList();
        // The row key's order (place, then the id's fixed-width hex) without formatting an id per comparison.
        placed.Sort((a, b) => string.CompareOrdinal(a.Order, b.Order) is var byPlace and not 0 ? byPlace : a.Id.CompareTo(b.Id));
        return placed;
    }

    /// <summary>
    /// The key of the member in newest-first order (story feeds): inverted publication ticks, undated last. It
    /// depends on the member alone, so it changes only when its date does.
    /// </summary>
    public static string RecentKey(StoryMemberEntry entry) =>
        (entry.PublishedDateTime is { } published ? DateTimeOffset.MaxValue.UtcTicks - published.UtcTicks : Undated)
            .ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Ingested first, then quality (highest first), then publication (earliest first, undated last).</summary>
    private static string RankOf(StoryMemberEntry entry)
    {
        var ingested = entry.Record is null ? '1' : '0';
        var quality = Math.Clamp(entry.Record?.Member.Quality ?? 0, 0, 999);
        var ticks = entry.PublishedDateTime?.UtcTicks ?? Undated;
        return string.Create(CultureInfo.InvariantCulture, $"{ingested}{999 - quality:D3}{ticks:D19}");
    }

    private static string OutletOf(StoryMemberEntry entry) => entry.Outlet ?? StoryIds.Format(entry.Id);
}
