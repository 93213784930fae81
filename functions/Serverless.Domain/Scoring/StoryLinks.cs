namespace Serverless.Domain.Scoring;

/// <summary>
/// Who cites whom among the articles of one clustering, and the evidence that two stories are one: the bookkeeping
/// behind "joining is not bridging" (<see cref="StoryClusterer"/>). An article that could join several stories joins
/// one and records the others here, with its outlet; two stories merge only when articles of two or more distinct
/// outlets linked them (<see cref="HeatOptions"/>-independent: one outlet, however many files, is one voice).
/// </summary>
internal sealed class StoryLinks
{
    private readonly Dictionary<UInt128, List<int>> _citedBy = [];
    private readonly List<(int NodeA, int NodeB, ulong Outlet)> _bridges = [];

    /// <summary>Records that member <paramref name="member"/> names <paramref name="related"/> in its related list.</summary>
    public void Cite(int member, IEnumerable<UInt128> related)
    {
        foreach (var id in related)
        {
            if (!_citedBy.TryGetValue(id, out var citers))
            {
                _citedBy[id] = citers = [];
            }

            citers.Add(member);
        }
    }

    /// <summary>The members that name <paramref name="id"/> in their related lists.</summary>
    public IReadOnlyList<int> CitersOf(UInt128 id) => _citedBy.TryGetValue(id, out var citers) ? citers : [];

    /// <summary>An article of <paramref name="outlet"/> linked the stories of two nodes but joined only one of them.</summary>
    public void Bridge(int nodeA, int nodeB, ulong outlet)
    {
        if (outlet != 0)
        {
            _bridges.Add((nodeA, nodeB, outlet));
        }
    }

    /// <summary>The pairs of nodes whose stories articles of at least two distinct outlets linked, as the sets stand now.</summary>
    public IEnumerable<(int NodeA, int NodeB)> Corroborated(DisjointSets sets) =>
        _bridges
            .Select(b => (A: sets.Find(b.NodeA), B: sets.Find(b.NodeB), b.Outlet))
            .Where(b => b.A != b.B)
            .GroupBy(b => (Math.Min(b.A, b.B), Math.Max(b.A, b.B)))
            .Where(g => g.Select(b => b.Outlet).Distinct().Count() >= 2)
            .OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2)
            .Select(g => g.Key);
}
