namespace Serverless.Domain.Scoring;

/// <summary>
/// How much one file's related list may say about its story's coverage (README "Heat", <em>Trust</em>). Every
/// ingested article counts fully and its outlet once. An entry known only from related lists counts
/// <see cref="HeatOptions.CitationWeight"/> of an article, and fully once ingested articles of two or more distinct
/// outlets cite it (corroborated); likewise an outlet named only by related entries. Of the uncorroborated entries and
/// outlets, one file adds at most <see cref="HeatOptions.MaxCitationsPerFile"/> of each, however long its list.
/// Shared by the ingest's provisional score and the run's (<see cref="StoryCoverageCount"/>), so both say the same.
/// </summary>
public static class CoverageRules
{
    /// <summary>One ingested article of a story: its outlet (0: none known) and what its related list names.</summary>
    public readonly record struct Citer(ulong Outlet, UInt128 Id, IReadOnlyList<UInt128> Related, IReadOnlyList<ulong> RelatedOutlets);

    /// <summary>The counted articles and outlets of a story made of <paramref name="citers"/> and the related-only entries <paramref name="inStory"/> admits.</summary>
    public static (double Articles, double Outlets) Count(IReadOnlyList<Citer> citers, Func<UInt128, bool> inStory, HeatOptions options)
    {
        var ingested = new HashSet<UInt128>(citers.Select(c => c.Id));
        var outlets = new HashSet<ulong>(citers.Select(c => c.Outlet).Where(o => o != 0));
        var entries = Tally(citers, c => c.Related.Where(r => !ingested.Contains(r) && inStory(r)));
        var relatedOutlets = Tally(citers, c => c.RelatedOutlets.Where(o => o != 0 && !outlets.Contains(o)));
        return (
            ingested.Count + Counted(entries, options),
            Math.Max(1, outlets.Count + Counted(relatedOutlets, options)));
    }

    /// <summary>Who cites each key: the first citing outlet (a file without an outlet stands for itself), and whether another outlet cites it too.</summary>
    private static Dictionary<T, (UInt128 First, bool Corroborated)> Tally<T>(IReadOnlyList<Citer> citers, Func<Citer, IEnumerable<T>> keys)
        where T : notnull
    {
        var tally = new Dictionary<T, (UInt128 First, bool Corroborated)>();
        foreach (var citer in citers)
        {
            UInt128 by = citer.Outlet != 0 ? citer.Outlet : citer.Id;
            foreach (var key in keys(citer))
            {
                tally[key] = tally.TryGetValue(key, out var seen) ? (seen.First, seen.Corroborated || seen.First != by) : (by, false);
            }
        }

        return tally;
    }

    private static double Counted<T>(Dictionary<T, (UInt128 First, bool Corroborated)> tally, HeatOptions options)
        where T : notnull
    {
        // Each uncorroborated key is credited to its one citing outlet, and each outlet is credited at most
        // MaxCitationsPerFile: a long invented list adds no more than a short honest one.
        var corroborated = 0;
        var counted = 0;
        Dictionary<UInt128, int>? credited = null;
        foreach (var (_, (by, isCorroborated)) in tally)
        {
            if (isCorroborated)
            {
                corroborated++;
                continue;
            }

            credited ??= [];
            var so = credited.GetValueOrDefault(by);
            if (so < options.MaxCitationsPerFile)
            {
                credited[by] = so + 1;
                counted++;
            }
        }

        return corroborated + (options.CitationWeight * counted);
    }
}
