using System.Globalization;

namespace Serverless.Domain.Scoring;

/// <summary>
/// How a story grew: its members per hour over its first 48 hours, then per day, from the hour of its first member.
/// Held as text, <c>h{hour}:{count}</c> and <c>d{day}:{count}</c> separated by spaces, empty buckets left out (day 2
/// is the first after the 48 hours).
/// </summary>
public static class StoryTimeline
{
    public static string Of(IEnumerable<DateTimeOffset> published)
    {
        var dates = published.Select(p => p.UtcDateTime).Order().ToList();
        if (dates.Count == 0)
        {
            return string.Empty;
        }

        var start = new DateTime(dates[0].Year, dates[0].Month, dates[0].Day, dates[0].Hour, 0, 0, DateTimeKind.Utc);
        var buckets = new SortedDictionary<(int Daily, int At), int>();
        foreach (var date in dates)
        {
            var hours = (int)Math.Floor((date - start).TotalHours);
            var key = hours < 48 ? (0, hours) : (1, hours / 24);
            buckets[key] = buckets.GetValueOrDefault(key) + 1;
        }

        return string.Join(' ', buckets.Select(b => string.Create(CultureInfo.InvariantCulture, $"{(b.Key.Daily == 0 ? 'h' : 'd')}{b.Key.At}:{b.Value}")));
    }

    /// <summary>The buckets of a timeline held as text, the story's first member having been published at <paramref name="first"/>.</summary>
    public static IReadOnlyList<StoryTimelineBucket> Buckets(string? text, DateTimeOffset first)
    {
        var utc = first.UtcDateTime;
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        var buckets = new List<StoryTimelineBucket>();
        foreach (var part in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (kind, at, count) = (part[0], part[1..part.IndexOf(':')], part[(part.IndexOf(':') + 1)..]);
            var offset = int.Parse(at, CultureInfo.InvariantCulture);
            var hours = kind == 'h' ? 1 : 24;
            buckets.Add(new StoryTimelineBucket(start.AddHours(offset * hours), hours, int.Parse(count, CultureInfo.InvariantCulture)));
        }

        return buckets;
    }
}
