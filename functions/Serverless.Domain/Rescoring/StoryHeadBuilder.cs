using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// A story's head from its members as placed (<see cref="StoryMemberOrder"/>): the counts, the first reporter, the
/// timeline, the lead and three other outlets' headlines, the topics, the hottest member, and the topic lists the story
/// is in with its rank in each. Everything a story list or the top of a story page shows, so neither reads members.
/// </summary>
public static class StoryHeadBuilder
{
    /// <summary>Headlines of other outlets shown under the lead.</summary>
    public const int OtherOutlets = 3;

    public static StoryHead Build(string storyId, int outlets, long began, IReadOnlyList<StoryMemberEntry> placed, HeatScorer scorer)
    {
        var dated = placed.Where(e => e.PublishedDateTime is not null).OrderBy(e => e.PublishedDateTime).ThenBy(e => e.Id).ToList();
        var first = FirstReport(dated);
        var lead = placed.FirstOrDefault(e => e.Record is not null);
        var others = placed
            .Where(e => e.Order.StartsWith('0') && e != lead && e.Title is not null && !string.Equals(e.Outlet, lead?.Outlet, StringComparison.OrdinalIgnoreCase))
            .Take(OtherOutlets)
            .Select(Headline);
        var scored = placed.Where(e => e.Record?.Score is not null).Select(e => (Entry: e, Score: e.Record!.Score!, Rank: scorer.RankOf(e.Record.Score!.BaseHeat, e.Record.RowMoment))).ToList();
        var hottest = scored.Count > 0 ? scored.MaxBy(s => s.Rank) : default;
        var listed = scored.Where(s => s.Score.Published)
            .SelectMany(s => s.Score.TopicIds.Select(topic => (Topic: topic, s.Rank)))
            .GroupBy(t => t.Topic, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}={HeatScorer.RankKey(g.Max(t => t.Rank))}");
        var topics = placed.Select(e => e.Record).OfType<ScoringRecord>()
            .SelectMany(r => r.Score?.TopicIds ?? r.Topics)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return new StoryHead(
            storyId,
            placed.Count,
            placed.Count(e => e.Record is not null),
            outlets,
            began,
            first is null ? null : first.Record?.Id ?? first.Url ?? StoryIds.Format(first.Id),
            first?.PublishedDateTime,
            StoryTimeline.Of(dated.Select(e => e.PublishedDateTime!.Value)),
            null,
            false)
        {
            // A citation's outlet is who publishes its URL: the citing file wrote its provider name.
            FirstReportedOutlet = first is { Record: null } ? first.Outlet : first?.ProviderName ?? first?.ProviderDomain,
            FirstReportedByCitation = first is { Record: null },
            Lead = lead is null ? null : Headline(lead),
            Others = StoryHeadline.Format(others),
            Topics = string.Join(' ', topics),
            HottestBaseHeat = hottest.Entry is null ? 0 : hottest.Score.BaseHeat,
            HottestPublished = hottest.Entry?.Record!.RowMoment,
            Listed = string.Join(' ', listed),
        };
    }

    /// <summary>The topic lists of a head and its rank key in each.</summary>
    public static IEnumerable<(string Topic, string RankKey)> ListingsOf(StoryHead? head) =>
        (head?.Listed ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (parts[0], parts[1]));

    /// <summary>
    /// The earliest member by evidence: an ingested article by its own date, or an entry known only from related lists
    /// by the date its citers give it, but only against ingested articles no earlier than the earliest file citing it.
    /// A file cannot make any outlet the first reporter of a story by citing it with an old date.
    /// </summary>
    private static StoryMemberEntry? FirstReport(List<StoryMemberEntry> dated)
    {
        var earliestArticle = dated.FirstOrDefault(e => e.Record is not null)?.PublishedDateTime;
        var citedFrom = new Dictionary<UInt128, DateTimeOffset>();
        foreach (var citer in dated.Where(e => e.Record is not null))
        {
            foreach (var id in citer.Record!.RelatedIds)
            {
                if (!citedFrom.TryGetValue(id, out var at) || citer.PublishedDateTime < at)
                {
                    citedFrom[id] = citer.PublishedDateTime!.Value;
                }
            }
        }

        return dated.FirstOrDefault(e => e.Record is not null || earliestArticle is null || (citedFrom.TryGetValue(e.Id, out var from) && from <= earliestArticle));
    }

    private static StoryHeadline Headline(StoryMemberEntry e) =>
        new(e.Record?.Id ?? StoryIds.Format(e.Id), e.Title, e.Url, e.ProviderName ?? e.ProviderDomain, e.ImageUrl, e.PublishedDateTime);
}
