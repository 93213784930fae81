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
            ingested.Count + Counted(entries, citers, options),
            Math.Max(1, outlets.Count + Counted(relatedOutlets, citers, options)));
    }

    /// <summary>Who cites each key: the distinct outlets of the citing files (a file without an outlet stands for itself).</summary>
    private static Dictionary<T, HashSet<UInt128>> Tally<T>(IReadOnlyList<Citer> citers, Func<Citer, IEnumerable<T>> keys)
        where T : notnull
    {
        var tally = new Dictionary<T, HashSet<UInt128>>();
        foreach (var citer in citers)
        {
            foreach (var key in keys(citer))
            {
                if (!tally.TryGetValue(key, out var by))
                {
                    tally[key] = by = [];
                }

                by.Add(citer.Outlet != 0 ? citer.Outlet : citer.Id);
            }
        }

        return tally;
    }

    private static double Counted<T>(Dictionary<T, HashSet<UInt128>> tally, IReadOnlyList<Citer> citers, HeatOptions options)
        where T : notnull
    {
        var corroborated = tally.Count(t => t.Value.Count >= 2);

        // Each uncorroborated entry is credited to one citing outlet, in the order the keys were first met, and each
        // outlet is credited at most MaxCitationsPerFile: a long invented list adds no more than a short honest one.
        var credited = new Dictionary<UInt128, int>();
        var counted = 0;
        foreach (var (_, by) in tally.Where(t => t.Value.Count < 2))
        {
            var citer = by.First();
            if (credited.GetValueOrDefault(citer) < options.MaxCitationsPerFile)
            {
                credited[citer] = credited.GetValueOrDefault(citer) + 1;
                counted++;
            }
        }

        return corroborated + (options.CitationWeight * counted);
    }
}
