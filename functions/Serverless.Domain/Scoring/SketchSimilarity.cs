namespace Serverless.Domain.Scoring;

/// <summary>
/// IDF-weighted Jaccard similarity of two members' sketches: shared words count by how rare they are, so "Hollywood"
/// outweighs "company". Each sketch's total weight is computed once, so a comparison looks up only the shared words.
/// </summary>
internal sealed class SketchSimilarity
{
    private readonly IReadOnlyList<StoryMember> _members;
    private readonly WordWeights _weights;
    private readonly double[] _totals;

    public SketchSimilarity(IReadOnlyList<StoryMember> members, WordWeights weights)
    {
        _members = members;
        _weights = weights;
        _totals = new double[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            _totals[i] = weights.Total(members[i].Sketch);
        }
    }

    /// <summary>The similarity of members <paramref name="a"/> and <paramref name="b"/>, from 0 to 1.</summary>
    public double Between(int a, int b) => Of(_members[a].Sketch, _totals[a], _members[b].Sketch, _totals[b], _weights);

    /// <summary>
    /// The similarity of two sorted sketches with their total weights: the shared words' weight over the union's,
    /// which is both totals less the shared words' weight. 0 when either is empty.
    /// </summary>
    public static double Of(uint[] a, double totalA, uint[] b, double totalB, WordWeights weights)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        double shared = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (b[j] < a[i])
            {
                j++;
            }
            else
            {
                shared += weights[a[i]];
                i++;
                j++;
            }
        }

        var union = totalA + totalB - shared;
        return union <= 0 ? 0 : shared / union;
    }
}
