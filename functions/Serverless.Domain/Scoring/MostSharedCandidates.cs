namespace Serverless.Domain.Scoring;

/// <summary>The cut of a candidate search to the candidates sharing the most rare words with the article.</summary>
internal static class MostSharedCandidates
{
    /// <summary>
    /// Keeps the <paramref name="limit"/> candidates with the most <paramref name="hits"/> (each at most
    /// <paramref name="maxHits"/>), most first; among equals the order found (rarer words first) decides. A count per
    /// hit number finds the cut without sorting hundreds of candidates.
    /// </summary>
    public static void Keep(List<int> candidates, int[] hits, int limit, int maxHits)
    {
        Span<int> perHits = stackalloc int[maxHits + 1];
        foreach (var candidate in candidates)
        {
            perHits[hits[candidate]]++;
        }

        var cut = perHits.Length - 1;
        for (var taken = perHits[cut]; taken < limit && cut > 0; taken += perHits[cut])
        {
            cut--;
        }

        // Those above the cut (fewer than the limit) in hit order, insertion-sorted so equals keep their order; then
        // those at the cut, in the order found, up to the limit.
        var kept = new List<int>(limit);
        var atCut = limit - candidates.Count(c => hits[c] > cut);
        foreach (var candidate in candidates)
        {
            var h = hits[candidate];
            if (h > cut)
            {
                var at = kept.Count;
                while (at > 0 && hits[kept[at - 1]] < h)
                {
                    at--;
                }

                kept.Insert(at, candidate);
            }
        }

        foreach (var candidate in candidates)
        {
            if (atCut > 0 && hits[candidate] == cut)
            {
                kept.Add(candidate);
                atCut--;
            }
        }

        candidates.Clear();
        candidates.AddRange(kept);
    }
}
