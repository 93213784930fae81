namespace Serverless.Domain.Scoring;

/// <summary>
/// Union-find over 128-bit ids (article and related-URL ids): each id gets a node, numbered in the order first seen,
/// and nodes that are the same story share a representative. The representative of a set is always its
/// lowest-numbered node, the id seen first, whatever order the unions come in: a set's representative moves only
/// when it joins a set that holds an earlier node.
/// </summary>
internal sealed class DisjointSets
{
    private readonly Dictionary<UInt128, int> _nodes = [];
    private readonly List<int> _parent = [];
    private readonly List<UInt128> _ids = [];

    /// <summary>The number of distinct ids seen.</summary>
    public int Count => _parent.Count;

    /// <summary>The node of an id, a new set of its own when the id is new.</summary>
    public int Node(UInt128 id)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            node = _parent.Count;
            _nodes[id] = node;
            _parent.Add(node);
            _ids.Add(id);
        }

        return node;
    }

    /// <summary>The id a node was made for.</summary>
    public UInt128 IdOf(int node) => _ids[node];

    /// <summary>The node of an id seen before; false when it is new.</summary>
    public bool TryGetNode(UInt128 id, out int node) => _nodes.TryGetValue(id, out node);

    /// <summary>The representative of the node's set (halving the path on the way, so later finds are short).</summary>
    public int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }

        return node;
    }

    /// <summary>Joins the sets of two nodes under the lower-numbered representative.</summary>
    public void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA != rootB)
        {
            _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }

    public bool Same(int a, int b) => Find(a) == Find(b);
}
